"""Tests of the course theme (coursekit.charts.theme)."""

from __future__ import annotations

import altair as alt
import pytest

from coursekit.charts import theme

try:
    from coursebook import renderer
except ImportError:  # make test-lower's venv holds coursekit alone (its declared lower bounds)
    renderer = None
needs_coursebook = pytest.mark.skipif(renderer is None, reason="coursebook is not installed")


def test_theme_is_registered_and_enabled_on_import():
    assert theme.THEME_NAME in alt.theme.names()
    assert alt.theme.active == theme.THEME_NAME


def test_palette_is_okabe_ito_and_used_by_theme():
    """Okabe & Ito (2008), 'Color Universal Design': eight colour-blind-safe colours."""
    assert theme.COURSE_PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert len(set(theme.COURSE_PALETTE)) == 8
    assert theme.course_theme()["config"]["range"]["category"] == theme.COURSE_PALETTE


def test_register_theme_enables_it_and_refuses_text_for_the_flag():
    """register_theme(False) registers without enabling; 'no' is truthy text, refused."""
    try:
        alt.theme.enable("default")
        theme.register_theme(enable=False)
        assert theme.THEME_NAME in alt.theme.names() and alt.theme.active == "default"
        theme.register_theme()
        assert alt.theme.active == theme.THEME_NAME
        with pytest.raises(TypeError, match="'enable' must be True or False"):
            theme.register_theme("no")
    finally:
        theme.register_theme()

"""Tests of the course theme, the offline renderer and the timeline chart."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

import coursekit as ck
from coursekit import charts


def _spec() -> dict:
    df = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    chart = alt.Chart(df, description="Two points rising").mark_point().encode(x="x", y="y")
    return chart.to_dict()


def test_theme_is_registered_and_enabled_on_import():
    assert charts.THEME_NAME in alt.theme.names()
    assert alt.theme.active == charts.THEME_NAME


def test_palette_is_okabe_ito_and_used_by_theme():
    """Okabe & Ito (2008), 'Color Universal Design': eight colour-blind-safe colours."""
    assert ck.COURSE_PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert len(set(ck.COURSE_PALETTE)) == 8
    assert ck.course_theme()["config"]["range"]["category"] == ck.COURSE_PALETTE


def test_offline_renderer_emits_local_embed_with_accessible_description():
    bundle = charts.offline_renderer(_spec())
    markup = bundle["text/html"]
    assert 'aria-label="Two points rising"' in markup
    assert "window.vegaEmbed" in markup
    assert not re.search(r"https?://(?!vega\.github\.io/schema)", markup), "no remote URLs"
    assert "<script src" not in markup
    spec_json = re.search(r"var spec = (\{.*?\});\n", markup, re.S).group(1)
    assert json.loads(spec_json.replace("<\\/", "</"))["description"] == "Two points rising"


def test_offline_renderer_is_deterministic_apart_from_the_counter():
    a = charts.offline_renderer(_spec())["text/html"]
    b = charts.offline_renderer(_spec())["text/html"]
    strip = lambda s: re.sub(r"ck-chart-(\w+)-\d+", r"ck-chart-\1", s)  # noqa: E731
    assert a != b and strip(a) == strip(b)


def test_script_end_tag_in_data_cannot_break_out():
    df = pd.DataFrame({"label": ["</script><b>x</b>"], "v": [1]})
    spec = alt.Chart(df, description="d").mark_bar().encode(x="v", y="label").to_dict()
    markup = charts.offline_renderer(spec)["text/html"]
    assert markup.count("</script>") == 1


def test_enable_offline_switches_renderer():
    previous = alt.renderers.active
    try:
        ck.enable_offline()
        assert alt.renderers.active == charts.RENDERER_NAME
    finally:
        alt.renderers.enable(previous)


def test_vega_bundle_matches_altair_version():
    name = ck.vega_bundle_filename()
    assert alt.SCHEMA_VERSION in name
    source = ck.vega_bundle_source()
    assert "window.vegaEmbed" in source and len(source) > 100_000
    assert "https://cdn" not in source


def test_timeline_chart_from_references():
    refs = ck.load_references()
    spec = ck.timeline_chart(refs).to_dict()
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["x"]["field"] == "year"
    assert "Timeline of the" in spec["description"]
    assert spec["width"] == "container"


def test_timeline_chart_rejects_bad_input():
    with pytest.raises(TypeError, match="'references' must be a pandas DataFrame"):
        ck.timeline_chart([1, 2])
    with pytest.raises(ValueError, match="missing column"):
        ck.timeline_chart(pd.DataFrame({"year": [2000]}))

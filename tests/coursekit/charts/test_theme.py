"""Tests of the course theme, the offline renderer (coursebook.renderer) and the timeline chart."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

import coursekit as ck
from coursekit.charts import theme

try:
    from coursebook import renderer
except ImportError:  # make test-lower's venv holds coursekit alone (its declared lower bounds)
    renderer = None
needs_coursebook = pytest.mark.skipif(renderer is None, reason="coursebook is not installed")


def _spec() -> dict:
    df = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    chart = alt.Chart(df, description="Two points rising").mark_point().encode(x="x", y="y")
    return chart.to_dict()


def test_theme_is_registered_and_enabled_on_import():
    assert theme.THEME_NAME in alt.theme.names()
    assert alt.theme.active == theme.THEME_NAME


def test_palette_is_okabe_ito_and_used_by_theme():
    """Okabe & Ito (2008), 'Color Universal Design': eight colour-blind-safe colours."""
    assert theme.COURSE_PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert len(set(theme.COURSE_PALETTE)) == 8
    assert theme.course_theme()["config"]["range"]["category"] == theme.COURSE_PALETTE


@needs_coursebook
def test_offline_renderer_emits_local_embed_with_accessible_description():
    """A box that shows the description until the chart loader draws it, and the spec as
    inert JSON (no script runs, nothing remote)."""
    bundle = renderer.offline_renderer(_spec())
    markup = bundle["text/html"]
    assert 'aria-label="Two points rising"' in markup
    assert '<p class="coursekit-chart-description">Two points rising</p>' in markup
    assert not re.search(r"https?://(?!vega\.github\.io/schema)", markup), "no remote URLs"
    assert "<script src" not in markup and "<script>" not in markup
    chart_id, spec_json = re.search(
        r'<script type="application/json" id="([^"]+)-spec" class="coursekit-chart-spec">'
        r"(.*?)</script>", markup, re.S).groups()
    assert f'<div id="{chart_id}" class="coursekit-chart"' in markup
    assert json.loads(spec_json)["description"] == "Two points rising"


@needs_coursebook
def test_offline_renderer_reserves_the_charts_drawn_height():
    """The box keeps the height the chart will have when drawn (autosize fit-x: title, axes
    and a seven-entry legend add to the plot's 160 px), measured by drawing it to SVG."""
    import vl_convert as vlc

    df = pd.DataFrame({"x": range(7), "y": range(7), "g": list("abcdefg")})
    chart = alt.Chart(df, description="Seven groups").mark_point().encode(
        x="x", y="y", color="g:N").properties(title=["A title", "on two lines"], height=160,
                                              width="container")
    spec = chart.to_dict()
    svg = vlc.vegalite_to_svg(json.dumps({**spec, "width": 342, "config": {
        **spec.get("config", {}), "font": renderer.MEASURE_FONT}}))
    drawn = round(float(re.search(r'<svg[^>]*?\sheight="([0-9.]+)"', svg).group(1)))
    assert drawn > 160 + 7 * 12
    assert renderer.reserved_height(spec) == drawn
    assert f'style="--ck-height:{drawn}px;min-height:{drawn}px"' in renderer.offline_renderer(
        spec)["text/html"]
    # not a chart vl-convert can draw: the spec's own height, or nothing
    assert renderer.reserved_height({"height": 240}) == 240
    assert renderer.reserved_height({"vconcat": []}) is None


@needs_coursebook
def test_offline_renderer_is_deterministic_apart_from_the_counter():
    a = renderer.offline_renderer(_spec())["text/html"]
    b = renderer.offline_renderer(_spec())["text/html"]
    strip = lambda s: re.sub(r"ck-chart-(\w+)-\d+", r"ck-chart-\1", s)  # noqa: E731
    assert a != b and strip(a) == strip(b)


@needs_coursebook
def test_script_end_tag_in_data_cannot_break_out():
    df = pd.DataFrame({"label": ["</script><b>x</b>"], "v": [1]})
    spec = alt.Chart(df, description="d").mark_bar().encode(x="v", y="label").to_dict()
    markup = renderer.offline_renderer(spec)["text/html"]
    assert markup.count("</script>") == 1


@needs_coursebook
def test_enable_offline_switches_renderer():
    previous = alt.renderers.active
    try:
        renderer.enable_offline()
        assert alt.renderers.active == renderer.RENDERER_NAME
    finally:
        alt.renderers.enable(previous)


@needs_coursebook
def test_vega_bundle_matches_altair_version():
    name = renderer.vega_bundle_filename()
    assert alt.SCHEMA_VERSION in name
    source = renderer.vega_bundle_source()
    assert "window.vegaEmbed" in source and len(source) > 100_000
    assert "https://cdn" not in source


def test_timeline_chart_from_references():
    refs = ck.load_references()
    spec = ck.charts.timeline_chart(refs).to_dict()
    assert spec["mark"]["type"] == "circle"
    assert spec["encoding"]["x"]["field"] == "year"
    assert "Timeline of the" in spec["description"]
    assert spec["width"] == "container"


def test_timeline_chart_rejects_bad_input():
    with pytest.raises(TypeError, match="'references' must be a pandas DataFrame"):
        ck.charts.timeline_chart([1, 2])
    with pytest.raises(ValueError, match="missing column"):
        ck.charts.timeline_chart(pd.DataFrame({"year": [2000]}))


@needs_coursebook
def test_description_cannot_close_the_script_element():
    """A chart description with </script> or <!-- stays inside the embed script (issue 11)."""
    evil = "</script><script>alert(1)</script><!--"
    df = pd.DataFrame({"x": [1], "y": [2]})
    spec = alt.Chart(df, description=evil).mark_point().encode(x="x", y="y").to_dict()
    markup = renderer.offline_renderer(spec)["text/html"]
    from html.parser import HTMLParser

    class Count(HTMLParser):
        scripts = 0

        def handle_starttag(self, tag, attrs):
            Count.scripts += tag == "script"

    Count().feed(markup)
    assert Count.scripts == 1 and markup.count("</script>") == 1
    assert "<!--" not in markup.split("<script", 1)[1]  # no "script data escaped" state


def test_import_coursekit_does_not_load_the_book_plumbing():
    import subprocess
    import sys

    code = ("import sys, coursekit; bad = [m for m in sys.modules if m.startswith("
            "('coursebook', 'coursekit.grading', 'sphinx', 'vl_convert'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"}).stdout.strip()
    assert out == "[]", out

"""Tests for coursebook.renderer: the offline Altair renderer of the book's kernels."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

import coursekit.charts  # noqa: F401  (the course theme, which the book's charts are drawn with)
from coursebook import renderer


def _spec() -> dict:
    df = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    chart = alt.Chart(df, description="Two points rising").mark_point().encode(x="x", y="y")
    return chart.to_dict()


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


def test_offline_renderer_is_deterministic_apart_from_the_counter():
    a = renderer.offline_renderer(_spec())["text/html"]
    b = renderer.offline_renderer(_spec())["text/html"]
    strip = lambda s: re.sub(r"ck-chart-(\w+)-\d+", r"ck-chart-\1", s)  # noqa: E731
    assert a != b and strip(a) == strip(b)


def test_script_end_tag_in_data_cannot_break_out():
    df = pd.DataFrame({"label": ["</script><b>x</b>"], "v": [1]})
    spec = alt.Chart(df, description="d").mark_bar().encode(x="v", y="label").to_dict()
    markup = renderer.offline_renderer(spec)["text/html"]
    assert markup.count("</script>") == 1


def test_enable_offline_switches_renderer():
    previous = alt.renderers.active
    try:
        renderer.enable_offline()
        assert alt.renderers.active == renderer.RENDERER_NAME
    finally:
        alt.renderers.enable(previous)


def test_vega_bundle_matches_altair_version():
    name = renderer.vega_bundle_filename()
    assert alt.SCHEMA_VERSION in name
    source = renderer.vega_bundle_source()
    assert "window.vegaEmbed" in source and len(source) > 100_000
    assert "https://cdn" not in source


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

"""coursebook.charttext: a chart's text found and translated, its numbers and data untouched."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from coursebook import charttext

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "description": "Timeline of the 174 works from 1920 to 2026",
    "title": {"text": "The works", "subtitle": ["One dot per work"]},
    "data": {"name": "data-1"},
    "datasets": {"data-1": [
        {"wave": "Second", "year": 1983, "label": "Scott (1983)", "side": "left"},
        {"wave": "Third", "year": 1991, "label": "Krugman (1991)", "side": "right"},
    ]},
    "mark": {"type": "circle", "size": 90},
    "encoding": {
        "x": {"field": "year", "type": "quantitative", "title": "Year"},
        "color": {"field": "wave", "type": "nominal", "sort": ["Second", "Third"],
                  "scale": {"domain": ["Second", "Third"], "range": ["#000", "#fff"]}},
        "shape": {"field": "side", "type": "nominal", "title": "Side"},
        "tooltip": [{"field": "label", "type": "nominal", "title": "Work"}],
    },
    "transform": [{"filter": "datum.side === 'right' || datum.year > 1900"}],
    "params": [{"name": "T", "bind": {"input": "range", "name": "Cost 2 "}}],
}
ZH = {"Timeline of the {0} works from {1} to {2}": "{1}—{2} 年的 {0} 部著作",
      "The works": "著作", "One dot per work": "每点一部著作", "Second": "第二次",
      "Third": "第三次", "Year": "年份", "Side": "侧", "Work": "著作", "wave": "浪潮",
      "Cost {0} ": "成本 {0} "}


def test_messages_are_the_visible_strings_with_numbers_as_placeholders():
    messages = charttext.chart_messages(SPEC)
    assert set(messages) == set(ZH)
    # not messages: data that only shows in a tooltip (citations stay as they are), a field
    # compared in an expression ('side'), colours, types, names
    assert "Scott (1983)" not in messages and "left" not in messages


def test_translation_changes_strings_only():
    new, missing = charttext.translate_spec(SPEC, ZH.get)
    assert missing == []
    assert charttext.strip_text(new) == charttext.strip_text(SPEC)  # numbers, structure
    assert new["description"] == "1920—2026 年的 174 部著作"
    assert [r["wave"] for r in new["datasets"]["data-1"]] == ["第二次", "第三次"]
    assert new["encoding"]["color"]["sort"] == new["encoding"]["color"]["scale"]["domain"]
    assert new["encoding"]["color"]["title"] == "浪潮"  # Vega-Lite showed the field's name
    assert [r["side"] for r in new["datasets"]["data-1"]] == ["left", "right"]  # in a filter
    assert [r["label"] for r in new["datasets"]["data-1"]] == ["Scott (1983)", "Krugman (1991)"]
    assert new["params"][0]["bind"]["name"] == "成本 2 "
    assert SPEC["title"]["text"] == "The works"  # the input is not modified


def test_missing_translations_are_reported_and_kept_english():
    new, missing = charttext.translate_spec(SPEC, {"Year": "年份"}.get)
    assert "The works" in missing and "Year" not in missing
    assert new["title"]["text"] == "The works" and new["encoding"]["x"]["title"] == "年份"


def test_layers_and_concatenations_are_visited():
    spec = {"vconcat": [{"layer": [{"mark": "line", "title": "Left 1",
                                    "encoding": {"y": {"field": "v", "type": "quantitative",
                                                       "axis": {"title": "Value"}}}}]}]}
    assert set(charttext.chart_messages(spec)) == {"Left {0}", "Value"}


@given(st.text(alphabet="ab 12.,%(){}", max_size=30))
def test_template_and_fill_give_back_the_text(text):
    message, numbers = charttext.template(text)
    assert charttext.fill(message, numbers) == text


def test_renderer_markup_is_translated_with_its_spec():
    from coursebook import i18n
    from coursebook.renderer import offline_renderer

    markup = offline_renderer(json.loads(json.dumps(SPEC)))["text/html"]
    body, missing = i18n.translate_charts(markup, ZH.get, "此图表需要 JavaScript：")
    assert missing == []
    assert 'aria-label="1920—2026 年的 174 部著作"' in body
    assert "<noscript>此图表需要 JavaScript： 1920—2026 年的 174 部著作</noscript>" in body
    spec = json.loads(body.split('class="coursekit-chart-spec">')[1].split("</script>")[0]
                      .replace("<\\/", "</"))
    assert charttext.strip_text(spec) == charttext.strip_text(SPEC)

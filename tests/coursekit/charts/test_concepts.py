"""Tests for coursekit.charts.concepts (the timeline of the literature and concept maps),
through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import pandas as pd
import pytest
from chartspecs import layer_rows as _rows
from chartspecs import spec_of as _spec

import coursekit as ck
from coursekit.charts import concept_map_chart


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


def test_concept_map_arrows_point_at_their_targets() -> None:
    """Arrow heads sit on the target box and point along the link on screen (90 degrees:
    right; 180: down)."""
    nodes = pd.DataFrame({"node": ["a", "b", "c"], "label": ["A", "B\nline", "C"],
                          "x": [0.2, 0.8, 0.2], "y": [0.8, 0.8, 0.2], "group": ["g", "g", "h"]})
    edges = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "label": ["x", "y"]})
    spec = _spec(concept_map_chart(nodes, edges, box=(0.2, 0.1), width=300, height=300))
    segs = _rows(spec, 0)
    right, down = segs
    assert right["angle"] == pytest.approx(90.0) and right["x2"] == pytest.approx(0.7)
    assert down["angle"] == pytest.approx(180.0) and down["y2"] == pytest.approx(0.25)
    assert "B line" in spec["description"] and "a to c" in spec["description"]
    with pytest.raises(ValueError, match="'edges' names node"):
        concept_map_chart(nodes, edges.assign(target=["b", "zz"]))
    with pytest.raises(ValueError, match="'nodes' has duplicate"):
        concept_map_chart(pd.concat([nodes, nodes]), edges)
    with pytest.raises(ValueError, match="'box'"):
        concept_map_chart(nodes, edges, box=(0.0, 0.1))


def test_fixed_width_charts_wrap_their_title_to_their_width() -> None:
    """A title wider than a fixed-width chart would run past its edge on a phone: the
    title is wrapped to about 8.8 px a character of the chart's width (320 px: 35)."""
    nodes = pd.DataFrame({"node": ["a", "b"], "label": ["A", "B"], "x": [0.2, 0.8],
                          "y": [0.5, 0.5]})
    edges = pd.DataFrame({"source": ["a"], "target": ["b"]})
    title = "How the strands of cluster research relate (a reconstruction)"
    spec = _spec(concept_map_chart(nodes, edges, title=title))
    lines = spec["title"]["text"]
    assert spec["width"] == 320 and len(lines) == 2
    assert all(len(line) <= 35 for line in lines) and " ".join(lines) == title

"""Tests for coursekit.charts.methods through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import warnings

import altair as alt
import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit.charts import (
    ca_biplot_chart,
    concept_map_chart,
    network_chart,
    shift_share_chart,
)

SMOKE = pd.DataFrame(
    [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
    index=["SM", "JM", "SE", "JE", "SC"], columns=["none", "light", "medium", "heavy"])
E0 = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
                  index=["A", "B", "C"], dtype=float)
E1 = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
                  index=["A", "B", "C"], dtype=float)


def _spec(chart: alt.TopLevelMixin) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return chart.to_dict()


def _rows(spec: dict, layer: int) -> list[dict]:
    name = spec["layer"][layer]["data"]["name"]
    return spec["datasets"][name]


def test_ca_biplot_spec() -> None:
    """Greenacre's smoke table: 5 rows and 4 columns on a square map with equal scales."""
    ca = ck.correspondence_analysis(SMOKE)
    spec = _spec(ca_biplot_chart(ca, row_title="Staff", column_title="Smoking", title="Smoke",
                                 source="Source: Greenacre (1984)"))
    assert spec["width"] == spec["height"] == 320  # fits a 390 px phone's 342 px column
    points = spec["layer"][2]
    assert points["mark"]["type"] == "point"
    xdom = points["encoding"]["x"]["scale"]["domain"]
    ydom = points["encoding"]["y"]["scale"]["domain"]
    assert xdom[1] - xdom[0] == pytest.approx(ydom[1] - ydom[0])
    assert points["encoding"]["x"]["title"] == "Dim 1 (87.8% of inertia)"
    rows = _rows(spec, 2)
    assert [r["kind"] for r in rows].count("Staff") == 5 and len(rows) == 9
    se = next(r for r in rows if r["label"] == "SE")
    assert abs(se["x"]) == pytest.approx(0.380595, abs=1e-6)  # principal coordinate
    assert "99.5% of the total inertia" in spec["description"]
    # a label goes where it has room: right of its point, or left of it near the right edge
    labels = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [(t["mark"]["align"], t["mark"]["dx"]) for t in labels] == [("left", 6), ("right", -6)]
    text_rows = _rows(spec, spec["layer"].index(labels[0]))
    sides = {r["label"]: r["side"] for r in text_rows}
    rightmost = max(text_rows, key=lambda r: r["x"])
    assert sides[rightmost["label"]] == "left" and sides["SE"] in ("left", "right")


def test_ca_biplot_maps_and_dims() -> None:
    """Row-principal maps show the columns in standard coordinates (R ca's Dim. rows: heavy
    1.074445 on axis 1); bad axes or maps are refused."""
    ca = ck.correspondence_analysis(SMOKE)
    rowp = _spec(ca_biplot_chart(ca, map="rowprincipal", dims=(1, 3)))
    heavy = next(r for r in _rows(rowp, 2) if r["label"] == "heavy")
    assert abs(heavy["x"]) == pytest.approx(1.074445, abs=1e-6)  # standard coordinate
    few = _rows(_spec(ca_biplot_chart(ca, labels="contributing")), 3)
    shown = {r["text"] for r in few if r["text"]}
    # above-average contributions (1/5 for rows, 1/4 for columns) to axis 1 or 2
    assert shown == {"SM", "JM", "SE", "JE", "none", "light", "heavy"}
    with pytest.raises(ValueError, match="'dims'"):
        ca_biplot_chart(ca, dims=(1, 1))
    with pytest.raises(ValueError, match="'dims'"):
        ca_biplot_chart(ca, dims=(1, 4))
    with pytest.raises(ValueError, match="'map'"):
        ca_biplot_chart(ca, map="asymmetric")
    with pytest.raises(ValueError, match="'dims'"):
        ca_biplot_chart(ck.correspondence_analysis([[1, 2], [3, 1]]))
    with pytest.raises(TypeError, match="'ca'"):
        ca_biplot_chart(SMOKE)


def test_shift_share_chart_spec() -> None:
    """REAT's Farhauer-Kroell example: stacked components per region, the actual change as
    a dot, regions sorted by it."""
    spec = _spec(shift_share_chart(ck.shift_share(E0, E1), title="Shift-share"))
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["stack"] == "zero"
    assert bars["encoding"]["y"]["sort"] == ["C", "B", "A"]  # by actual change
    rows = _rows(spec, 0)
    assert len(rows) == 9
    assert {r["component"] for r in rows} == {"National share", "Industry mix", "Regional share"}
    b_regional = next(r["value"] for r in rows if r["region"] == "B"
                      and r["component"] == "Regional share")
    assert b_regional == pytest.approx(32.0)
    dots = _rows(spec, 1)
    assert [d["value"] for d in dots] == [25.0, 55.0, 85.0]


def test_shift_share_chart_per_start_and_esteban() -> None:
    """Components as shares of the start (A: 27/180); Esteban-Marquillas parts with their
    sum (the regional share) as the dot."""
    spec = _spec(shift_share_chart(ck.shift_share(E0, E1), per_start=True))
    a = {r["component"]: r["value"] for r in _rows(spec, 0) if r["region"] == "A"}
    assert a["National share"] == pytest.approx(27 / 180)
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == ".0%"
    em = ck.esteban_marquillas(E0, E1)
    spec = _spec(shift_share_chart(em, parts=("competitive", "allocation")))
    dots = _rows(spec, 1)  # the sum of the parts shown: the regional share
    assert [d["value"] for d in dots] == pytest.approx(em["regional_share"].tolist())
    assert "sum of the parts shown" in spec["description"]
    nts = _spec(shift_share_chart(ck.shift_share(E0, E1), parts=("industry_mix",
                                                                  "regional_share")))
    assert [d["value"] for d in _rows(nts, 1)] == pytest.approx([-2.0, 31.0, -29.0])
    assert nts["layer"][0]["encoding"]["y"]["sort"] == ["B", "A", "C"]
    single = _spec(shift_share_chart(em, parts=("allocation",)))
    assert len(single["layer"]) == 2  # one part: bars and the zero rule, no dot
    with pytest.raises(ValueError, match="'parts'"):
        shift_share_chart(em, parts=("growth",))
    with pytest.raises(ValueError, match="one row per region"):
        shift_share_chart(ck.shift_share(E0, E1, by_industry=True))


def test_network_chart_spec() -> None:
    """One line per kept link, one dot per industry, the largest dots labelled, and the
    same seeded layout on every call."""
    A = pd.DataFrame([[0.15, 0.25, 0.0], [0.20, 0.05, 0.1], [0.02, 0.3, 0.1]],
                     index=list("pqr"), columns=list("pqr"))
    G = ck.io_network(A, threshold=0.05)
    com = ck.io_communities(A)
    cen = ck.io_centrality(A)
    spec = _spec(network_chart(G, groups=com.membership, sizes=cen["katz_authority"],
                               labels=pd.Series({"p": "P", "q": "Q", "r": "R"}), n_labels=1,
                               title="Network"))
    edges, nodes = _rows(spec, 0), _rows(spec, 1)
    assert len(edges) == G.number_of_edges() == 4 and len(nodes) == 3
    assert {n["label"] for n in nodes} == {"P", "Q", "R"}
    shown = [n["show"] for n in nodes if n["show"]]
    assert shown == [cen["katz_authority"].rename({"p": "P", "q": "Q", "r": "R"}).idxmax()]
    again = _spec(network_chart(G, groups=com.membership, sizes=cen["katz_authority"]))
    assert [n["x"] for n in _rows(again, 1)] == [n["x"] for n in nodes]  # seeded layout
    with pytest.raises(ValueError, match="'sizes'"):
        network_chart(G, sizes=pd.Series({"p": 1.0}))
    with pytest.raises(TypeError, match="'graph'"):
        network_chart(A)


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


def test_charts_have_descriptions_by_default() -> None:
    """Every chart has a screen-reader description written from the data by default."""
    ca = ck.correspondence_analysis(SMOKE)
    for chart in (ca_biplot_chart(ca), shift_share_chart(ck.shift_share(E0, E1))):
        assert _spec(chart)["description"]
    assert np.isfinite([r["x"] for r in _rows(_spec(ca_biplot_chart(ca)), 2)]).all()


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

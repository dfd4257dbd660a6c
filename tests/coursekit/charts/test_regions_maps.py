"""Tests for coursekit.charts.regions_maps (the correspondence-analysis map and the
technology network), through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from chartspecs import layer_rows as _rows
from chartspecs import spec_of as _spec

import coursekit as ck
from coursekit.charts import ca_biplot_chart, shift_share_chart

#: Greenacre's smoking table (staff groups x smoking habits).
SMOKE = pd.DataFrame(
    [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
    index=["SM", "JM", "SE", "JE", "SC"], columns=["none", "light", "medium", "heavy"])
E0 = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
                  index=["A", "B", "C"], dtype=float)
E1 = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
                  index=["A", "B", "C"], dtype=float)
NESTED = pd.DataFrame([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]],
                      index=pd.Index(list("ABCD"), name="country"),
                      columns=pd.Index(["w", "x", "y", "z"], name="field"))


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


def test_charts_have_descriptions_by_default() -> None:
    """Every chart has a screen-reader description written from the data by default."""
    ca = ck.correspondence_analysis(SMOKE)
    for chart in (ca_biplot_chart(ca), shift_share_chart(ck.shift_share(E0, E1))):
        assert _spec(chart)["description"]
    assert np.isfinite([r["x"] for r in _rows(_spec(ca_biplot_chart(ca)), 2)]).all()


def test_technology_network_chart_layers_and_layout_are_deterministic():
    graph = ck.proximity_network(ck.proximity(NESTED), n_extra=1)
    kwargs = {"groups": {"w": "g1", "x": "g1", "y": "g2", "z": "g2"},
              "highlight": NESTED.loc["C"] == 1, "labels": {"w": "W", "x": "X", "y": "Y", "z": "Z"}}
    spec = _spec(ck.charts.technology_network_chart(graph, title="Net", **kwargs))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "point", "text"]
    assert len(_rows(spec, 0)) == graph.number_of_edges() == 4
    nodes = _rows(spec, 1)
    assert {n["node"] for n in nodes} == {"w", "x", "y", "z"}
    assert {n["node"] for n in nodes if n["highlight"]} == {"w", "x"}
    assert "W, X" in spec["description"]
    again = _spec(ck.charts.technology_network_chart(graph, title="Net", **kwargs))
    assert _rows(again, 1) == nodes  # same seed, same picture


def test_technology_network_chart_still_takes_an_edge_table_for_one_release():
    """The edge table that proximity_network returned before 0.3 (rows in its order) draws
    the same picture as the graph, with a FutureWarning."""
    graph = ck.proximity_network(ck.proximity(NESTED), n_extra=1)
    table = nx.to_pandas_edgelist(graph).sort_values(["kind", "proximity"], ascending=False,
                                                      kind="stable")
    with pytest.warns(FutureWarning, match="takes the graph of ck.proximity_network; an edge "
                                           "table is deprecated and will be removed in coursekit"):
        old = _spec(ck.charts.technology_network_chart(table, title="Net"))
    assert _rows(old, 1) == _rows(_spec(ck.charts.technology_network_chart(graph, title="Net")), 1)
    with pytest.raises(TypeError, match="'graph' must be a networkx graph"):
        ck.charts.technology_network_chart([("a", "b")])


def test_technology_network_chart_needs_a_value_per_node():
    graph = ck.proximity_network(ck.proximity(NESTED), n_extra=0)
    with pytest.raises(ValueError, match="'groups'"):
        ck.charts.technology_network_chart(graph, groups={"w": "g"})

"""Tests for coursekit.charts.innovation through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import warnings

import altair as alt
import networkx as nx
import pandas as pd
import pytest

import coursekit as ck

NESTED = pd.DataFrame([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]],
                      index=pd.Index(list("ABCD"), name="country"),
                      columns=pd.Index(["w", "x", "y", "z"], name="field"))


def _spec(chart: alt.TopLevelMixin) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return chart.to_dict()


def _rows(spec: dict, layer: int) -> list[dict]:
    data = spec["layer"][layer].get("data", spec.get("data"))
    return spec["datasets"][data["name"]]


def test_network_chart_layers_and_layout_are_deterministic():
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


def test_network_chart_still_takes_an_edge_table_for_one_release():
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


def test_network_chart_needs_a_value_per_node():
    graph = ck.proximity_network(ck.proximity(NESTED), n_extra=0)
    with pytest.raises(ValueError, match="'groups'"):
        ck.charts.technology_network_chart(graph, groups={"w": "g"})


def test_density_entry_chart_spec():
    before = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]])
    after = pd.DataFrame([[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]])
    res = ck.relatedness_entry(before, after, ck.relatedness_density(before, ck.proximity(before)),
                               n_bins=2)
    spec = _spec(ck.charts.density_entry_chart(res.by_bin, source="Source: test"))
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][1]["mark"]["type"] == "rule"
    bars = _rows(spec, 0)
    assert [b["entry_rate"] for b in bars] == res.by_bin["entry_rate"].tolist()
    assert "overall rate 50%" in spec["description"]


def test_absorptive_chart_spec():
    grid = ck.absorptive_statics([0.0, 1.0, 2.0], [1.0, 3.0])
    spec = _spec(ck.charts.absorptive_chart(grid, y="marginal_rd"))
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["y"]["field"] == "marginal_rd"
    assert spec["title"]["text"] == "The return to own R&D"
    with pytest.raises(ValueError, match="'y'"):
        ck.charts.absorptive_chart(grid, y="own_rd")


def test_cooperation_chart_draws_the_threshold():
    values = ck.grim_trigger_values(5, 3, 1, [0.0, 0.25, 0.5, 0.75, 0.95])
    spec = _spec(ck.charts.cooperation_chart(values))
    assert spec["layer"][1]["mark"]["type"] == "rule"
    assert _rows(spec, 1) == [{"delta": 0.5}]
    assert "δ* = 0.50" in spec["description"]


def test_replicator_chart_marks_the_rest_point():
    paths = ck.replicator_path(ck.stag_hunt(), [0.7, 0.8], t_max=10, n_steps=20)
    spec = _spec(ck.charts.replicator_chart(paths))
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Share playing Stag"
    assert _rows(spec, 1) == [{"share": 0.75}]
    assert "rest point 0.75" in spec["description"]

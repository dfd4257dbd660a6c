"""Tests for coursekit.charts.inputoutput (linkage quadrant, multiplier, cluster and network
charts), through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from chartspecs import spec_of as _spec

import coursekit as ck
from coursekit.charts import cluster_chart, linkage_quadrant_chart, multiplier_chart, network_chart

DE = ck.germany_io_table()
LK = ck.linkages(DE.Z, DE.x)


def _layer_rows(spec: dict, layer: int) -> list[dict]:
    """The rows drawn by one layer of a layered chart."""
    return spec["datasets"][spec["layer"][layer]["data"]["name"]]


def _rows(spec: dict, n: int) -> list[dict]:
    return [rows for rows in spec["datasets"].values()
            if len(rows) == n and "one" not in rows[0] and "ref" not in rows[0]][0]


def test_quadrant_spec_marks_key_sectors():
    spec = _spec(linkage_quadrant_chart(LK, title="Germany", source="Source: test"))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "rule", "point", "text"]
    points = spec["layer"][2]["encoding"]
    assert points["x"]["field"] == "backward_index" and points["y"]["field"] == "forward_index"
    assert points["color"]["scale"]["domain"][0] == "key sector"
    assert "2 key sector(s) (both above 1): Agriculture, Manufacturing." in spec["description"]
    labelled = _rows(spec, 2)
    assert sorted(r["sector"] for r in labelled) == ["Agriculture", "Manufacturing"]
    spec_list = _spec(linkage_quadrant_chart(LK, label=["Construction"]))
    assert [r["sector"] for r in _rows(spec_list, 1)] == ["Construction"]


def test_quadrant_rejects_other_frames():
    with pytest.raises(ValueError, match="lacks column"):
        linkage_quadrant_chart(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(ValueError, match="'label' names sectors not in"):
        linkage_quadrant_chart(LK, label=["Mining"])
    with pytest.raises(ValueError, match="'label' must be one of"):
        linkage_quadrant_chart(LK, label="some")


def test_multiplier_chart_series_and_grouped_bars():
    m = ck.output_multipliers(ck.leontief_inverse(ck.technical_coefficients(DE.Z, DE.x)))
    spec = _spec(multiplier_chart(m, title="Output multipliers", top=3))
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar" and spec["layer"][1]["mark"]["type"] == "rule"
    assert bars["encoding"]["y"]["sort"] == ["Manufacturing", "Construction", "Agriculture"]
    assert "Manufacturing (1.841)" in spec["description"]
    both = pd.DataFrame({"2002": [1.2, 0.9], "2017": [1.0, 1.1]}, index=["a", "b"])
    spec2 = _spec(multiplier_chart(both, reference=None))
    assert spec2["encoding"]["yOffset"]["field"] == "series"
    assert len(_rows(spec2, 4)) == 4
    with pytest.raises(TypeError, match="'values' must be a pandas Series or DataFrame"):
        multiplier_chart([1, 2])


def test_cluster_chart_draws_members():
    block = np.array([[1.0, 4.0, 2.0], [3.0, 1.0, 2.0], [2.0, 5.0, 1.0]])
    Z = np.block([[block, np.zeros((3, 3))], [np.zeros((3, 3)), 2 * block]])
    t = ck.cluster_templates(Z)
    spec = _spec(cluster_chart(t))
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["x"]["field"] == "cluster"
    assert len(spec["encoding"]["y"]["sort"]) == 6
    assert len(_rows(_spec(cluster_chart(t, clusters=[2])), 3)) == 3
    with pytest.raises(ValueError, match="'clusters' names"):
        cluster_chart(t, clusters=[9])
    with pytest.raises(TypeError, match="'templates' must be the output"):
        cluster_chart(LK)


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
    edges, nodes = _layer_rows(spec, 0), _layer_rows(spec, 1)
    assert len(edges) == G.number_of_edges() == 4 and len(nodes) == 3
    assert {n["label"] for n in nodes} == {"P", "Q", "R"}
    shown = [n["show"] for n in nodes if n["show"]]
    assert shown == [cen["katz_authority"].rename({"p": "P", "q": "Q", "r": "R"}).idxmax()]
    again = _spec(network_chart(G, groups=com.membership, sizes=cen["katz_authority"]))
    assert [n["x"] for n in _layer_rows(again, 1)] == [n["x"] for n in nodes]  # seeded layout
    with pytest.raises(ValueError, match="'sizes'"):
        network_chart(G, sizes=pd.Series({"p": 1.0}))
    with pytest.raises(TypeError, match="'graph'"):
        network_chart(A)

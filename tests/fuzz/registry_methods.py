"""Fuzz entries: chapter 6's methods (correspondence analysis, shift-share, IO networks)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

TABLE = pd.DataFrame([[4.0, 2.0, 3.0], [4.0, 3.0, 7.0], [25.0, 10.0, 12.0]],
                     index=pd.Index(["a", "b", "c"], name="region"),
                     columns=pd.Index(["x", "y", "z"], name="industry"))
LATER = TABLE * np.array([[1.1, 0.9, 1.3], [1.0, 1.2, 0.8], [0.95, 1.05, 1.1]])
NATION0 = TABLE.sum() * 2
NATION1 = LATER.sum() * 2.1
#: two identical industries' groups that never trade with each other: no unique eigenvector
TWIN_BLOCKS = np.kron(np.eye(2), [[0.1, 0.2], [0.3, 0.1]])
COEF = pd.DataFrame([[0.15, 0.25, 0.0], [0.20, 0.05, 0.1], [0.02, 0.3, 0.1]],
                    index=list("pqr"), columns=list("pqr"))


def _ca_check(result, kwargs):
    """Principal inertias add up to (at most) the total; contributions to an axis add up to 1."""
    assert result.total_inertia >= 0
    tol = 1e-9 * result.total_inertia + 1e-15
    assert result.principal_inertias.sum() <= result.total_inertia + tol
    if kwargs["n_components"] is None or kwargs["n_components"] >= 2:  # all axes of 3 x 3
        assert abs(result.principal_inertias.sum() - result.total_inertia) <= tol
    if not result.row_contributions.empty:
        assert np.allclose(result.row_contributions.sum(), 1.0)


def _adds_up(result, kwargs):
    """Actual change = national share + industry mix + regional share (to rounding).

    Rounding is relative to the largest term added: national growth rates of 1e300 make
    components of that size, whose sum is exact only to ~1e-16 of them.
    """
    parts = result[["national_share", "industry_mix", "regional_share"]]
    scale = max(1.0, float(result[["start", "end"]].abs().to_numpy().max()),
                float(parts.abs().to_numpy().max()))
    assert np.allclose(parts.sum(axis=1), result["actual_change"], atol=1e-9 * scale), \
        "does not add up"


def _em_adds_up(result, kwargs):
    total = result["competitive"] + result["allocation"]
    scale = max(1.0, float(result["regional_share"].abs().max()))
    assert np.allclose(total, result["regional_share"], atol=1e-9 * scale)


def _centrality_check(result, kwargs):
    """Eigenvector centralities sum to 1; Katz centralities are at least 1."""
    assert np.isclose(result["hub"].sum(), 1.0) and np.isclose(result["authority"].sum(), 1.0)
    assert (result["katz_hub"] >= 1 - 1e-12).all() and (result["katz_authority"] >= 1 - 1e-12).all()


def _graph_check(result, kwargs):
    """Every industry is a node; no kept edge is below the threshold."""
    assert result.number_of_nodes() == np.shape(np.asarray(kwargs["A"], dtype=float))[0]
    assert all(w >= kwargs["threshold"] for _, _, w in result.edges(data="weight"))


def _communities_check(result, kwargs):
    assert -0.5 - 1e-12 <= result.modularity <= 1 + 1e-12
    assert result.membership.min() == 0


ENTRIES = {
    "coursekit.io_network": Entry(ck.io_network, {"A": COEF, "threshold": 0.05,
                                                  "self_loops": False}, check=_graph_check),
    "coursekit.io_centrality": Entry(ck.io_centrality, {"A": COEF, "beta": 1.0, "threshold": 0.1},
                                     check=_centrality_check,
                                     extra={"beta": [2.0, 1e-300], "A": [[[0, 1], [0, 0]]]},
                                     refuse={"A": [TWIN_BLOCKS, np.eye(3) * 0.1,
                                                   np.triu(np.full((3, 3), 0.2), 1)]}),
    "coursekit.io_communities": Entry(ck.io_communities, {"A": COEF, "threshold": 0.05,
                                                          "resolution": 1.0, "seed": 0},
                                      check=_communities_check,
                                      extra={"seed": [2**40, 1.5], "resolution": [1e9]}),
    "coursekit.correspondence_analysis": Entry(
        ck.correspondence_analysis, {"table": TABLE, "n_components": 2}, check=_ca_check,
        extra={"n_components": [10**9, 1.5, np.int64(1)]}),
    "coursekit.shift_share": Entry(
        ck.shift_share, {"start": TABLE, "end": LATER, "benchmark_start": NATION0,
                         "benchmark_end": NATION1, "by_industry": False}, check=_adds_up,
        extra={"benchmark_start": [NATION0.iloc[:2], NATION0.rename({"x": "q"})],
               "end": [LATER.iloc[:, :2], LATER.T]}),
    "coursekit.esteban_marquillas": Entry(
        ck.esteban_marquillas, {"start": TABLE, "end": LATER, "benchmark_start": None,
                                "benchmark_end": None, "by_industry": True}, check=_em_adds_up),
    "coursekit.dynamic_shift_share": Entry(
        ck.dynamic_shift_share, {"matrices": {2000: TABLE, 2001: LATER, 2002: LATER * 1.1},
                                 "benchmark": None, "by_period": False}, check=_adds_up,
        extra={"matrices": [{2000: TABLE}, {2000: TABLE, "x": LATER}, {1: TABLE, 2: "abc"}],
               "benchmark": [{2000: NATION0}]}),
}


# --------------------------------------------------------------------------- charts

CA = ck.correspondence_analysis(TABLE)
SHIFTS = ck.shift_share(TABLE, LATER)
GRAPH = ck.io_network(COEF, threshold=0.05)
GROUPS = ck.io_communities(COEF).membership
SIZES = ck.io_centrality(COEF)["hub"]
NODES = pd.DataFrame({"node": ["a", "b"], "label": ["A", "B"], "x": [0.2, 0.8], "y": [0.5, 0.5]})
EDGES = pd.DataFrame({"source": ["a"], "target": ["b"]})
TEXT = {"title": "A title", "source": "Source: test", "description": "A test chart."}

ENTRIES.update({
    "coursekit.charts.ca_biplot_chart": Entry(ck.charts.ca_biplot_chart, {
        "ca": CA, "dims": (1, 2), "map": "symmetric", "row_title": "Rows",
        "column_title": "Columns", "size": 300, **TEXT},
        extra={"dims": [(1, 3), (2, 2), "12", (1.5, 2)], "size": [10**6, 2.5]}),
    "coursekit.charts.shift_share_chart": Entry(ck.charts.shift_share_chart, {
        "components": SHIFTS, "parts": ("national_share", "regional_share"),
        "per_start": True, "unit": "jobs", **TEXT},
        extra={"parts": [("growth",), "national_share", ()],
               "components": [SHIFTS.drop(columns="start"), SHIFTS.assign(start=0.0)]}),
    "coursekit.charts.network_chart": Entry(ck.charts.network_chart, {
        "graph": GRAPH, "groups": GROUPS, "sizes": SIZES, "labels": None, "n_labels": 2,
        "seed": 3, "height": 300, **TEXT},
        extra={"sizes": [SIZES.iloc[:1], -SIZES], "seed": [-1, 2**40]},
        labels=("groups",)),  # community numbers name groups: categories are fine
    "coursekit.charts.concept_map_chart": Entry(ck.charts.concept_map_chart, {
        "nodes": NODES, "edges": EDGES, "box": (0.2, 0.1), "width": 300, "height": 300, **TEXT},
        extra={"edges": [EDGES.assign(target="zz")], "box": [(0.2,), (-1, 1), "ab"],
               "nodes": [NODES.assign(x=["p", "q"]), NODES.drop(columns="y")]}),
})

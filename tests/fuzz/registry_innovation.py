"""Fuzz entries: relatedness, complexity, absorptive capacity, games and their charts."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

COUNTS = pd.DataFrame({"a": [10.0, 30.0, 5.0, 8.0], "b": [20.0, 40.0, 1.0, 9.0],
                       "c": [1.0, 2.0, 3.0, 12.0], "d": [6.0, 1.0, 9.0, 2.0]},
                      index=pd.Index(["r1", "r2", "r3", "r4"], name="region"))
NESTED = pd.DataFrame([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]],
                      index=pd.Index(["c1", "c2", "c3", "c4"], name="region"),
                      columns=pd.Index(["p1", "p2", "p3", "p4"], name="field"))
PHI = ck.proximity(NESTED)
BEFORE = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]],
                      index=NESTED.index, columns=NESTED.columns)
AFTER = pd.DataFrame([[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]],
                     index=NESTED.index, columns=NESTED.columns)
DENSITY = ck.relatedness_density(BEFORE, ck.proximity(BEFORE))
NETWORK = ck.proximity_network(PHI, n_extra=2)
ENTRY = ck.relatedness_entry(BEFORE, AFTER, DENSITY, n_bins=2)
STATICS = ck.absorptive_statics([0.0, 1.0, 2.0], [1.0, 3.0])
VALUES = ck.grim_trigger_values(5, 3, 1, [0.1, 0.5, 0.9])
PATHS = ck.replicator_path(ck.stag_hunt(), [0.7, 0.8], t_max=5.0, n_steps=10)
DEGENERATE = [[[1, 1, 0], [1, 1, 0], [0, 0, 0]], np.ones((2, 2)), [[1, 0], [1, 0]],
              [[3, 3, 1], [2, 0, 2], [0, 1, 4]]]
TEXT = {"title": "A title", "source": "Source: test", "description": "A test chart."}


def _with_proximity(graph, value):
    """A copy of ``graph`` whose edges all carry ``proximity=value``."""
    bad = graph.copy()
    for edge in bad.edges:
        bad.edges[edge]["proximity"] = value
    return bad


def _binary(result, kwargs):
    assert set(np.unique(result.to_numpy())) <= {0, 1}


def _unit(result, kwargs):
    values = np.asarray(result, dtype=float)
    values = values[np.isfinite(values)]
    assert ((values >= -1e-12) & (values <= 1 + 1e-12)).all()


def _symmetric_unit(result, kwargs):
    _unit(result, kwargs)
    assert np.allclose(result.to_numpy(), result.to_numpy().T)
    assert np.allclose(np.diag(result.to_numpy()), 0.0)


def _standardised(result, kwargs):
    assert abs(result.eci.mean()) < 1e-9 and abs(result.eci.std(ddof=0) - 1) < 1e-9


def _gamma(result, kwargs):
    _unit(result, kwargs)


def _stock(result, kwargs):
    assert 0 <= result.gamma <= 1 and result.marginal_rd >= 1 and result.cross_beta >= 0


def _paths(result, kwargs):
    assert result["share"].between(0, 1).all() and result["t"].is_monotonic_increasing is not None


def _threshold(result, kwargs):
    assert 0 < result < 1


ENTRIES = {
    "coursekit.presence_matrix": Entry(ck.presence_matrix, {"M": COUNTS, "threshold": 1.0},
                                       check=_binary),
    "coursekit.proximity": Entry(ck.proximity, {"M": NESTED}, check=_symmetric_unit,
                                 extra={"M": [COUNTS, NESTED * 2]}),
    "coursekit.relatedness_density": Entry(ck.relatedness_density, {
        "M": NESTED, "proximity": PHI}, check=_unit, allow_nan=True,
        extra={"proximity": [PHI.iloc[:2, :2], PHI * 2, PHI.rename(columns={"p1": "zz"})]}),
    "coursekit.proximity_network": Entry(ck.proximity_network, {"proximity": PHI, "n_extra": 2},
                                         extra={"n_extra": [2.5, 10**9]}),
    "coursekit.relatedness_entry": Entry(ck.relatedness_entry, {
        "start": BEFORE, "end": AFTER, "density": DENSITY, "n_bins": 2},
        extra={"end": [BEFORE, AFTER.iloc[:3]], "n_bins": [1, 2.5, 100]}),
    "coursekit.complexity": Entry(ck.complexity, {"M": NESTED}, check=_standardised,
                                  extra={"M": [COUNTS, np.eye(3), [[1, 1], [1, 1]]]}),
    "coursekit.absorptive_capacity": Entry(ck.absorptive_capacity, {"own_rd": [0.0, 1.0],
                                                                    "beta": 1.0},
                                           check=_gamma, extra={"own_rd": [[-1.0], 1e300]}),
    "coursekit.knowledge_stock": Entry(ck.knowledge_stock, {
        "own_rd": 1.0, "others_rd": 4.0, "spillover": 0.5, "external": 2.0, "beta": 1.0},
        check=_stock, extra={"spillover": [1.5, -0.1]}),
    "coursekit.absorptive_statics": Entry(ck.absorptive_statics, {
        "own_rd": [0.0, 1.0], "beta": [1.0, 3.0], "others_rd": 4.0, "spillover": 0.5,
        "external": 2.0}, extra={"beta": [[0.0], [-1.0]], "own_rd": [np.zeros(2_000_000)]}),
    "coursekit.stag_hunt": Entry(ck.stag_hunt, {"stag": 4.0, "hare": 3.0, "sucker": 0.0},
                                 extra={"hare": [5.0], "sucker": [3.5]}),
    "coursekit.prisoners_dilemma": Entry(ck.prisoners_dilemma, {
        "temptation": 5.0, "reward": 3.0, "punishment": 1.0, "sucker": 0.0},
        extra={"reward": [6.0], "sucker": [2.0]}),
    # degenerate games: more best replies than the other player's support (issue 22)
    "coursekit.equilibria(symmetric)": Entry(
        lambda row_payoffs: ck.equilibria(row_payoffs), {"row_payoffs": ck.stag_hunt()},
        refuse={"row_payoffs": DEGENERATE}),
    "coursekit.equilibria": Entry(ck.equilibria, {"row_payoffs": ck.stag_hunt(),
                                                  "column_payoffs": ck.stag_hunt().T},
                                  extra={"row_payoffs": [np.ones((2, 2)), np.ones((11, 11)),
                                                         np.ones((2, 3))],
                                         "column_payoffs": [np.ones((3, 3))]}),
    "coursekit.cooperation_threshold": Entry(ck.cooperation_threshold, {
        "temptation": 5.0, "reward": 3.0, "punishment": 1.0}, check=_threshold,
        extra={"reward": [5.0, 1.0]}),
    "coursekit.grim_trigger_values": Entry(ck.grim_trigger_values, {
        "temptation": 5.0, "reward": 3.0, "punishment": 1.0, "delta": [0.1, 0.5]},
        extra={"delta": [[1.0], [-0.5], np.zeros(2_000_000)]}),
    "coursekit.replicator_path": Entry(ck.replicator_path, {
        "payoffs": ck.stag_hunt(), "x0": [0.7, 0.8], "t_max": 5.0, "n_steps": 10}, check=_paths,
        extra={"payoffs": [np.ones((3, 3)), [[1e12, -1e12], [-1e12, 1e12]]], "x0": [[1.5]],
               "n_steps": [2.5, 10**9], "t_max": [1e308]}),
    # charts
    "coursekit.charts.technology_network_chart": Entry(ck.charts.technology_network_chart, {
        "graph": NETWORK, "groups": {"p1": "x", "p2": "x", "p3": "y", "p4": "y"},
        "highlight": NESTED.loc["c3"] == 1, "labels": None, "seed": 3, "height": 300, **TEXT},
        extra={"groups": [{"p1": "x"}], "seed": [-1, 2.5],
               "graph": [_with_proximity(NETWORK, "x"), _with_proximity(NETWORK, float("nan"))]}),
    "coursekit.charts.density_entry_chart": Entry(ck.charts.density_entry_chart, {
        "by_bin": ENTRY.by_bin, **TEXT}, extra={"by_bin": [ENTRY.by_bin.assign(entry_rate=2.0)]}),
    "coursekit.charts.absorptive_chart": Entry(ck.charts.absorptive_chart, {
        "statics": STATICS, "y": "marginal_rd", **TEXT}, extra={"y": ["zz", "own_rd"]}),
    "coursekit.charts.cooperation_chart": Entry(ck.charts.cooperation_chart, {
        "values": VALUES, **TEXT}),
    "coursekit.charts.replicator_chart": Entry(ck.charts.replicator_chart, {
        "paths": PATHS, **TEXT}, extra={"paths": [PATHS.assign(share=2.0)]}),
}

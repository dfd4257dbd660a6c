"""Fuzz entries: matrices, concentration and specialisation measures, agglomeration indices."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

M = pd.DataFrame({"a": [10.0, 30.0, 5.0], "b": [20.0, 40.0, 1.0], "c": [1.0, 2.0, 3.0]},
                 index=pd.Index(["r1", "r2", "r3"], name="region"))
TIDY = pd.DataFrame({"region": ["r1", "r1", "r2"], "industry": ["a", "b", "a"],
                     "employment": [1.0, 2.0, 3.0], "year": [2000, 2000, 2001]})
#: one region-industry cell given twice, each near the largest float: the sum overflows
HUGE_DUPLICATES = pd.DataFrame({"region": ["r1", "r1"], "industry": ["a", "a"],
                                "employment": [1e308, 1e308], "year": [2000, 2000]})
PLANTS = pd.DataFrame({"region": ["r1", "r1", "r2", "r3"], "value": [5.0, 5.0, 5.0, 5.0],
                       "industry": ["x", "x", "y", "y"]})
TOTAL = pd.Series({"r1": 50.0, "r2": 25.0, "r3": 25.0})


def _in(lo: float, hi: float):
    def check(result, kwargs):
        values = np.asarray(result, dtype=float).ravel() if not isinstance(result, float) \
            else np.array([result])
        assert ((values >= lo - 1e-12) & (values <= hi + 1e-12)).all(), f"outside [{lo}, {hi}]"
    return check


def _lq_check(result, kwargs):
    """LQ >= 0, and the employment-weighted mean LQ of every industry is 1 (an identity)."""
    lq = result.to_numpy()
    assert (lq >= 0).all()
    E = np.asarray(kwargs["M"], dtype=float)
    E = E / E.max()  # the identity holds at any scale; this keeps the check itself finite
    weights = E.sum(axis=1) / E.sum()
    assert np.allclose(weights @ lq, 1.0), "weighted mean LQ is not 1"


def _herfindahl_check(result, kwargs):
    n = len(kwargs["sizes"])
    lo = 0.0 if kwargs["normalise"] else 1 / n
    assert lo - 1e-12 <= result <= 1 + 1e-12, f"H = {result} outside [{lo}, 1] for n = {n}"
    if not kwargs["normalise"] and len(set(np.asarray(kwargs["sizes"], dtype=float))) == 1:
        assert abs(result - 1 / n) < 1e-12, "equal sizes must give H = 1/n"


def _fail(why: str) -> None:
    raise AssertionError(why)


ENTRIES = {
    "coursekit.activity_matrix": Entry(ck.activity_matrix, {
        "data": TIDY, "region": "region", "industry": "industry", "value": "employment"},
        refuse={"data": [HUGE_DUPLICATES, TIDY.astype({"employment": "category"})]}),
    "coursekit.activity_matrices": Entry(ck.activity_matrices, {
        "data": TIDY, "region": "region", "industry": "industry", "value": "employment",
        "time": "year"}, check=lambda r, kw: None if isinstance(r, dict) and r else _fail("empty"),
        refuse={"data": [HUGE_DUPLICATES]}),
    "coursekit.location_quotient": Entry(ck.location_quotient, {"M": M}, check=_lq_check),
    "coursekit.herfindahl": Entry(ck.herfindahl, {"sizes": [1.0, 2.0, 3.0], "normalise": False},
                                  check=_herfindahl_check,
                                  extra={"sizes": [[1e308, 1e308], [5e-324, 5e-324], [1, 0]]}),
    "coursekit.locational_gini": Entry(ck.locational_gini, {"M": M}, check=_in(0, 1)),
    "coursekit.lorenz_curve": Entry(ck.lorenz_curve, {"M": M, "industry": "a"}, allow_nan=True,
                                    extra={"industry": [[], ["a", "zz"], ("a",), 3.5]}),
    "coursekit.krugman_index": Entry(ck.krugman_index, {"M": M}, check=_in(0, 2)),
    "coursekit.raw_concentration": Entry(ck.raw_concentration, {
        "plants": PLANTS, "regional_employment": TOTAL}, check=_in(0, 2)),
    "coursekit.ellison_glaeser": Entry(ck.ellison_glaeser, {
        "plants": PLANTS, "regional_employment": TOTAL},
        extra={"regional_employment": [pd.Series({"r1": 1e308, "r2": 1e308, "r3": 1e308})],
               "plants": [PLANTS.assign(value=[1e308, 1e308, 1e308, 1e308])]}),
    "coursekit.maurel_sedillot": Entry(ck.maurel_sedillot, {
        "plants": PLANTS, "regional_employment": TOTAL},
        extra={"plants": [PLANTS.assign(value=[1e308, 1e308, 1e308, 1e308])]}),
    "coursekit.simulate_plants": Entry(ck.simulate_plants, {
        "regional_employment": TOTAL, "n_plants": 5, "gamma": 0.1, "n_industries": 2, "seed": 1,
        "size_sigma": 1.0, "mean_size": 50.0},
        extra={"n_plants": [1e308, 2.5, 10**12], "n_industries": [10**9],
               "seed": [-1, 2**80]},
        refuse={"n_plants": [[5, 5, 5]], "gamma": [[0.1, 0.2, 0.3]],
                "size_sigma": [1e308, 1e3], "mean_size": [1e308, 1e200]}),
}

"""Fuzz entries: input–output analysis (coefficients, inverses, multipliers, linkages)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

SECTORS = ["a", "b", "c"]
Z = pd.DataFrame([[10.0, 20.0, 5.0], [15.0, 5.0, 10.0], [5.0, 10.0, 20.0]],
                 index=SECTORS, columns=SECTORS)
X = pd.Series([100.0, 120.0, 90.0], index=SECTORS)
A = ck.technical_coefficients(Z, X)
L = ck.leontief_inverse(A)
B = ck.allocation_coefficients(Z, X)
#: square tables that are no inverse (I - A)^-1 of a productive A >= 0 (issue 22)
NOT_INVERSES = [0.5 * L, A, Z, L * 1e-300, np.ones((3, 3)), 2 * np.eye(3) - 0.5]
FACTOR = pd.Series([30.0, 10.0, 25.0], index=SECTORS)
USE = pd.DataFrame([[10.0, 20.0], [30.0, 5.0]], index=["c1", "c2"], columns=["i1", "i2"])
BLOCKS = pd.DataFrame([[1, 4, 2, 0, 0, 0], [3, 1, 2, 0, 0, 0], [2, 5, 1, 0, 0, 0],
                       [0, 0, 0, 2, 8, 4], [0, 0, 0, 6, 2, 4], [0, 0, 0, 4, 10, 2]],
                      dtype=float)
MAKE = pd.DataFrame([[90.0, 10.0], [0.0, 100.0]], index=["i1", "i2"], columns=["c1", "c2"])


def _nonnegative(result, kwargs):
    values = result.to_numpy() if hasattr(result, "to_numpy") else np.asarray(result)
    assert (values >= 0).all(), "negative coefficient or inverse"


def _inverse(result, kwargs):
    """L >= I: the diagonal is at least 1 and every entry non-negative."""
    values = np.asarray(result, dtype=float)
    assert (values >= -1e-12).all() and (np.diag(values) >= 1 - 1e-12).all(), "not >= I"


def _at_least_one(result, kwargs):
    assert (np.asarray(result, dtype=float) >= 1 - 1e-12).all(), "output multiplier < 1"


def _linkages(result, kwargs):
    assert isinstance(result, pd.DataFrame)
    np.testing.assert_allclose(result[["backward_index", "forward_index"]].mean(), 1.0)
    assert (result["backward"] >= 1 - 1e-12).all()


def _extraction(result, kwargs):
    x = np.asarray(kwargs["x"], dtype=float)
    assert (result.to_numpy() >= -1e-9 * x.sum()).all(), "extraction raised output"


def _symmetric(result, kwargs):
    Z_ind, x = result
    np.testing.assert_allclose(np.asarray(Z_ind).sum(axis=0),
                               np.asarray(kwargs["use"], dtype=float).sum(axis=0), rtol=1e-9)
    assert (np.asarray(x) > 0).all()


def _io_table(result, kwargs):
    assert isinstance(result, ck.IOTable)
    assert (result.Z.to_numpy() >= 0).all() and (result.x > 0).all()
    assert list(result.Z.index) == list(result.Z.columns) == list(result.x.index)


def _correlations(result, kwargs):
    values = np.asarray(result, dtype=float)
    assert (np.abs(values) <= 1 + 1e-12).all() and np.allclose(values, values.T)


def _templates(result, kwargs):
    assert isinstance(result, ck.ClusterTemplates)
    assert (result.members["loading"] >= kwargs["threshold"]).all()


ENTRIES = {
    "coursekit.technical_coefficients": Entry(ck.technical_coefficients, {"Z": Z, "x": X},
                                              check=_nonnegative),
    "coursekit.leontief_inverse": Entry(ck.leontief_inverse, {"A": A}, check=_inverse,
                                        extra={"A": [[[0.6, 0.5], [0.5, 0.6]], np.eye(3),
                                                     [[0.5, 0.5], [0.5, 0.5]]]}),
    "coursekit.output_multipliers": Entry(ck.output_multipliers, {"L": L}, check=_at_least_one,
                                          refuse={"L": NOT_INVERSES}),
    "coursekit.factor_multipliers": Entry(ck.factor_multipliers, {
        "L": L, "factor": FACTOR, "x": X, "kind": "simple"}, check=_nonnegative,
        extra={"factor": [FACTOR.rename({"a": "z"}), [1.0, 2.0]], "kind": ["type I"]},
        refuse={"L": NOT_INVERSES}),
    "coursekit.allocation_coefficients": Entry(ck.allocation_coefficients, {"Z": Z, "x": X},
                                               check=_nonnegative),
    "coursekit.ghosh_inverse": Entry(ck.ghosh_inverse, {"B": B}, check=_inverse),
    "coursekit.linkages": Entry(ck.linkages, {"Z": Z, "x": X, "forward": "ghosh"},
                                check=_linkages,
                                extra={"x": [X.rename({"a": "z"}), [1.0, 1.0, 1.0]],
                                       "Z": [Z.rename(columns={"a": "z"})]}),
    "coursekit.hypothetical_extraction": Entry(ck.hypothetical_extraction, {
        "Z": Z, "x": X, "sectors": None}, check=_extraction,
        extra={"sectors": [["a", "zz"], [["a"]], "a", [True]]}),
    "coursekit.symmetric_io_table": Entry(ck.symmetric_io_table, {"use": USE, "make": MAKE},
                                          check=_symmetric,
                                          extra={"make": [MAKE.T, MAKE.to_numpy()]}),
    "coursekit.us_io_table": Entry(ck.us_io_table, {"level": 15, "domestic": True},
                                   check=_io_table, extra={"level": [15.5, "71", 70]}),
    "coursekit.germany_io_table": Entry(ck.germany_io_table, {}, check=_io_table),
    "coursekit.liaoning_io_table": Entry(ck.liaoning_io_table, {"year": 2007, "common": True,
                                                                 "domestic": True},
                                         check=_io_table,
                                         extra={"year": [2007.0, "2007", 2003, 2002],
                                                "common": [1], "domestic": ["yes"]}),
    "coursekit.linkage_correlations": Entry(ck.linkage_correlations, {"Z": Z},
                                            check=_correlations),
    # two blocks of three sectors that trade among themselves (the function's doctest); the
    # 3 x 3 Z above has no positively correlated profiles, hence no cluster at all
    "coursekit.cluster_templates": Entry(ck.cluster_templates, {
        "Z": BLOCKS, "n_clusters": 2, "threshold": 0.35}, check=_templates,
        extra={"n_clusters": [0, 4, 2.5, 10**9], "threshold": [1.0, 0.0, -0.2]},
        refuse={"Z": [Z, np.zeros((4, 4)), np.eye(4), np.ones((5, 5))],  # no cluster to find
                "n_clusters": [1]}),  # cuts between the two equal eigenvalues of the blocks
}

"""The bad and edge inputs named in the robustness issue, each with its required outcome.

The fuzz suite (tests/fuzz) covers every public callable systematically; these are the
cases that were found wrong or unclear, kept as named regression tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import coursekit as ck


def test_valid_core_periphery_parameters_no_longer_fail():
    df = ck.CorePeriphery(20, 0.75).tomahawk(np.linspace(1.05, 5, 80))
    assert set(df["kind"]) >= {"symmetric", "core-periphery"}
    assert ck.CorePeriphery(2000, 0.4).sustain_point() > 1
    assert np.isclose(ck.CorePeriphery(1.001, 0.0005).break_point(log=True),
                      (np.log(0.000999000999 + 0.0005) + np.log1p(0.0005)
                       - np.log(0.000999000999 - 0.0005) - np.log1p(-0.0005)) / 0.001, rtol=1e-6)
    with pytest.raises(ValueError, match=r"break_point\(log=True\)"):
        ck.CorePeriphery(1.001, 0.0005).break_point()


def test_no_wrong_numbers_at_the_edges_of_floating_point():
    assert ck.herfindahl([1e308, 1e308]) == 0.5
    assert ck.herfindahl([5e-324, 5e-324]) == 0.5
    assert ck.location_quotient([[1.0, 5e-324]]).to_numpy().tolist() == [[1.0, 1.0]]
    huge = pd.DataFrame({"region": ["a", "a", "b"], "value": [1e308, 1e308, 1e308]})
    total = pd.Series({"a": 1e308, "b": 1e308})
    assert np.isfinite(ck.ellison_glaeser(huge, total))
    assert np.isclose(ck.ellison_glaeser(huge, total),
                      ck.ellison_glaeser(huge.assign(value=1.0), total.div(1e308)))


@pytest.mark.parametrize("call,match", [
    (lambda: ck.activity_matrix(pd.DataFrame({"region": ["a"], "industry": ["x"],
                                              "value": pd.to_datetime(["2020-01-01"])})),
     "'data\\['value'\\]' must contain real numbers"),
    (lambda: ck.location_quotient([[True, False], [False, True]]), "'M' must contain only numbers"),
    (lambda: ck.lorenz_curve([[1, 2], [3, 4]], industry=[]), "'industry' is an empty list"),
    (lambda: ck.CorePeriphery(5, 0.4).tomahawk([]), "'T_values' is empty"),
    (lambda: ck.simulate_plants({"a": 1, "b": 1}, n_plants=1e308), "'n_plants'"),
    (lambda: ck.charts.wiggle_chart(ck.CorePeriphery(5, 0.4), n_lam=0), "'n_lam' must be >= 3"),
    (lambda: ck.charts.ranking_chart(pd.Series([1.0, 2.0]), top=0), "'top' must be >= 1"),
    (lambda: ck.CorePeriphery(5, 0.4).simulate([0.5], T=1.5, n_steps=2e8), "'n_steps' must be <="),
    (lambda: ck.data.load_us_susb_2021("False"), "'include_us_total' must be True or False"),
])
def test_unclear_errors_are_now_clear(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_core_periphery_errors_name_the_arguments_to_change():
    with pytest.raises(ck.ConvergenceError, match="raise 'max_iter' or 'tol'"):
        ck.CorePeriphery(5, 0.4).real_wage_gap(0.3, 1.7, max_iter=1)
    assert issubclass(ck.ConvergenceError, ValueError)

"""The bad and edge inputs named in the robustness issue, each with its required outcome.

The fuzz suite (tests/fuzz) covers every public callable systematically; these are the
cases that were found wrong or unclear, kept as named regression tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit import grading


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


# --------------------------------------------------------------------------- issue 22
# Each bug found by the held-out fuzz batteries, as a named regression.  The fuzz registry
# (tests/fuzz) covers each bug's *class* on every entry: derived variants of every numeric
# argument (scaled to 1e308 and 1e-300, rows/columns/entries alike, as a Categorical) and
# every True/False switch given anything else.


def test_beta_convergence_refuses_equal_start_incomes_up_to_rounding():
    """The mean of n equal logs is not always that log in floating point: the old absolute
    guard (sxx <= 1e-300 n) let the noise through as a slope (0.2 with se 0)."""
    for c, n in ((1.1, 10), (2.7, 7), (12345.6, 10), (7.3, 7)):
        panel = pd.DataFrame({2000: [c] * n, 2010: np.linspace(1, 2, n) * c})
        with pytest.raises(ValueError, match="same income in every region"):
            ck.beta_convergence(panel, 2000, 2010)


def test_degenerate_games_are_refused():
    """A pure strategy with two best replies (the issue's game) and a game whose mixed
    equilibrium has three best replies on a support of two (five equilibria, an odd
    number, so nashpy's even-count warning never fires)."""
    for A in ([[1, 1, 0], [1, 1, 0], [0, 0, 0]], [[3, 3, 1], [2, 0, 2], [0, 1, 4]]):
        with pytest.raises(ValueError, match="degenerate"):
            ck.equilibria(A)
    assert len(ck.equilibria(ck.stag_hunt())) == 3


def test_eigenvector_centrality_refuses_two_identical_blocks():
    twins = np.kron(np.eye(2), [[0.1, 0.2], [0.3, 0.1]])
    with pytest.raises(ValueError, match="not unique"):
        ck.io_centrality(twins)
    uneven = twins.copy()
    uneven[2:, 2:] *= 0.5  # one block dominates: unique, zero on the other block
    assert ck.io_centrality(uneven)["hub"].tolist()[2:] == [0.0, 0.0]


def test_no_cluster_is_invented():
    for Z in (np.zeros((4, 4)), np.ones((4, 4))):
        with pytest.raises(ValueError, match="no cluster to find"):
            ck.cluster_templates(Z)


def test_multipliers_need_a_leontief_inverse():
    L = ck.leontief_inverse([[0.15, 0.25], [0.20, 0.05]])
    for bad in (0.5 * L, L * 1e-300, np.ones((2, 2)), [[0.15, 0.25], [0.20, 0.05]]):
        with pytest.raises(ValueError, match="'L' is not the inverse"):
            ck.output_multipliers(bad)
    with pytest.raises(ValueError, match="'L' is not the inverse"):
        ck.factor_multipliers(0.5 * L, [1.0, 1.0], [1.0, 1.0])


def test_categorical_numbers_are_labels_not_quantities():
    cat = pd.Series([1, 2], index=["a", "b"]).astype("category")
    want = pd.Series([1.0, 2.0], index=["a", "b"])
    assert not grading.check_series(cat, "x").passed
    assert not grading.check_values_close(cat, want, "x").passed
    assert not grading.check_number(pd.Series([1.0], dtype="category"), "x").passed
    with pytest.raises(TypeError, match="categories"):
        ck.location_quotient(pd.DataFrame({"a": [1, 2], "b": [3, 4]}).astype("category"))


def test_sums_that_overflow_are_refused_or_avoided():
    huge = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "x"],
                         "employment": [1e308, 1e308]})
    with pytest.raises(ValueError, match=r"sums of 'data\['employment'\]' overflow"):
        ck.activity_matrix(huge, value="employment")
    with pytest.raises(ValueError, match="'make'"):
        ck.symmetric_io_table([[10, 20], [30, 5]], [[1e308, 1e308], [1, 1]])
    Y = pd.DataFrame({2000: [1e308, 1e308]}, index=["a", "b"])
    P = pd.DataFrame({2000: [1.0, 1.0]}, index=["a", "b"])
    assert ck.relative_per_capita(Y, P, "a").tolist() == [1.0]
    g = ck.annual_growth(pd.DataFrame({2000: [1e-300], 2030: [1e308]}), [(2000, 2030)])
    assert np.isclose(g.iloc[0, 0], np.exp((np.log(1e308) - np.log(1e-300)) / 30) - 1)


def test_simulate_plants_refuses_contradictions_and_overflow():
    with pytest.raises(ValueError, match="'n_plants' has 3 entries but 'n_industries'"):
        ck.simulate_plants({"a": 1, "b": 2}, n_plants=[3, 4, 5], n_industries=2)
    for arg in ("size_sigma", "mean_size"):
        with pytest.raises(ValueError, match=f"'{arg}' must be <="):
            ck.simulate_plants({"a": 1, "b": 2}, n_plants=3, **{arg: 1e308})
    assert ck.simulate_plants({"a": 1, "b": 2}, n_plants=[3, 4, 5], seed=1)["industry"].nunique() == 3


def test_answer_checks_refuse_nonsense_from_the_test_author():
    with pytest.raises(ValueError, match="'low'"):
        grading.check_number(1, "x", low=5, high=0)
    with pytest.raises(ValueError, match="'expected'"):
        grading.check_close(1.0, float("nan"), "x")
    with pytest.raises(TypeError, match="'integer'"):
        grading.check_number(1, "x", integer="no")


def test_flags_refuse_truthy_strings():
    with pytest.raises(TypeError, match="'enable' must be True or False"):
        ck.charts.theme.register_theme("no")


def test_errors_name_the_model_parameters_that_caused_them():
    with pytest.raises(ValueError, match=r"sigma=1\.001, mu=0\.0005"):
        ck.CorePeriphery(1.001, 0.0005).sustain_point()
    with pytest.raises(ValueError, match="gamma=100"):
        ck.DixonThirlwall(gamma=100.0).path(0.02, 40)


def test_a_chain_without_a_unique_long_run_is_refused():
    still = pd.DataFrame({t: [1.0, 1.1, 2.0, 2.2] for t in range(2000, 2005)})
    with pytest.raises(ValueError, match="not unique"):
        ck.quah_transitions(still, n_classes=2)


def test_replicator_keeps_tiny_shares():
    """The ODE in x lost shares near 1e-300 to NaN; in log-odds they keep their precision."""
    path = ck.replicator_path(ck.stag_hunt(), [7e-301], t_max=5.0, n_steps=5)
    assert np.isfinite(path["share"]).all() and (path["share"] > 0).all()

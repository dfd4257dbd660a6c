"""Tests of β- and σ-convergence and Quah's transitions (coursekit.panels.convergence).

Sources: Barro & Sala-i-Martin (1992, JPE 100(2)) for the regression form
(1/T) ln(y_T/y_0) = a - ((1 - exp(-beta T))/T) ln y_0 + u and the "about 2 percent per
year" of Barro & Sala-i-Martin (1991, BPEA); Quah (1993, 1996) for transition matrices.
Standard errors are compared with statsmodels, an independent implementation.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit as ck

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # statsmodels 0.14 with pandas 3
    import statsmodels.api as sm


def synthetic_panel(beta: float, T: int, n: int = 40, noise: float = 0.0,
                    seed: int = 3) -> pd.DataFrame:
    """Seeded panel with known speed: ln y_T = e^{-beta T} ln y_0 + (1 - e^{-beta T}) ln y* + u."""
    rng = np.random.default_rng(seed)
    log0 = rng.normal(9.0, 0.5, n)
    log_star = 9.5
    logT = np.exp(-beta * T) * log0 + (1 - np.exp(-beta * T)) * log_star + rng.normal(0, noise, n)
    return pd.DataFrame({2000: np.exp(log0), 2000 + T: np.exp(logT)},
                        index=[f"r{i}" for i in range(n)])


@given(st.floats(0.002, 0.2), st.integers(1, 60))
def test_beta_recovered_exactly_from_a_noise_free_panel(beta, T):
    """Barro & Sala-i-Martin (1992) regression form: without shocks, the fitted slope is
    -(1 - exp(-beta T))/T and the implied speed is beta exactly; half-life = ln 2 / beta."""
    res = ck.beta_convergence(synthetic_panel(beta, T), 2000, 2000 + T)
    assert res.slope == pytest.approx(-(1 - math.exp(-beta * T)) / T, rel=1e-9)
    assert res.speed == pytest.approx(beta, rel=1e-9)
    assert res.half_life * res.speed == pytest.approx(math.log(2))
    assert res.r2 == pytest.approx(1.0) and res.years == T


def test_beta_recovered_from_a_noisy_seeded_panel():
    """Seeded generator with beta = 0.02 over 30 years and shocks: the estimate is within two
    standard errors (delta method: se(beta) = se(b) / (1 + bT)) of the true speed."""
    res = ck.beta_convergence(synthetic_panel(0.02, 30, n=200, noise=0.03), 2000, 2030)
    se_beta = res.se_slope / (1 + res.slope * res.years)
    assert abs(res.speed - 0.02) < 2 * se_beta
    assert res.n == 200


def test_published_conversions_of_slope_and_speed():
    """Course notes (from the BSM 1992 form): beta = 0.02 means a half-life of 34.657 years
    and an OLS slope of -0.0198013 (T = 1), -0.0164840 (T = 20), -0.0081914 (T = 108, the
    1880-1988 interval of BSM); reading the raw slope as beta would halve the speed."""
    for T, slope in ((1, -0.0198013), (20, -0.0164840), (108, -0.0081914)):
        res = ck.beta_convergence(synthetic_panel(0.02, T), 2000, 2000 + T)
        assert res.slope == pytest.approx(slope, abs=1e-7)
        assert res.half_life == pytest.approx(34.657, abs=1e-3)


@pytest.mark.parametrize("robust,cov", [(False, "nonrobust"), (True, "HC1")])
def test_standard_errors_match_statsmodels(robust, cov):
    """statsmodels OLS (an independent implementation) gives the same coefficients, R^2 and
    classical / HC1 standard errors."""
    y = synthetic_panel(0.03, 25, n=30, noise=0.05, seed=11)
    res = ck.beta_convergence(y, 2000, 2025, robust=robust)
    x = np.log(y[2000].to_numpy())
    g = np.log(y[2025].to_numpy() / y[2000].to_numpy()) / 25
    fit = sm.OLS(g, sm.add_constant(x)).fit(cov_type=cov)
    assert (res.intercept, res.slope) == pytest.approx(tuple(fit.params), rel=1e-9)
    assert (res.se_intercept, res.se_slope) == pytest.approx(tuple(fit.bse), rel=1e-9)
    assert res.r2 == pytest.approx(fit.rsquared, rel=1e-9)


def test_us_states_converged_at_about_two_percent_a_year_before_1980():
    """Barro & Sala-i-Martin (1991, abstract): US states' per-capita personal income converged
    at "around 2 percent per year" (1880-1988). On BEA's 1929-1980 data for the 48 contiguous
    states and DC the speed has the same order of magnitude; after 1980 it nearly vanishes."""
    us = ck.data.load_us_state_income_1929_2024()
    y = us.pivot(index="area", columns="year", values="per_capita_income_usd").dropna()
    before = ck.beta_convergence(y, 1929, 1980)
    after = ck.beta_convergence(y, 1980, 2024)
    assert y.shape[0] == 49
    assert 0.01 < before.speed < 0.04
    assert after.speed < before.speed / 3
    sigma = ck.sigma_convergence(y)
    assert sigma[1980] < sigma[1929] / 2


def test_sigma_is_the_standard_deviation_of_logs():
    """sigma_t = sd of ln y across regions: pandas' std of the logs (ddof 1) and numpy's
    population std (ddof 0)."""
    y = synthetic_panel(0.02, 10, n=12, noise=0.1)
    logs = np.log(y)
    assert ck.sigma_convergence(y).tolist() == pytest.approx(logs.std().tolist())
    assert ck.sigma_convergence(y, ddof=0).tolist() == pytest.approx(
        np.log(y.to_numpy()).std(axis=0).tolist())


def test_beta_convergence_without_sigma_convergence():
    """Galton's fallacy (Quah 1993): pairs of regions that swap places give beta > 0 (poor
    regions grow faster) while the cross-section dispersion sigma does not change."""
    y = pd.DataFrame({2000: np.exp([0.0, 1.0, 2.0, 3.0]), 2010: np.exp([1.0, 0.0, 3.0, 2.0])},
                     index=list("abcd"))
    res = ck.beta_convergence(y, 2000, 2010)
    assert res.slope == pytest.approx(-0.04) and res.speed > 0
    sigma = ck.sigma_convergence(y)
    assert sigma[2000] == pytest.approx(sigma[2010])


def test_quah_transitions_are_a_markov_chain():
    """Quah (1993, 1996): rows of the transition matrix sum to 1; the ergodic distribution
    is stationary (pi P = pi); the counts cover n (T - step) transitions."""
    us = ck.data.load_us_state_income_1929_2024()
    y = us.pivot(index="area", columns="year", values="per_capita_income_usd").dropna()
    res = ck.quah_transitions(y, n_classes=5, step=10)
    P = res.matrix.to_numpy()
    assert P.sum(axis=1) == pytest.approx(np.ones(5))
    assert res.ergodic.to_numpy() @ P == pytest.approx(res.ergodic.to_numpy(), abs=1e-12)
    assert int(res.counts.to_numpy().sum()) == 49 * (96 - 10)
    assert res.initial.sum() == pytest.approx(1) and res.final.sum() == pytest.approx(1)
    assert len(res.bounds) == 4 and np.all(np.diff(res.bounds) > 0)


def test_input_errors_name_the_argument():
    y = synthetic_panel(0.02, 10)
    with pytest.raises(ValueError, match="'start'=1999 is not a column of 'incomes'"):
        ck.beta_convergence(y, 1999, 2010)
    with pytest.raises(ValueError, match="'start' .* must be an earlier year than 'end'"):
        ck.beta_convergence(y, 2010, 2000)
    with pytest.raises(ValueError, match="'incomes' has 2 region"):
        ck.beta_convergence(y.iloc[:2], 2000, 2010)
    with pytest.raises(TypeError, match="'incomes' must have years"):
        ck.sigma_convergence(y.rename(columns=str))
    with pytest.raises(ValueError, match="'incomes' must hold positive"):
        ck.sigma_convergence(y - y.max().max())

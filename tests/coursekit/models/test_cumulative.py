"""Tests for coursekit.models.cumulative: the Dixon & Thirlwall (1975) model of cumulative
causation, against its equilibrium growth rate formula, the four equations it solves, the
stability result of Dixon & Thirlwall (1978) and the course notes' worked example."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coursekit as ck

DT = ck.DixonThirlwall(gamma=1.0, eta=-1.5, delta=0.5, epsilon=1.5, lam=0.5,
                       w=0.05, r_a=0.02, tau=0.0, p_f=0.03, z=0.03)


def test_dixon_thirlwall_equilibrium_solves_the_four_equations():
    """Dixon & Thirlwall (1975), closed form g* = gamma[eta(w - r_a + tau) + delta p_f +
    epsilon z] / (1 + gamma eta lambda); worked example of the course notes: numerator
    0.015, denominator 0.25, g* = 0.06, and the four equations hold at g*."""
    g = DT.equilibrium_growth()
    assert DT.autonomous == pytest.approx(0.015) and g == pytest.approx(0.06)
    r = DT.r_a + DT.lam * g  # Verdoorn's law
    p_d = DT.w - r + DT.tau  # mark-up pricing
    x = DT.eta * p_d + DT.delta * DT.p_f + DT.epsilon * DT.z  # export demand
    assert DT.gamma * x == pytest.approx(g)  # export-led output growth


def test_dixon_thirlwall_lagged_path_and_stability():
    """Course notes: from g0 = 0.02 the lagged path is 0.02, 0.03, 0.0375, 0.043125,
    0.047344 -> 0.06 (root 0.75). Dixon & Thirlwall (1978): with a Verdoorn coefficient of
    0.5 the single region is stable for price elasticities between 1 and 2 and unstable
    beyond 2 (roots 0.5, 1.0, 1.25 for eta = -1, -2, -2.5)."""
    path = DT.path(0.02, 60)
    assert path["g"].iloc[:5].tolist() == pytest.approx([0.02, 0.03, 0.0375, 0.043125, 0.047344],
                                                        abs=1e-6)
    assert path["g"].iloc[-1] == pytest.approx(0.06, abs=1e-8)
    roots = [ck.DixonThirlwall(eta=e, lam=0.5).root for e in (-1.0, -2.0, -2.5)]
    assert roots == pytest.approx([0.5, 1.0, 1.25])
    assert [ck.DixonThirlwall(eta=e).stable for e in (-1.0, -2.0, -2.5)] == [True, False, False]
    unstable = ck.DixonThirlwall(eta=-2.5).path(0.05, 40)["g"]
    assert abs(unstable.iloc[-1] - 0.06) > abs(unstable.iloc[1] - 0.06)
    with pytest.raises(ValueError, match="'n_periods'"):
        ck.DixonThirlwall(eta=-2.5).path(0.05, 10_000)
    with pytest.warns(FutureWarning, match="keyword periods= of path.* use n_periods="):
        assert len(ck.DixonThirlwall().path(0.02, periods=3)) == 4


@given(st.floats(-3.0, -0.1), st.floats(0.0, 0.6), st.floats(0.5, 2.5))
def test_verdoorn_magnifies_growth_differences(eta, lam, eps2):
    """Dixon & Thirlwall (1975) via the course notes: because eta < 0, a larger Verdoorn
    coefficient shrinks 1 + gamma eta lambda and magnifies differences between regions;
    with lambda = 0 there is no magnification. Two regions differing only in the income
    elasticity have g* gap gamma (eps2 - eps1) z / (1 + gamma eta lambda)."""
    assume(abs(1 + eta * lam) > 0.05)
    r1 = ck.DixonThirlwall(eta=eta, lam=lam, epsilon=1.0)
    r2 = ck.DixonThirlwall(eta=eta, lam=lam, epsilon=eps2)
    gap = r2.equilibrium_growth() - r1.equilibrium_growth()
    assert gap == pytest.approx((eps2 - 1.0) * 0.03 / (1 + eta * lam), abs=1e-12)
    no_verdoorn = ck.DixonThirlwall(eta=eta, lam=0.0, epsilon=eps2).equilibrium_growth() - \
        ck.DixonThirlwall(eta=eta, lam=0.0, epsilon=1.0).equilibrium_growth()
    assert abs(gap) >= abs(no_verdoorn) - 1e-15
    assert r1.magnification == pytest.approx(1 / (1 + eta * lam))


def test_levels_diverge_when_equilibrium_rates_differ():
    """Thirlwall (2014, abstract): the model explains why "levels of per capita income
    between regions ... can continue to persist and even widen": stable growth rates that
    differ make log output levels drift apart linearly."""
    fast = ck.DixonThirlwall(epsilon=2.0).path(0.0, 200)
    slow = ck.DixonThirlwall(epsilon=1.0).path(0.0, 200)
    diff = (fast["log_output"] - slow["log_output"]).to_numpy()
    assert np.all(np.diff(diff[50:]) > 0)
    rate_gap = ck.DixonThirlwall(epsilon=2.0).equilibrium_growth() - \
        ck.DixonThirlwall(epsilon=1.0).equilibrium_growth()
    assert diff[-1] - diff[-2] == pytest.approx(rate_gap, rel=1e-6)
    assert math.isclose(rate_gap, 0.03 / 0.25)
    with pytest.raises(ValueError, match="no equilibrium growth rate"):
        ck.DixonThirlwall(eta=-2.0, lam=0.5).equilibrium_growth()
@given(st.floats(0.1, 3.0), st.floats(-3.0, -0.1), st.floats(0.0, 2.0),
       st.floats(-0.1, 0.1), st.floats(0.0, 2.0))
def test_equilibrium_growth_is_the_fixed_point_of_the_lagged_path(gamma, eta, lam, g0, eps):
    """g* = K / (1 + gamma eta lambda) is the fixed point of g_t = K - gamma eta lambda g_{t-1}
    (Dixon & Thirlwall 1975); one step from g* stays at g*, and g_t - g* = root^t (g0 - g*)."""
    m = ck.DixonThirlwall(gamma, eta, epsilon=eps, lam=lam)
    assume(abs(1 + gamma * eta * lam) > 0.05 and abs(m.root) < 1.5)
    g = m.equilibrium_growth()
    assert g == pytest.approx(m.autonomous / (1 + gamma * eta * lam), rel=1e-12, abs=1e-15)
    assume(abs(g) <= 1)
    assert m.path(g, 1)["g"].iloc[1] == pytest.approx(g, rel=1e-9, abs=1e-12)
    path = m.path(g0, 5)["g"].to_numpy()
    np.testing.assert_allclose(path - g, m.root ** np.arange(6) * (g0 - g), atol=1e-10)


def test_the_path_explodes_with_a_clear_error_naming_the_parameters():
    with pytest.raises(ValueError, match=r"gamma=100, eta=-1\.5, lam=0\.5"):
        ck.DixonThirlwall(gamma=100.0).path(0.02, 40)

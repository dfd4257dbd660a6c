"""Tests for coursekit.models.coreperiphery: closed forms against numerics, symmetry, limits, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import BlackHoleError, CorePeriphery, ShortRunEquilibrium

# (sigma, mu) pairs that satisfy the no-black-hole condition (sigma-1)/sigma > mu
GRID = [(s, m) for s in (2.0, 3.0, 5.0, 8.0, 12.0) for m in (0.1, 0.2, 0.3, 0.4, 0.6)
        if (s - 1) / s > m + 0.02]


def test_fkv_example_values():
    """FKV (1999, ch. 5, figs. 5.3-5.4) use sigma = 5, mu = 0.4; their tomahawk shows
    T_B ~ 1.63 and T_S ~ 1.81 (Fujita, Krugman & Venables, *The Spatial Economy*, MIT
    Press, 1999, eqs. 5.19 and 5.26).  Closed form: T_B = 7 ** (1/4) here."""
    m = CorePeriphery(sigma=5.0, mu=0.4)
    assert m.break_point() == pytest.approx(7 ** 0.25, rel=1e-12)
    assert round(m.break_point(), 2) == 1.63
    assert round(m.sustain_point(), 2) == 1.81
    assert m.break_point() < m.sustain_point()


@pytest.mark.parametrize(("sigma", "mu"), GRID)
def test_break_point_is_sign_change_of_slope_at_half(sigma, mu):
    m = CorePeriphery(sigma, mu)
    tb = m.break_point()
    h = 1e-4
    below = m.real_wage_gap(0.5 + h, tb * (1 - 1e-3)) / h
    above = m.real_wage_gap(0.5 + h, tb * (1 + 1e-3)) / h
    assert below > 0 > above  # symmetric equilibrium unstable below T_B, stable above


@pytest.mark.parametrize(("sigma", "mu"), GRID)
def test_sustain_point_is_sign_change_of_gap_at_one(sigma, mu):
    m = CorePeriphery(sigma, mu)
    ts = m.sustain_point()
    assert m.real_wage_gap(1.0, ts * (1 - 1e-4)) > 0 > m.real_wage_gap(1.0, ts * (1 + 1e-4))
    assert abs(m.real_wage_gap(1.0, ts)) < 1e-9
    assert ts > m.break_point()  # FKV: the sustain point comes before the break point as T falls


@pytest.mark.parametrize(("sigma", "mu"), GRID[::3])
def test_tomahawk_agrees_with_closed_forms(sigma, mu):
    m = CorePeriphery(sigma, mu)
    tb, ts = m.break_point(), m.sustain_point()
    T = np.array([1.0 + 0.5 * (tb - 1), 0.5 * (tb + ts), ts + 0.5 * (ts - 1)])
    df = m.tomahawk(T)
    sym = df[df["kind"] == "symmetric"].set_index("T")["stable"]
    cp = df[(df["kind"] == "core-periphery") & (df["lam"] == 1.0)].set_index("T")["stable"]
    assert sym.tolist() == [False, True, True]
    assert cp.tolist() == [True, True, False]
    mid = df[np.isclose(df["T"], T[1]) & (df["kind"] == "interior")]
    assert len(mid) == 2 and not mid["stable"].any()
    assert np.allclose(np.abs(m.real_wage_gap(mid["lam"].to_numpy(), T[1])), 0, atol=1e-10)


def test_tomahawk_columns_over_200_transport_costs():
    """The shape of the result; its speed (< 1 s for these 200 values) is a benchmark
    figure, ``make bench`` (benchmarks/bench_kernels.py, CorePeriphery.tomahawk)."""
    m = CorePeriphery(5.0, 0.4)
    T = np.linspace(1.01, 2.5, 200)
    df = m.tomahawk(T)
    assert list(df.columns)[:3] == ["T", "lam", "stable"]
    assert df["stable"].dtype == bool
    assert set(np.round(df["T"].unique(), 12)) == set(np.round(T, 12))
    assert ((df["lam"] == 0.5).groupby(df["T"]).sum() == 1).all()  # λ = ½ always there


def test_equilibrium_fields_and_convergence():
    m = CorePeriphery(5.0, 0.4)
    eq = m.equilibrium(lam=0.3, T=1.7)
    assert isinstance(eq, ShortRunEquilibrium)
    assert eq.converged and 1 <= eq.iterations < 50 and eq.residual <= 1e-12
    # the solution satisfies the equations it claims to solve
    s, mu, lam, T = 5.0, 0.4, 0.3, 1.7
    assert eq.Y1 == pytest.approx(mu * lam * eq.w1 + (1 - mu) / 2)
    g1 = (lam * eq.w1 ** (1 - s) + (1 - lam) * (eq.w2 * T) ** (1 - s)) ** (1 / (1 - s))
    w1 = (eq.Y1 * eq.G1 ** (s - 1) + eq.Y2 * eq.G2 ** (s - 1) * T ** (1 - s)) ** (1 / s)
    assert eq.G1 == pytest.approx(g1, rel=1e-10) and eq.w1 == pytest.approx(w1, rel=1e-10)
    assert eq.omega1 == pytest.approx(eq.w1 * eq.G1 ** -mu)
    with pytest.raises(AttributeError):
        eq.w1 = 2.0  # frozen
    capped = m.equilibrium(lam=0.3, T=1.7, max_iter=1)
    assert capped.converged is False and capped.iterations == 1 and capped.residual > 1e-12


def test_real_wage_gap_scalar_and_vector_agree():
    m = CorePeriphery(5.0, 0.4)
    lam = np.linspace(0, 1, 11)
    T = np.array([1.2, 1.7, 2.3])
    grid = m.real_wage_gap(lam[:, None], T[None, :])
    assert grid.shape == (11, 3)
    for i, la in enumerate(lam):
        for j, t in enumerate(T):
            v = m.real_wage_gap(float(la), float(t))
            assert isinstance(v, float)
            assert v == pytest.approx(grid[i, j], abs=1e-12)
    assert m.real_wage_gap(pd.Series([0.2, 0.8]), 1.5).shape == (2,)


def test_limit_free_trade_gives_no_gap():
    m = CorePeriphery(5.0, 0.4)
    lam = np.linspace(0, 1, 21)
    assert np.allclose(m.real_wage_gap(lam, 1.0), 0, atol=1e-12)
    assert np.max(np.abs(m.real_wage_gap(lam, 1.0 + 1e-6))) < 1e-5


def test_simulate_agglomeration_and_dispersion():
    m = CorePeriphery(5.0, 0.4)
    low = m.simulate([0.4, 0.6], T=1.4, gamma=5, t_max=200, n_steps=200)
    assert list(low.columns) == ["lam0", "t", "lam"] and len(low) == 2 * 201
    ends = low.groupby("lam0")["lam"].last()
    assert ends[0.4] < 1e-3 and ends[0.6] > 1 - 1e-3  # below T_B: agglomeration
    high = m.simulate([0.2, 0.8], T=2.2, gamma=5, t_max=200, n_steps=200)
    assert np.allclose(high.groupby("lam0")["lam"].last(), 0.5, atol=1e-3)  # above T_S


def test_black_hole_is_an_error_not_nan():
    m = CorePeriphery(sigma=2.0, mu=0.6)  # rho = 0.5 < mu
    assert not m.no_black_hole
    for method in (m.break_point, m.sustain_point):
        with pytest.raises(BlackHoleError, match=r"sigma=2.*mu=0.6.*black hole"):
            method()
    assert issubclass(BlackHoleError, ValueError)
    df = m.tomahawk([1.1, 1.5, 3.0])
    assert not df.loc[df["kind"] == "symmetric", "stable"].any()
    assert df.loc[df["kind"] == "core-periphery", "stable"].all()


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [({"sigma": 1.0, "mu": 0.4}, "sigma"), ({"sigma": 0.5, "mu": 0.4}, "sigma"),
     ({"sigma": 5.0, "mu": 0.0}, "mu"), ({"sigma": 5.0, "mu": 1.0}, "mu"),
     ({"sigma": 5.0, "mu": -0.1}, "mu")],
)
def test_bad_parameters(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        CorePeriphery(**kwargs)


def test_bad_arguments_name_parameter_and_value():
    m = CorePeriphery(5.0, 0.4)
    with pytest.raises(ValueError, match=r"'T'.*0.9"):
        m.equilibrium(0.5, 0.9)
    with pytest.raises(ValueError, match=r"'lam'.*1.2"):
        m.equilibrium(1.2, 1.5)
    with pytest.raises(ValueError, match=r"'lam'.*-0.1"):
        m.real_wage_gap([0.2, -0.1], 1.5)
    with pytest.raises(ValueError, match=r"'T'.*0.5"):
        m.real_wage_gap(0.2, [1.5, 0.5])
    with pytest.raises(ValueError, match="tol"):
        m.equilibrium(0.5, 1.5, tol=0)
    with pytest.raises(ValueError, match="max_iter"):
        m.equilibrium(0.5, 1.5, max_iter=0)
    with pytest.raises(ValueError, match="T_values"):
        m.tomahawk([1.5, 0.8])
    with pytest.raises(ValueError, match="NaN"):
        m.real_wage_gap([0.5, float("nan")], 1.5)
    with pytest.raises(TypeError, match="sigma"):
        CorePeriphery(sigma="5", mu=0.4)


valid = st.tuples(st.floats(1.5, 12.0), st.floats(0.05, 0.9)).filter(
    lambda p: (p[0] - 1) / p[0] > p[1] + 0.01
)


@given(params=valid, lam=st.floats(0.0, 1.0), T=st.floats(1.0, 4.0))
def test_property_symmetry(params, lam, T):
    m = CorePeriphery(*params)
    assert m.real_wage_gap(lam, T) == pytest.approx(-m.real_wage_gap(1 - lam, T), abs=1e-10)
    assert abs(m.real_wage_gap(0.5, T)) < 1e-10


@given(params=valid, lam=st.floats(0.0, 1.0), T=st.floats(1.0, 4.0))
def test_property_equilibrium_converges_and_is_consistent(params, lam, T):
    m = CorePeriphery(*params)
    eq = m.equilibrium(lam, T)
    assert eq.converged and eq.residual <= 1e-12
    assert eq.Y1 + eq.Y2 == pytest.approx(m.mu * (lam * eq.w1 + (1 - lam) * eq.w2) + 1 - m.mu)
    assert eq.omega1 - eq.omega2 == pytest.approx(m.real_wage_gap(lam, T), abs=1e-12)


@given(params=valid)
def test_property_break_before_sustain_and_both_above_one(params):
    m = CorePeriphery(*params)
    tb, ts = m.break_point(), m.sustain_point()
    assert 1 < tb < ts and np.isfinite(ts)


@given(params=valid)
def test_property_closed_forms_match_numerics(params):
    """Slope of the gap at ½ changes sign at T_B; the gap at λ = 1 changes sign at T_S."""
    m = CorePeriphery(*params)
    tb, ts = m.break_point(), m.sustain_point()
    h = 1e-4
    assert m.real_wage_gap(0.5 + h, tb * (1 - 2e-3)) > 0 > m.real_wage_gap(0.5 + h, tb * (1 + 2e-3))
    assert m.real_wage_gap(1.0, ts * (1 - 1e-3)) > 0 > m.real_wage_gap(1.0, ts * (1 + 1e-3))


def test_real_wage_gap_reports_non_convergence():
    with pytest.raises(RuntimeError, match="did not converge"):
        CorePeriphery(5.0, 0.4).real_wage_gap([0.3, 0.7], 1.7, max_iter=1)
    with pytest.raises(ValueError, match="tol"):
        CorePeriphery(5.0, 0.4).real_wage_gap(0.3, 1.7, tol=-1)

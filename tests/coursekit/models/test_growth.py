"""Tests of the growth-and-agglomeration model (coursekit.models.growth).

Sources.  The growth model's primitives are those stated in Baldwin, Martin & Ottaviano
(2001, JEG 6(1), "Basic assumptions"): A = s_K + λ(1 − s_K), A* = λ s_K + 1 − s_K,
innovation cost 1/(A K^w), log utility, Tobin's q.  The closed forms are the course's
derivation from them (the Baldwin et al. 2003 book could not be checked), so each is
tested against (a) the statements the sources make in words, (b) the numerical solution
of the primitive equations (``solve_steady_state``) and (c) finite differences, and the
worked numbers against the hand computation in the course's research notes.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coursekit as ck

M = ck.GrowthAgglomeration(L=1.0, rho=0.1, mu=0.4, sigma=4.0, lam=0.5)

params = st.fixed_dictionaries({
    "L": st.floats(0.3, 5.0), "rho": st.floats(0.01, 0.3), "mu": st.floats(0.2, 0.9),
    "sigma": st.floats(1.5, 8.0), "lam": st.floats(0.05, 0.95), "delta": st.floats(0.0, 0.05),
})


def _model(p: dict) -> ck.GrowthAgglomeration:
    b = p["mu"] / p["sigma"]
    assume(b * (1 + p["lam"]) * p["L"] - (1 - b) * p["rho"] - p["delta"] > 1e-3)
    return ck.GrowthAgglomeration(**p)


# --- worked example --------------------------------------------------------------------

def test_worked_example_by_hand():
    """Course notes, Example 1 (b = 0.1, L = 1, rho = 0.1, lambda = 0.5), computed by hand:
    Omega(1/2) = 4/3, g = 0.06 at 1/2 and 0.11 at 1; s_K = 0.75 gives g = 0.069091 and
    s_E = 0.510753; s_K = 0.9 gives g = 0.087119 and s_E = 0.518116; phi_B = 0.251127,
    phi_S = 0.255145."""
    assert M.b == pytest.approx(0.1)
    assert M.omega(0.5) == pytest.approx(4 / 3)
    assert M.growth_rate([0.5, 0.75, 0.9, 1.0]) == pytest.approx(
        [0.06, 0.069091, 0.087119, 0.11], abs=1e-6)
    assert M.expenditure_share([0.75, 0.9]) == pytest.approx([0.510753, 0.518116], abs=1e-6)
    assert M.break_point() == pytest.approx(0.251127, abs=1e-6)
    assert M.sustain_point() == pytest.approx(0.255145, abs=1e-6)


def test_worked_take_off_numbers():
    """Course notes, Example 3 (mu = 0.4, sigma = 4): phi = 0.2 is tau = 0.2**(-1/3) =
    1.709976; growth 0.06 (real 0.008) dispersed at phi = 0.2 and 0.11 (real 0.014667) in
    the core-periphery at phi = 0.3; with delta = 0.02 both fall by 0.02. The interior
    steady states at phi = 0.252, 0.2532, 0.254, 0.255 are s_K = 0.745, 0.87, 0.93, 0.992."""
    assert M.freeness(1.709976) == pytest.approx(0.2, abs=1e-6)
    path = M.take_off([0.2, 0.3]).set_index("phi")
    assert path.loc[0.2, ["s_K", "g", "g_real"]].tolist() == pytest.approx([0.5, 0.06, 0.008])
    assert path.loc[0.3, ["s_K", "g", "g_real"]].tolist() == pytest.approx(
        [1.0, 0.11, 0.014667], abs=1e-6)
    dep = ck.GrowthAgglomeration(lam=0.5, delta=0.02)
    assert dep.growth_rate([0.5, 1.0]) == pytest.approx([0.04, 0.09])
    states = M.steady_states([0.252, 0.2532, 0.254, 0.255])
    upper = states[states["stable"] & (states["kind"] == "interior") & (states["s_K"] > 0.5)]
    assert upper["s_K"].round(3).tolist() == [0.745, 0.870, 0.930, 0.992]


# --- statements of the sources ------------------------------------------------------------

@given(params, st.floats(0.0, 1.0))
def test_global_spillovers_make_growth_independent_of_location(p, s):
    """Martin & Ottaviano (1999, abstract) and BMO (2001): with global spillovers (lambda = 1)
    the location of firms does not affect the growth rate."""
    p = {**p, "lam": 1.0}
    m = _model(p)
    assert m.growth_rate(s) == pytest.approx(m.growth_rate(0.5), rel=1e-12, abs=1e-14)


@given(params)
def test_growth_gain_from_agglomeration_is_b_one_minus_lambda_L(p):
    """BMO (2001, "Growth stages"): core-periphery growth "exceeds the stage-one g only to the
    extent that spillovers are localized"; here g_CP - g_sym = b (1 - lambda) L, and both
    closed forms (G3, G4) follow from g = 2bL/Omega - (1-b) rho - delta."""
    m = _model(p)
    b = m.b
    assert m.growth_rate(0.5) == pytest.approx(b * (1 + m.lam) * m.L - (1 - b) * m.rho - m.delta)
    assert m.growth_rate(1.0) == pytest.approx(2 * b * m.L - (1 - b) * m.rho - m.delta)
    assert m.growth_rate(1.0) - m.growth_rate(0.5) == pytest.approx(b * (1 - m.lam) * m.L)


@given(params, st.floats(0.0, 1.0))
def test_growth_is_u_shaped_and_symmetric_in_the_share(p, s):
    """Derived: Omega is symmetric about 1/2 with its maximum there, so g(s) = g(1 - s) and
    g(s) >= g(1/2) (localised spillovers: concentration raises growth)."""
    m = _model(p)
    assert m.growth_rate(s) == pytest.approx(m.growth_rate(1 - s), rel=1e-10)
    assert m.growth_rate(s) >= m.growth_rate(0.5) - 1e-12


def test_stage_one_growth_comparative_statics():
    """BMO (2001, "Growth stages"): stage-one growth "rises with L and alpha [mu], but falls
    with rho and sigma" (checked on g_sym by finite steps)."""
    base = dict(L=1.0, rho=0.1, mu=0.4, sigma=4.0, lam=0.5)
    g0 = ck.GrowthAgglomeration(**base).growth_rate(0.5)
    for key, step, sign in (("L", 0.1, 1), ("mu", 0.05, 1), ("rho", 0.01, -1), ("sigma", 0.5, -1)):
        g1 = ck.GrowthAgglomeration(**{**base, key: base[key] + step}).growth_rate(0.5)
        assert np.sign(g1 - g0) == sign, key


def test_real_income_grows_at_mu_g_over_sigma_minus_one():
    """BMO (2001, "Growth stages"): "P_M falls at g/(sigma-1) and real income grows at
    alpha g/(sigma-1)"."""
    s = np.linspace(0, 1, 11)
    assert M.real_growth_rate(s) == pytest.approx(M.mu * M.growth_rate(s) / (M.sigma - 1))


# --- thresholds against finite differences and the primitives ---------------------------

@given(params)
def test_global_spillovers_break_and_sustain_points_coincide(p):
    """Derived (G9, G10 with lambda = 1): phi_B = phi_S = L / (L + rho); break and sustain
    points coincide, as in BMO's global-spillovers case (no overlap)."""
    m = _model({**p, "lam": 1.0})
    assert m.break_point() == pytest.approx(m.L / (m.L + m.rho))
    assert m.sustain_point() == pytest.approx(m.L / (m.L + m.rho))


@given(params)
def test_slope_of_the_gap_at_one_half_changes_sign_at_the_break_point(p):
    """The break point is where d(q - q*)/ds_K at 1/2 changes sign (central differences on
    the gap, which is computed from B, A and Omega without the break-point formula)."""
    m = _model(p)
    pb = m.break_point()
    h = 1e-6

    def slope(phi: float) -> float:
        return (m.location_gap(0.5 + h, phi) - m.location_gap(0.5 - h, phi)) / (2 * h)

    eps = 1e-3 * min(pb, 1 - pb)
    assert slope(pb - eps) < 0 < slope(pb + eps)
    assert abs(slope(pb)) < 1e-5


@given(params)
def test_the_periphery_q_is_one_at_the_sustain_point(p):
    """At s_K = 1, q = 1 and q* = lambda [phi s_E + (1 - s_E)/phi] < 1 exactly above phi_S."""
    m = _model(p)
    ps = m.sustain_point()
    q, q_star = m.tobin_q(1.0, ps)
    assert q == pytest.approx(1.0) and q_star == pytest.approx(1.0, abs=1e-9)
    assert m.tobin_q(1.0, min(1.0, ps * 1.01))[1] < 1 < m.tobin_q(1.0, ps * 0.99)[1]


@given(params)
def test_break_point_below_sustain_point_and_falls_as_spillovers_localise(p):
    """Checked, not proved (course notes): phi_B < phi_S, so between them a stable interior
    steady state moves from 1/2 to 1; phi_B rises with lambda (more local spillovers make
    industry concentrate at higher trade costs)."""
    m = _model(p)
    assert m.break_point() < m.sustain_point() + 1e-12
    more_global = ck.GrowthAgglomeration(m.L, m.rho, m.mu, m.sigma, min(1.0, m.lam + 0.04),
                                         m.delta)
    assert more_global.break_point() > m.break_point()


@given(params, st.floats(0.05, 0.95))
def test_primitive_equations_agree_with_the_closed_forms(p, where):
    """solve_steady_state solves labour-market clearing, the households' budgets and q = q*
    numerically; at its solution q = q* = 1 (free entry), g = 2bL/Omega - (1-b)rho - delta,
    s_E is the saving relation and s_K is the steady state found from the closed-form gap."""
    m = _model(p)
    pb, ps = m.break_point(), m.sustain_point()
    assume(ps - pb > 1e-6)
    phi = pb + where * (ps - pb)
    ss = m.solve_steady_state(phi)
    assert ss.q == pytest.approx(1.0, abs=1e-9) and ss.q_star == pytest.approx(1.0, abs=1e-9)
    assert ss.g == pytest.approx(m.growth_rate(ss.s_K), abs=1e-10)
    assert ss.s_E == pytest.approx(m.expenditure_share(ss.s_K), abs=1e-10)
    assert ss.E + ss.E_star == pytest.approx(2 * m.L + m.rho * m.omega(ss.s_K))
    states = m.steady_states([phi], n_grid=401)
    interior = states[(states["kind"] == "interior") & (states["s_K"] > 0.5)]
    assert interior["s_K"].iloc[0] == pytest.approx(ss.s_K, abs=1e-7)
    assert bool(interior["stable"].iloc[0])


def test_dispersion_solves_the_primitives_below_the_break_point():
    """Below phi_B the symmetric outcome is the steady state inside (0.3, 0.7), with g_sym."""
    ss = M.solve_steady_state(0.2, bracket=(0.3, 0.7))
    assert (ss.s_K, ss.g, ss.q) == pytest.approx((0.5, 0.06, 1.0))
    with pytest.raises(ValueError, match="does not change sign inside 'bracket'"):
        M.solve_steady_state(0.2)


def test_steady_states_by_stage():
    """BMO (2001) stages: below phi_B only dispersion is stable, between phi_B and phi_S an
    interior asymmetric steady state, above phi_S the core-periphery outcome."""
    pb, ps = M.break_point(), M.sustain_point()
    df = M.steady_states([pb * 0.9, (pb + ps) / 2, min(1.0, ps * 1.1)])
    stable = df[df["stable"]].groupby("phi")["kind"].agg(set)
    assert list(stable) == [{"symmetric"}, {"interior"}, {"core-periphery"}]
    path = M.take_off(np.concatenate([np.linspace(0.1, 0.5, 41), np.linspace(pb, ps, 7)]))
    assert path["g"].is_monotonic_increasing
    assert set(path["stage"]) == {"dispersed", "take-off", "core-periphery"}


def test_invalid_parameters_are_named():
    with pytest.raises(ValueError, match="growth would be negative.*'rho'"):
        ck.GrowthAgglomeration(L=0.1, rho=0.5)
    with pytest.raises(ValueError, match="'lam' must be <= 1"):
        ck.GrowthAgglomeration(lam=1.5)
    with pytest.raises(ValueError, match="'phi' must be in"):
        M.location_gap(0.5, 0.0)

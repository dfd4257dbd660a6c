"""Tests for coursekit.models.absorptive: the Cohen-Levinthal knowledge-stock equation, the four
sign assumptions on absorptive capacity, exact derivatives and the notes' worked example."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit as ck

M_VALUES = st.floats(0.0, 20.0)
BETAS = st.floats(0.01, 50.0)


def test_worked_example_of_the_notes():
    """notes/ch4/methods.md, section 3.3 (M = 1, theta = 0.5, sum of others' R&D = 4, T = 2,
    so the outside pool is 4; e^-1 = 0.367879): beta = 1 gives gamma = 0.816060,
    z = 4.264241, dz/dM = 1.735759, dz/dtheta = 3.264241; beta = 3 gives 0.724090,
    3.896362, 2.103638, 2.896362."""
    for beta, expected in ((1.0, (0.816060, 4.264241, 1.735759, 3.264241)),
                           (3.0, (0.724090, 3.896362, 2.103638, 2.896362))):
        k = ck.knowledge_stock(1.0, others_rd=4.0, spillover=0.5, external=2.0, beta=beta)
        assert k.pool == 4.0
        got = (k.gamma, k.stock, k.marginal_rd, k.marginal_spillover)
        np.testing.assert_allclose(got, expected, atol=5e-7)


def test_knowledge_stock_is_the_cohen_levinthal_equation():
    """z_i = M_i + gamma_i (theta sum_{j != i} M_j + T) (Cohen & Levinthal 1989, 1990)."""
    m, s, theta, t, beta = 2.0, 10.0, 0.3, 5.0, 0.7
    k = ck.knowledge_stock(m, s, theta, t, beta)
    gamma = ck.absorptive_capacity(m, beta)
    assert k.gamma == pytest.approx(gamma)
    assert k.stock == pytest.approx(m + gamma * (theta * s + t))


def test_absorptive_capacity_closed_form():
    """gamma(0, beta) = 1 / (1 + beta) and gamma -> 1 as own R&D grows (the course's form)."""
    for beta in (0.5, 1.0, 4.0):
        assert ck.absorptive_capacity(0.0, beta) == pytest.approx(1 / (1 + beta))
        assert ck.absorptive_capacity(60.0, beta) == pytest.approx(1.0)
    arr = ck.absorptive_capacity(np.array([0.0, 1.0]), 1.0)
    np.testing.assert_allclose(arr, [0.5, 1 - 0.5 * math.exp(-1)])


@given(st.floats(0.0, 8.0), st.floats(0.05, 10.0))
def test_the_four_sign_assumptions(m, beta):
    """Cohen & Levinthal assume d gamma/dM > 0, d2 gamma/dM2 < 0, d gamma/d beta < 0 and
    d2 gamma/(dM d beta) > 0; the course's form satisfies all four (finite differences)."""
    h = 1e-3
    g = lambda m_, b_: ck.absorptive_capacity(m_, b_)  # noqa: E731
    m = max(m, 2 * h)
    g_m = (g(m + h, beta) - g(m - h, beta)) / (2 * h)
    g_mm = (g(m + h, beta) - 2 * g(m, beta) + g(m - h, beta)) / h**2
    g_b = (g(m, beta + h) - g(m, beta - h / 2)) / (1.5 * h)
    g_mb = ((g(m + h, beta + h) - g(m - h, beta + h)) - (g(m + h, beta) - g(m - h, beta))) \
        / (2 * h * h)
    assert g_m > 0 and g_mm < 0 and g_b < 0 and g_mb > 0
    assert g_mb == pytest.approx(math.exp(-m) / (1 + beta) ** 2, rel=1e-3)


@given(M_VALUES, st.floats(0, 50), st.floats(0, 1), st.floats(0, 50), BETAS)
def test_derivatives_match_finite_differences(m, s, theta, t, beta):
    h = 1e-5
    k = ck.knowledge_stock(m + h, s, theta, t, beta)
    stock = lambda **kw: ck.knowledge_stock(**{"own_rd": m + h, "others_rd": s,  # noqa: E731
                                              "spillover": theta, "external": t,
                                              "beta": beta, **kw}).stock
    assert k.marginal_rd == pytest.approx((stock(own_rd=m + 2 * h) - stock(own_rd=m)) / (2 * h),
                                          rel=1e-5, abs=1e-5)
    th_lo, th_hi = max(theta - h, 0.0), min(theta + h, 1.0)
    assert k.marginal_spillover == pytest.approx(
        (stock(spillover=th_hi) - stock(spillover=th_lo)) / (th_hi - th_lo), rel=1e-5, abs=1e-5)
    marg = lambda **kw: ck.knowledge_stock(**{"own_rd": m + h, "others_rd": s,  # noqa: E731
                                             "spillover": theta, "external": t,
                                             "beta": beta, **kw}).marginal_rd
    assert k.cross_spillover == pytest.approx(
        (marg(spillover=th_hi) - marg(spillover=th_lo)) / (th_hi - th_lo), rel=1e-4, abs=1e-6)
    assert k.cross_beta == pytest.approx((marg(beta=beta + h) - marg(beta=beta - h)) / (2 * h),
                                         rel=1e-4, abs=1e-6)


def test_spillovers_raise_the_return_to_own_rd():
    """The absorption incentive: d2z/(dM dtheta) = gamma_M * sum M_j > 0 (Cohen & Levinthal's
    reason why spillovers need not discourage R&D), and harder learning raises dz/dM."""
    low = ck.knowledge_stock(1.0, 4.0, 0.2, 2.0, 1.0)
    high = ck.knowledge_stock(1.0, 4.0, 0.8, 2.0, 1.0)
    assert high.marginal_rd > low.marginal_rd and low.cross_spillover > 0
    easy = ck.knowledge_stock(1.0, 4.0, 0.5, 2.0, 1.0)
    hard = ck.knowledge_stock(1.0, 4.0, 0.5, 2.0, 3.0)
    assert hard.marginal_rd > easy.marginal_rd and hard.stock < easy.stock


def test_statics_grid_matches_pointwise_values():
    grid = ck.absorptive_statics([0.0, 0.5, 2.0], [1.0, 3.0], others_rd=6.0, spillover=0.4,
                                 external=1.0)
    assert len(grid) == 6
    for row in grid.itertuples(index=False):
        k = ck.knowledge_stock(row.own_rd, 6.0, 0.4, 1.0, row.beta)
        assert row.stock == pytest.approx(k.stock) and row.gamma == pytest.approx(k.gamma)


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="'spillover'"):
        ck.knowledge_stock(1.0, 4.0, 1.5, 2.0, 1.0)
    with pytest.raises(ValueError, match="'beta'"):
        ck.absorptive_capacity(1.0, 0.0)
    with pytest.raises(ValueError, match="'beta'"):
        ck.absorptive_statics([1.0], [0.0])

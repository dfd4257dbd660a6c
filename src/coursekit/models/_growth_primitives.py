"""The primitive equations of the growth-and-agglomeration model, solved numerically.

Used by :meth:`coursekit.GrowthAgglomeration.solve_steady_state`; kept apart from
the closed forms in :mod:`coursekit.models.growth` so that the tests can compare the two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from scipy.optimize import brentq, root

__all__ = ["GrowthSteadyState", "solve_primitives", "steady_state_rows"]

_EDGE = 1e-9  # bracket end points are moved inwards by this much (q - q* is 0 at s_K = 1/2)


class GrowthSteadyState(NamedTuple):
    """A steady state found by solving the model's primitive equations."""

    phi: float  #: trade freeness
    s_K: float  #: the North's share of capital (and firms)
    g: float  #: growth rate of the capital stock
    E: float  #: the North's expenditure
    E_star: float  #: the South's expenditure
    s_E: float  #: the North's expenditure share
    q: float  #: Tobin's q of a unit of capital in the North
    q_star: float  #: Tobin's q in the South
    residual: float  #: largest absolute residual of the primitive equations


def _inner(s: float, L: float, rho: float, b: float, lam: float, delta: float,
           phi: float) -> tuple[np.ndarray, tuple[float, float, float], float]:
    """Solve labour market and budgets for (g, E, E*) at share s; return them, (q, q*, s_E)."""
    a_n, a_s = s + lam * (1 - s), lam * s + 1 - s
    d_n, d_s = s + phi * (1 - s), phi * s + 1 - s

    def parts(x: np.ndarray) -> tuple[np.ndarray, tuple[float, float, float]]:
        g, e_n, e_s = x
        e_w = e_n + e_s
        s_e = e_n / e_w
        value = b * e_w / (rho + delta + g)  # operating profit of all capital, discounted
        q = a_n * (s_e / d_n + phi * (1 - s_e) / d_s) * value
        q_s = a_s * (phi * s_e / d_n + (1 - s_e) / d_s) * value
        labour = (g + delta) * (s / a_n + (1 - s) / a_s) + (1 - b) * e_w - 2 * L
        return np.array([labour, e_n - L - rho * s * q / a_n,
                         e_s - L - rho * (1 - s) * q_s / a_s]), (q, q_s, s_e)

    # Start above the economic root: g = -delta (no investment at all) also solves the system.
    start = np.array([2 * b * L, L, L])
    sol = root(lambda x: parts(x)[0], start, method="hybr", options={"xtol": 1e-14})
    resid, extra = parts(sol.x)
    return sol.x, extra, float(np.max(np.abs(resid)))


def solve_primitives(L: float, rho: float, b: float, lam: float, delta: float, phi: float,
                     low: float, high: float) -> GrowthSteadyState:
    """Steady state with q = q* for a share in (low, high), by Brent's method on s_K."""

    def gap(s: float) -> float:
        _, (q, q_s, _), _ = _inner(s, L, rho, b, lam, delta, phi)
        return q - q_s

    lo, hi = low + _EDGE, high - _EDGE
    g_lo, g_hi = gap(lo), gap(hi)
    if np.sign(g_lo) == np.sign(g_hi):
        raise ValueError(
            f"q - q* does not change sign inside 'bracket'=({low:g}, {high:g}) at 'phi'={phi:g} "
            f"({g_lo:.3g} and {g_hi:.3g}): there is no steady state in between to find. "
            f"Try another bracket, or see steady_states() for every steady state.")
    s = brentq(gap, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps)
    (g, e_n, e_s), (q, q_s, s_e), resid = _inner(s, L, rho, b, lam, delta, phi)
    resid = max(resid, abs(q - q_s))
    if g <= -delta + 1e-12 or resid > 1e-8:
        raise ValueError(f"The primitive equations did not converge at 'phi'={phi:g} "  # pragma: no cover
                         f"(residual {resid:.2g}); try a narrower 'bracket'.")
    return GrowthSteadyState(float(phi), float(s), float(g), float(e_n), float(e_s),
                             float(s_e), float(q), float(q_s), float(resid))


def steady_state_rows(gap: Callable[..., np.ndarray], phis: np.ndarray, n_grid: int,
                      phi_b: float) -> list[tuple[float, float, bool, str]]:
    """Every steady state (phi, s_K, stable, kind) from the zeros of q - q* on [1/2, 1].

    The gap is evaluated on a grid of ``n_grid`` shares for all ``phis`` at once; sign
    changes are refined with Brent's method and mirrored.  Just above 1/2 the gap has the
    sign of its slope there: negative below the break point ``phi_b`` (stable dispersion).
    """
    grid = np.linspace(0.5, 1.0, n_grid)[1:]
    gaps = gap(grid[None, :], phis[:, None])
    lows = np.concatenate([[0.5 + 1e-12], grid])
    rows: list[tuple[float, float, bool, str]] = []
    for phi, row in zip(phis, gaps, strict=True):
        sym_stable = bool(phi < phi_b)
        rows.append((float(phi), 0.5, sym_stable, "symmetric"))
        signs = np.concatenate([[-1.0 if sym_stable else 1.0], np.sign(row)])
        for k in np.flatnonzero(signs[:-1] * signs[1:] < 0):
            s = brentq(lambda x, p=phi: float(gap(x, p)), lows[k], lows[k + 1], xtol=1e-13)
            if s < 1 - 1e-9:
                stable = bool(signs[k] > 0 > signs[k + 1])
                rows += [(float(phi), s, stable, "interior"), (float(phi), 1 - s, stable, "interior")]
        cp_stable = bool(row[-1] > 0)
        rows += [(float(phi), 1.0, cp_stable, "core-periphery"),
                 (float(phi), 0.0, cp_stable, "core-periphery")]
    return rows

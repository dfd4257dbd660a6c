"""Numerical engine behind :class:`coursekit.CorePeriphery`.

Private helpers, kept apart so that :mod:`coursekit.models.coreperiphery` stays short
and readable.  Everything here is vectorised over NumPy arrays: ``lam`` and
``T`` broadcast against each other, so one call solves the wage equations on a
whole (λ, T) grid at once.

The short-run equilibrium is the solution of the two wage equations of
Fujita, Krugman & Venables (1999, ch. 5).  Writing :math:`x_r = \\ln w_r`
they read

.. math::

    \\sigma x_r = \\ln\\Big(\\sum_s Y_s G_s^{\\sigma-1} T_{rs}^{1-\\sigma}\\Big),

and are solved by Newton's method in :math:`x` (steps capped at 0.5 in log
units, halved up to eight times until the residual falls).  Where no Newton
step reduces the residual the solver takes, point by point, one step of the
classical fixed-point iteration :math:`x \\leftarrow \\ln(\\cdot)/\\sigma`,
which converges (slowly) on its own.  SciPy has no elementwise solver for a
system of two equations on a whole grid at once, so this one is kept; the root
refinement and the ODE integration use SciPy (see :mod:`coursekit.models.coreperiphery`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp
from scipy.optimize import elementwise

__all__: list[str] = []  # private engine; the public names live in coreperiphery


class ShortRunEquilibrium(NamedTuple):
    """Short-run equilibrium of the core–periphery model (immutable).

    ``residual`` is the largest wage-equation error in log-wage units;
    ``converged`` is True only if it is at most the requested ``tol``.
    """

    w1: float
    w2: float
    G1: float
    G2: float
    Y1: float
    Y2: float
    omega1: float
    omega2: float
    converged: bool
    iterations: int
    residual: float


class WageSolution(NamedTuple):
    """Arrays of the short-run equilibrium plus the solver's bookkeeping."""

    w1: np.ndarray
    w2: np.ndarray
    G1: np.ndarray
    G2: np.ndarray
    Y1: np.ndarray
    Y2: np.ndarray
    omega1: np.ndarray
    omega2: np.ndarray
    converged: np.ndarray
    iterations: int
    residual: np.ndarray


def _residual(
    x1: np.ndarray, x2: np.ndarray, lam: np.ndarray, phi: np.ndarray, sigma: float, mu: float
) -> tuple[np.ndarray, ...]:
    """Residuals F_r = σ x_r − ln R_r and the pieces needed for the Jacobian."""
    a = 1.0 - sigma
    c = (1.0 - mu) / 2.0
    l1, l2 = lam, 1.0 - lam
    w1, w2 = np.exp(x1), np.exp(x2)
    y1 = mu * l1 * w1 + c
    y2 = mu * l2 * w2 + c
    z1, z2 = np.exp(a * x1), np.exp(a * x2)
    p1 = l1 * z1 + l2 * phi * z2  # G1 ** (1 - sigma)
    p2 = l1 * phi * z1 + l2 * z2  # G2 ** (1 - sigma)
    big_a, big_b = y1 / p1, y2 / p2
    r1 = big_a + phi * big_b
    r2 = phi * big_a + big_b
    f1 = sigma * x1 - np.log(r1)
    f2 = sigma * x2 - np.log(r2)
    return f1, f2, w1, w2, y1, y2, z1, z2, p1, p2, big_a, big_b, r1, r2


def solve_wages(
    sigma: float,
    mu: float,
    lam: np.ndarray,
    T: np.ndarray,
    *,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> WageSolution:
    """Solve the wage equations on broadcast arrays ``lam`` and ``T``.

    Returns arrays of wages, price indices, incomes and real wages.
    ``converged`` is elementwise (the residual, in log-wage units, is at most
    ``tol``); ``iterations`` counts the vectorised sweeps actually made.
    """
    lam, T = np.broadcast_arrays(np.asarray(lam, dtype=float), np.asarray(T, dtype=float))
    a = 1.0 - sigma
    phi = T**a  # freeness of trade, in (0, 1]
    l1, l2 = lam, 1.0 - lam
    x1 = np.zeros(lam.shape)
    x2 = np.zeros(lam.shape)
    iterations = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        f1, f2, *_ = _residual(x1, x2, lam, phi, sigma, mu)
        while iterations < max_iter:
            residual = np.maximum(np.abs(f1), np.abs(f2)) / sigma  # log-wage units
            done = residual <= tol
            if done.all():
                break
            iterations += 1
            (f1, f2, w1, w2, _y1, _y2, z1, z2, p1, p2, big_a, big_b, r1, r2) = _residual(
                x1, x2, lam, phi, sigma, mu
            )
            # derivatives of A = Y1/P1 and B = Y2/P2 with respect to x1, x2
            a1 = (mu * l1 * w1 - big_a * l1 * a * z1) / p1
            a2 = -big_a * l2 * phi * a * z2 / p1
            b1 = -big_b * l1 * phi * a * z1 / p2
            b2 = (mu * l2 * w2 - big_b * l2 * a * z2) / p2
            j11 = sigma - (a1 + phi * b1) / r1
            j12 = -(a2 + phi * b2) / r1
            j21 = -(phi * a1 + b1) / r2
            j22 = sigma - (phi * a2 + b2) / r2
            det = j11 * j22 - j12 * j21
            d1 = np.clip((j22 * f1 - j12 * f2) / det, -0.5, 0.5)
            d2 = np.clip((j11 * f2 - j21 * f1) / det, -0.5, 0.5)
            old = np.maximum(np.abs(f1), np.abs(f2))
            # Backtracking: halve the Newton step until the residual falls (at most 8 times)
            n1, n2 = x1.copy(), x2.copy()
            pending = ~done
            step = 1.0
            for _ in range(8):
                c1, c2 = x1 - step * d1, x2 - step * d2
                g1, g2, *_ = _residual(c1, c2, lam, phi, sigma, mu)
                new = np.maximum(np.abs(g1), np.abs(g2))
                better = pending & np.isfinite(new) & (new < old)
                n1 = np.where(better, c1, n1)
                n2 = np.where(better, c2, n2)
                pending &= ~better
                if not pending.any():
                    break
                step /= 2
            # one fixed-point step where no Newton step reduced the residual
            n1 = np.where(pending, np.log(r1) / sigma, n1)
            n2 = np.where(pending, np.log(r2) / sigma, n2)
            x1 = np.where(done, x1, n1)
            x2 = np.where(done, x2, n2)
            f1, f2, *_ = _residual(x1, x2, lam, phi, sigma, mu)
        (f1, f2, w1, w2, y1, y2, _z1, _z2, p1, p2, *_rest) = _residual(x1, x2, lam, phi, sigma, mu)
        residual = np.maximum(np.abs(f1), np.abs(f2)) / sigma
    converged = np.isfinite(residual) & (residual <= tol)
    g1 = p1 ** (1.0 / a)
    g2 = p2 ** (1.0 / a)
    return WageSolution(
        w1=w1,
        w2=w2,
        G1=g1,
        G2=g2,
        Y1=y1,
        Y2=y2,
        omega1=w1 * g1**-mu,
        omega2=w2 * g2**-mu,
        converged=converged,
        iterations=iterations,
        residual=residual,
    )


def tomahawk_table(gap_fn: Callable[[Any, Any], Any], T_arr: np.ndarray,
                   n_lam: int) -> pd.DataFrame:
    """Long-run equilibria for each T (see :meth:`coursekit.CorePeriphery.tomahawk`).

    ``gap_fn(lam, T)`` is the vectorised real-wage gap.  The gap is computed on a grid
    of λ in [½, 1] times T; sign changes bracket the interior zeros, which SciPy's
    elementwise bracketing root finder (Chandrupatla's method) refines all at once.
    """
    h = 1e-6
    lam = np.concatenate([[0.5 + h], np.linspace(0.5, 1.0, n_lam)[1:]])
    gap = gap_fn(lam[:, None], T_arr[None, :])
    g0, g1 = gap[:-1], gap[1:]
    i, j = np.nonzero(np.sign(g0) * np.sign(g1) < 0)
    if i.size:
        found = elementwise.find_root(gap_fn, (lam[i], lam[i + 1]), args=(T_arr[j],),
                                      tolerances={"xatol": 1e-12, "xrtol": 1e-12})
        roots = np.asarray(found.x, dtype=float)
    else:
        roots = np.empty(0)
    root_stable = g0[i, j] > 0  # gap falls through zero

    def rows(T: np.ndarray, lam_: np.ndarray, stable: np.ndarray, kind: str) -> pd.DataFrame:
        return pd.DataFrame({"T": T, "lam": lam_, "stable": stable.astype(bool), "kind": kind})

    frames = [
        rows(T_arr, np.full(T_arr.size, 0.5), gap[0] < 0, "symmetric"),
        rows(T_arr, np.ones(T_arr.size), gap[-1] > 0, "core-periphery"),
        rows(T_arr, np.zeros(T_arr.size), gap[-1] > 0, "core-periphery"),
        rows(T_arr[j], roots, root_stable, "interior"),
        rows(T_arr[j], 1.0 - roots, root_stable, "interior"),
    ]
    out = pd.concat([f for f in frames if len(f)], ignore_index=True)
    return out.sort_values(["T", "lam"], ignore_index=True)


def adjustment_paths(gap_fn: Callable[[Any], Any], starts: np.ndarray, gamma: float,
                     t_max: float, n_steps: int) -> pd.DataFrame:
    """Paths of dλ/dt = γλ(1-λ)·gap(λ) from every start (see ``CorePeriphery.simulate``).

    The gap depends on λ only (T is fixed along a path), so it is solved once on a fine
    grid of λ (which contains ½ exactly) and interpolated; SciPy's ``solve_ivp``
    (Dormand–Prince RK45, rtol 1e-8) integrates all the paths together.
    """
    grid = np.linspace(0.0, 1.0, 4001)
    gap = np.asarray(gap_fn(grid), dtype=float)

    def rhs(_t: float, lam: np.ndarray) -> np.ndarray:
        lam = np.clip(lam, 0.0, 1.0)
        return gamma * lam * (1 - lam) * np.interp(lam, grid, gap)

    t = np.linspace(0.0, t_max, n_steps + 1)
    sol = solve_ivp(rhs, (0.0, t_max), starts.astype(float), t_eval=t, method="RK45",
                    rtol=1e-8, atol=1e-10)
    if not sol.success:  # pragma: no cover - RK45 on a smooth bounded field
        raise RuntimeError(f"The adjustment dynamics could not be integrated: {sol.message}")
    paths = np.clip(sol.y.T, 0.0, 1.0)
    return pd.DataFrame({
        "lam0": np.tile(starts, t.size),
        "t": np.repeat(t, starts.size),
        "lam": paths.ravel(),
    }).sort_values(["lam0", "t"], kind="stable", ignore_index=True)

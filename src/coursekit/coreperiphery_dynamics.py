"""Numerical engine behind :class:`coursekit.CorePeriphery`.

Private helpers, kept apart so that :mod:`coursekit.coreperiphery` stays short
and readable.  Everything here is vectorised over NumPy arrays: ``lam`` and
``T`` broadcast against each other, so one call solves the wage equations on a
whole (λ, T) grid at once.

The short-run equilibrium is the solution of the two wage equations of
Fujita, Krugman & Venables (1999, ch. 5).  Writing :math:`x_r = \\ln w_r`
they read

.. math::

    \\sigma x_r = \\ln\\Big(\\sum_s Y_s G_s^{\\sigma-1} T_{rs}^{1-\\sigma}\\Big),

and are solved by Newton's method in :math:`x` (steps capped at 0.5 in log
units).  Where a Newton step does not reduce the residual the solver falls
back, point by point, to one step of the classical fixed-point iteration
:math:`x \\leftarrow \\ln(\\cdot)/\\sigma`, which converges (slowly) on its own.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__: list[str] = []  # private engine; the public names live in coreperiphery


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
            n1 = x1 - np.clip((j22 * f1 - j12 * f2) / det, -0.5, 0.5)
            n2 = x2 - np.clip((j11 * f2 - j21 * f1) / det, -0.5, 0.5)
            g1, g2, *_ = _residual(n1, n2, lam, phi, sigma, mu)
            old = np.maximum(np.abs(f1), np.abs(f2))
            new = np.maximum(np.abs(g1), np.abs(g2))
            bad = ~np.isfinite(new) | (new >= old)
            # one fixed-point step where Newton did not reduce the residual
            n1 = np.where(bad, np.log(r1) / sigma, n1)
            n2 = np.where(bad, np.log(r2) / sigma, n2)
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


def refine_roots(
    gap, lo: np.ndarray, hi: np.ndarray, g_lo: np.ndarray, g_hi: np.ndarray, T: np.ndarray,
    n_iter: int = 40,
) -> np.ndarray:
    """Vectorised Illinois (modified regula falsi) refinement of bracketed zeros.

    ``gap(lam, T)`` must be vectorised; each bracket ``[lo, hi]`` has
    ``g_lo * g_hi <= 0``.  All brackets are refined together.
    """
    lo, hi, g_lo, g_hi = (np.array(v, dtype=float) for v in (lo, hi, g_lo, g_hi))
    if lo.size == 0:
        return lo
    side = np.zeros(lo.shape)
    mid = (lo + hi) / 2
    for _ in range(n_iter):
        denom = g_hi - g_lo
        mid = np.where(denom != 0, hi - g_hi * (hi - lo) / np.where(denom != 0, denom, 1), mid)
        mid = np.clip(mid, np.minimum(lo, hi), np.maximum(lo, hi))
        g_mid = gap(mid, T)
        left = np.sign(g_mid) == np.sign(g_lo)
        # replace lo where the sign matches g_lo, else hi; halve the stale end (Illinois)
        lo = np.where(left, mid, lo)
        g_lo_new = np.where(left, g_mid, g_lo)
        hi = np.where(left, hi, mid)
        g_hi_new = np.where(left, g_hi, g_mid)
        g_hi_new = np.where(left & (side == 1), g_hi_new / 2, g_hi_new)
        g_lo_new = np.where(~left & (side == -1), g_lo_new / 2, g_lo_new)
        side = np.where(left, 1, -1)
        g_lo, g_hi = g_lo_new, g_hi_new
        if np.all(np.abs(hi - lo) < 1e-12):
            break
    return mid


def rk4_paths(rhs, lam0: np.ndarray, t_max: float, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Fixed-step fourth-order Runge–Kutta for ``dλ/dt = rhs(λ)`` from several starts.

    Returns the time grid (``n_steps + 1`` points) and an array of shape
    ``(n_steps + 1, len(lam0))``; λ is clipped to [0, 1] after every step.
    """
    h = t_max / n_steps
    t = np.linspace(0.0, t_max, n_steps + 1)
    out = np.empty((n_steps + 1, lam0.size))
    lam = lam0.astype(float).copy()
    out[0] = lam
    for k in range(1, n_steps + 1):
        k1 = rhs(lam)
        k2 = rhs(np.clip(lam + h / 2 * k1, 0, 1))
        k3 = rhs(np.clip(lam + h / 2 * k2, 0, 1))
        k4 = rhs(np.clip(lam + h * k3, 0, 1))
        lam = np.clip(lam + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), 0.0, 1.0)
        out[k] = lam
    return t, out

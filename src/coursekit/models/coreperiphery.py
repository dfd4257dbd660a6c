"""Krugman's (1991) two-region core–periphery model.

The model follows the normalisation of Fujita, Krugman & Venables (1999,
ch. 4–5).  Two regions share a mass :math:`\\mu` of mobile manufacturing
workers (region 1 has the share :math:`\\lambda` of them) and a mass
:math:`1-\\mu` of immobile agricultural workers, split equally; with the
agricultural wage as numéraire, agriculture earns the share :math:`1-\\mu` of
income.  Manufactured varieties bear an iceberg
transport cost :math:`T \\ge 1` between regions.  The short-run equilibrium
(wages for a given :math:`\\lambda`) solves

.. math::

    Y_1 &= \\mu\\lambda w_1 + \\tfrac{1-\\mu}{2}, \\qquad
    Y_2 = \\mu(1-\\lambda) w_2 + \\tfrac{1-\\mu}{2},\\\\
    G_1 &= \\big[\\lambda w_1^{1-\\sigma} + (1-\\lambda)(w_2 T)^{1-\\sigma}\\big]^{1/(1-\\sigma)},\\\\
    G_2 &= \\big[\\lambda (w_1 T)^{1-\\sigma} + (1-\\lambda) w_2^{1-\\sigma}\\big]^{1/(1-\\sigma)},\\\\
    w_1 &= \\big[Y_1 G_1^{\\sigma-1} + Y_2 G_2^{\\sigma-1} T^{1-\\sigma}\\big]^{1/\\sigma},\\\\
    w_2 &= \\big[Y_1 G_1^{\\sigma-1} T^{1-\\sigma} + Y_2 G_2^{\\sigma-1}\\big]^{1/\\sigma},

with real wages :math:`\\omega_r = w_r G_r^{-\\mu}`.  Workers move towards the
region with the higher real wage according to the law of motion of Fujita,
Krugman & Venables (1999, ch. 5), :math:`\\dot\\lambda = \\gamma(\\omega_1 -
\\bar\\omega)\\lambda` with :math:`\\bar\\omega = \\lambda\\omega_1 +
(1-\\lambda)\\omega_2`; Krugman (1991) compares real wages but writes down no
dynamics.

References
----------
.. [1] Krugman, P. (1991). Increasing returns and economic geography.
   *Journal of Political Economy*, 99(3), 483–499. doi:10.1086/261763
.. [2] Fujita, M., Krugman, P. & Venables, A. J. (1999). *The Spatial
   Economy: Cities, Regions, and International Trade*, ch. 4–5. MIT Press.
"""

from __future__ import annotations

import math
from typing import Any, overload

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from coursekit._validation import check_bounded_array, check_scalar, check_work
from coursekit.models._coreperiphery_solver import (
    ShortRunEquilibrium,
    adjustment_paths,
    solve_wages,
    tomahawk_table,
)

__all__ = ["BlackHoleError", "ConvergenceError", "CorePeriphery", "ShortRunEquilibrium"]


class BlackHoleError(ValueError):
    """The no-black-hole condition :math:`(\\sigma-1)/\\sigma > \\mu` fails.

    Then the forces of agglomeration win at *every* transport cost: the
    symmetric equilibrium is never stable and full agglomeration is always
    sustainable, so neither a break point nor a sustain point exists.
    """


class ConvergenceError(RuntimeError, ValueError):
    """The wage equations did not converge within ``max_iter`` to ``tol``."""


class CorePeriphery:
    """Krugman's (1991) core–periphery model, FKV (1999) normalisation.

    Parameters
    ----------
    sigma : float
        Elasticity of substitution between manufactured varieties, ``> 1``.
    mu : float
        Expenditure share of manufactures (and share of mobile workers),
        ``0 < mu < 1``.

    Notes
    -----
    The *no-black-hole condition* is :math:`\\rho = (\\sigma-1)/\\sigma > \\mu`.
    When it fails, :meth:`break_point` and :meth:`sustain_point` raise
    :class:`BlackHoleError`.

    References
    ----------
    .. [1] Krugman, P. (1991). *JPE* 99(3), 483–499.
    .. [2] Fujita, Krugman & Venables (1999). *The Spatial Economy*, ch. 4–5.

    Examples
    --------
    >>> m = CorePeriphery(sigma=5.0, mu=0.4)
    >>> round(m.break_point(), 4), round(m.sustain_point(), 4)
    (1.6266, 1.8073)
    >>> eq = m.equilibrium(lam=0.5, T=1.7)
    >>> eq.converged, round(eq.omega1 - eq.omega2, 12)
    (True, 0.0)
    >>> m.real_wage_gap([0.25, 0.75], 1.5).round(4)
    array([-0.0233,  0.0233])
    """

    def __init__(self, sigma: float = 5.0, mu: float = 0.4) -> None:
        # Beyond sigma = 10,000 the freeness of trade T**(1 - sigma) underflows to 0 for
        # any T above 1.07, and below mu = 1e-9 the sustain point cannot be found in
        # floating point: refuse such parameters instead of returning wrong numbers.
        self.sigma = check_scalar(sigma, "sigma", low=1.0, high=10_000.0, low_inclusive=False)
        self.mu = check_scalar(mu, "mu", low=1e-9, high=1.0, high_inclusive=False)

    def __repr__(self) -> str:
        return f"CorePeriphery(sigma={self.sigma:g}, mu={self.mu:g})"

    @property
    def rho(self) -> float:
        """:math:`\\rho = (\\sigma - 1)/\\sigma`, the love-of-variety parameter."""
        return (self.sigma - 1.0) / self.sigma

    @property
    def T_max(self) -> float:
        """The largest transport cost the model can use (beyond it T**(1-σ) underflows to 0)."""
        return float(math.exp(min(300 * math.log(10) / (self.sigma - 1), 690.0)))

    @property
    def no_black_hole(self) -> bool:
        """True if :math:`(\\sigma-1)/\\sigma > \\mu`, FKV's (1999) no-black-hole condition."""
        return self.rho > self.mu

    def _require_no_black_hole(self, what: str) -> None:
        if not self.no_black_hole:
            raise BlackHoleError(
                f"No {what} exists for sigma={self.sigma:g}, mu={self.mu:g}: the no-black-hole "
                f"condition (sigma-1)/sigma > mu fails ({self.rho:.4g} <= {self.mu:g}). "
                f"Agglomeration then wins at every transport cost T (a 'black hole'): the "
                f"symmetric equilibrium is never stable and the core-periphery pattern is "
                f"always sustainable. Choose a larger sigma or a smaller mu."
            )

    # -- short-run equilibrium -------------------------------------------------
    def equilibrium(
        self, lam: float, T: float, *, tol: float = 1e-12, max_iter: int = 100
    ) -> ShortRunEquilibrium:
        """Short-run equilibrium (wages, price indices, incomes) for given λ and T.

        Parameters
        ----------
        lam : float
            Region 1's share of manufacturing workers, in [0, 1].
        T : float
            Iceberg transport cost, ``>= 1``.
        tol : float
            Convergence tolerance on the wage equations (log-wage units), ``> 0``.
        max_iter : int
            Maximum number of solver iterations, ``>= 1``.

        Returns
        -------
        ShortRunEquilibrium
            ``converged`` is False (no exception) if ``max_iter`` is reached.

        Examples
        --------
        >>> eq = CorePeriphery(5, 0.4).equilibrium(lam=1.0, T=1.7)
        >>> round(eq.w1, 6), round(eq.G1, 6), eq.converged
        (1.0, 1.0, True)
        >>> CorePeriphery(5, 0.4).equilibrium(0.3, 1.7, max_iter=1).converged
        False
        """
        lam = check_scalar(lam, "lam", low=0.0, high=1.0)
        T = check_scalar(T, "T", low=1.0, high=self.T_max)
        tol = check_scalar(tol, "tol", low=1e-15)
        max_iter = check_scalar(max_iter, "max_iter", low=1, high=100_000, integer=True)
        s = solve_wages(self.sigma, self.mu, np.array(lam), np.array(T), tol=tol,
                        max_iter=int(max_iter))
        vals = {k: float(getattr(s, k)) for k in ("w1", "w2", "G1", "G2", "Y1", "Y2",
                                                 "omega1", "omega2", "residual")}
        return ShortRunEquilibrium(converged=bool(s.converged), iterations=int(s.iterations),
                                   **vals)

    @overload
    def real_wage_gap(self, lam: float, T: float) -> float: ...
    @overload
    def real_wage_gap(self, lam: Any, T: Any) -> np.ndarray: ...

    def real_wage_gap(self, lam: Any, T: Any, *, tol: float = 1e-12,
                      max_iter: int = 100) -> float | np.ndarray:
        """Real-wage gap :math:`\\omega_1 - \\omega_2` (vectorised; λ and T broadcast).

        Scalars in give a float out; arrays give an array of the broadcast shape.
        Raises :class:`ConvergenceError` (a ``ValueError``) if the solver fails to converge
        anywhere; raise ``max_iter`` or ``tol`` then.

        Examples
        --------
        >>> m = CorePeriphery(5, 0.4)
        >>> round(m.real_wage_gap(0.5, 1.7), 12), m.real_wage_gap([0.2, 0.8], [[1.0], [2.0]]).shape
        (0.0, (2, 2))
        """
        tol = check_scalar(tol, "tol", low=1e-15)
        max_iter = int(check_scalar(max_iter, "max_iter", low=1, high=100_000, integer=True))
        lam_a = check_bounded_array(lam, "lam", 0.0, 1.0)
        T_a = check_bounded_array(T, "T", 1.0, self.T_max)
        scalar = lam_a.ndim == 0 and T_a.ndim == 0 and not isinstance(lam, (list, tuple))
        try:
            shape = np.broadcast_shapes(lam_a.shape, T_a.shape)
        except ValueError:
            raise ValueError(f"'lam' (shape {lam_a.shape}) and 'T' (shape {T_a.shape}) cannot "
                             f"be broadcast together; pass one scalar, or arrays of matching "
                             f"shapes.") from None
        if 0 in shape:
            raise ValueError("'lam' or 'T' is empty; pass at least one value of each.")
        s = solve_wages(self.sigma, self.mu, lam_a, T_a, tol=tol, max_iter=max_iter)
        if not s.converged.all():
            i = np.flatnonzero(~s.converged.ravel())[0]
            lam_b, T_b = np.broadcast_arrays(lam_a, T_a)
            raise ConvergenceError(
                f"Wage equations did not converge at lam={lam_b.ravel()[i]:g}, "
                f"T={T_b.ravel()[i]:g} (residual {s.residual.ravel()[i]:.2g}); "
                f"raise 'max_iter' or 'tol'."
            )
        gap = s.omega1 - s.omega2
        return float(gap) if scalar else gap

    # -- closed forms ----------------------------------------------------------
    def break_point(self, *, log: bool = False) -> float:
        """Transport cost :math:`T_B` below which the symmetric equilibrium is unstable.

        Derived in FKV (1999, ch. 5), where they ask when the symmetric
        equilibrium is broken:

        .. math::

            T_B = \\left[\\frac{(\\rho+\\mu)(1+\\mu)}{(\\rho-\\mu)(1-\\mu)}\\right]^{1/(\\sigma-1)}.

        Computed in logs, so that extreme parameters (σ near 1) do not overflow.

        Parameters
        ----------
        log : bool, default False
            Return :math:`\\ln T_B` instead of :math:`T_B` (always representable).

        Returns
        -------
        float

        Raises
        ------
        BlackHoleError
            If the no-black-hole condition fails (then no break point exists).
        ValueError
            If :math:`T_B` exceeds the largest float (ask for ``log=True``).

        Examples
        --------
        >>> round(CorePeriphery(5, 0.4).break_point(), 4)
        1.6266
        >>> round(CorePeriphery(1.001, 0.0005).break_point(log=True), 1)
        1100.9
        """
        self._require_no_black_hole("break point")
        rho, mu = self.rho, self.mu
        log_tb = (math.log(rho + mu) + math.log1p(mu) - math.log(rho - mu)
                  - math.log1p(-mu)) / (self.sigma - 1)
        return self._from_log(log_tb, "T_B", "break_point", log)

    def _from_log(self, value: float, what: str, method: str, log: bool) -> float:
        if not isinstance(log, bool):
            raise TypeError(f"'log' must be True or False, got {log!r}.")
        if log:
            return float(value)
        if value > math.log(np.finfo(float).max):
            raise ValueError(
                f"{what} = exp({value:.6g}) for sigma={self.sigma:g}, mu={self.mu:g} is "
                f"larger than the largest float; call {method}(log=True) to get ln {what} "
                f"instead."
            )
        return float(math.exp(value))

    def sustain_point(self, *, log: bool = False) -> float:
        """Transport cost :math:`T_S` below which full agglomeration (λ = 1) is sustainable.

        At λ = 1, :math:`\\omega_1 = 1` and the periphery's real wage is
        (FKV 1999, ch. 5, where they ask when a core–periphery pattern is
        sustainable)

        .. math::

            \\omega_2^{\\sigma} = T^{-\\mu\\sigma}\\Big[\\tfrac{1+\\mu}{2}T^{1-\\sigma}
            + \\tfrac{1-\\mu}{2}T^{\\sigma-1}\\Big].

        :math:`T_S` is the root :math:`T > 1` of :math:`\\omega_2 = 1`.  This
        equation has no closed-form solution; it is solved here with Brent's method
        on :math:`\\sigma \\ln \\omega_2` as a function of :math:`\\ln T`, a
        log-sum-exp that cannot overflow.  :math:`T = 1` is always a (trivial)
        root; under the no-black-hole condition there is exactly one root above
        1, because :math:`\\omega_2^\\sigma - 1` is a sum of exponentials in
        :math:`\\ln T` (convex) whose slope at :math:`T = 1` is
        :math:`\\mu(1-2\\sigma) < 0`.

        Parameters
        ----------
        log : bool, default False
            Return :math:`\\ln T_S` instead of :math:`T_S`.

        Returns
        -------
        float

        Raises
        ------
        BlackHoleError
            If the no-black-hole condition fails (λ = 1 is then sustainable at
            every T, so there is no sustain point).

        Examples
        --------
        >>> round(CorePeriphery(5, 0.4).sustain_point(), 4)
        1.8073
        >>> round(CorePeriphery(2000, 0.4).sustain_point(), 6)
        1.000964
        """
        self._require_no_black_hole("sustain point")
        s, mu = self.sigma, self.mu
        a, b = 1 - s - mu * s, s - 1 - mu * s
        ca, cb = math.log((1 + mu) / 2), math.log((1 - mu) / 2)

        def g(x: float) -> float:  # sigma * ln(omega2) as a function of x = ln T
            return float(np.logaddexp(ca + a * x, cb + b * x))

        hi = 1.0
        while g(hi) <= 0:
            hi *= 2
        lo = hi / 2
        while g(lo) >= 0:  # move lo into the negative dip just above T = 1
            lo /= 2
            if lo < 1e-300:  # pragma: no cover - excluded by the bounds on sigma and mu
                raise ValueError(f"The sustain point for sigma={s:g}, mu={mu:g} is too close to "
                                 f"T = 1 to compute; choose a larger 'mu'.")
        root = brentq(g, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
        return self._from_log(root, "T_S", "sustain_point", log)

    # -- long run --------------------------------------------------------------
    def tomahawk(self, T_values: Any, *, n_lam: int = 101, tol: float = 1e-12,
                 max_iter: int = 100) -> pd.DataFrame:
        """Long-run equilibria of λ for each transport cost: the tomahawk diagram.

        The gap is computed on a grid of ``n_lam`` values of λ in [½, 1] times
        ``T_values`` in one vectorised solve; interior zeros are bracketed by sign
        changes and refined all at once with SciPy's elementwise bracketing root
        finder (Chandrupatla's method), then mirrored (the model is symmetric).
        Stability: an interior zero is stable if the gap falls through it; λ = ½
        (always an equilibrium) is stable if the gap just above ½ is negative; the
        corners λ = 0, 1 (always rest points of the dynamics) are stable if the gap
        at λ = 1 is positive.

        Parameters
        ----------
        T_values : float or array-like
            Transport costs, each ``>= 1``.
        n_lam : int
            Grid points of λ in [½, 1] used to bracket the equilibria, ``>= 5``.
        tol, max_iter : float, int
            Tolerance (log-wage units) and iteration limit of the wage solver.

        Returns
        -------
        pandas.DataFrame
            Columns ``T``, ``lam``, ``stable`` (bool) and ``kind``
            (``"symmetric"``, ``"interior"`` or ``"core-periphery"``), sorted by T, λ.

        Examples
        --------
        >>> df = CorePeriphery(5, 0.4).tomahawk([1.5, 1.7, 2.0])
        >>> df.groupby("T")["stable"].sum().tolist()
        [2, 3, 1]
        """
        T_arr = check_bounded_array(T_values, "T_values", 1.0, self.T_max).ravel()
        if T_arr.size == 0:
            raise ValueError("'T_values' is empty; pass at least one transport cost T >= 1.")
        n_lam = int(check_scalar(n_lam, "n_lam", low=5, high=100_000, integer=True))
        check_work(T_arr.size * n_lam, "'T_values' and 'n_lam'")
        return tomahawk_table(
            lambda lam_, T_: self.real_wage_gap(lam_, T_, tol=tol, max_iter=max_iter),
            T_arr, n_lam)

    def simulate(self, lam0: Any, T: float, gamma: float = 1.0, t_max: float = 100.0,
                 n_steps: int = 200, *, tol: float = 1e-12, max_iter: int = 100) -> pd.DataFrame:
        """Adjustment dynamics :math:`\\dot\\lambda = \\gamma(\\omega_1-\\bar\\omega)\\lambda` (FKV 1999, ch. 5).

        This law of motion is Fujita, Krugman & Venables' (1999, ch. 5). Since
        :math:`\\bar\\omega = \\lambda\\omega_1 + (1-\\lambda)\\omega_2`, it equals
        :math:`\\dot\\lambda = \\gamma\\lambda(1-\\lambda)(\\omega_1-\\omega_2)`.  The gap
        depends on λ only (T is fixed along a path), so it is solved once on a fine
        grid of λ (which contains ½ exactly) and interpolated; the paths from every
        start in ``lam0`` are integrated together by SciPy's ``solve_ivp``
        (Dormand–Prince RK45 with tight tolerances) and reported at ``n_steps + 1``
        equally spaced times.

        Parameters
        ----------
        lam0 : float or array-like
            Starting shares of region 1, each in [0, 1].
        T : float
            Transport cost, ``>= 1``.
        gamma : float
            Speed of adjustment, ``> 0``.
        t_max : float
            Length of the simulation, ``> 0``.
        n_steps : int
            Number of reporting intervals, ``1`` to ``100,000``.
        tol, max_iter : float, int
            Tolerance (log-wage units) and iteration limit of the wage solver.

        Returns
        -------
        pandas.DataFrame
            Tidy: ``lam0`` (start), ``t``, ``lam``; ``n_steps + 1`` rows per start.
            ``attrs`` records ``sigma``, ``mu``, ``T`` and ``gamma`` (used by
            :func:`coursekit.charts.adjustment_chart` for its labels).

        Examples
        --------
        >>> m = CorePeriphery(5, 0.4)
        >>> end = m.simulate([0.45, 0.55], T=1.5, gamma=5, t_max=200).groupby("lam0")["lam"].last()
        >>> end.round(3).tolist()
        [0.0, 1.0]
        """
        starts = check_bounded_array(lam0, "lam0", 0.0, 1.0).ravel()
        if starts.size == 0:
            raise ValueError("'lam0' is empty; pass at least one starting share in [0, 1].")
        T = check_scalar(T, "T", low=1.0, high=self.T_max)
        gamma = check_scalar(gamma, "gamma", low=0.0, high=1e6, low_inclusive=False)
        t_max = check_scalar(t_max, "t_max", low=1e-6, high=1e9)
        n_steps = int(check_scalar(n_steps, "n_steps", low=1, high=100_000, integer=True))
        check_work(starts.size * (n_steps + 1), "'lam0' and 'n_steps'")
        gap = lambda lam_: self.real_wage_gap(lam_, T, tol=tol, max_iter=max_iter)  # noqa: E731
        out = adjustment_paths(gap, starts, gamma, t_max, n_steps)
        out.attrs.update(sigma=self.sigma, mu=self.mu, T=T, gamma=gamma)
        return out

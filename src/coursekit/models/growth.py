"""Growth and agglomeration: the global- and local-spillovers model.

The course's reconstruction of the two-region model of endogenous growth and industry
location of Martin & Ottaviano (1999) and Baldwin, Martin & Ottaviano (2001), set out as
a textbook model by Baldwin et al. (2003), whose text the course could not check (so no
equation numbers of the book are quoted).  The primitives are those Baldwin, Martin &
Ottaviano (2001) state; innovating costs :math:`1/(A K^w)` units of labour, with
:math:`A = s_K + \\lambda(1-s_K)` in the North, :math:`A^* = \\lambda s_K + 1 - s_K` in the
South and :math:`0 < \\lambda \\le 1` (:math:`\\lambda = 1`: global spillovers).  The closed
forms are derived in chapter 3 and tested against ``coursekit.models._growth_primitives``,
which solves the primitive equations numerically.

References
----------
- Martin, P. & Ottaviano, G. I. P. (1999). Growing locations: industry location
  in a model of endogenous growth. *European Economic Review*, 43(2), 281–302.
- Baldwin, R. E., Martin, P. & Ottaviano, G. I. P. (2001). Global income
  divergence, trade, and industrialization: the geography of growth take-offs.
  *Journal of Economic Growth*, 6(1), 5–37.
- Baldwin, R., Forslid, R., Martin, P., Ottaviano, G. & Robert-Nicoud, F. (2003).
  *Economic Geography and Public Policy*. Princeton University Press.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validation import check_bounded_array, check_scalar, check_work
from coursekit.models._growth_primitives import (
    GrowthSteadyState,
    solve_primitives,
    steady_state_rows,
)

__all__ = ["GrowthAgglomeration", "GrowthSteadyState"]

_PHI_MIN = 1e-12


class GrowthAgglomeration:
    """Two-region growth-and-agglomeration model with global or local spillovers.

    Parameters
    ----------
    L : float
        Workers in each region, ``> 0``.
    rho : float
        Discount rate, ``> 0``.
    mu : float
        Expenditure share of manufactures, ``0 < mu < 1``.
    sigma : float
        Elasticity of substitution between varieties, ``> 1``.
    lam : float
        Spillover globalisation :math:`\\lambda` in ``(0, 1]``: ``1`` is global
        spillovers, smaller values are more local.
    delta : float
        Depreciation rate of knowledge capital, ``>= 0``.

    Raises
    ------
    ValueError
        If growth would be negative when industry is evenly spread.

    References
    ----------
    - Baldwin, Martin & Ottaviano (2001). *Journal of Economic Growth* 6(1), 5–37.
    - Martin & Ottaviano (1999). *European Economic Review* 43(2), 281–302.

    Examples
    --------
    >>> m = GrowthAgglomeration(L=1.0, rho=0.1, mu=0.4, sigma=4.0, lam=0.5)
    >>> round(m.growth_rate(0.5), 6), round(m.growth_rate(1.0), 6)
    (0.06, 0.11)
    >>> round(m.break_point(), 6), round(m.sustain_point(), 6)
    (0.251127, 0.255145)
    >>> round(GrowthAgglomeration(lam=1.0).growth_rate(0.8), 6)  # global spillovers
    0.11
    """

    def __init__(self, L: float = 1.0, rho: float = 0.1, mu: float = 0.4, sigma: float = 4.0,
                 lam: float = 0.5, delta: float = 0.0) -> None:
        self.L = check_scalar(L, "L", low=1e-9, high=1e9)
        self.rho = check_scalar(rho, "rho", low=1e-9, high=1e3)
        self.mu = check_scalar(mu, "mu", low=1e-9, high=1.0, high_inclusive=False)
        self.sigma = check_scalar(sigma, "sigma", low=1.0, high=1e4, low_inclusive=False)
        self.lam = check_scalar(lam, "lam", low=1e-6, high=1.0)
        self.delta = check_scalar(delta, "delta", low=0.0, high=1e3)
        g_sym = self.b * (1 + self.lam) * self.L - (1 - self.b) * self.rho - self.delta
        if g_sym <= 0:
            raise ValueError(
                f"With L={self.L:g}, rho={self.rho:g}, mu={self.mu:g}, sigma={self.sigma:g}, "
                f"lam={self.lam:g}, delta={self.delta:g} growth would be negative when industry "
                f"is evenly spread (g = {g_sym:.4g}); the model needs positive growth. Raise "
                f"'L', 'mu' or 'lam', or lower 'rho', 'sigma' or 'delta'.")

    def __repr__(self) -> str:
        return (f"GrowthAgglomeration(L={self.L:g}, rho={self.rho:g}, mu={self.mu:g}, "
                f"sigma={self.sigma:g}, lam={self.lam:g}, delta={self.delta:g})")

    @property
    def b(self) -> float:
        """:math:`b = \\mu/\\sigma`, the share of expenditure that is operating profit."""
        return self.mu / self.sigma

    # -- closed forms in s_K ---------------------------------------------------------
    def _share(self, s_K: Any, name: str = "s_K") -> np.ndarray:
        return check_bounded_array(s_K, name, 0.0, 1.0)

    def _indices(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a_n = s + self.lam * (1 - s)
        a_s = self.lam * s + 1 - s
        return a_n, a_s, s / a_n + (1 - s) / a_s

    @staticmethod
    def _out(arr: np.ndarray, like: Any) -> Any:
        return float(arr) if np.ndim(arr) == 0 and np.ndim(like) == 0 else arr

    def omega(self, s_K: Any) -> Any:
        """World innovation labour per unit of :math:`g+\\delta`, :math:`\\Omega(s_K)`.

        .. math:: \\Omega = \\frac{s_K}{A} + \\frac{1-s_K}{A^*}

        Equal to 1 at :math:`s_K \\in \\{0, 1\\}` and to :math:`2/(1+\\lambda)` at ½.

        Examples
        --------
        >>> GrowthAgglomeration(lam=0.5).omega([0.0, 0.5, 1.0]).round(6).tolist()
        [1.0, 1.333333, 1.0]
        """
        s = self._share(s_K)
        return self._out(self._indices(s)[2], s_K)

    def growth_rate(self, s_K: Any) -> Any:
        """Steady-state growth rate :math:`g = 2bL/\\Omega - (1-b)\\rho - \\delta`.

        U-shaped in :math:`s_K`, lowest at ½, and independent of :math:`s_K` under
        global spillovers (:math:`\\lambda = 1`, :math:`\\Omega \\equiv 1`).

        Examples
        --------
        >>> GrowthAgglomeration(lam=0.5).growth_rate([0.5, 0.75, 1.0]).round(6).tolist()
        [0.06, 0.069091, 0.11]
        """
        omega = self.omega(s_K)
        return 2 * self.b * self.L / omega - (1 - self.b) * self.rho - self.delta

    def real_growth_rate(self, s_K: Any) -> Any:
        """Growth of real income, :math:`\\mu g/(\\sigma-1)`: varieties multiply at rate g.

        Examples
        --------
        >>> round(GrowthAgglomeration().real_growth_rate(1.0), 6)
        0.014667
        """
        return self.mu * self.growth_rate(s_K) / (self.sigma - 1)

    def expenditure_share(self, s_K: Any) -> Any:
        """The North's expenditure share on the steady-state saving relation.

        .. math:: s_E = \\frac{L + \\rho s_K/A}{2L + \\rho\\,\\Omega}

        Examples
        --------
        >>> round(GrowthAgglomeration().expenditure_share(0.75), 6)
        0.510753
        """
        s = self._share(s_K)
        a_n, _, omega = self._indices(s)
        return self._out((self.L + self.rho * s / a_n) / (2 * self.L + self.rho * omega), s_K)

    def tobin_q(self, s_K: Any, phi: Any) -> tuple[Any, Any]:
        """Tobin's q in the North and the South, :math:`q = BA\\Omega`, :math:`q^* = B^*A^*\\Omega`.

        Evaluated on the saving relation (:meth:`expenditure_share`), with
        :math:`B = s_E/\\Delta + \\phi(1-s_E)/\\Delta^*`, :math:`\\Delta = s_K + \\phi(1-s_K)`,
        :math:`\\Delta^* = \\phi s_K + 1 - s_K`.  ``s_K`` and ``phi`` broadcast.

        Parameters
        ----------
        s_K : float or array-like
            North's share of capital, in [0, 1].
        phi : float or array-like
            Trade freeness :math:`\\tau^{1-\\sigma}`, in [1e-12, 1].

        Returns
        -------
        tuple
            ``(q, q_star)``; capital is built where q reaches 1.

        Examples
        --------
        >>> q, q_star = GrowthAgglomeration().tobin_q(0.5, 0.3)
        >>> round(q, 12), round(q_star, 12)
        (1.0, 1.0)
        """
        s = self._share(s_K)
        phi_a = check_bounded_array(phi, "phi", _PHI_MIN, 1.0)
        try:
            s, phi_b = np.broadcast_arrays(s, phi_a)
        except ValueError:
            raise ValueError(f"'s_K' (shape {np.shape(s)}) and 'phi' (shape {np.shape(phi_a)}) "
                             f"cannot be broadcast together.") from None
        a_n, a_s, omega = self._indices(s)
        s_e = (self.L + self.rho * s / a_n) / (2 * self.L + self.rho * omega)
        d_n, d_s = s + phi_b * (1 - s), phi_b * s + 1 - s
        b_n = s_e / d_n + phi_b * (1 - s_e) / d_s
        b_s = phi_b * s_e / d_n + (1 - s_e) / d_s
        scalar = np.ndim(s_K) == 0 and np.ndim(phi) == 0
        q, q_s = b_n * a_n * omega, b_s * a_s * omega
        return (float(q), float(q_s)) if scalar else (q, q_s)

    def location_gap(self, s_K: Any, phi: Any) -> Any:
        """:math:`q - q^*`: capital is built in the North where it is positive.

        Examples
        --------
        >>> m = GrowthAgglomeration()
        >>> m.location_gap(0.6, 0.2) < 0 < m.location_gap(0.6, 0.3)
        True
        """
        q, q_s = self.tobin_q(s_K, phi)
        return q - q_s

    def freeness(self, tau: Any) -> Any:
        """Trade freeness :math:`\\phi = \\tau^{1-\\sigma}` of an iceberg cost :math:`\\tau \\ge 1`.

        Examples
        --------
        >>> round(GrowthAgglomeration(sigma=4.0).freeness(0.2 ** (-1 / 3)), 12)
        0.2
        """
        t = check_bounded_array(tau, "tau", 1.0, None)
        return self._out(np.exp((1 - self.sigma) * np.log(t)), tau)

    # -- thresholds ------------------------------------------------------------------
    def break_point(self) -> float:
        """Freeness :math:`\\phi_B` above which the symmetric outcome is unstable.

        Linearising :math:`q-q^*` at :math:`s_K = ½` along the saving relation gives,
        with :math:`Z = (1-\\phi)/(1+\\phi)`, the sign of :math:`-Z^2 + cZ + d`, so

        .. math::

            \\phi_B = \\frac{1-Z_B}{1+Z_B},\\quad Z_B = \\frac{c + \\sqrt{c^2+4d}}{2},\\quad
            c = \\frac{2\\lambda\\rho}{(1+\\lambda)[L(1+\\lambda)+\\rho]},\\quad
            d = \\frac{1-\\lambda}{1+\\lambda}.

        Under global spillovers :math:`\\phi_B = L/(L+\\rho)`.  Because
        :math:`c < 2\\lambda/(1+\\lambda)`, :math:`c + d < 1`, so :math:`0 < \\phi_B < 1`
        for every admissible parameter set.

        Examples
        --------
        >>> round(GrowthAgglomeration(lam=1.0).break_point(), 6)
        0.909091
        """
        lam, L, rho = self.lam, self.L, self.rho
        c = 2 * lam * rho / ((1 + lam) * (L * (1 + lam) + rho))
        d = (1 - lam) / (1 + lam)
        z = (c + math.sqrt(c * c + 4 * d)) / 2
        return (1 - z) / (1 + z)

    def sustain_point(self) -> float:
        """Freeness :math:`\\phi_S` above which the core–periphery outcome is stable.

        At :math:`s_K = 1`, :math:`q = 1` and :math:`q^* = \\lambda[\\phi s_E + (1-s_E)/\\phi]`
        with :math:`s_E = (L+\\rho)/(2L+\\rho)`; :math:`q^* < 1` iff :math:`\\phi \\ge \\phi_S`:

        .. math::

            \\phi_S = \\frac{1 - \\sqrt{1 - 4\\lambda^2 s_E(1-s_E)}}{2\\lambda s_E}.

        Examples
        --------
        >>> round(GrowthAgglomeration(lam=1.0).sustain_point(), 6)
        0.909091
        """
        s_e = (self.L + self.rho) / (2 * self.L + self.rho)
        disc = 1 - 4 * self.lam ** 2 * s_e * (1 - s_e)
        # 1 - sqrt(disc) loses digits when lam is small: use the conjugate form
        return 2 * self.lam * (1 - s_e) / (1 + math.sqrt(max(disc, 0.0)))

    # -- long run ---------------------------------------------------------------------
    def steady_states(self, phi_values: Any, *, n_grid: int = 201) -> pd.DataFrame:
        """Every steady state of :math:`s_K` for each trade freeness, with its stability.

        Interior steady states are zeros of :math:`q - q^*` on the saving relation,
        bracketed on a grid of ``n_grid`` shares in [½, 1], refined with Brent's method
        and mirrored.  Capital flows to the region with the higher q, so a zero is
        stable where the gap falls through it; ½ is stable below the break point; the
        corners are stable where :math:`q^* < 1` at :math:`s_K = 1`.

        Parameters
        ----------
        phi_values : float or array-like
            Trade freeness values in [1e-12, 1].
        n_grid : int
            Grid points in [½, 1] used to bracket the zeros, ``>= 5``.

        Returns
        -------
        pandas.DataFrame
            ``phi``, ``s_K``, ``stable`` (bool), ``kind`` (``"symmetric"``,
            ``"interior"`` or ``"core-periphery"``) and ``g`` (growth rate).

        Examples
        --------
        >>> df = GrowthAgglomeration().steady_states([0.2, 0.253, 0.3])
        >>> df[df["stable"]].groupby("phi")["s_K"].max().round(3).tolist()
        [0.5, 0.853, 1.0]
        """
        phis = check_bounded_array(phi_values, "phi_values", _PHI_MIN, 1.0).ravel()
        if phis.size == 0:
            raise ValueError("'phi_values' is empty; pass at least one trade freeness in (0, 1].")
        n_grid = int(check_scalar(n_grid, "n_grid", low=5, high=100_000, integer=True))
        check_work(phis.size * n_grid, "'phi_values' and 'n_grid'")
        rows = steady_state_rows(self.location_gap, phis, n_grid, self.break_point())
        out = pd.DataFrame(rows, columns=["phi", "s_K", "stable", "kind"])
        out["g"] = self.growth_rate(out["s_K"].to_numpy())
        return out.sort_values(["phi", "s_K"]).reset_index(drop=True)

    def take_off(self, phi_values: Any, *, n_grid: int = 201) -> pd.DataFrame:
        """The path of industry and growth as trade freeness rises from dispersion.

        At each freeness the economy is at the symmetric outcome while it is stable
        (history: the North's share stays ½), and otherwise at the stable steady state
        with the largest North share (the North is the region that gets ahead).

        Returns
        -------
        pandas.DataFrame
            ``phi``, ``s_K``, ``g``, ``g_real`` (growth of real income) and ``stage``
            (``"dispersed"``, ``"take-off"`` or ``"core-periphery"``).

        Examples
        --------
        >>> path = GrowthAgglomeration().take_off([0.2, 0.253, 0.3])
        >>> path["stage"].tolist(), path["g"].round(4).tolist()
        (['dispersed', 'take-off', 'core-periphery'], [0.06, 0.08, 0.11])
        """
        states = self.steady_states(phi_values, n_grid=n_grid)
        stable = states[states["stable"] & (states["s_K"] >= 0.5)]
        # one row per distinct freeness, even if 'phi_values' repeats a value
        sym = stable[stable["kind"] == "symmetric"].groupby("phi")["s_K"].max()
        top = stable.groupby("phi")["s_K"].max()
        s = sym.reindex(top.index).fillna(top)
        out = pd.DataFrame({"phi": s.index.to_numpy(), "s_K": s.to_numpy()})
        out["g"] = self.growth_rate(out["s_K"].to_numpy())
        out["g_real"] = self.real_growth_rate(out["s_K"].to_numpy())
        out["stage"] = np.select([out["s_K"] == 0.5, out["s_K"] >= 1.0],
                                 ["dispersed", "core-periphery"], "take-off")
        return out

    def solve_steady_state(self, phi: float, *,
                           bracket: tuple[float, float] = (0.5, 1.0)) -> GrowthSteadyState:
        """Solve the primitive equations for a steady state in ``bracket`` (no closed forms used).

        For a given North share :math:`s_K` the unknowns :math:`(g, E, E^*)` solve
        labour-market clearing :math:`2L = (g+\\delta)(s_K/A + (1-s_K)/A^*) + (1-b)(E+E^*)`
        and the budgets of log-utility households, :math:`E = L + \\rho\\, s_K q/A` and
        :math:`E^* = L + \\rho (1-s_K) q^*/A^*` (wealth is the value of their capital),
        where :math:`q = A\\,b B E^w/(\\rho + \\delta + g)` is the value of a unit of capital
        (its operating profit discounted at :math:`\\rho+\\delta+g`) over its cost.  A steady
        state is a share at which capital is worth the same in both regions,
        :math:`q = q^*`; it is found by Brent's method on :math:`s_K` inside ``bracket``
        (end points excluded), the inner system by SciPy's ``root``.  The tests compare
        the result with the closed forms.

        Parameters
        ----------
        phi : float
            Trade freeness, in [1e-12, 1].
        bracket : tuple
            Two shares ``(low, high)`` in [0, 1] between which :math:`q - q^*` changes sign.

        Returns
        -------
        GrowthSteadyState

        Raises
        ------
        ValueError
            If :math:`q - q^*` does not change sign inside ``bracket``.

        Examples
        --------
        >>> m = GrowthAgglomeration()
        >>> round(m.solve_steady_state(0.2532).s_K, 6)   # between the break and sustain points
        0.870467
        >>> ss = m.solve_steady_state(0.2, bracket=(0.3, 0.7))  # the stable symmetric outcome
        >>> round(ss.s_K, 6), round(ss.g, 6), round(ss.q, 6)
        (0.5, 0.06, 1.0)
        """
        phi = check_scalar(phi, "phi", low=_PHI_MIN, high=1.0)
        if not isinstance(bracket, (tuple, list)) or len(bracket) != 2:
            raise TypeError(f"'bracket' must be a pair of shares (low, high), got {bracket!r}.")
        low = check_scalar(bracket[0], "bracket", low=0.0, high=1.0)
        high = check_scalar(bracket[1], "bracket", low=0.0, high=1.0)
        if not low < high:
            raise ValueError(f"'bracket' must be (low, high) with low < high, got {bracket!r}.")
        return solve_primitives(self.L, self.rho, self.b, self.lam, self.delta, phi, low, high)

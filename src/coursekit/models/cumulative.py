"""Cumulative causation made formal: the Dixon–Thirlwall (1975) export-led growth model.

Kaldor (1970) argued that regional growth differences are cumulative: a region that
grows faster raises its productivity faster (Verdoorn's law), becomes more competitive
and exports more, and so grows faster still.  Dixon & Thirlwall (1975) wrote this down
as four equations in growth rates (lower-case letters; the standard statement of the
model, whose structure the authors' 1978 reply confirms):

.. math::

    g_t &= \\gamma\\,x_t &&\\text{(output growth is led by export growth)}\\\\
    x_t &= \\eta\\,p_{d,t} + \\delta\\,p_{f,t} + \\varepsilon\\,z_t
        &&\\text{(export demand; } \\eta < 0 < \\delta, \\varepsilon)\\\\
    p_{d,t} &= w_t - r_t + \\tau_t &&\\text{(prices: wages less productivity, plus mark-up)}\\\\
    r_t &= r_a + \\lambda\\,g_{t-1} &&\\text{(Verdoorn's law, with a one-period lag)}

so that :math:`g_t = K - \\gamma\\eta\\lambda\\,g_{t-1}` with
:math:`K = \\gamma[\\eta(w - r_a + \\tau) + \\delta p_f + \\varepsilon z]`, and the
equilibrium growth rate is

.. math::

    g^* = \\frac{\\gamma\\,[\\eta(w - r_a + \\tau) + \\delta p_f + \\varepsilon z]}
               {1 + \\gamma\\eta\\lambda}.

Because :math:`\\eta < 0`, a larger Verdoorn coefficient :math:`\\lambda` shrinks the
denominator and magnifies any difference between regions in the numerator.  The path
converges to :math:`g^*` iff :math:`|\\gamma\\eta\\lambda| < 1` (Dixon & Thirlwall 1978:
with :math:`\\lambda = 0.5` the single region is stable for price elasticities between
1 and 2 and unstable beyond 2).  Convergence of growth *rates* still leaves *levels*
diverging whenever two regions' equilibrium rates differ.

References
----------
- Kaldor, N. (1970). The case for regional policies. *Scottish Journal of
  Political Economy*, 17(3). doi:10.1111/j.1467-9485.1970.tb00712.x
- Dixon, R. J. & Thirlwall, A. P. (1975). A model of regional growth-rate
  differences on Kaldorian lines. *Oxford Economic Papers*, 27(2), 201–214.
- Dixon, R. J. & Thirlwall, A. P. (1978). Growth rate stability in the Kaldorian
  regional model. *Scottish Journal of Political Economy*, 25(1).
  doi:10.1111/j.1467-9485.1978.tb01188.x
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._validation import check_scalar

__all__ = ["DixonThirlwall"]

_RATE = 1.0  # growth rates are fractions per period; |rate| <= 1 keeps paths meaningful


class DixonThirlwall:
    """Dixon & Thirlwall's (1975) model of regional growth-rate differences.

    Parameters
    ----------
    gamma : float
        Elasticity of output growth with respect to export growth, ``> 0``.
    eta : float
        Price elasticity of demand for the region's exports, ``< 0``.
    delta : float
        Elasticity with respect to competitors' prices, ``>= 0``.
    epsilon : float
        Income elasticity of demand for exports, ``>= 0``.
    lam : float
        Verdoorn coefficient (productivity growth per unit of output growth), in [0, 2].
    w, r_a, tau, p_f, z : float
        Growth rates of money wages, autonomous productivity, the mark-up, competitors'
        prices and world income (fractions per period, in [-1, 1]).

    References
    ----------
    - Dixon & Thirlwall (1975). *Oxford Economic Papers* 27(2), 201–214.
    - Dixon & Thirlwall (1978). *Scottish Journal of Political Economy* 25(1).

    Examples
    --------
    >>> m = DixonThirlwall(gamma=1.0, eta=-1.5, delta=0.5, epsilon=1.5, lam=0.5,
    ...                    w=0.05, r_a=0.02, tau=0.0, p_f=0.03, z=0.03)
    >>> round(m.equilibrium_growth(), 6), m.root, m.stable
    (0.06, 0.75, True)
    >>> m.path(g0=0.02, n_periods=3)["g"].round(6).tolist()
    [0.02, 0.03, 0.0375, 0.043125]
    """

    def __init__(self, gamma: float = 1.0, eta: float = -1.5, delta: float = 0.5,
                 epsilon: float = 1.5, lam: float = 0.5, *, w: float = 0.05, r_a: float = 0.02,
                 tau: float = 0.0, p_f: float = 0.03, z: float = 0.03) -> None:
        self.gamma = check_scalar(gamma, "gamma", low=0.0, high=100.0, low_inclusive=False)
        self.eta = check_scalar(eta, "eta", low=-100.0, high=0.0, high_inclusive=False)
        self.delta = check_scalar(delta, "delta", low=0.0, high=100.0)
        self.epsilon = check_scalar(epsilon, "epsilon", low=0.0, high=100.0)
        self.lam = check_scalar(lam, "lam", low=0.0, high=2.0)
        self.w = check_scalar(w, "w", low=-_RATE, high=_RATE)
        self.r_a = check_scalar(r_a, "r_a", low=-_RATE, high=_RATE)
        self.tau = check_scalar(tau, "tau", low=-_RATE, high=_RATE)
        self.p_f = check_scalar(p_f, "p_f", low=-_RATE, high=_RATE)
        self.z = check_scalar(z, "z", low=-_RATE, high=_RATE)

    def __repr__(self) -> str:
        return (f"DixonThirlwall(gamma={self.gamma:g}, eta={self.eta:g}, delta={self.delta:g}, "
                f"epsilon={self.epsilon:g}, lam={self.lam:g}, w={self.w:g}, r_a={self.r_a:g}, "
                f"tau={self.tau:g}, p_f={self.p_f:g}, z={self.z:g})")

    @property
    def autonomous(self) -> float:
        """:math:`K = \\gamma[\\eta(w - r_a + \\tau) + \\delta p_f + \\varepsilon z]`, growth with λ = 0."""
        return self.gamma * (self.eta * (self.w - self.r_a + self.tau) + self.delta * self.p_f
                             + self.epsilon * self.z)

    @property
    def root(self) -> float:
        """The characteristic root :math:`-\\gamma\\eta\\lambda` of :math:`g_t = K - \\gamma\\eta\\lambda g_{t-1}`."""
        return -self.gamma * self.eta * self.lam

    @property
    def stable(self) -> bool:
        """True if :math:`|\\gamma\\eta\\lambda| < 1`: growth converges to :math:`g^*`."""
        return abs(self.root) < 1

    @property
    def magnification(self) -> float:
        """:math:`1/(1+\\gamma\\eta\\lambda)`: how much Verdoorn's law amplifies :math:`K`.

        Raises :class:`ValueError` when :math:`1 + \\gamma\\eta\\lambda = 0` (root 1).
        """
        denominator = 1.0 + self.gamma * self.eta * self.lam
        # 0 up to the rounding of a sum whose terms are 1 and the root (up to 2e4 in size)
        if abs(denominator) <= 1e-9 * max(1.0, abs(self.root)):
            raise ValueError(
                f"1 + gamma*eta*lam = 0 for gamma={self.gamma:g}, eta={self.eta:g}, "
                f"lam={self.lam:g} (root 1): the model has no equilibrium growth rate. Change "
                f"'gamma', 'eta' or 'lam'.")
        return 1.0 / denominator

    def equilibrium_growth(self) -> float:
        """Equilibrium growth rate :math:`g^* = K/(1 + \\gamma\\eta\\lambda)`.

        Returns
        -------
        float

        Raises
        ------
        ValueError
            If :math:`1 + \\gamma\\eta\\lambda = 0`.

        Examples
        --------
        >>> round(DixonThirlwall(lam=0.0).equilibrium_growth(), 6)  # no Verdoorn effect
        0.015
        """
        return self.autonomous * self.magnification

    @renamed_keywords(periods="n_periods")
    def path(self, g0: float = 0.0, n_periods: int = 20) -> pd.DataFrame:
        """The lagged path :math:`g_t = K - \\gamma\\eta\\lambda\\,g_{t-1}` and the output level.

        :math:`g_t - g^* = (-\\gamma\\eta\\lambda)^t (g_0 - g^*)`: the root is positive
        (:math:`\\eta < 0`), so the path moves monotonically towards :math:`g^*` when
        :attr:`stable` and away from it otherwise (the example: root 1.25, :math:`g^* = 0.06`).

        Parameters
        ----------
        g0 : float
            Growth rate in period 0, in [-1, 1].
        n_periods : int
            Number of periods after period 0, 1 to 10,000 (``periods`` is its deprecated
            keyword name: ``periods`` names which periods, ``n_`` how many).

        Returns
        -------
        pandas.DataFrame
            ``t``, ``g`` (growth rate), ``log_output`` (:math:`\\sum_{s \\le t} g_s`,
            log output relative to period −1).

        Raises
        ------
        ValueError
            If an unstable path grows beyond 1e12 within ``n_periods``.

        Examples
        --------
        >>> DixonThirlwall(eta=-2.5).path(0.02, 2)["g"].round(6).tolist()
        [0.02, 0.01, -0.0025]
        """
        g0 = check_scalar(g0, "g0", low=-_RATE, high=_RATE)
        periods = int(check_scalar(n_periods, "n_periods", low=1, high=10_000, integer=True))
        t = np.arange(periods + 1)
        g = np.empty(periods + 1)
        g[0] = g0
        K, root = self.autonomous, self.root
        with np.errstate(over="ignore", invalid="ignore"):
            for k in range(1, periods + 1):  # the recursion itself, valid also when root = 1
                g[k] = K + root * g[k - 1]
        if not np.isfinite(g).all() or np.abs(g).max() > 1e12:
            raise ValueError(f"The path explodes within 'n_periods'={periods}: the root "
                             f"-gamma*eta*lam = {self.root:g} (gamma={self.gamma:g}, "
                             f"eta={self.eta:g}, lam={self.lam:g}) is above 1, so the model is "
                             f"unstable. Ask for fewer periods, or lower 'gamma', '|eta|' or "
                             f"'lam'.")
        return pd.DataFrame({"t": t, "g": g, "log_output": np.cumsum(g)})

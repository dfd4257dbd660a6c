r"""Co-operation and trust as games: stag hunt, prisoner's dilemma, replicator dynamics.

Two games frame co-operation among the firms of a cluster.

* In a **co-ordination game** such as the stag hunt, co-operating pays if
  enough others co-operate: there are two equilibria in pure strategies, and
  payoffs alone do not say which one the firms will reach.  Foss (1999) argues
  that leaders solve such problems by creating *common knowledge* (or beliefs
  that substitute for it) of what everyone will do.
* In the **prisoner's dilemma** defection is dominant in a single encounter.
  When the game is repeated with discount factor (or probability of meeting
  again) :math:`\delta`, co-operation enforced by the threat of permanent
  defection ("grim trigger") is an equilibrium if and only if

  .. math::

      \frac{R}{1-\delta} \ge T + \frac{\delta P}{1-\delta}
      \iff \delta \ge \frac{T-R}{T-P},

  with payoffs :math:`T > R > P > S` (temptation, reward, punishment, sucker).
  Trust that rests on expected future dealings, as in Lorenzen (1998), is of
  this kind.

Equilibria of matrix games come from ``nashpy`` (Knight & Campbell 2018);
the replicator dynamics of a two-strategy population game are integrated with
SciPy.

References
----------
.. [1] Foss, N. J. (1999). Understanding leadership: a coordination theory. DRUID
   Working Paper 99-3.
.. [2] Knight, V. & Campbell, J. (2018). Nashpy: a Python library for the
   computation of Nash equilibria. *Journal of Open Source Software*, 3(30), 904.
   doi:10.21105/joss.00904
.. [3] Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.
"""

from __future__ import annotations

import warnings
from typing import Any

import nashpy as nash
import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp
from scipy.special import expit, logit

from coursekit._deprecation import renamed_keywords
from coursekit._validation import as_float_array, check_bounded_array, check_scalar, check_work

__all__ = [
    "cooperation_threshold",
    "equilibria",
    "grim_trigger_values",
    "prisoners_dilemma",
    "replicator_path",
    "stag_hunt",
]

_PAYOFF_LIMIT = 1e12


def _payoff(value: Any, name: str) -> float:
    return check_scalar(value, name, low=-_PAYOFF_LIMIT, high=_PAYOFF_LIMIT)


def stag_hunt(stag: float = 4.0, hare: float = 3.0, sucker: float = 0.0) -> pd.DataFrame:
    """Row player's payoffs in a symmetric stag hunt (strategies ``Stag``, ``Hare``).

    Hunting stag together pays ``stag`` each; a hare hunter gets ``hare``
    whatever the other does; a stag hunter left alone gets ``sucker``.  With
    ``stag > hare > sucker`` both (Stag, Stag) and (Hare, Hare) are equilibria:
    co-operation is the better equilibrium but the riskier strategy.  The
    column player's payoffs are the transpose.

    Parameters
    ----------
    stag, hare, sucker : float
        Payoffs, ``stag > hare > sucker``.

    Returns
    -------
    DataFrame
        2 × 2, rows (own strategy) and columns (other's strategy) ``Stag``, ``Hare``.

    References
    ----------
    Foss, N. J. (1999). Understanding leadership: a coordination theory. DRUID
    Working Paper 99-3.

    Examples
    --------
    >>> stag_hunt().to_numpy().tolist()
    [[4.0, 0.0], [3.0, 3.0]]
    """
    a, d, b = _payoff(stag, "stag"), _payoff(hare, "hare"), _payoff(sucker, "sucker")
    if not a > d > b:
        raise ValueError(f"A stag hunt needs 'stag' > 'hare' > 'sucker', got {a:g}, {d:g}, {b:g}.")
    labels = pd.Index(["Stag", "Hare"], name="strategy")
    return pd.DataFrame([[a, b], [d, d]], index=labels, columns=labels.copy())


def prisoners_dilemma(temptation: float = 5.0, reward: float = 3.0, punishment: float = 1.0,
                      sucker: float = 0.0) -> pd.DataFrame:
    """Row player's payoffs in a symmetric prisoner's dilemma (``Cooperate``, ``Defect``).

    The defaults are the payoffs of Axelrod's tournaments (T = 5, R = 3, P = 1,
    S = 0).

    Parameters
    ----------
    temptation, reward, punishment, sucker : float
        Payoffs with ``temptation > reward > punishment > sucker``.

    Returns
    -------
    DataFrame
        2 × 2, rows and columns ``Cooperate``, ``Defect``.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> prisoners_dilemma().to_numpy().tolist()
    [[3.0, 0.0], [5.0, 1.0]]
    """
    t, r = _payoff(temptation, "temptation"), _payoff(reward, "reward")
    p, s = _payoff(punishment, "punishment"), _payoff(sucker, "sucker")
    if not t > r > p > s:
        raise ValueError(f"A prisoner's dilemma needs 'temptation' > 'reward' > 'punishment' > "
                         f"'sucker', got {t:g}, {r:g}, {p:g}, {s:g}.")
    labels = pd.Index(["Cooperate", "Defect"], name="strategy")
    return pd.DataFrame([[r, s], [t, p]], index=labels, columns=labels.copy())


def _payoff_matrix(payoffs: Any, name: str) -> tuple[np.ndarray, list[str], list[str]]:
    values = as_float_array(payoffs, name, ndim=2)
    if min(values.shape) < 1 or max(values.shape) > 10:
        raise ValueError(f"'{name}' must have between 1 and 10 strategies per player, got shape "
                         f"{values.shape}.")
    if np.abs(values).max() > _PAYOFF_LIMIT:
        raise ValueError(f"'{name}' has payoffs beyond ±{_PAYOFF_LIMIT:g}; rescale them.")
    if isinstance(payoffs, pd.DataFrame):
        return values, [str(x) for x in payoffs.index], [str(x) for x in payoffs.columns]
    return values, [str(i) for i in range(values.shape[0])], [str(j) for j in range(values.shape[1])]


@renamed_keywords(A="row_payoffs", B="column_payoffs")
def equilibria(row_payoffs: Any, column_payoffs: Any = None) -> pd.DataFrame:
    """Every Nash equilibrium of a bimatrix game, by ``nashpy``'s support enumeration.

    Parameters
    ----------
    row_payoffs : DataFrame or 2-D array
        Row player's payoffs (rows: own strategies, columns: the other's); ``A`` is its
        deprecated keyword name (``A`` is the input–output coefficient matrix).
    column_payoffs : DataFrame or 2-D array, optional
        Column player's payoffs, same shape; default ``row_payoffs.T`` (a symmetric
        game).  ``B`` is its deprecated keyword name.

    Returns
    -------
    DataFrame
        One row per equilibrium: the probability of each strategy of the row player
        (``row: <strategy>``) and of the column player (``col: <strategy>``),
        ``row_payoff``, ``col_payoff`` and ``kind`` (``"pure"`` or ``"mixed"``).

    Raises
    ------
    ValueError
        If the game is degenerate: at an equilibrium found, a player has a best reply
        outside the other's support (or ``nashpy`` finds an even number of
        equilibria); the set of equilibria may then be infinite.

    References
    ----------
    Knight, V. & Campbell, J. (2018). Nashpy: a Python library for the computation of
    Nash equilibria. *Journal of Open Source Software*, 3(30), 904.

    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic
    and extensive form. In N. Nisan et al. (eds.), *Algorithmic Game Theory*, ch. 3.
    Cambridge University Press (degenerate games, definition 3.2).

    Examples
    --------
    >>> eq = equilibria(stag_hunt())
    >>> eq[["row: Stag", "col: Stag", "row_payoff", "kind"]].to_numpy().tolist()
    [[1.0, 1.0, 4.0, 'pure'], [0.0, 0.0, 3.0, 'pure'], [0.75, 0.75, 3.0, 'mixed']]

    Two equally good replies to a pure strategy: a continuum of equilibria.

    >>> equilibria([[1, 1, 0], [1, 1, 0], [0, 0, 0]])
    Traceback (most recent call last):
    ...
    ValueError: The game in 'row_payoffs' (and 'column_payoffs') is degenerate...
    """
    a, rows, cols = _payoff_matrix(row_payoffs, "row_payoffs")
    if column_payoffs is None:
        if a.shape[0] != a.shape[1]:
            raise ValueError("'row_payoffs' is not square, so the game cannot be symmetric; "
                             "pass 'column_payoffs'.")
        b = a.T.copy()
    else:
        b = _payoff_matrix(column_payoffs, "column_payoffs")[0]
        if b.shape != a.shape:
            raise ValueError(f"'column_payoffs' must have the shape of 'row_payoffs' {a.shape}, "
                             f"got {b.shape}.")
    game = nash.Game(a, b)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = list(game.support_enumeration())
    found = [(np.where(np.abs(r) < 1e-12, 0.0, r), np.where(np.abs(c) < 1e-12, 0.0, c))
             for r, c in found]
    # Degenerate (von Stengel 2007): some strategy has more pure best responses than the
    # size of its support.  Support enumeration misses the continua of equilibria this
    # allows, and its even-count warning does not always fire, so every equilibrium found
    # is checked: its best responses must be exactly the other player's support.  Payoff
    # ties are judged relative to the payoffs' scale.
    tie = 1e-9 * max(float(np.abs(a).max()), float(np.abs(b).max()))
    if any("degenerate" in str(w.message) for w in caught) or not found or any(
            _extra_best_responses(sr, sc, a, b, tie) for sr, sc in found):
        raise ValueError("The game in 'row_payoffs' (and 'column_payoffs') is degenerate: against some strategy the "
                         "other player has more best replies than that strategy mixes (e.g. "
                         "two equally good replies to a pure strategy), which allows "
                         "infinitely many equilibria that support enumeration cannot list. "
                         "Perturb a payoff slightly to study it.")
    rows_out = []
    for sigma_r, sigma_c in found:
        pure = bool(np.isclose(sigma_r.max(), 1.0) and np.isclose(sigma_c.max(), 1.0))
        rows_out.append([*sigma_r, *sigma_c, float(sigma_r @ a @ sigma_c),
                         float(sigma_r @ b @ sigma_c), "pure" if pure else "mixed"])
    columns = [f"row: {s}" for s in rows] + [f"col: {s}" for s in cols] + \
        ["row_payoff", "col_payoff", "kind"]
    return pd.DataFrame(rows_out, columns=columns)


def _extra_best_responses(sigma_r: np.ndarray, sigma_c: np.ndarray, a: np.ndarray,
                          b: np.ndarray, tie: float) -> bool:
    """True if either player's pure best responses go beyond the other's support."""
    row_pay, col_pay = a @ sigma_c, sigma_r @ b
    best_r = row_pay >= row_pay.max() - tie
    best_c = col_pay >= col_pay.max() - tie
    return bool((best_r != (sigma_r > 0)).any() or (best_c != (sigma_c > 0)).any())


def _pd_payoffs(temptation: Any, reward: Any, punishment: Any) -> tuple[float, float, float]:
    t, r = _payoff(temptation, "temptation"), _payoff(reward, "reward")
    p = _payoff(punishment, "punishment")
    if not t > r > p:
        raise ValueError(f"Co-operation is a dilemma only if 'temptation' > 'reward' > "
                         f"'punishment', got {t:g}, {r:g}, {p:g}.")
    return t, r, p


def cooperation_threshold(temptation: float, reward: float, punishment: float) -> float:
    r"""Smallest discount factor at which grim trigger sustains co-operation.

    .. math::

        \delta^* = \frac{T - R}{T - P}

    Co-operating for ever is worth :math:`R/(1-\delta)`; defecting once and
    being punished for ever after is worth :math:`T + \delta P/(1-\delta)`; the
    first is at least the second exactly when :math:`\delta \ge \delta^*`.  The
    threshold falls as the reward rises or the punishment falls, and rises with
    the temptation.

    Parameters
    ----------
    temptation, reward, punishment : float
        :math:`T > R > P` (the sucker's payoff does not enter).

    Returns
    -------
    float
        :math:`\delta^*` in (0, 1).

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> cooperation_threshold(5, 3, 1)
    0.5
    """
    t, r, p = _pd_payoffs(temptation, reward, punishment)
    return (t - r) / (t - p)


def grim_trigger_values(temptation: float, reward: float, punishment: float,
                        delta: Any) -> pd.DataFrame:
    r"""Average discounted payoffs of co-operating and of defecting against grim trigger.

    Multiplying the present values by :math:`1-\delta` turns them into average
    payoffs per period: co-operating for ever gives :math:`R`; defecting now
    gives :math:`(1-\delta)T + \delta P`.  The two lines cross at
    :func:`cooperation_threshold`.

    Parameters
    ----------
    temptation, reward, punishment : float
        :math:`T > R > P`.
    delta : float or array-like
        Discount factors (or probabilities of another round), each in [0, 1).

    Returns
    -------
    DataFrame
        Columns ``delta``, ``cooperate``, ``deviate``; ``attrs["threshold"]`` holds
        :math:`\delta^*`.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> grim_trigger_values(5, 3, 1, [0.4, 0.5, 0.6])["deviate"].round(6).tolist()
    [3.4, 3.0, 2.6]
    """
    t, r, p = _pd_payoffs(temptation, reward, punishment)
    d = check_bounded_array(delta, "delta", 0.0, 1.0).ravel()
    if d.size == 0 or (d >= 1).any():
        raise ValueError("'delta' must hold at least one discount factor, each in [0, 1).")
    check_work(d.size, "'delta'", limit=1_000_000)
    out = pd.DataFrame({"delta": d, "cooperate": np.full(d.size, r),
                        "deviate": (1 - d) * t + d * p})
    out.attrs["threshold"] = (t - r) / (t - p)
    return out


@renamed_keywords(A="payoffs")
def replicator_path(payoffs: Any, x0: Any, t_max: float = 20.0,
                    n_steps: int = 200) -> pd.DataFrame:
    r"""Replicator dynamics of a symmetric two-strategy game, from one or several starts.

    With :math:`x` the share of the population playing the first strategy and
    row payoffs :math:`\Pi = \begin{pmatrix} a & b \\ c & d \end{pmatrix}`, fitness is
    :math:`f = \Pi x` and

    .. math::

        \dot x = x\,(f_1 - \bar f) = x(1-x)\,\big[(a-c)\,x + (b-d)(1-x)\big],

    nashpy's definition (``Game.replicator_dynamics``) written for two
    strategies.  The rest points are 0, 1 and, when it lies in (0, 1),
    :math:`x^* = (d-b)/[(a-c)+(d-b)]`, the symmetric mixed equilibrium.  In a
    co-ordination game such as the stag hunt :math:`x^*` is unstable and
    divides the basins of "all co-operate" and "all defect".

    Parameters
    ----------
    payoffs : DataFrame or 2-D array
        Row player's 2 × 2 payoffs (e.g. :func:`stag_hunt`); ``A`` is its deprecated
        keyword name.
    x0 : float or array-like
        Starting shares of the first strategy, each in [0, 1].
    t_max : float
        Length of the run, ``> 0``.
    n_steps : int
        Number of reporting intervals, ``1`` to ``100,000``.

    Returns
    -------
    DataFrame
        Tidy: ``x0``, ``t``, ``share``; ``attrs["rest_point"]`` is :math:`x^*` (NaN
        if there is none inside (0, 1)) and ``attrs["strategy"]`` the first
        strategy's name.

    References
    ----------
    Knight, V. & Campbell, J. (2018). Nashpy: a Python library for the computation of
    Nash equilibria. *Journal of Open Source Software*, 3(30), 904.

    Examples
    --------
    >>> path = replicator_path(stag_hunt(), [0.7, 0.8], t_max=20)
    >>> path.groupby("x0")["share"].last().round(4).tolist(), path.attrs["rest_point"]
    ([0.0, 1.0], 0.75)
    """
    values, rows, _ = _payoff_matrix(payoffs, "payoffs")
    if values.shape != (2, 2):
        raise ValueError(f"'payoffs' must be a 2 × 2 payoff matrix, got shape {values.shape}.")
    starts = check_bounded_array(x0, "x0", 0.0, 1.0).ravel()
    if starts.size == 0:
        raise ValueError("'x0' is empty; pass at least one starting share in [0, 1].")
    t_max = check_scalar(t_max, "t_max", low=1e-6, high=1e6)
    n_steps = int(check_scalar(n_steps, "n_steps", low=1, high=100_000, integer=True))
    check_work(starts.size * (n_steps + 1), "'x0' and 'n_steps'")
    (a, b), (c, d) = values / max(1.0, float(np.abs(values).max()))
    scale = max(1.0, float(np.abs(values).max()))

    # In log-odds z = ln(x / (1 - x)) the dynamics are dz/dt = f1 - f2, a bounded right-hand
    # side: shares as small as 1e-300 (or as close to 1) keep their precision, where the
    # equation in x would lose them in rounding.  Starts at 0 or 1 are rest points.
    def rhs(_t: float, z: np.ndarray) -> np.ndarray:
        x = expit(z)
        return scale * ((a - c) * x + (b - d) * (1 - x))

    times = np.linspace(0.0, t_max, n_steps + 1)
    inside = (starts > 0) & (starts < 1)
    share = np.repeat(starts[:, None], times.size, axis=1)
    if inside.any():
        sol = solve_ivp(rhs, (0.0, t_max), logit(starts[inside]), t_eval=times, rtol=1e-10,
                        atol=1e-10, method="LSODA")
        if not sol.success:
            raise ValueError(f"The replicator ODE could not be integrated with these 'payoffs' "
                             f"({sol.message}); rescale the payoffs or shorten 't_max'.")
        share[inside] = expit(sol.y)
    out = pd.DataFrame({"x0": np.repeat(starts, times.size), "t": np.tile(times, starts.size),
                        "share": share.ravel()})
    denom = (a - c) + (d - b)
    rest = (d - b) / denom if denom != 0 else np.nan
    out.attrs.update(rest_point=float(rest) if 0 < rest < 1 else float("nan"),
                     strategy=rows[0])
    return out

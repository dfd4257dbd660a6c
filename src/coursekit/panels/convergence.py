"""Regional convergence: β-convergence (Barro), σ-convergence and Quah's distribution dynamics.

Every function takes a **regions × years** table of income levels (per-capita income or
GDP per capita; rows are regions, columns are years as numbers), for example
``data.pivot(index="state", columns="year", values="per_capita_income_usd")``.
A common deflator cancels out of every measure here, so nominal data can be used.

References
----------
- Barro, R. J. & Sala-i-Martin, X. (1991). Convergence across states and regions.
  *Brookings Papers on Economic Activity*, 1991(1), 107–158.
- Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *Journal of Political
  Economy*, 100(2), 223–251. doi:10.1086/261816
- Quah, D. T. (1993). Empirical cross-section dynamics in economic growth.
  *European Economic Review*, 37(2–3), 426–434.
- Quah, D. T. (1996). Twin peaks: growth and convergence in models of distribution
  dynamics. *The Economic Journal*, 106(437), 1045–1055.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_scalar

__all__ = ["BetaConvergence", "IncomeTransitions", "beta_convergence", "sigma_convergence",
           "quah_transitions"]


class BetaConvergence(NamedTuple):
    """Result of :func:`beta_convergence` (a Barro regression across regions)."""

    intercept: float  #: intercept a of the regression
    slope: float  #: slope b, mean annual log growth per unit of initial log income
    se_intercept: float  #: standard error of a
    se_slope: float  #: standard error of b
    speed: float  #: implied speed of convergence β = -ln(1 + bT)/T, per year
    half_life: float  #: years to close half of a gap, ln 2 / β (if negative, years for the gap to double)
    r2: float  #: coefficient of determination
    n: int  #: number of regions
    years: float  #: length T of the interval, end - start


class IncomeTransitions(NamedTuple):
    """Result of :func:`quah_transitions` (a Markov chain over relative-income classes)."""

    matrix: pd.DataFrame  #: transition probabilities, rows = class at t, columns = at t+step
    counts: pd.DataFrame  #: number of observed transitions behind each probability
    initial: pd.Series  #: share of regions in each class in the first year
    final: pd.Series  #: share of regions in each class in the last year
    ergodic: pd.Series  #: long-run distribution implied by the chain
    bounds: np.ndarray  #: the n_classes - 1 boundaries between classes (relative income)


def _frame(incomes: Any, name: str = "incomes") -> pd.DataFrame:
    """Type, labels and year columns of a regions x years table (values not yet checked)."""
    if not isinstance(incomes, pd.DataFrame):
        raise TypeError(f"'{name}' must be a pandas DataFrame of income levels with regions in "
                        f"rows and years in columns, got {type(incomes).__name__}. Build one "
                        f"with data.pivot(index='region', columns='year', values='income').")
    if incomes.empty:
        raise ValueError(f"'{name}' is empty; pass a regions x years table of incomes.")
    if incomes.index.has_duplicates:
        raise ValueError(f"'{name}' has duplicate region labels; each region must appear once.")
    years = incomes.columns
    if not all(isinstance(y, (int, float, np.integer, np.floating)) and not isinstance(y, bool)
               and math.isfinite(y) for y in years):
        raise TypeError(f"'{name}' must have years (numbers) as column labels, got "
                        f"{_show(list(years))}. Convert them, e.g. incomes.columns.astype(int).")
    if years.has_duplicates or not years.is_monotonic_increasing:
        raise ValueError(f"'{name}' must have distinct years in increasing order as columns; "
                         f"sort them with incomes.sort_index(axis=1).")
    return incomes


def _panel(incomes: Any, name: str = "incomes") -> pd.DataFrame:
    """The table as positive floats, or a clear error (missing values are refused)."""
    incomes = _frame(incomes, name)
    values = as_float_array(incomes, name, ndim=2)
    if (values <= 0).any():
        raise ValueError(f"'{name}' must hold positive income levels (logs are taken); found "
                         f"{int((values <= 0).sum())} value(s) <= 0.")
    return pd.DataFrame(values, index=incomes.index, columns=incomes.columns)


def _year(panel: pd.DataFrame, value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"'{name}' must be a year (a number), got {_show(value)}.")
    if value not in panel.columns:
        raise ValueError(f"'{name}'={value!r} is not a column of 'incomes'; its years run from "
                         f"{panel.columns[0]} to {panel.columns[-1]}.")
    return float(value)


def _one_closed_class(P: np.ndarray, k: int) -> None:
    """Refuse a chain whose long-run distribution is not unique.

    A Markov chain has one stationary distribution exactly when it has one closed class
    (a set of states it cannot leave): the sink components of the graph of ``P``.  With
    two or more, any mix of their distributions is stationary.
    """
    G = nx.DiGraph()
    G.add_nodes_from(range(k))
    G.add_edges_from(zip(*np.nonzero(P > 0), strict=True))
    tree = nx.condensation(G)
    closed = [sorted(tree.nodes[c]["members"]) for c in tree if tree.out_degree(c) == 0]
    if len(closed) > 1:
        names = [[f"class {j + 1}" for j in c] for c in closed[:3]]
        raise ValueError(
            f"The transitions observed in 'incomes' fall into {len(closed)} closed groups of "
            f"classes that no region ever leaves ({_show(names, 120)}), so the long-run "
            f"(ergodic) distribution is not unique. Use fewer 'n_classes', a larger 'step' "
            f"or more regions and years.")


def beta_convergence(incomes: pd.DataFrame, start: float, end: float, *,
                     robust: bool = False) -> BetaConvergence:
    """Barro regression of mean annual log growth on the initial log level, across regions.

    The slope convention is that of Barro & Sala-i-Martin (1992): the dependent
    variable is the **mean annual** log growth between ``start`` and ``end``,

    .. math::

        \\frac{1}{T}\\ln\\frac{y_{i,\\text{end}}}{y_{i,\\text{start}}} = a + b\\,\\ln y_{i,\\text{start}}
        + u_i, \\qquad T = \\text{end} - \\text{start},

    and :math:`b = -(1-e^{-\\beta T})/T`, so the speed of convergence is
    :math:`\\beta = -\\ln(1 + bT)/T` per year and the half-life of a gap is
    :math:`\\ln 2/\\beta`.  (A slope on *total* growth, as in R's REAT, is :math:`bT`.)
    A negative :math:`b` (positive :math:`\\beta`) means poorer regions grew faster.

    Parameters
    ----------
    incomes : DataFrame
        Regions × years income levels; the ``start`` and ``end`` columns must be
        positive with no missing values (drop regions with gaps first, e.g.
        ``incomes[[start, end]].dropna()``).
    start, end : int or float
        The two years (column labels), ``start < end``.
    robust : bool, default False
        Heteroskedasticity-robust (HC1) standard errors instead of the classical ones.

    Returns
    -------
    BetaConvergence

    Raises
    ------
    ValueError
        If fewer than three regions, if initial incomes are all equal, or if
        :math:`1 + bT \\le 0` (then :math:`\\beta` is undefined).

    References
    ----------
    - Barro & Sala-i-Martin (1992). *JPE* 100(2), 223–251.
    - Barro & Sala-i-Martin (1991). *BPEA* 1991(1), 107–158.

    Examples
    --------
    >>> y = pd.DataFrame({2000: [1.0, 2.0, 4.0], 2010: [2.0, 3.0, 5.0]}, index=list("abc"))
    >>> res = beta_convergence(y, 2000, 2010)
    >>> round(res.slope, 5), round(res.speed, 5), round(res.half_life, 2), res.n
    (-0.0339, 0.04141, 16.74, 3)
    """
    t0, t1 = _year(_frame(incomes), start, "start"), _year(incomes, end, "end")
    if not isinstance(robust, bool):
        raise TypeError(f"'robust' must be True or False, got {_show(robust)}.")
    if not t0 < t1:
        raise ValueError(f"'start' ({t0:g}) must be an earlier year than 'end' ({t1:g}).")
    panel = _panel(incomes[[start, end]])
    T = t1 - t0
    x = np.log(panel[start].to_numpy())
    growth = (np.log(panel[end].to_numpy()) - x) / T
    n = x.size
    if n < 3:
        raise ValueError(f"'incomes' has {n} region(s); a regression with standard errors needs "
                         f"at least 3.")
    # Degenerate when the start incomes do not differ beyond rounding.  The test is relative:
    # ln y carries an absolute rounding error of about eps * (1 + |ln y|) whatever the unit of
    # y, so a spread below 1e-9 of that scale is noise, not a difference between regions (an
    # absolute test let rounding noise in the mean of equal logs through as a slope).
    if np.ptp(x) <= 1e-9 * (1.0 + float(np.abs(x).max())):
        raise ValueError(f"'incomes' has the same income in every region in 'start'={start!r} "
                         f"(up to rounding); the slope is undefined. Beta convergence needs "
                         f"regions that start at different incomes.")
    xc = x - x.mean()
    sxx = float(xc @ xc)
    b = float(xc @ (growth - growth.mean())) / sxx
    a = float(growth.mean() - b * x.mean())
    resid = growth - a - b * x
    ssr, sst = float(resid @ resid), float(((growth - growth.mean()) ** 2).sum())
    X = np.column_stack([np.ones(n), x])
    xtx_inv = np.linalg.inv(X.T @ X)
    if robust:  # HC1: White's sandwich with the n / (n - k) small-sample factor
        meat = (X * resid[:, None] ** 2).T @ X
        cov = xtx_inv @ meat @ xtx_inv * n / (n - 2)
    else:
        cov = xtx_inv * ssr / (n - 2)
    se_a, se_b = (float(v) for v in np.sqrt(np.clip(np.diag(cov), 0, None)))
    # 1 + bT is a difference of terms of size 1: at or below their rounding (~1e-15) it is 0,
    # and -ln(1 + bT) would be a number made of noise (gaps exactly closed: the speed is
    # infinite, not 7.2 or 7.3 depending on the unit of the incomes).
    if 1 + b * T <= 1e-9:
        raise ValueError(
            f"The fitted slope b = {b:.4g} over T = {T:g} years gives 1 + bT <= 0 (to "
            f"rounding): the gaps in 'incomes' were closed or more than closed, so the speed "
            f"of convergence is undefined.")
    speed = -math.log1p(b * T) / T
    half_life = math.log(2) / speed if speed != 0 else math.inf
    # Every region grew alike (to rounding, relative to the logs' scale): nothing to explain,
    # and the fit is exact; r2 would otherwise be a ratio of rounding noise.
    flat = np.ptp(growth) <= 1e-9 * (1.0 + float(np.abs(np.log(panel.to_numpy())).max())) / T
    r2 = 1.0 if flat or sst <= 0 else 1 - ssr / sst
    return BetaConvergence(a, b, se_a, se_b, speed, half_life, r2, n, T)


def sigma_convergence(incomes: pd.DataFrame, *, ddof: int = 1) -> pd.Series:
    """Standard deviation of log income across regions, year by year (σ-convergence).

    .. math:: \\sigma_t = \\sqrt{\\tfrac{1}{n-\\text{ddof}}\\sum_i (\\ln y_{it} - \\overline{\\ln y_t})^2}

    The sample standard deviation (``ddof=1``, as pandas' ``std``) by default.
    β-convergence does not imply that σ falls: shocks can keep the dispersion up while
    poor regions grow faster.

    Parameters
    ----------
    incomes : DataFrame
        Regions × years income levels, positive, no missing values.
    ddof : {1, 0}
        1 for the sample standard deviation, 0 for the population one.

    Returns
    -------
    pandas.Series
        σ indexed by year, named ``"sigma"``.

    References
    ----------
    - Barro & Sala-i-Martin (1992). *JPE* 100(2), 223–251.

    Examples
    --------
    >>> y = pd.DataFrame({2000: [1.0, np.e], 2010: [1.0, 1.0]}, index=["a", "b"])
    >>> sigma_convergence(y, ddof=0).tolist()
    [0.5, 0.0]
    """
    panel = _panel(incomes)
    if isinstance(ddof, bool) or not isinstance(ddof, (int, np.integer)) or ddof not in (0, 1):
        raise ValueError(f"'ddof' must be 1 (sample) or 0 (population), got {_show(ddof)}.")
    if panel.shape[0] <= ddof:
        raise ValueError(f"'incomes' needs at least {ddof + 1} regions for ddof={ddof}.")
    logs = np.log(panel.to_numpy())
    return pd.Series(logs.std(axis=0, ddof=ddof), index=panel.columns, name="sigma")


def quah_transitions(incomes: pd.DataFrame, n_classes: int = 5, step: int = 1) -> IncomeTransitions:
    """Quah's distribution dynamics: a Markov chain over classes of relative income.

    Each income is divided by the cross-regional mean of its year; the classes are the
    ``n_classes`` quantiles of all these relative incomes pooled, so each class holds
    about the same number of observations.  Transitions are counted between every
    year and the year ``step`` columns later, and the ergodic (long-run) distribution
    solves :math:`\\pi P = \\pi`, :math:`\\sum\\pi = 1`.

    Parameters
    ----------
    incomes : DataFrame
        Regions × years income levels, positive, no missing values.
    n_classes : int
        Number of income classes, 2 to 20.
    step : int
        Columns (years, for annual data) between the two ends of a transition, ``>= 1``.

    Returns
    -------
    IncomeTransitions

    References
    ----------
    - Quah (1993). *European Economic Review* 37(2–3), 426–434.
    - Quah (1996). *The Economic Journal* 106(437), 1045–1055.

    Examples
    --------
    Two regions swap places between the poorer and the richer half once in four steps:

    >>> y = pd.DataFrame({2000: [1.0, 1.1, 2.0, 2.2], 2001: [1.0, 2.0, 1.1, 2.2],
    ...                   2002: [1.0, 2.0, 1.1, 2.2], 2003: [1.0, 2.0, 1.1, 2.2],
    ...                   2004: [1.0, 2.0, 1.1, 2.2]}, index=list("abcd"))
    >>> res = quah_transitions(y, n_classes=2)
    >>> res.matrix.to_numpy().tolist(), res.ergodic.round(3).tolist()
    ([[0.875, 0.125], [0.125, 0.875]], [0.5, 0.5])

    Regions that never change places leave the long run undetermined:

    >>> still = pd.DataFrame({t: [1.0, 1.1, 2.0, 2.2] for t in range(2000, 2005)})
    >>> quah_transitions(still, n_classes=2)
    Traceback (most recent call last):
    ...
    ValueError: The transitions observed in 'incomes' fall into 2 closed groups...
    """
    panel = _panel(incomes)
    k = int(check_scalar(n_classes, "n_classes", low=2, high=20, integer=True))
    step = int(check_scalar(step, "step", low=1, high=10_000, integer=True))
    if step >= panel.shape[1]:
        raise ValueError(f"'step'={step} needs more than {step} years in 'incomes', which has "
                         f"{panel.shape[1]}.")
    values = panel.to_numpy()
    if values.max() > 1e300:  # relative incomes are scale-free: keep the means finite
        values = values / values.max()
    # Relative incomes to 12 digits: regions with equal incomes get exactly equal ones (not
    # 1 +- rounding, which would split them between classes differently in another unit).
    rel = np.round(values / values.mean(axis=0), 12)
    bounds = np.quantile(rel, np.arange(1, k) / k)
    classes = np.searchsorted(bounds, rel, side="right")
    counts = np.zeros((k, k))
    np.add.at(counts, (classes[:, :-step].ravel(), classes[:, step:].ravel()), 1)
    rows = counts.sum(axis=1)
    if (rows == 0).any():
        raise ValueError(f"'incomes' has too few distinct observations for 'n_classes'={k}: "
                         f"class {int(np.flatnonzero(rows == 0)[0]) + 1} has no transitions. "
                         f"Use fewer classes or more regions and years.")
    P = counts / rows[:, None]
    _one_closed_class(P, k)
    A = np.vstack([P.T - np.eye(k), np.ones(k)])
    ergodic = np.linalg.lstsq(A, np.concatenate([np.zeros(k), [1.0]]), rcond=None)[0]
    ergodic = np.clip(ergodic, 0, None) / np.clip(ergodic, 0, None).sum()
    labels = pd.Index([f"class {j + 1}" for j in range(k)], name="relative income")

    def share(col: np.ndarray) -> pd.Series:
        return pd.Series(np.bincount(col, minlength=k) / col.size, index=labels)

    return IncomeTransitions(
        matrix=pd.DataFrame(P, index=labels, columns=labels),
        counts=pd.DataFrame(counts.astype(int), index=labels, columns=labels),
        initial=share(classes[:, 0]), final=share(classes[:, -1]),
        ergodic=pd.Series(ergodic, index=labels), bounds=bounds)

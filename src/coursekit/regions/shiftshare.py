r"""Shift-share analysis: why did a region grow faster or slower than the nation?

Classical shift-share (Dunn 1960) splits the change of a region's employment
between two dates into what national growth alone would have given (the
*national share*), what its industry mix adds because it holds fast- or
slow-growing industries (the *industry mix*, or proportional shift) and the
rest, the region's own performance industry by industry (the *regional share*,
also called the competitive or differential shift).  Notation: :math:`e_i^0,
e_i^1` regional and :math:`E_i^0, E_i^1` national employment of industry
:math:`i`; :math:`G_i = E_i^1/E_i^0` and :math:`G = E^1/E^0` national growth
factors.

.. math::

    e^1 - e^0 = \underbrace{e^0 (G - 1)}_{\text{national share}}
    + \underbrace{\textstyle\sum_i e_i^0 (G_i - G)}_{\text{industry mix}}
    + \underbrace{\textstyle\sum_i (e_i^1 - e_i^0 G_i)}_{\text{regional share}}

The *net total shift* :math:`e^1 - e^0 G` is the sum of the last two.

>>> import coursekit as ck
>>> out = ck.shift_share(start=[90, 20, 10, 60], end=[100, 40, 10, 55],
...                      benchmark_start=[400, 150, 150, 400],
...                      benchmark_end=[440, 210, 135, 480])
>>> out.loc[0, ["national_share", "industry_mix", "regional_share"]].tolist()
[27.0, 1.0, -3.0]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._validation import _show, as_float_array, check_bool, check_nonnegative

__all__ = ["shift_share", "esteban_marquillas", "dynamic_shift_share"]

COMPONENTS = ["national_share", "industry_mix", "regional_share"]
COLUMNS = ["start", "end", "actual_change", *COMPONENTS, "net_total_shift"]


def _table(values: Any, name: str) -> tuple[np.ndarray, pd.Index, pd.Index | None]:
    """A regions × industries table (a 1-D input is one region); values and labels."""
    if isinstance(values, pd.DataFrame):
        arr = as_float_array(values, name, ndim=2)
        rows, cols = values.index, values.columns
    elif isinstance(values, pd.Series):
        arr = as_float_array(values, name, ndim=1)[None, :]
        rows, cols = pd.Index([values.name if values.name is not None else 0], name="region"), \
            values.index
    else:
        arr = as_float_array(values, name)
        if arr.ndim == 1:
            arr = arr[None, :]
        if arr.ndim != 2:
            raise ValueError(f"'{name}' must be a regions × industries table (2-D) or one "
                             f"region's industries (1-D), got shape {arr.shape}.")
        rows, cols = pd.RangeIndex(arr.shape[0], name="region"), None
    if arr.size == 0:
        raise ValueError(f"'{name}' is empty; pass at least one region and one industry.")
    check_nonnegative(arr, name)
    _addable(arr, name)
    for labels in (rows, cols):
        if labels is not None and labels.has_duplicates:
            raise ValueError(f"'{name}' has duplicate labels {_show(list(labels[labels.duplicated()]))}"
                             f"; sum them first (ck.activity_matrix does).")
    return arr, rows, cols


def _addable(arr: np.ndarray, name: str) -> None:
    """Values whose sums over regions and industries cannot overflow."""
    if arr.size and np.abs(arr).max() > 1e300:
        raise ValueError(f"'{name}' has values too large to add up (above 1e300); rescale it "
                         f"(e.g. to thousands).")


def _prepare(start: Any, end: Any, benchmark_start: Any,
             benchmark_end: Any) -> tuple[np.ndarray, ...]:
    """Validated arrays e0, e1, N0, N1 (the benchmark) and the region and industry labels."""
    e0, rows, cols = _table(start, "start")
    e1, rows1, cols1 = _table(end, "end")
    if e0.shape != e1.shape:
        raise ValueError(f"'end' must have the shape of 'start' (same regions and industries), "
                         f"got {e1.shape} and {e0.shape}.")
    if not rows.equals(rows1) or (cols is not None and cols1 is not None
                                  and not cols.equals(cols1)):
        raise ValueError("'end' must have the same region and industry labels as 'start', in "
                         "the same order (align them with end.reindex_like(start)).")
    if cols is None:
        cols = cols1 if cols1 is not None else pd.RangeIndex(e0.shape[1], name="industry")
    if (benchmark_start is None) != (benchmark_end is None):
        raise ValueError("Pass both 'benchmark_start' and 'benchmark_end' (the nation's "
                         "employment by industry at the two dates), or neither (the benchmark "
                         "is then the sum of the regions).")
    if benchmark_start is None:
        n0, n1 = e0.sum(axis=0), e1.sum(axis=0)
        where = "'start' (the benchmark is the sum of the regions)"
    else:
        n0, n1 = (_nation(v, n, cols) for v, n in ((benchmark_start, "benchmark_start"),
                                                   (benchmark_end, "benchmark_end")))
        where = "'benchmark_start'"
    if (n0 <= 0).any():
        bad = [cols[k] for k in np.flatnonzero(n0 <= 0)[:5]]
        raise ValueError(f"Industry {_show(bad)} has no national employment at the start in "
                         f"{where}; its national growth rate is undefined. Drop it first.")
    return e0, e1, n0, n1, rows, cols


def _nation(values: Any, name: str, cols: pd.Index) -> np.ndarray:
    arr = as_float_array(values, name, ndim=1)
    check_nonnegative(arr, name)
    _addable(arr, name)
    if arr.size != len(cols):
        raise ValueError(f"'{name}' must give one value per industry ({len(cols)}), "
                         f"got {arr.size}.")
    if isinstance(values, pd.Series) and not isinstance(cols, pd.RangeIndex):
        if not values.index.equals(cols):
            if set(values.index) != set(cols):
                raise ValueError(f"'{name}' must be indexed by the industries of 'start'; "
                                 f"they differ.")
            arr = values.reindex(cols).to_numpy(dtype=float)
    return arr


def _frame(parts: dict[str, np.ndarray], rows: pd.Index, cols: pd.Index,
           by_industry: bool) -> pd.DataFrame:
    """Per-cell components as one row per region (summed) or per region and industry."""
    if by_industry:
        index = pd.MultiIndex.from_product([rows, cols], names=[rows.name or "region",
                                                                 cols.name or "industry"])
        return pd.DataFrame({k: v.ravel() for k, v in parts.items()}, index=index)
    return pd.DataFrame({k: v.sum(axis=1) for k, v in parts.items()}, index=rows)


@renamed_keywords(E0="start", E1="end", nation0="benchmark_start", nation1="benchmark_end")
def shift_share(start: Any, end: Any, benchmark_start: Any = None, benchmark_end: Any = None, *,
                by_industry: bool = False) -> pd.DataFrame:
    r"""Classical shift-share decomposition of each region's change (Dunn 1960).

    For region :math:`r` with employment :math:`e_i^0, e_i^1` in industry :math:`i`
    at the two dates, and the nation's :math:`E_i^0, E_i^1`
    (:math:`G_i = E_i^1/E_i^0`, :math:`G = E^1/E^0`):

    .. math::

        \text{national share} &= e^0 (G - 1), \\
        \text{industry mix} &= \textstyle\sum_i e_i^0 (G_i - G), \\
        \text{regional share} &= \textstyle\sum_i (e_i^1 - e_i^0 G_i)
            = \textstyle\sum_i e_i^0 (g_i - G_i), \\
        \text{net total shift} &= e^1 - e^0 G
            = \text{industry mix} + \text{regional share},

    and the three components add up to the actual change :math:`e^1 - e^0`. When the
    regions exhaust the nation, the industry mixes and the regional shares each sum
    to zero over the regions.  The formulas and terms are those of Farhauer & Kröll
    (2013) as implemented in the R package REAT (``shift``, method ``"Dunn"``).

    Parameters
    ----------
    start, end : DataFrame, 2-D array, Series or list
        Employment (or value added) by region (rows) and industry (columns) at the
        start and at the end, same shape and labels; a 1-D input is one region.
        (``E0`` and ``E1`` are their deprecated keyword names.)
    benchmark_start, benchmark_end : Series or array, optional
        The benchmark's (the nation's) employment by industry at the two dates.  Default:
        the sum of the regions in ``start`` and ``end``.  (``nation0`` and ``nation1``
        are their deprecated keyword names.)
    by_industry : bool, default False
        Return the components of every region and industry (REAT's ``shifti``)
        instead of the regional sums.

    Returns
    -------
    DataFrame
        One row per region (or per region and industry) with the columns ``start``,
        ``end``, ``actual_change``, ``national_share``, ``industry_mix``,
        ``regional_share`` and ``net_total_shift``.

    References
    ----------
    Dunn, E. S., Jr. (1960). A statistical and analytical technique for regional
    analysis. *Papers and Proceedings of the Regional Science Association*, 6(1), 97–112.

    Farhauer, O., & Kröll, A. (2013). *Standorttheorien: Regional- und Stadtökonomik in
    Theorie und Praxis*. Springer.

    Wieland, T. (2021). REAT: Regional Economic Analysis Toolbox (R package 3.0.3).

    Examples
    --------
    Farhauer & Kröll's example as given in REAT's documentation: regions A, B and C
    with four industries, which together make the nation.

    >>> E0 = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
    ...                   index=["A", "B", "C"])
    >>> E1 = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
    ...                   index=["A", "B", "C"])
    >>> shift_share(start=E0, end=E1)[["actual_change", "national_share", "industry_mix",
    ...                      "regional_share"]].round(6)
       actual_change  national_share  industry_mix  regional_share
    A           25.0            27.0           1.0            -3.0
    B           55.0            24.0          -1.0            32.0
    C           85.0           114.0           0.0           -29.0
    """
    by = check_bool(by_industry, "by_industry")
    e0, e1, n0, n1, rows, cols = _prepare(start, end, benchmark_start, benchmark_end)
    G_i = n1 / n0
    G = n1.sum() / n0.sum()
    parts = {
        "start": e0, "end": e1, "actual_change": e1 - e0,
        "national_share": e0 * (G - 1.0),
        "industry_mix": e0 * (G_i - G),
        "regional_share": e1 - e0 * G_i,
    }
    parts["net_total_shift"] = parts["industry_mix"] + parts["regional_share"]
    return _frame(parts, rows, cols, by)


@renamed_keywords(E0="start", E1="end", nation0="benchmark_start", nation1="benchmark_end")
def esteban_marquillas(start: Any, end: Any, benchmark_start: Any = None,
                       benchmark_end: Any = None, *, by_industry: bool = False) -> pd.DataFrame:
    r"""Esteban-Marquillas (1972) split of the regional share into competition and allocation.

    The regional share :math:`\sum_i e_i^0 (g_i - G_i)` (with :math:`g_i = e_i^1/e_i^0`)
    mixes two things: how much better the region does in each industry, and how
    much of its employment is in the industries where it does better.  With the
    *homothetic* employment :math:`\hat e_i^0 = e^0 E_i^0/E^0` (the region's
    employment spread like the nation's),

    .. math::

        \text{regional share} =
        \underbrace{\textstyle\sum_i \hat e_i^0 (g_i - G_i)}_{\text{competitive effect}}
        + \underbrace{\textstyle\sum_i (e_i^0 - \hat e_i^0)(g_i - G_i)}_{\text{allocation effect}} .

    The allocation effect is positive when the region is specialised
    (:math:`e_i^0 > \hat e_i^0`) in the industries where it is competitive
    (:math:`g_i > G_i`), or under-represented where it is not.  As in REAT's
    ``shift(..., shift.method = "Esteban")``.

    Parameters
    ----------
    start, end, benchmark_start, benchmark_end, by_industry
        As in :func:`shift_share`.  Every cell of ``start`` must be positive (the
        regional growth rate :math:`g_i` of an industry the region did not have is
        undefined).

    Returns
    -------
    DataFrame
        Columns ``homothetic_start`` (:math:`\hat e^0`), ``regional_share``,
        ``competitive`` and ``allocation`` (the last two add up to the regional share).

    References
    ----------
    Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis.
    *Regional and Urban Economics*, 2(3), 249–255.

    Examples
    --------
    >>> out = esteban_marquillas([90, 20, 10, 60], [100, 40, 10, 55], [400, 150, 150, 400],
    ...                          [440, 210, 135, 480])
    >>> out[["regional_share", "competitive", "allocation"]].round(6).iloc[0].tolist()
    [-3.0, -0.636364, -2.363636]
    """
    by = check_bool(by_industry, "by_industry")
    e0, e1, n0, n1, rows, cols = _prepare(start, end, benchmark_start, benchmark_end)
    if (e0 <= 0).any():
        r, i = np.argwhere(e0 <= 0)[0]
        raise ValueError(
            f"'start' has {int((e0 <= 0).sum())} zero cell(s), e.g. region {rows[r]!r}, industry "
            f"{cols[i]!r}: the regional growth rate of an industry that was absent at the "
            f"start is undefined. Drop such industries or use ck.shift_share."
        )
    G_i = n1 / n0
    gap = e1 / e0 - G_i
    homothetic = e0.sum(axis=1, keepdims=True) * (n0 / n0.sum())
    parts = {
        "homothetic_start": homothetic,
        "regional_share": e1 - e0 * G_i,
        "competitive": homothetic * gap,
        "allocation": (e0 - homothetic) * gap,
    }
    return _frame(parts, rows, cols, by)


@renamed_keywords(nations="benchmark")
def dynamic_shift_share(matrices: Mapping[Any, Any], benchmark: Mapping[Any, Any] | None = None,
                        *, by_period: bool = False) -> pd.DataFrame:
    r"""Dynamic shift-share (Barff & Knight 1988): classical shift-share year by year, summed.

    A static decomposition between the first and the last year uses the industry
    mix of the first year throughout, so it misattributes growth when the mix
    changes along the way.  The dynamic version decomposes each consecutive pair of
    years with :func:`shift_share` and adds the annual components up (REAT's
    ``shiftd``).  The components still add up to the actual change.

    Parameters
    ----------
    matrices : dict
        ``{year: regions × industries table}`` for at least two years, all with the
        same regions and industries, e.g. the output of
        :func:`coursekit.activity_matrices`.  Years are taken in sorted order.
    benchmark : dict, optional
        ``{year: the benchmark's (the nation's) employment by industry}`` for the same
        years; default: the sum of the regions each year.  (``nations`` is its deprecated
        keyword name.)
    by_period : bool, default False
        Return the components of every period (index ``period``, ``region``) instead
        of their sums.

    Returns
    -------
    DataFrame
        Columns as in :func:`shift_share`; ``start`` is the first year's and ``end``
        the last year's employment.

    References
    ----------
    Barff, R. A., & Knight, P. L., III (1988). Dynamic shift-share analysis.
    *Growth and Change*, 19(2), 1–10.

    Examples
    --------
    REAT's extended Farhauer & Kröll example (region A, three years):

    >>> region = {2000: [90, 20, 10, 60], 2001: [100, 40, 10, 55], 2002: [105, 45, 15, 60]}
    >>> nation = {2000: [400, 150, 150, 400], 2001: [440, 210, 135, 480],
    ...           2002: [460, 230, 155, 500]}
    >>> dynamic_shift_share(region, nation).iloc[0, 2:].round(6).tolist()
    [45.0, 39.964427, 0.1637, 4.871873, 5.035573]
    """
    by = check_bool(by_period, "by_period")
    if not isinstance(matrices, Mapping):
        raise TypeError(f"'matrices' must be a mapping {{year: table}} (e.g. the output of "
                        f"ck.activity_matrices), got {type(matrices).__name__}.")
    if benchmark is not None and not isinstance(benchmark, Mapping):
        raise TypeError(f"'benchmark' must be a mapping {{year: national employment by "
                        f"industry}} or None, got {type(benchmark).__name__}.")
    try:
        years = sorted(matrices)
    except TypeError:
        raise TypeError("'matrices' must have sortable keys (years).") from None
    if len(years) < 2:
        raise ValueError(f"'matrices' must hold at least two years, got {len(years)}.")
    if benchmark is not None and set(benchmark) != set(years):
        raise ValueError(f"'benchmark' must have the same years as 'matrices' ({years}), "
                         f"got {_show(sorted(benchmark, key=str))}.")
    periods = []
    for a, b in zip(years[:-1], years[1:], strict=True):
        n0, n1 = (None, None) if benchmark is None else (benchmark[a], benchmark[b])
        try:
            part = shift_share(matrices[a], matrices[b], n0, n1)
        except (TypeError, ValueError) as err:
            raise type(err)(f"'matrices' (years {a} to {b}): {err}") from None
        periods.append(part.assign(period=f"{a}-{b}").set_index("period", append=True))
    detail = pd.concat(periods).reorder_levels([-1, *range(periods[0].index.nlevels - 1)])
    if by:
        return detail
    total = detail.groupby(level=list(range(1, detail.index.nlevels)), sort=False).sum()
    total["start"] = periods[0]["start"].to_numpy()
    total["end"] = periods[-1]["end"].to_numpy()
    return total[COLUMNS]

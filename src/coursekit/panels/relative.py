"""Regions against their nation: relative income per head and growth over periods (chapter 7).

- :func:`relative_per_capita` — a region's (or a group of regions') output or income per
  head divided by the benchmark's (the nation's), year by year, from totals;
- :func:`annual_growth` — the compound annual growth rate of each region over chosen
  periods, e.g. before and after a policy year.

Both take wide tables (regions in the rows, years in the columns), as
``frame.pivot(index="region", columns="year", values=...)`` gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._validation import _show, as_float_array, check_bool, check_not_categorical

__all__ = ["relative_per_capita", "annual_growth"]


def _wide(frame: Any, name: str, allow_nan: bool) -> pd.DataFrame:
    """A regions x years DataFrame of non-negative finite numbers (NaN only if allowed)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"'{name}' must be a pandas DataFrame with regions in the rows and years "
                        f"in the columns, got {type(frame).__name__}. Build it with "
                        f"frame.pivot(index=<region>, columns=<year>, values=<value>).")
    if frame.empty:
        raise ValueError(f"'{name}' is empty; pass at least one region and one year.")
    for labels, what in ((frame.index, "region (row)"), (frame.columns, "year (column)")):
        if labels.has_duplicates:
            raise ValueError(f"'{name}' has duplicate {what} labels "
                             f"{_show(list(labels[labels.duplicated()][:5]))}.")
    if isinstance(frame.columns, pd.MultiIndex) or isinstance(frame.index, pd.MultiIndex):
        raise ValueError(f"'{name}' must have one level of row and column labels.")
    check_not_categorical(frame, name)
    if allow_nan:
        values = as_float_array(frame.fillna(0.0), name, ndim=2)
        values = np.where(frame.isna().to_numpy(), np.nan, values)
    else:
        values = as_float_array(frame, name, ndim=2)
    if (values < 0).any():
        raise ValueError(f"'{name}' has negative values; output, income and population are >= 0.")
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _rows(selection: Any, index: pd.Index, name: str) -> list[Any]:
    """Row labels from a label, a list of labels or a boolean Series indexed by region."""
    if isinstance(selection, pd.Series):
        if not (pd.api.types.is_bool_dtype(selection) and selection.index.isin(index).all()):
            raise ValueError(f"'{name}' as a Series must be True/False values indexed by the rows "
                             f"(regions) of the data.")
        labels = list(selection[selection].index)
    elif isinstance(selection, (str, int, np.integer)) and not isinstance(selection, bool):
        labels = [selection]
    elif isinstance(selection, (list, tuple, pd.Index, np.ndarray)):
        labels = list(selection)
    else:
        raise TypeError(f"'{name}' must be a region label, a list of labels or a boolean Series "
                        f"indexed by region, got {_show(selection)}.")
    if not labels:
        raise ValueError(f"'{name}' selects no region; name at least one row of the data.")
    for lab in labels:
        try:
            hash(lab)
        except TypeError:
            raise TypeError(f"'{name}' must hold region labels (text or numbers), got "
                            f"{_show(lab)}.") from None
    missing = [lab for lab in labels if isinstance(lab, bool) or lab not in index]
    if missing or len(set(labels)) != len(labels):
        raise ValueError(f"'{name}' must name distinct rows of the data; not found or repeated: "
                         f"{_show(missing or labels)}. The rows are {_show(list(index), 200)}.")
    return labels


@renamed_keywords(reference="benchmark")
def relative_per_capita(
    output: pd.DataFrame,
    population: pd.DataFrame,
    members: Any,
    benchmark: Any = None,
    *,
    skipna: bool = False,
) -> pd.Series:
    r"""Output (or income) per head of a group of regions relative to a benchmark, by year.

    .. math::

        r_t = \frac{\sum_{i \in G} Y_{it} \big/ \sum_{i \in G} P_{it}}
                   {\sum_{j \in R} Y_{jt} \big/ \sum_{j \in R} P_{jt}}

    for the group :math:`G` (``members``) and the benchmark :math:`R` (``benchmark``; all
    rows by default), with output or income :math:`Y` and population :math:`P`.  The
    ratio of totals weights each region by its population, as national statistics do
    (BEA's per-capita income of a region is its total income over its total population);
    the mean of the regions' own ratios would not.  A value of 1 means the group is at
    the benchmark's level; below 1, poorer.

    Parameters
    ----------
    output, population : DataFrame
        Regions x years, the same labels (e.g. GDP and population; personal income and
        population).  Units cancel in the ratio.
    members : str, list or Series
        The rows that form the group: one region's label, a list of labels, or a
        True/False Series indexed by region (e.g. the Ruhr's 15 counties).
    benchmark : str, list or Series, optional
        The rows that form the nation, given the same way (default: all rows, members
        included).  Pass a separate row when the nation's own total is a row of the data.
        ``reference`` is its deprecated keyword name.
    skipna : bool, default False
        If True, a region with a missing value in a year is left out of that year's sums
        (so the benchmark covers only the regions reported that year); a year in which
        the group or the benchmark has no region left is dropped.  If False, missing
        values are an error.

    Returns
    -------
    Series
        Indexed by year, named ``"relative_per_capita"``.

    References
    ----------
    Barro, R. J. & Sala-i-Martin, X. (1991). Convergence across states and regions.
    *Brookings Papers on Economic Activity* 1991(1), 107-182 (regional incomes relative
    to the national average).

    Examples
    --------
    >>> Y = pd.DataFrame({2000: [30.0, 70.0], 2010: [40.0, 110.0]}, index=["a", "b"])
    >>> P = pd.DataFrame({2000: [3.0, 7.0], 2010: [4.0, 6.0]}, index=["a", "b"])
    >>> relative_per_capita(Y, P, "a").round(4).tolist()
    [1.0, 0.6667]
    """
    Y = _wide(output, "output", allow_nan=check_bool(skipna, "skipna"))
    P = _wide(population, "population", allow_nan=bool(skipna))
    if not (Y.index.equals(P.index) and Y.columns.equals(P.columns)):
        raise ValueError("'output' and 'population' must have the same rows (regions) and "
                         "columns (years) in the same order; align them with "
                         "population.reindex_like(output).")
    group = _rows(members, Y.index, "members")
    ref = list(Y.index) if benchmark is None else _rows(benchmark, Y.index, "benchmark")
    known = Y.notna() & P.notna()
    Y, P = Y.where(known, 0.0), P.where(known, 0.0)
    # The ratio is the same in any unit of output and of population: dividing each by its
    # largest value keeps the sums over regions finite for values near the largest float.
    Y, P = (F / float(F.to_numpy().max()) if F.to_numpy().max() > 0 else F for F in (Y, P))
    sums = {}
    for what, rows in (("group", group), ("benchmark", ref)):
        y, p = Y.loc[rows].sum(), P.loc[rows].sum()
        if ((p == 0) & (y > 0)).any():
            year = p.index[((p == 0) & (y > 0)).to_numpy()][0]
            raise ValueError(f"The {what} has output but zero population in {year}; "
                             f"check 'population'.")
        sums[what] = (y, p, known.loc[rows].any())
    (yg, pg, ok_g), (yr, pr, ok_r) = sums["group"], sums["benchmark"]
    keep = ok_g & ok_r & (pg > 0) & (pr > 0) & (yr > 0)
    if not keep.any():
        raise ValueError("No year has both the group and the benchmark with positive output and "
                         "population; check 'members', 'benchmark' and the data.")
    ratio = (yg[keep] / pg[keep]) / (yr[keep] / pr[keep])
    return pd.Series(ratio.to_numpy(dtype=float), index=ratio.index, name="relative_per_capita")


def annual_growth(values: pd.DataFrame, periods: Sequence[tuple[Any, Any]]) -> pd.DataFrame:
    r"""Compound annual growth rate of each region over each period.

    .. math::

        g_i = \left(\frac{x_{i,t_1}}{x_{i,t_0}}\right)^{1/(t_1 - t_0)} - 1 .

    Parameters
    ----------
    values : DataFrame
        Regions x years of positive levels (GDP, value added, income).  Columns must be
        numeric years.
    periods : list of tuple
        ``(start, end)`` pairs of years present in ``values``, ``start < end``.

    Returns
    -------
    DataFrame
        Regions x periods (columns labelled ``"start-end"``), rates per year (0.05 = 5 %).

    References
    ----------
    The growth rates of a level over discrete periods, as in Barro, R. J. &
    Sala-i-Martin, X. (1992). Convergence. *JPE* 100(2), 223-251 (who use the mean log
    growth; the two differ by :math:`\ln(1+g)` versus :math:`g`).

    Examples
    --------
    >>> x = pd.DataFrame({2000: [100.0, 50.0], 2002: [121.0, 50.0]}, index=["a", "b"])
    >>> annual_growth(x, [(2000, 2002)]).round(4)["2000-2002"].tolist()
    [0.1, 0.0]
    """
    X = _wide(values, "values", allow_nan=False)
    if not all(isinstance(c, (int, float, np.integer, np.floating)) and not isinstance(c, bool)
               for c in X.columns):
        raise TypeError("'values' must have numeric years as columns, got "
                        f"{_show(list(X.columns))}.")
    if isinstance(periods, (str, bytes)) or not isinstance(periods, Sequence) or not periods:
        raise TypeError(f"'periods' must be a non-empty list of (start, end) pairs of years, got "
                        f"{_show(periods)}.")
    out = {}
    for item in periods:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise TypeError(f"'periods' must hold (start, end) pairs, got {_show(item)}.")
        start, end = item
        if any(isinstance(t, bool) or t not in X.columns for t in (start, end)):
            raise ValueError(f"'periods' names years not in 'values': {_show(item)}; the years "
                             f"are {_show(list(X.columns), 200)}.")
        if not float(end) > float(start):
            raise ValueError(f"'periods' needs start < end, got {_show(item)}.")
        x0, x1 = X[start], X[end]
        if (x0 <= 0).any():
            raise ValueError(f"'values' must be positive in the start year {start}; "
                             f"{list(x0.index[x0 <= 0])[:5]} are not.")
        years = float(end) - float(start)
        with np.errstate(over="ignore", divide="ignore"):
            rate = (x1 / x0) ** (1.0 / years) - 1.0
            # x1 / x0 can overflow although its root does not: take that root in logs
            logs = np.expm1((np.log(x1) - np.log(x0)) / years)
        rate = rate.where(np.isfinite(rate), logs)
        if not np.isfinite(rate).all():
            raise ValueError(f"'values' grows by a factor beyond the largest float per year "
                             f"over {start:g}-{end:g}; check the data (or its units).")
        out[f"{start:g}-{end:g}"] = rate
    return pd.DataFrame(out, index=X.index)

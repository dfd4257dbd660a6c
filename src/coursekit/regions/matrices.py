"""Regions × industries matrices from tidy tables: the input of every measure.

The cells hold any *activity*: employment, value added, patent counts.  Columns are
found by role (region, industry, value, time): a keyword, else the roles the course's
loaders attach to their frames (``frame.attrs["roles"]``), else a column named after
the role.

>>> import coursekit as ck
>>> tidy = pd.DataFrame({"region": ["a", "a", "b"], "industry": ["x", "y", "x"],
...                      "value": [1, 2, 3]})
>>> ck.activity_matrix(tidy).to_numpy().tolist()
[[1.0, 2.0], [3.0, 0.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._roles import role_columns
from coursekit._validation import as_float_array, check_nonnegative, check_sums_finite

__all__ = ["activity_matrix", "activity_matrices"]


def _pivot(data: pd.DataFrame, region: str, industry: str, value: str) -> pd.DataFrame:
    if len(data) == 0:
        raise ValueError("'data' is empty; pass at least one row.")
    vals = as_float_array(data[value], f"data[{value!r}]")
    check_nonnegative(vals, f"data[{value!r}]")
    for col in (region, industry):
        if data[col].isna().any():
            raise ValueError(
                f"Column {col!r} of 'data' has {int(data[col].isna().sum())} missing label(s); "
                f"drop those rows first."
            )
    frame = pd.DataFrame({"r": data[region].to_numpy(), "i": data[industry].to_numpy(), "v": vals})
    with np.errstate(over="ignore"):  # an overflowing sum is refused just below
        out = frame.pivot_table(index="r", columns="i", values="v", aggfunc="sum",
                                fill_value=0.0)
    out = out.astype(float)
    check_sums_finite(out.to_numpy(), f"data[{value!r}]")  # duplicate rows are added up
    out.index.name = region
    out.columns.name = industry
    return out


def activity_matrix(
    data: pd.DataFrame,
    region: str | None = None,
    industry: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Pivot a tidy table into a regions × industries matrix of an activity.

    Rows are the distinct values of the ``region`` column, columns those of the
    ``industry`` column (both sorted), cells the sum of the ``value`` column
    (employment, value added, patents, ...); duplicate region–industry rows are summed and
    combinations absent from ``data`` become 0 (e.g. sectors a statistical office does
    not publish for a small region).

    Parameters
    ----------
    data : DataFrame
        Tidy data, one row per region × industry (× anything else, summed).
    region, industry, value : str, optional
        Column names of the region label, the industry label and the activity.  Default:
        the columns ``data.attrs["roles"]`` declares (the course's loaders set it), else
        the columns ``"region"``, ``"industry"`` and ``"value"``.

    Returns
    -------
    DataFrame
        Float matrix :math:`E_{ri}` with index named after the region column and columns
        named after the industry column.

    Examples
    --------
    >>> tidy = pd.DataFrame({"reg": ["a", "a", "b"], "ind": ["x", "y", "x"], "emp": [1, 2, 3]})
    >>> activity_matrix(tidy, region="reg", industry="ind", value="emp")
    ind    x    y
    reg
    a    1.0  2.0
    b    3.0  0.0

    The course's data need no keywords: each loader declares its columns' roles.

    >>> import coursekit as ck
    >>> us = ck.data.load_us_susb_2021()
    >>> us.attrs["roles"]
    {'region': 'state', 'industry': 'sector', 'value': 'employment'}
    >>> activity_matrix(us).shape
    (51, 20)
    """
    cols = role_columns(data, "data", region=region, industry=industry, value=value)
    return _pivot(data, cols["region"], cols["industry"], cols["value"])


def activity_matrices(
    data: pd.DataFrame,
    region: str | None = None,
    industry: str | None = None,
    value: str | None = None,
    time: str | None = None,
) -> dict[Any, pd.DataFrame]:
    """One regions × industries matrix per value of the ``time`` column, from a panel.

    Each matrix is :func:`activity_matrix` of that slice, reindexed to the union
    of regions and industries of the whole panel (absent cells are 0), so that
    matrices of different years can be compared cell by cell.

    Parameters
    ----------
    data : DataFrame
        Tidy panel: one row per region × industry × time.
    region, industry, value, time : str, optional
        Column names of the region label, the industry label, the activity and the time
        (usually the year).  Default: the columns ``data.attrs["roles"]`` declares, else
        the columns named ``"region"``, ``"industry"``, ``"value"`` and ``"time"``.

    Returns
    -------
    dict
        ``{time: DataFrame}``, keys in ascending order.

    Examples
    --------
    >>> panel = pd.DataFrame({"region": ["a", "b", "a"], "industry": ["x", "x", "y"],
    ...                       "value": [1, 2, 3], "year": [2000, 2000, 2001]})
    >>> mats = activity_matrices(panel, time="year")
    >>> list(mats), mats[2001].to_numpy().tolist()
    ([2000, 2001], [[0.0, 3.0], [0.0, 0.0]])
    """
    cols = role_columns(data, "data", region=region, industry=industry, value=value, time=time)
    region, industry, value, time = (cols[k] for k in ("region", "industry", "value", "time"))
    if len(data) == 0:
        raise ValueError("'data' is empty; pass at least one row.")
    if data[time].isna().any():
        raise ValueError(f"Column {time!r} of 'data' has missing values; drop those rows first.")
    full = _pivot(data, region, industry, value)
    return {
        key: _pivot(part, region, industry, value)
        .reindex(index=full.index, columns=full.columns, fill_value=0.0)
        for key, part in data.groupby(time, sort=True)
    }

"""Regions × industries matrices from tidy tables: the input of every measure.

>>> import coursekit as ck
>>> tidy = pd.DataFrame({"region": ["a", "a", "b"], "industry": ["x", "y", "x"],
...                      "employment": [1, 2, 3]})
>>> ck.employment_matrix(tidy).to_numpy().tolist()
[[1.0, 2.0], [3.0, 0.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validation import (
    as_float_array,
    check_column_args,
    check_nonnegative,
    check_sums_finite,
)

__all__ = ["employment_matrix", "employment_matrices"]


def employment_matrix(
    data: pd.DataFrame,
    region: str = "region",
    industry: str = "industry",
    value: str = "employment",
) -> pd.DataFrame:
    """Pivot a tidy table into a regions × industries employment matrix.

    Rows are the distinct values of ``region``, columns those of ``industry``
    (both sorted); duplicate region–industry rows are summed and combinations
    absent from ``data`` become 0 (e.g. sectors a statistical office does not
    publish for a small region).

    Parameters
    ----------
    data : DataFrame
        Tidy data, one row per region × industry (× anything else, summed).
    region, industry, value : str
        Column names of the region label, the industry label and the employment.

    Returns
    -------
    DataFrame
        Float matrix :math:`E_{ri}` with index named ``region`` and columns named
        ``industry``.

    Examples
    --------
    >>> tidy = pd.DataFrame({"reg": ["a", "a", "b"], "ind": ["x", "y", "x"], "emp": [1, 2, 3]})
    >>> employment_matrix(tidy, region="reg", industry="ind", value="emp")
    ind    x    y
    reg
    a    1.0  2.0
    b    3.0  0.0
    """
    check_column_args(data, "data", region=region, industry=industry, value=value)
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


def employment_matrices(
    data: pd.DataFrame,
    region: str = "region",
    industry: str = "industry",
    value: str = "employment",
    by: str = "year",
) -> dict[Any, pd.DataFrame]:
    """One regions × industries matrix per value of ``by`` (usually the year) from a panel.

    Each matrix is :func:`employment_matrix` of that slice, reindexed to the union
    of regions and industries of the whole panel (absent cells are 0), so that
    matrices of different years can be compared cell by cell.

    Parameters
    ----------
    data : DataFrame
        Tidy panel: one row per region × industry × ``by``.
    region, industry, value : str
        Column names of the region label, the industry label and the value.
    by : str
        Column that splits the panel, default ``"year"``.

    Returns
    -------
    dict
        ``{value of by: DataFrame}``, keys in ascending order.

    Examples
    --------
    >>> panel = pd.DataFrame({"region": ["a", "b", "a"], "industry": ["x", "x", "y"],
    ...                       "employment": [1, 2, 3], "year": [2000, 2000, 2001]})
    >>> mats = employment_matrices(panel)
    >>> list(mats), mats[2001].to_numpy().tolist()
    ([2000, 2001], [[0.0, 3.0], [0.0, 0.0]])
    """
    check_column_args(data, "data", region=region, industry=industry, value=value, by=by)
    if len(data) == 0:
        raise ValueError("'data' is empty; pass at least one row.")
    if data[by].isna().any():
        raise ValueError(f"Column {by!r} of 'data' has missing values; drop those rows first.")
    full = employment_matrix(data, region=region, industry=industry, value=value)
    return {
        key: employment_matrix(part, region=region, industry=industry, value=value)
        .reindex(index=full.index, columns=full.columns, fill_value=0.0)
        for key, part in data.groupby(by, sort=True)
    }

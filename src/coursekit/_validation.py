"""Input checks shared by every coursekit module.

Each check raises :class:`ValueError` or :class:`TypeError` with a message
that names the argument, shows the offending value and says how to fix it,
so that a student never sees a bare traceback from deep inside pandas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__: list[str] = []  # private helpers; nothing is re-exported


def _show(value: Any, limit: int = 60) -> str:
    """Short, readable representation of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_scalar(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    integer: bool = False,
) -> float:
    """Return ``value`` as a float (or int) after checking type, finiteness and bounds.

    >>> check_scalar(2, "sigma", low=1, low_inclusive=False)
    2.0
    >>> check_scalar(0.5, "sigma", low=1, low_inclusive=False)
    Traceback (most recent call last):
    ...
    ValueError: 'sigma' must be > 1, got 0.5. Choose a value > 1.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"'{name}' must be a number, got {_show(value)} of type {type(value).__name__}. "
            f"Pass a single int or float."
        )
    if integer and not float(value).is_integer():
        raise TypeError(f"'{name}' must be a whole number, got {_show(value)}.")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"'{name}' must be a finite number, got {_show(value)}.")
    if low is not None and (x < low or (x == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"'{name}' must be {op} {low:g}, got {x:g}. Choose a value {op} {low:g}.")
    if high is not None and (x > high or (x == high and not high_inclusive)):
        op = "<=" if high_inclusive else "<"
        raise ValueError(
            f"'{name}' must be {op} {high:g}, got {x:g}. Choose a value {op} {high:g}."
        )
    return int(x) if integer else x


def as_float_array(values: Any, name: str, *, ndim: int | None = None) -> np.ndarray:
    """Convert list / array / Series / DataFrame to a float array, rejecting NaN and text.

    >>> as_float_array([1, 2, 3], "sizes")
    array([1., 2., 3.])
    >>> as_float_array([1, float("nan")], "sizes")
    Traceback (most recent call last):
    ...
    ValueError: 'sizes' contains 1 missing (NaN) value(s)...
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"'{name}' must be numeric data, got the text {_show(values)}.")
    if isinstance(values, (pd.Series, pd.DataFrame)):
        raw = values.to_numpy()
    elif isinstance(values, (np.ndarray, Sequence)) or hasattr(values, "__array__"):
        raw = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    else:
        raise TypeError(
            f"'{name}' must be a list, numpy array, Series or DataFrame of numbers, "
            f"got {type(values).__name__}."
        )
    try:
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"'{name}' must contain only numbers; found non-numeric entries such as "
            f"{_show(_first_non_numeric(raw))}. Convert the column with pd.to_numeric first."
        ) from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(
            f"'{name}' must be {ndim}-dimensional, got an array of shape {arr.shape}."
        )
    if np.isfinite(arr).all():  # fast path: one pass over the data
        return arr
    n_nan = int(np.isnan(arr).sum())
    if n_nan:
        raise ValueError(
            f"'{name}' contains {n_nan} missing (NaN) value(s); drop or fill them "
            f"(e.g. with .dropna() or .fillna(0)) before calling this function."
        )
    if np.isinf(arr).any():
        raise ValueError(f"'{name}' contains infinite values; remove them first.")
    return arr


def _first_non_numeric(raw: Any) -> Any:
    for item in np.ravel(np.asarray(raw, dtype=object)):
        try:
            float(item)
        except (TypeError, ValueError):
            return item
    return None


def check_nonnegative(arr: np.ndarray, name: str) -> None:
    """Raise if any entry is negative, saying how many and the smallest one."""
    if arr.size and arr.min() < 0:
        n_neg = int((arr < 0).sum())
        raise ValueError(
            f"All values in '{name}' must be non-negative; found {n_neg} negative value(s), "
            f"the smallest {arr.min():g}. Employment and output cannot be negative: check the data."
        )


def check_nonempty(arr: np.ndarray, name: str) -> None:
    """Raise if the array has no entries."""
    if arr.size == 0:
        raise ValueError(f"'{name}' is empty; pass at least one value.")


def check_columns(frame: pd.DataFrame, name: str, required: Sequence[str]) -> None:
    """Raise if ``frame`` is not a DataFrame or lacks any of ``required`` columns."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"'{name}' must be a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"'{name}' is missing column(s) {missing}; it has {list(frame.columns)}. "
            f"Rename your columns or pass the right column names."
        )


def as_matrix(M: Any, name: str = "M") -> tuple[np.ndarray, pd.Index, pd.Index]:
    """Validate a regions × industries matrix; return values, region and industry labels.

    Rejects text, NaN, negative entries, empty input and any region (row) or
    industry (column) whose total is zero, naming the offending label.
    """
    if isinstance(M, pd.Series):
        raise TypeError(
            f"'{name}' must be a regions × industries table (DataFrame, 2-D array or list "
            f"of lists), got a Series. Use ck.employment_matrix(...) to build one."
        )
    if isinstance(M, pd.DataFrame):
        rows, cols = M.index, M.columns
        for labels, what in ((rows, "region (row)"), (cols, "industry (column)")):
            if labels.has_duplicates:
                dup = list(labels[labels.duplicated()].unique()[:5])
                raise ValueError(
                    f"'{name}' has duplicate {what} labels {_show(dup)}; each label must "
                    f"appear once. Sum duplicates first (ck.employment_matrix does this)."
                )
    else:
        rows = cols = None
    values = as_float_array(M, name, ndim=2)
    check_nonempty(values, name)
    check_nonnegative(values, name)
    if rows is None:
        rows = pd.RangeIndex(values.shape[0], name="region")
        cols = pd.RangeIndex(values.shape[1], name="industry")
    for axis, labels, what in ((1, rows, "region (row)"), (0, cols, "industry (column)")):
        totals = values.sum(axis=axis)
        zero = np.flatnonzero(totals == 0)
        if zero.size:
            bad = [labels[k] for k in zero[:5]]
            raise ValueError(
                f"'{name}' has {zero.size} {what}(s) with zero total employment, e.g. "
                f"{_show(bad)}; the measure is undefined for them. Drop them first "
                f"(e.g. M.loc[M.sum(axis=1) > 0, M.sum() > 0])."
            )
    return values, rows, cols


def check_work(n_points: int, what: str, limit: int = 20_000_000) -> None:
    """Refuse a request that would take minutes or gigabytes, with a clear message."""
    if n_points > limit:
        raise ValueError(
            f"{what} ask for {n_points:,} points, more than the {limit:,} this method "
            f"computes in reasonable time and memory; pass fewer values or a coarser grid."
        )


def check_bounded_array(values: Any, name: str, low: float, high: float | None) -> np.ndarray:
    """Scalar or array of floats, each in ``[low, high]`` (``high=None``: no upper bound)."""
    if np.ndim(values) == 0 and not isinstance(values, (np.ndarray, pd.Series)):
        arr = np.asarray(check_scalar(values, name))
    else:
        arr = as_float_array(values, name)
    bad = (arr < low) | (arr > high) if high is not None else arr < low
    if bad.any():
        where = f"in [{low:g}, {high:g}]" if high is not None else f">= {low:g}"
        raise ValueError(
            f"'{name}' must be {where}, got {arr[bad].flat[0]:g}"
            + (f" ({int(bad.sum())} bad values)" if bad.sum() > 1 else "")
            + ("." if name != "T" else ". T is the iceberg cost: T = 1 means free trade.")
        )
    return arr

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
    try:
        x = float(value)
    except OverflowError:
        raise ValueError(f"'{name}' = {_show(value)} is too large to use as a number here; "
                         f"choose a smaller value.") from None
    if integer and not x.is_integer():
        raise TypeError(f"'{name}' must be a whole number, got {_show(value)}.")
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
    check_not_categorical(values, name)
    if isinstance(values, (pd.Series, pd.DataFrame)):
        raw = values.to_numpy()
    elif isinstance(values, np.ndarray):
        raw = values
    elif isinstance(values, Sequence) or hasattr(values, "__array__"):
        try:
            raw = np.asarray(values, dtype=object)
        except ValueError:
            raise ValueError(
                f"'{name}' must be a rectangular table or list of numbers; rows of different "
                f"lengths or nested containers cannot be used. Got {_show(values)}."
            ) from None
    else:
        raise TypeError(
            f"'{name}' must be a list, numpy array, Series or DataFrame of numbers, "
            f"got {type(values).__name__}."
        )
    kind = getattr(getattr(raw, "dtype", None), "kind", "O")
    if kind in "bMmcSU" or (isinstance(values, pd.DataFrame) and any(
            t.kind in "bMmc" for t in values.dtypes)):
        raise TypeError(
            f"'{name}' must contain real numbers (int or float), not "
            f"{_KINDS.get(kind, 'bools, dates, complex numbers or text')}; convert it first "
            f"(e.g. .astype(float) for numbers stored otherwise)."
        )
    try:
        arr = _object_to_float(raw) if kind == "O" else np.asarray(raw, dtype=float)
    except _NotNumeric as err:
        raise TypeError(
            f"'{name}' must contain only numbers; found non-numeric entries such as "
            f"{_show(err.args[0])}. Convert the column with pd.to_numeric first."
        ) from None
    except OverflowError:
        raise ValueError(f"'{name}' contains a number too large for a float; rescale it "
                         f"(e.g. divide by 1e6).") from None
    except (TypeError, ValueError):
        raise ValueError(
            f"'{name}' must be a rectangular table or list of numbers; rows of different "
            f"lengths or nested containers cannot be used. Got {_show(values)}."
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


def is_categorical(values: Any) -> bool:
    """A pandas Categorical, or a Series/Index/DataFrame holding one (labels, not numbers)."""
    if isinstance(values, pd.DataFrame):
        return any(isinstance(t, pd.CategoricalDtype) for t in values.dtypes)
    return isinstance(getattr(values, "dtype", None), pd.CategoricalDtype)


def check_not_categorical(values: Any, name: str) -> None:
    """Numbers stored as categories are labels (pandas refuses to sum them): refuse them.

    >>> check_not_categorical(pd.Series([1, 2], dtype="category"), "x")
    Traceback (most recent call last):
    ...
    TypeError: 'x' holds categories (a pandas Categorical), not numbers...
    """
    if is_categorical(values):
        raise TypeError(
            f"'{name}' holds categories (a pandas Categorical), not numbers; categories are "
            f"labels that cannot be added or averaged. If they are quantities, convert them "
            f"first, e.g. .astype(float).")


_KINDS = {"b": "bools", "M": "dates", "m": "time spans", "c": "complex numbers", "S": "bytes",
          "U": "text"}


class _NotNumeric(Exception):
    pass


def _object_to_float(raw: Any) -> np.ndarray:
    """An object array (or nested list) of real numbers as floats; None and pd.NA are NaN.

    Bools, text, complex numbers and other objects raise _NotNumeric with the culprit;
    ragged nesting raises ValueError (a shape problem).
    """
    arr = np.asarray(raw, dtype=object)
    flat = arr.ravel()
    out = np.empty(flat.size, dtype=float)
    for k, item in enumerate(flat):
        if item is None or item is pd.NA:
            out[k] = np.nan
        elif isinstance(item, (bool, np.bool_)) or not isinstance(
                item, (int, float, np.integer, np.floating)):
            if isinstance(item, (list, tuple, np.ndarray)):
                raise ValueError("ragged")
            raise _NotNumeric(item)
        else:
            out[k] = float(item)
    return out.reshape(arr.shape)


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
            f"of lists), got a Series. Use ck.activity_matrix(...) to build one."
        )
    if isinstance(M, pd.DataFrame):
        rows, cols = M.index, M.columns
        for labels, what in ((rows, "region (row)"), (cols, "industry (column)")):
            if labels.has_duplicates:
                dup = list(labels[labels.duplicated()].unique()[:5])
                raise ValueError(
                    f"'{name}' has duplicate {what} labels {_show(dup)}; each label must "
                    f"appear once. Sum duplicates first (ck.activity_matrix does this)."
                )
    else:
        rows = cols = None
    values = as_float_array(M, name, ndim=2)
    check_nonempty(values, name)
    check_nonnegative(values, name)
    vmax = values.max()
    if vmax > 1e150:  # every measure here is scale-free: rescale so that sums cannot overflow
        values = values / vmax
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


def check_finite_result(values: Any, name: str) -> None:
    """A result that overflowed is refused, never returned as inf or NaN."""
    if not np.isfinite(values).all():
        raise ValueError(
            f"'{name}' spans too many orders of magnitude (some entries are more than about "
            f"1e300 times others), so the result overflows; drop or rescale the tiny entries."
        )


def check_sums_finite(sums: Any, name: str) -> None:
    """Totals built by adding up ``name`` must not overflow to infinity: refuse them.

    >>> check_sums_finite(np.array([np.inf]), "data['value']")
    Traceback (most recent call last):
    ...
    ValueError: The sums of 'data['value']' overflow (they exceed about 1.8e308, the largest...
    """
    if not np.isfinite(np.asarray(sums, dtype=float)).all():
        raise ValueError(
            f"The sums of '{name}' overflow (they exceed about 1.8e308, the largest float); "
            f"rescale it first, e.g. divide it by 1e6.")


def shares(values: np.ndarray, axis: int) -> np.ndarray:
    """Each slice of non-negative ``values`` along ``axis`` divided by its sum, overflow-free.

    Every slice is first divided by its largest entry, so that the sum of numbers near
    1e308 cannot overflow; shares are scale-free.  Slices of zeros give NaN.

    >>> shares(np.array([[1e308, 1e308], [1.0, 3.0]]), axis=1).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    """
    top = values.max(axis=axis, keepdims=True)
    scaled = np.divide(values, top, out=np.zeros_like(values, dtype=float), where=top > 0)
    total = scaled.sum(axis=axis, keepdims=True)
    return np.divide(scaled, total, out=np.full(scaled.shape, np.nan), where=total > 0)


def check_work(n_points: int, what: str, limit: int = 20_000_000) -> None:
    """Refuse a request that would take minutes or gigabytes, with a clear message."""
    if n_points > limit:
        raise ValueError(
            f"{what} ask for {n_points:,} points, more than the {limit:,} this method "
            f"computes in reasonable time and memory; pass fewer values or a coarser grid."
        )


def check_bounded_array(values: Any, name: str, low: float, high: float | None) -> np.ndarray:
    """Scalar or array of floats, each in ``[low, high]`` (``high=None``: no upper bound)."""
    try:
        scalar = np.ndim(values) == 0
    except ValueError:  # ragged nested lists
        scalar = False
    if scalar and not isinstance(values, (np.ndarray, pd.Series)):
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


def check_text(value: Any, name: str, choices: Sequence[str] | None = None) -> str:
    """A string argument (optionally one of ``choices``), or a clear error naming it."""
    if not isinstance(value, str):
        raise TypeError(f"'{name}' must be a string, got {_show(value)} of type "
                        f"{type(value).__name__}.")
    if choices is not None and value not in choices:
        raise ValueError(f"'{name}' must be one of {list(choices)}, got {value!r}.")
    return value


def check_label(value: Any, name: str) -> Any:
    """A single label (text or whole number): a column name, an industry or region label."""
    if isinstance(value, bool) or not isinstance(value, (str, int, np.integer, tuple)):
        raise TypeError(f"'{name}' must be a single label (a string such as a column name), "
                        f"got {_show(value)} of type {type(value).__name__}.")
    return value


def check_bool(value: Any, name: str) -> bool:
    """A True/False switch (a string such as 'False' is truthy, so it is refused)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"'{name}' must be True or False, got {_show(value)} of type "
                        f"{type(value).__name__}.")
    return bool(value)


def scalar_or_array(value: Any, name: str) -> np.ndarray:
    """A number or a 1-D sequence of numbers as a 1-D float array (NaN and text rejected)."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return np.array([check_scalar(value, name)])
    arr = np.atleast_1d(as_float_array(value, name))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"'{name}' must be one number or a non-empty 1-D list of numbers "
                         f"(one per industry), got shape {arr.shape}.")
    return arr

"""Defensive answer checks for the graded assignments in ``notebooks/``.

The tests of the course's graded notebooks (otter-grader format) call these
helpers instead of bare ``assert`` statements.  Each check *never raises* on a
bad answer: a string where a number is wanted, a list instead of a DataFrame,
an unanswered ``...`` or a ``NaN`` all give a :class:`CheckResult` with
``passed=False`` and a message that says what was expected and what was
found.  A test then calls :meth:`CheckResult.require`, which turns a failed
check into an :class:`AssertionError` carrying that message, so otter reports
a failing test with a readable explanation instead of a traceback from deep
inside pandas.

Messages of *value* checks never reveal the expected value (hidden tests must
not leak the answer).

>>> from coursekit.grading import check_number
>>> check_number(1.37, "lq_wa", low=0)
CheckResult(passed=True, message='`lq_wa` is a number >= 0.')
>>> r = check_number("1.37", "lq_wa")
>>> r.passed
False
>>> print(r.message)
`lq_wa` must be a number (int or float), got the str '1.37'.
>>> print(check_number(..., "lq_wa").message)
`lq_wa` has not been answered yet (it is still ...). Replace ... with your answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from coursekit.grading._arguments import (
    _is_categorical,
    _require,
    _require_count,
    _require_labels,
    _require_options,
    _require_range,
    _require_real,
    _require_tolerances,
)

__all__ = [
    "CheckResult",
    "check_number",
    "check_close",
    "check_choice",
    "check_label",
    "check_frame",
    "check_series",
    "check_values_close",
]


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one answer check: ``passed`` and a student-readable ``message``.

    Truthy exactly when the check passed; shows as a coloured line in a notebook.

    >>> r = CheckResult(False, "`x` must be positive, got -1.")
    >>> bool(r)
    False
    >>> r.require()
    Traceback (most recent call last):
    ...
    AssertionError: `x` must be positive, got -1.
    """

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def require(self) -> CheckResult:
        """Raise :class:`AssertionError` with the message if the check failed; else return self."""
        if not self.passed:
            raise AssertionError(self.message)
        return self

    def _repr_html_(self) -> str:
        colour, mark = ("#1a7f37", "&#10004;") if self.passed else ("#b42318", "&#10008;")
        return f"<p style='color: {colour}'><strong>{mark}</strong> {escape(self.message)}</p>"


def _describe(value: Any, limit: int = 40) -> str:
    """``the str 'abc'`` / ``a list of 3 items`` / ``the int 4``: what the student gave."""
    kind = type(value).__name__
    if isinstance(value, (list, tuple, dict, set)):
        return f"a {kind} of {len(value)} item(s)"
    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        return f"a {kind} of shape {tuple(value.shape)}"
    text = repr(value)
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"the {kind} {text}"


def _unanswered(value: Any, name: str) -> CheckResult | None:
    if value is Ellipsis:
        return CheckResult(False, f"`{name}` has not been answered yet (it is still ...). "
                                  f"Replace ... with your answer.")
    if value is None:
        return CheckResult(False, f"`{name}` is None or not defined. Did you run the cell that "
                                  f"assigns it, and does your code end with an assignment, "
                                  f"not a print()?")
    return None


def _is_real_scalar(value: Any) -> bool:
    """True for int and float (and their numpy kinds); False for bool, complex, text, objects."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _as_real(value: Any) -> float | None:
    """The value as a float if it is a real number (not bool, complex or text), else None.

    A one-element array or Series counts as its element.  Integers too large for a
    float (``10**400``) give ``inf``, which the callers reject as not finite.
    """
    if _is_categorical(value):
        return None
    if isinstance(value, (np.ndarray, pd.Series)) and value.size == 1:
        value = value.reshape(-1)[0] if isinstance(value, np.ndarray) else value.iloc[0]
    if not _is_real_scalar(value):
        return None
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def check_number(
    value: Any, name: str, *, low: float | None = None, high: float | None = None,
    integer: bool = False,
) -> CheckResult:
    """Check that ``value`` is one finite real number, optionally in ``[low, high]``.

    >>> check_number(3, "n", low=1, high=5, integer=True).passed
    True
    >>> print(check_number([1.2], "lq").message)
    `lq` must be a number (int or float), got a list of 1 item(s).
    >>> print(check_number(7.0, "lq", high=5).message)
    `lq` = 7 is not plausible: expected a number <= 5.
    >>> check_number(3, "n", low=5, high=1)
    Traceback (most recent call last):
    ...
    ValueError: 'low' (5.0) must not exceed 'high' (1.0); no answer could pass this check.
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    low, high = _require_range(low, high)
    _require(isinstance(integer, (bool, np.bool_)), "integer", "True or False", integer)
    missing = _unanswered(value, name)
    if missing is not None:
        return missing
    x = _as_real(value)
    if x is None:
        return CheckResult(False, f"`{name}` must be a number (int or float), "
                                  f"got {_describe(value)}.")
    if not math.isfinite(x):
        return CheckResult(False, f"`{name}` must be a finite number, got {x}.")
    if integer and not x.is_integer():
        return CheckResult(False, f"`{name}` must be a whole number, got {x:g}.")
    parts = [f">= {low:g}"] if low is not None else []
    parts += [f"<= {high:g}"] if high is not None else []
    where = " and ".join(parts)
    if (low is not None and x < low) or (high is not None and x > high):
        return CheckResult(False, f"`{name}` = {x:g} is not plausible: expected a number {where}.")
    return CheckResult(True, f"`{name}` is a number{' ' + where if where else ''}.")


def check_close(
    value: Any, expected: float, name: str, *, rtol: float = 1e-4, atol: float = 1e-9,
) -> CheckResult:
    """Check that ``value`` is a number within tolerance of ``expected`` (not shown).

    >>> check_close(0.3333, 1 / 3, "share", rtol=1e-3).passed
    True
    >>> print(check_close(0.5, 1 / 3, "share").message)
    `share` is a number but not the expected value (relative tolerance 0.0001). Check your computation.
    >>> check_close(0.5, float("nan"), "share")
    Traceback (most recent call last):
    ...
    ValueError: 'expected' must be a number, not NaN, got nan (float).
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    x = _require_real(expected, "expected", optional=False)
    _require(math.isfinite(x), "expected", "finite (no answer is close to it)", x, ValueError)
    _require_tolerances(rtol, atol)
    first = check_number(value, name)
    if not first:
        return first
    if math.isclose(_as_real(value), float(expected), rel_tol=rtol, abs_tol=atol):
        return CheckResult(True, f"`{name}` has the expected value.")
    return CheckResult(False, f"`{name}` is a number but not the expected value "
                              f"(relative tolerance {rtol:g}). Check your computation.")


def check_choice(value: Any, name: str, options: Sequence[str]) -> CheckResult:
    """Check that ``value`` is one of the strings in ``options`` (case and spaces ignored).

    The messages never quote an option: a hidden test may check against a list
    that holds the expected answer.

    >>> check_choice("  Texas", "state", ["Texas", "Ohio"]).passed
    True
    >>> print(check_choice(3, "state", ["Texas", "Ohio"]).message)
    `state` must be text, one of the labels in the data, got the int 3.
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    _require_options(options)
    missing = _unanswered(value, name)
    if missing is not None:
        return missing
    if not isinstance(value, str):
        return CheckResult(False, f"`{name}` must be text, one of the labels in the data, "
                                  f"got {_describe(value)}.")
    wanted = {o.strip().casefold() for o in options}
    if value.strip().casefold() not in wanted:
        return CheckResult(False, f"`{name}` = {_short(value)} is not one of the labels in the "
                                  f"data; copy a label exactly as it appears there.")
    return CheckResult(True, f"`{name}` is one of the allowed labels.")


def _short(text: str, limit: int = 40) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def check_label(value: Any, expected: str, name: str,
                options: Sequence[str] | None = None) -> CheckResult:
    """Check that ``value`` is the label ``expected`` (not shown), among ``options`` if given.

    Case and surrounding spaces are ignored.  A wrong label is called wrong, not
    invalid, and the message never names the expected label.

    >>> check_label("ohio", "Ohio", "state", ["Texas", "Ohio"]).passed
    True
    >>> print(check_label("Texas", "Ohio", "state", ["Texas", "Ohio"]).message)
    `state` = 'Texas' is a label from the data but not the expected one. Check your computation.
    >>> print(check_label("Texas", "Ohio", "state").message)
    `state` = 'Texas' is not the expected label. Check your computation (case and surrounding spaces do not matter).
    """
    _require(isinstance(expected, str) and bool(expected.strip()), "expected",
             "a non-empty string", expected, TypeError)
    if options is not None:
        _require_options(options)
        _require(expected.strip().casefold() in {o.strip().casefold() for o in options},
                 "expected", "one of 'options'", expected, ValueError)
        valid = check_choice(value, name, options)
        if not valid:
            return valid
    else:
        missing = _unanswered(value, name)
        if missing is not None:
            return missing
        if not isinstance(value, str):
            return CheckResult(False, f"`{name}` must be text (a label copied from the data), "
                                      f"got {_describe(value)}.")
    if value.strip().casefold() != expected.strip().casefold():
        if options is not None:
            return CheckResult(False, f"`{name}` = {_short(value)} is a label from the data but "
                                      f"not the expected one. Check your computation.")
        return CheckResult(False, f"`{name}` = {_short(value)} is not the expected label. Check "
                                  f"your computation (case and surrounding spaces do not matter).")
    return CheckResult(True, f"`{name}` is the expected label.")


def _labels_differ(got: pd.Index, want: Sequence[Any] | None) -> bool:
    return want is not None and set(got) != set(want)


def check_frame(
    value: Any, name: str, *, shape: tuple[int, int] | None = None,
    index: Sequence[Any] | None = None, columns: Sequence[Any] | None = None,
    low: float | None = None, high: float | None = None,
) -> CheckResult:
    """Check that ``value`` is a numeric DataFrame of the given shape, labels and range.

    >>> df = pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "y"])
    >>> check_frame(df, "M", shape=(2, 1), columns=["a"], low=0).passed
    True
    >>> print(check_frame([[1.0], [2.0]], "M").message)
    `M` must be a pandas DataFrame, got a list of 2 item(s). Build it with pandas or coursekit.
    >>> print(check_frame(df, "M", shape=(3, 1)).message)
    `M` has shape (2, 1), expected (3, 1) (rows, columns).
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    _require(shape is None or (isinstance(shape, (tuple, list)) and len(shape) == 2), "shape",
             "a pair (rows, columns) or None", shape)
    for n in shape or ():
        _require_count(n, "shape")
    _require_labels(index, "index")
    _require_labels(columns, "columns")
    low, high = _require_range(low, high)
    missing = _unanswered(value, name)
    if missing is not None:
        return missing
    if not isinstance(value, pd.DataFrame):
        return CheckResult(False, f"`{name}` must be a pandas DataFrame, got {_describe(value)}. "
                                  f"Build it with pandas or coursekit.")
    if shape is not None and tuple(value.shape) != tuple(shape):
        return CheckResult(False, f"`{name}` has shape {tuple(value.shape)}, expected "
                                  f"{tuple(shape)} (rows, columns).")
    if _labels_differ(value.index, index):
        return CheckResult(False, f"`{name}` does not have the expected row labels (index).")
    if _labels_differ(value.columns, columns):
        return CheckResult(False, f"`{name}` does not have the expected column labels.")
    if _is_categorical(value):
        return _categories(name)
    return _check_numeric(value.to_numpy(), name, low, high, "DataFrame")


def check_series(
    value: Any, name: str, *, length: int | None = None, index: Sequence[Any] | None = None,
    low: float | None = None, high: float | None = None,
) -> CheckResult:
    """Check that ``value`` is a numeric Series of the given length, labels and range.

    >>> s = pd.Series([0.1, 0.4], index=["a", "b"])
    >>> check_series(s, "gini", length=2, low=0, high=1).passed
    True
    >>> print(check_series(s.to_dict(), "gini").message)
    `gini` must be a pandas Series, got a dict of 2 item(s).
    >>> print(check_series(s, "gini", high=0.2).message)
    `gini` has values outside the plausible range [-inf, 0.2].
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    _require_count(length, "length")
    _require_labels(index, "index")
    low, high = _require_range(low, high)
    missing = _unanswered(value, name)
    if missing is not None:
        return missing
    if not isinstance(value, pd.Series):
        return CheckResult(False, f"`{name}` must be a pandas Series, got {_describe(value)}.")
    if length is not None and len(value) != length:
        return CheckResult(False, f"`{name}` has {len(value)} entries, expected {length}.")
    if _labels_differ(value.index, index):
        return CheckResult(False, f"`{name}` does not have the expected labels (index).")
    if _is_categorical(value):
        return _categories(name)
    return _check_numeric(value.to_numpy(), name, low, high, "Series")


def _categories(name: str) -> CheckResult:
    return CheckResult(False, f"`{name}` holds categories (a pandas Categorical), not numbers; "
                              f"convert it with .astype(float).")


def _real_array(arr: Any) -> np.ndarray | None:
    """A float array if every entry is a real number (int/float dtype), else None.

    Text, even text that looks like a number ("1.5"), bools, complex numbers and
    arbitrary objects are refused, so an answer of the wrong kind fails.
    """
    raw = np.asarray(arr)
    if raw.dtype.kind in "iuf":
        return raw.astype(float)
    if raw.dtype.kind != "O" or not all(_is_real_scalar(v) for v in raw.ravel()):
        return None
    try:
        return raw.astype(float)
    except (OverflowError, TypeError, ValueError):
        return None


def _check_numeric(arr: Any, name: str, low: float | None, high: float | None,
                   kind: str) -> CheckResult:
    vals = _real_array(arr)
    if vals is None:
        return CheckResult(False, f"`{name}` must contain only numbers (int or float), but it "
                                  f"has text, bools, complex numbers or other objects; convert "
                                  f"it with pd.to_numeric or .astype(float).")
    if np.isnan(vals).any():
        return CheckResult(False, f"`{name}` contains {int(np.isnan(vals).sum())} missing "
                                  f"value(s) (NaN).")
    if np.isinf(vals).any():
        return CheckResult(False, f"`{name}` contains infinite values.")
    lo = -np.inf if low is None else low
    hi = np.inf if high is None else high
    if ((vals < lo) | (vals > hi)).any():
        return CheckResult(False, f"`{name}` has values outside the plausible range "
                                  f"[{lo:g}, {hi:g}].")
    return CheckResult(True, f"`{name}` is a numeric {kind} of the expected shape.")


def check_values_close(
    value: Any, expected: pd.Series | pd.DataFrame, name: str, *, rtol: float = 1e-4,
    atol: float = 1e-9,
) -> CheckResult:
    """Check a Series or DataFrame against ``expected`` (labels aligned, tolerance; not shown).

    >>> want = pd.Series([0.25, 0.5], index=["a", "b"])
    >>> check_values_close(want[["b", "a"]], want, "gini").passed
    True
    >>> print(check_values_close(want * 2, want, "gini").message)
    `gini` has the right shape but 2 of 2 value(s) differ from the expected ones.
    """
    _require(isinstance(name, str) and bool(name), "name", "a non-empty string", name)
    _require(isinstance(expected, (pd.Series, pd.DataFrame)), "expected",
             "a pandas Series or DataFrame", expected)
    want = None if _is_categorical(expected) else _real_array(expected.to_numpy())
    _require(want is not None and np.isfinite(want).all(), "expected",
             "finite real numbers (no NaN, text or categories)", expected, ValueError)
    _require_tolerances(rtol, atol)
    kind = type(expected)
    shaped = (check_series(value, name, length=len(expected), index=expected.index)
              if kind is pd.Series else
              check_frame(value, name, shape=expected.shape, index=expected.index,
                          columns=expected.columns))
    if not shaped:
        return shaped
    try:
        got = value.reindex(expected.index) if kind is pd.Series else value.reindex(
            index=expected.index, columns=expected.columns)
        got_vals = _real_array(got.to_numpy())
        if got_vals is None:
            return CheckResult(False, f"`{name}` must contain only numbers (int or float).")
        ok = np.isclose(got_vals, expected.to_numpy(dtype=float), rtol=rtol, atol=atol)
    except (TypeError, ValueError, OverflowError) as err:  # duplicate labels: say so, never raise
        return CheckResult(False, f"`{name}` cannot be compared with the expected values "
                                  f"({type(err).__name__}; are its labels unique?).")
    if not ok.all():
        return CheckResult(False, f"`{name}` has the right shape but {int((~ok).sum())} of "
                                  f"{ok.size} value(s) differ from the expected ones.")
    return CheckResult(True, f"`{name}` has the expected values.")

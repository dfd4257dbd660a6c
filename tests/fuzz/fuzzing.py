"""The fuzz harness: registry entries, the battery of bad inputs, and the outcome rules.

Every public callable of coursekit (flat functions, classes and their public methods,
``ck.data`` loaders and ``ck.charts`` helpers) has an :class:`Entry` in one of the
``registry_*.py`` files beside this one.  An entry gives a *valid* call; the harness then
replaces one argument at a time by each value of :data:`BATTERY` (and the entry's own
``extra`` values) and requires that every outcome is either

* a **correct value**: no exception, no NaN or infinity where the valid call had none, and
  the entry's ``check`` (a property of a correct output) holds; or
* a **clear error**: ``ValueError`` or ``TypeError`` whose message names the argument
  (``'name'``), so a student knows what to fix.

Anything else (another exception type, a message that does not name the argument, a
silent NaN, a hang) is a failure.
"""

from __future__ import annotations

import math
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

CALL_SECONDS = 20


@dataclass
class Entry:
    """One public callable: a valid call and what a correct result looks like."""

    func: Callable[..., Any]
    kwargs: dict[str, Any]
    check: Callable[[Any, dict], Any] | None = None  # (result, kwargs); AssertionError if wrong
    extra: dict[str, list[Any]] = field(default_factory=dict)  # argument -> more bad values
    fixed: tuple[str, ...] = ()  # arguments not fuzzed (say why in a comment at the entry)
    allow_nan: bool = False  # the correct output may contain NaN (e.g. undefined LQs)


def _frame(values: Any, index: Any = None, columns: Any = None) -> pd.DataFrame:
    return pd.DataFrame(values, index=index, columns=columns)


#: Values that replace one argument at a time.  Each is (label, value).
BATTERY: list[tuple[str, Any]] = [
    ("None", None), ("text", "abc"), ("numeric text", "1.5"), ("bool", True),
    ("empty list", []), ("empty dict", {}), ("object", object()), ("function", len),
    ("nan", float("nan")), ("inf", float("inf")), ("-inf", float("-inf")),
    ("negative", -1), ("zero", 0), ("huge", 1e308), ("-huge", -1e308), ("tiny", 5e-324),
    ("big int", 10**400), ("complex", 1 + 2j), ("numpy nan array", np.array([np.nan, 1.0])),
    ("empty frame", pd.DataFrame()), ("empty series", pd.Series(dtype=float)),
    ("frame with nan", _frame({"a": [1.0, np.nan], "b": [2.0, 3.0]}, index=["r", "s"])),
    ("frame with negative", _frame({"a": [1.0, -2.0], "b": [2.0, 3.0]}, index=["r", "s"])),
    ("frame with text", _frame({"a": ["x", "y"], "b": [2.0, 3.0]}, index=["r", "s"])),
    ("frame of zeros", _frame({"a": [0.0, 0.0], "b": [0.0, 0.0]}, index=["r", "s"])),
    ("frame near overflow", _frame({"a": [1e308, 1e308], "b": [1e308, 1.0]}, index=["r", "s"])),
    ("frame near underflow", _frame({"a": [1.0, 5e-324], "b": [5e-324, 1.0]}, index=["r", "s"])),
    ("frame of datetimes", _frame({"a": pd.to_datetime(["2020-01-01", "2021-01-01"])})),
    ("frame of bools", _frame({"a": [True, False], "b": [False, True]}, index=["r", "s"])),
    ("series with nan", pd.Series([1.0, np.nan], index=["r", "s"])),
    ("series of text", pd.Series(["1", "2"], index=["r", "s"])),
    ("nested list", [[1, 2], [3]]),
    ("2-d array", np.ones((2, 2))),
]


class Hang(BaseException):
    """A call ran past CALL_SECONDS."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def _numbers(value: Any) -> np.ndarray | None:
    """The numeric content of a result, if it has any (for the NaN / inf check)."""
    if isinstance(value, (float, np.floating, int, np.integer)) and not isinstance(value, bool):
        return np.array([float(value)])
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        return value.astype(float).ravel()
    if isinstance(value, pd.Series) and pd.api.types.is_numeric_dtype(value) \
            and not pd.api.types.is_bool_dtype(value):
        return value.to_numpy(dtype=float, na_value=np.nan)
    if isinstance(value, pd.DataFrame):
        num = value.select_dtypes("number")
        return num.to_numpy(dtype=float, na_value=np.nan).ravel() if num.size else None
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named result
        parts = [_numbers(v) for v in value]
        parts = [p for p in parts if p is not None]
        return np.concatenate(parts) if parts else None
    return None


def names_argument(err: BaseException, argument: str) -> bool:
    """A clear error names the argument: 'x', `x` or x= in the message."""
    text = str(err)
    return any(form in text for form in (f"'{argument}'", f"`{argument}`", f"{argument}=",
                                         f'"{argument}"', f"'{argument}["))


def outcome(entry: Entry, argument: str, value: Any) -> tuple[str, str]:
    """('ok' | 'clear error' | 'unclear error' | 'silent wrong' | 'hang', detail)."""
    kwargs = dict(entry.kwargs)
    kwargs[argument] = value
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CALL_SECONDS)
    try:
        result = entry.func(**kwargs)
        if hasattr(result, "to_dict") and type(result).__module__.startswith("altair"):
            result.to_dict()  # a chart must also serialise
    except Hang:
        return "hang", f"no answer after {CALL_SECONDS} s"
    except (ValueError, TypeError) as err:
        if names_argument(err, argument):
            return "clear error", f"{type(err).__name__}: {str(err)[:160]}"
        return "unclear error", f"{type(err).__name__} not naming '{argument}': {str(err)[:200]}"
    except Exception as err:
        return "unclear error", f"{type(err).__name__}: {str(err)[:200]}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    numbers = _numbers(result)
    if numbers is not None and not entry.allow_nan and numbers.size and \
            not np.isfinite(numbers).all():
        return "silent wrong", "the result contains NaN or infinity"
    if entry.check is not None:
        try:
            entry.check(result, kwargs)
        except AssertionError as err:
            return "silent wrong", f"the result fails its check: {err}"
    return "ok", ""


def is_finite_number(x: Any) -> bool:
    return isinstance(x, (int, float, np.number)) and not isinstance(x, bool) and math.isfinite(x)

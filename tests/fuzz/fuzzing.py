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

Besides the fixed battery, :func:`derived` makes variants *of each valid argument*, so
that every class of bug found once is tried on every entry (issue 22):

* **scale**: the same numbers scaled to the edge of overflow (largest entry 1e308) and of
  underflow (largest entry 1e-300): a sum that overflows or a guard that is absolute
  instead of relative to the data's scale shows up as a NaN, an infinity, a failed
  ``check`` or an unclear error;
* **degenerate**: every row the same (every region alike), every column the same, every
  entry the same: a method whose answer is undefined must say so, not return a number
  built from rounding noise (the entry's ``check`` states what a defined answer needs);
* **categorical**: numbers stored as a pandas ``Categorical`` are labels, not quantities
  (pandas itself refuses to sum them), so they must be **refused**;
* **flags**: an argument whose valid value is ``True``/``False`` must **refuse** anything
  else (``"no"`` and ``"False"`` are truthy strings, ``1`` is not a switch).

An entry's ``refuse`` values must give a clear error too; ``never_raises`` names the
arguments (a student's answer given to a grading check) for which any exception is a
failure.
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
    refuse: dict[str, list[Any]] = field(default_factory=dict)  # argument -> must be refused
    never_raises: tuple[str, ...] = ()  # arguments for which any exception is a failure
    derive: bool = True  # try the derived variants of its numeric arguments (see derived)
    labels: tuple[str, ...] = ()  # arguments whose numbers are names (groups), not quantities


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


#: Values that a True/False switch must refuse, besides the battery's non-bools.
NOT_FLAGS: list[tuple[str, Any]] = [("'no'", "no"), ("'False'", "False"), ("1", 1),
                                    ("0.0", 0.0), ("numpy int", np.int64(1))]


def _is_numeric_data(value: Any) -> bool:
    """Numbers in a container (not labels, bools or text): what the derived variants scale."""
    if isinstance(value, pd.DataFrame):
        return value.size > 0 and all(pd.api.types.is_numeric_dtype(t) and
                                      not pd.api.types.is_bool_dtype(t) for t in value.dtypes)
    if isinstance(value, pd.Series):
        return value.size > 0 and pd.api.types.is_numeric_dtype(value) and \
            not pd.api.types.is_bool_dtype(value)
    if isinstance(value, np.ndarray):
        return value.size > 0 and value.dtype.kind in "fiu"
    if isinstance(value, list) and value:
        try:
            arr = np.asarray(value)
        except ValueError:
            return False
        return arr.dtype.kind in "fiu"
    return False


def _rescaled(value: Any, top: float) -> Any:
    """``value`` scaled so that its largest absolute entry is ``top`` (same type, labels)."""
    arr = np.asarray(value, dtype=float)
    biggest = float(np.abs(arr).max())
    factor = top / biggest if biggest > 0 else 1.0
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.astype(float) * factor
    scaled = arr * factor
    return scaled if isinstance(value, np.ndarray) else scaled.tolist()


def _alike(value: Any, how: str) -> Any:
    """Every row (``how="rows"``), column (``"columns"``) or entry (``"all"``) the same."""
    arr = np.asarray(value, dtype=float)
    if how == "all":
        out = np.full(arr.shape, float(arr.mean()))
    elif how == "rows":
        out = np.broadcast_to(arr[:1], arr.shape).copy()
    else:
        out = np.broadcast_to(arr[:, :1], arr.shape).copy()
    if isinstance(value, pd.DataFrame):
        return pd.DataFrame(out, index=value.index, columns=value.columns)
    if isinstance(value, pd.Series):
        return pd.Series(out, index=value.index, name=value.name)
    return out if isinstance(value, np.ndarray) else out.tolist()


def _categorical(value: pd.DataFrame | pd.Series) -> Any:
    if isinstance(value, pd.Series):
        return value.astype("category")
    return value.astype({c: "category" for c in value.columns})


def derived(entry: Entry, argument: str) -> list[tuple[str, Any, str]]:
    """Variants of the entry's valid ``argument``: (label, value, expectation).

    The expectation is ``"any"`` (a correct value or a clear error) or ``"refuse"`` (a
    clear error only).
    """
    value = entry.kwargs[argument]
    out: list[tuple[str, Any, str]] = []
    if isinstance(value, (bool, np.bool_)):
        out += [(f"flag {label}", v, "refuse") for label, v in NOT_FLAGS]
    if not entry.derive or argument in entry.labels or not _is_numeric_data(value):
        return out
    out += [("scaled to 1e308", _rescaled(value, 1e308), "any"),
            ("scaled to 1e-300", _rescaled(value, 1e-300), "any"),
            ("every entry alike", _alike(value, "all"), "any")]
    if np.ndim(value) == 2 and min(np.shape(value)) > 1:
        out += [("every row alike", _alike(value, "rows"), "any"),
                ("every column alike", _alike(value, "columns"), "any")]
    if isinstance(value, (pd.DataFrame, pd.Series)):
        out.append(("categorical", _categorical(value), "refuse"))
    return out


def cases(entry: Entry, argument: str, battery: list[tuple[str, Any]]
          ) -> list[tuple[str, Any, str]]:
    """Every (label, value, expectation) tried for one argument of one entry."""
    valid = entry.kwargs[argument]
    flag = isinstance(valid, (bool, np.bool_))
    rows = [(label, value, "refuse" if flag and not isinstance(value, (bool, np.bool_))
             else "any") for label, value in battery]
    rows += [(f"extra {i}", v, "any") for i, v in enumerate(entry.extra.get(argument, []))]
    rows += [(f"refuse {i}", v, "refuse") for i, v in enumerate(entry.refuse.get(argument, []))]
    rows += derived(entry, argument)
    if argument in entry.never_raises:
        rows = [(label, value, "no raise") for label, value, _ in rows]
    return rows


def judge(kind: str, expectation: str) -> bool:
    """Whether an outcome ``kind`` meets the ``expectation`` of its case."""
    if expectation == "refuse":
        return kind == "clear error"
    if expectation == "no raise":
        return kind == "ok"
    return kind in ("ok", "clear error")


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

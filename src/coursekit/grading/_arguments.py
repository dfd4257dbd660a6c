"""Checks of the arguments that a test's *author* passes to the answer checks.

A check never raises on a bad *answer*; a bad argument from the test's author (a range
with low > high, a NaN expected value, a flag given as text, an expected label that is not
among the options) is a bug in the test that no answer could satisfy, so it raises at
once, naming the argument and showing the value.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validation import _show

__all__: list[str] = []  # private helpers of coursekit.grading.checks


def _is_categorical(value: Any) -> bool:
    """Numbers stored as pandas categories are labels, not quantities."""
    if isinstance(value, pd.DataFrame):
        return any(isinstance(t, pd.CategoricalDtype) for t in value.dtypes)
    return isinstance(getattr(value, "dtype", None), pd.CategoricalDtype)


def _real(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _require(ok: bool, arg: str, what: str, value: Any, error: type = TypeError) -> None:
    """Raise ``error`` saying that ``arg`` must be ``what`` unless ``ok``.

    >>> _require(False, "low", "a real number or None", "0")
    Traceback (most recent call last):
    ...
    TypeError: 'low' must be a real number or None, got '0' (str).
    """
    if not ok:
        raise error(f"'{arg}' must be {what}, got {_show(value)} ({type(value).__name__}).")


def _require_real(value: Any, arg: str, *, optional: bool = True) -> float | None:
    if value is None and optional:
        return None
    _require(_real(value), arg, "a real number" + " or None" * optional, value)
    try:
        x = float(value)
    except OverflowError:  # an int such as 10**400
        x = math.inf if value > 0 else -math.inf
    _require(not math.isnan(x), arg, "a number, not NaN", value, ValueError)
    return x


def _require_range(low: Any, high: Any) -> tuple[float | None, float | None]:
    lo, hi = _require_real(low, "low"), _require_real(high, "high")
    if (lo is not None and hi is not None and lo > hi) or lo == math.inf or hi == -math.inf:
        raise ValueError(f"'low' ({lo}) must not exceed 'high' ({hi}); no answer could pass "
                         f"this check.")
    return lo, hi


def _require_tolerances(rtol: Any, atol: Any) -> None:
    for value, arg in ((rtol, "rtol"), (atol, "atol")):
        x = _require_real(value, arg, optional=False)
        _require(0 <= x < math.inf, arg, "a finite tolerance >= 0", value, ValueError)


def _require_count(value: Any, arg: str) -> None:
    _require(value is None or (_real(value) and isinstance(value, (int, np.integer))
                               and value >= 0), arg, "a whole number >= 0 (or None)", value)


def _require_labels(value: Any, arg: str) -> None:
    _require(value is None or (isinstance(value, Sequence | pd.Index | np.ndarray | pd.Series)
                               and not isinstance(value, str)
                               and all(isinstance(v, Hashable) for v in value)),
             arg, "a list of labels (or None)", value)


def _require_options(options: Any) -> None:
    _require(not isinstance(options, (str, bytes)) and isinstance(options, Sequence)
             and bool(options) and all(isinstance(o, str) for o in options), "options",
             "a non-empty list of strings", options)

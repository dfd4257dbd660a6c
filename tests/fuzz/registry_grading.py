"""Fuzz entries: the answer checks of ``coursekit.grading`` (the hidden tests' helpers).

A check's ``value`` is a student's answer: whatever it is, the check must return a
:class:`~coursekit.grading.CheckResult` and never raise (``never_raises``).  Every other
argument comes from the test's author; nonsense there (a range with ``low > high``, a NaN
expected value, a flag given as text) must be refused with a clear error, since no answer
could pass such a check (issue 22).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.grading import (
    CheckResult,
    check_choice,
    check_close,
    check_frame,
    check_label,
    check_number,
    check_series,
    check_values_close,
)
from fuzzing import Entry

SERIES = pd.Series([0.25, 0.5], index=["a", "b"])
FRAME = pd.DataFrame({"v": [1.0, 2.0]}, index=["x", "y"])
STATES = ["Texas", "Ohio"]


def _result(result, kwargs):
    """A CheckResult whose message names the answer; a categorical answer never passes."""
    assert isinstance(result, CheckResult), f"returned {type(result).__name__}"
    assert result.message.startswith(f"`{kwargs['name']}`"), result.message
    value = kwargs.get("value")
    categorical = isinstance(getattr(value, "dtype", None), pd.CategoricalDtype) or (
        isinstance(value, pd.DataFrame) and any(isinstance(t, pd.CategoricalDtype)
                                                for t in value.dtypes))
    assert not (categorical and result.passed), "a Categorical passed as numbers"


_ANSWERS = [SERIES.astype("category"), FRAME.astype("category"),
            pd.Series([0.25], dtype="category"), SERIES.astype(str), FRAME.astype(object)]

ENTRIES = {
    "coursekit.grading.check_number": Entry(check_number, {
        "value": 0.5, "name": "x", "low": 0.0, "high": 1.0, "integer": False},
        check=_result, never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"low": [2.0, float("inf")], "high": [-1.0, float("-inf")]}),
    "coursekit.grading.check_close": Entry(check_close, {
        "value": 0.5, "expected": 0.5, "name": "x", "rtol": 1e-4, "atol": 1e-9},
        check=_result, never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"expected": [float("nan"), float("inf"), np.float64("nan"), "0.5"],
                "rtol": [-1e-4, float("nan")], "atol": [-1.0]}),
    "coursekit.grading.check_choice": Entry(check_choice, {
        "value": "Ohio", "name": "x", "options": STATES}, check=_result,
        never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"options": [[], "Ohio", [1, 2]]}),
    "coursekit.grading.check_label": Entry(check_label, {
        "value": "Ohio", "expected": "Ohio", "name": "x", "options": STATES}, check=_result,
        never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"expected": ["Utah", 3], "options": [["Texas"], []]}),
    "coursekit.grading.check_frame": Entry(check_frame, {
        "value": FRAME, "name": "x", "shape": (2, 1), "index": ["x", "y"], "columns": ["v"],
        "low": 0.0, "high": 5.0}, check=_result, never_raises=("value",),
        extra={"value": _ANSWERS}, refuse={"shape": [(2,), (-1, 1), (2.5, 1), "21"],
                                           "low": [9.0], "index": ["xy"]}),
    "coursekit.grading.check_series": Entry(check_series, {
        "value": SERIES, "name": "x", "length": 2, "index": ["a", "b"], "low": 0.0,
        "high": 1.0}, check=_result, never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"length": [-1, 2.5, True], "low": [2.0], "high": [-2.0]}),
    "coursekit.grading.check_values_close": Entry(check_values_close, {
        "value": SERIES, "expected": SERIES, "name": "x", "rtol": 1e-4, "atol": 1e-9},
        check=_result, never_raises=("value",), extra={"value": _ANSWERS},
        refuse={"expected": [pd.Series([np.nan, 0.5], index=["a", "b"]),
                             SERIES.astype("category"), SERIES.astype(str), [0.25, 0.5]],
                "rtol": [-1.0]}),
    # The result type is the grader's (engineer "grader" rebuilds it, issue 22): its
    # fields are not fuzzed here; require() is.
    "coursekit.grading.CheckResult": Entry(CheckResult, {"passed": True, "message": "ok"},
                                           fixed=("passed", "message")),
    "coursekit.grading.CheckResult.require": Entry(CheckResult(True, "`x` ok").require, {}),
}

"""The answer checks never raise, and fail answers of the wrong kind (issue 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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

_WEIRD = [
    ..., None, "1.5", "", b"x", [1.5], (1, 2), {"a": 1}, {1, 2}, True, np.bool_(False),
    float("nan"), float("inf"), -1e300, 1 + 2j, np.complex128(1), 10**400, -(10**400),
    np.array([[1.0, 2.0]]), np.array(["a"]), pd.Series(["0.25", "0.5"], index=["a", "b"]),
    pd.Series([True, False], index=["a", "b"]), pd.Series([1 + 1j, 2j], index=["a", "b"]),
    pd.Series([5.0, 5.0], index=["x", "x"]), pd.Series(dtype=float),
    pd.DataFrame({"a": ["1.0", "2.0"]}, index=["x", "y"]), pd.DataFrame({"a": [True, False]}, index=["x", "y"]),
    pd.DataFrame([[1.0, 2.0]], columns=["a", "a"]), pd.DataFrame(), object(), len, pd.NA, pd.NaT,
    pd.Series([object(), object()], index=["a", "b"]),
]


@pytest.mark.parametrize("value", _WEIRD, ids=lambda v: type(v).__name__)
def test_check_helpers_never_raise_and_explain_failures(value):
    want_s = pd.Series([0.25, 0.5], index=["a", "b"])
    want_f = pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "y"])
    results = [
        check_number(value, "v", low=0, high=1),
        check_close(value, 0.123, "v"),
        check_choice(value, "v", ["Texas", "Ohio"]),
        check_label(value, "Ohio", "v", ["Texas", "Ohio"]),
        check_series(value, "v", length=2, low=0, high=1),
        check_frame(value, "v", shape=(2, 1)),
        check_values_close(value, want_s, "v"),
        check_values_close(value, want_f, "v"),
    ]
    for r in results:
        assert isinstance(r, CheckResult)
        assert not r.passed and r.message.startswith("`v`"), (value, r)
        assert "<p style=" in r._repr_html_()
        with pytest.raises(AssertionError, match="`v`"):
            r.require()


def test_numeric_strings_never_pass_as_numbers():
    """A Series of numeric strings used to pass check_values_close."""
    want = pd.Series([0.25, 0.5], index=["a", "b"])
    assert check_values_close(want.astype(str), want, "gini").passed is False
    assert "only numbers" in check_series(want.astype(str), "gini").message


@pytest.mark.parametrize("value", [10**400, -(10**400), float("inf")])
def test_huge_numbers_fail_instead_of_raising(value):
    """check_number(10**400, "x") used to raise OverflowError."""
    result = check_number(value, "x")
    assert not result.passed and "finite" in result.message


def test_right_answers_pass():
    s = pd.Series([0.25, 0.5], index=["a", "b"])
    assert check_values_close(s[["b", "a"]], s, "s").passed
    assert check_values_close(s.astype("float32"), s, "s", rtol=1e-6).passed
    assert check_number(np.int64(3), "n", integer=True).passed
    assert check_close(np.float64(0.1 + 0.2), 0.3, "x").passed
    assert check_frame(s.to_frame("v"), "f", shape=(2, 1)).passed

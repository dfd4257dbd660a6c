"""Grading: answer checks for the graded assignments, and the grader that runs them.

Tests of the assignments in ``notebooks/`` call these checks instead of bare
``assert`` statements.  A check *never raises* on a bad answer: it returns a
:class:`CheckResult` whose ``message`` says what was expected and what was
found, and :meth:`CheckResult.require` turns a failure into an
``AssertionError`` with that message.

>>> from coursekit.grading import check_number
>>> check_number(1.37, "lq_wa", low=0)
CheckResult(passed=True, message='`lq_wa` is a number >= 0.')
"""

from __future__ import annotations

from coursekit.grading.checks import (
    CheckResult,
    check_choice,
    check_close,
    check_frame,
    check_label,
    check_number,
    check_series,
    check_values_close,
)

__all__ = [
    "CheckResult",
    "check_choice",
    "check_close",
    "check_frame",
    "check_label",
    "check_number",
    "check_series",
    "check_values_close",
]

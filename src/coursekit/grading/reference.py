"""Hidden tests compare an answer with a reference value computed from the solution.

A hidden test never contains an expected value.  When an assignment is built,
its solutions are executed once and their answers are saved as data
(``reference.json``, see :mod:`coursekit.grading.values`) in the autograder
bundle.  A hidden test then calls :func:`compare`, which loads the reference
value of that answer and checks the student's value against it with the
check helpers (labels aligned, tolerances as given).

The reference file is found through the environment variable
``COURSEKIT_GRADING_REFERENCE`` (set by the course's grader), or at
``/autograder/source/reference.json`` (Gradescope and otter's Docker grading).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from coursekit.grading.checks import (
    CheckResult,
    check_close,
    check_label,
    check_values_close,
)
from coursekit.grading.values import from_data

__all__ = ["REFERENCE_ENV", "compare", "load_reference"]

REFERENCE_ENV = "COURSEKIT_GRADING_REFERENCE"
_GRADESCOPE = Path("/autograder/source/reference.json")


@cache
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_reference(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The reference answers (raw data records) of the assignment being graded."""
    if path is None:
        path = os.environ.get(REFERENCE_ENV) or (_GRADESCOPE if _GRADESCOPE.is_file() else None)
    if path is None:
        raise FileNotFoundError(
            f"No reference answers: set {REFERENCE_ENV} to the assignment's reference.json "
            f"(the course's grader does this), or grade inside the autograder bundle."
        )
    return _load(str(path))


def compare(name: str, value: Any, *, rtol: float = 1e-6, atol: float = 1e-9) -> CheckResult:
    """Check the student's ``value`` of answer ``name`` against the reference value.

    Numbers are compared with :func:`~coursekit.grading.check_close`, Series and
    DataFrames with :func:`~coursekit.grading.check_values_close`, text with
    :func:`~coursekit.grading.check_label` (case and surrounding spaces ignored).
    The message never shows the reference value.

    >>> import json, tempfile, os
    >>> from coursekit.grading.values import dumps
    >>> ref = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    >>> _ = ref.write(dumps({"share": 0.25})); ref.close()
    >>> os.environ[REFERENCE_ENV] = ref.name
    >>> compare("share", 0.25).passed, compare("share", "0.25").passed
    (True, False)
    >>> del os.environ[REFERENCE_ENV]
    """
    try:
        records = load_reference()
    except (OSError, ValueError) as err:
        return CheckResult(False, f"`{name}` could not be graded: {err}")
    if name not in records:
        return CheckResult(False, f"`{name}` could not be graded: the assignment has no "
                                  f"reference value for it (rebuild with `make assignments`).")
    expected = from_data(records[name])
    if isinstance(expected, str):
        return check_label(value, expected, name, [expected])
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        return check_values_close(value, expected, name, rtol=rtol, atol=atol)
    return check_close(value, float(expected), name, rtol=rtol, atol=atol)

"""Hidden tests compare an answer with a reference value computed from the solution.

A hidden test never contains an expected value.  When an assignment is built,
its solutions are executed once and their answers are saved as data
(``reference.json``, see :mod:`coursekit.grading.values`) together with the
``coursekit`` version and Python version that computed them.  A hidden test then
calls :func:`compare`, which loads the reference value of that answer and checks
the student's value against it with the check helpers (labels aligned,
tolerances as given).  Its messages never show the reference value.

The reference file is found, without any environment variable:

1. at the path given to :func:`use_reference` (the course's grader does this);
2. next to the test file whose test calls :func:`compare`: the autograder bundle
   keeps ``reference.json`` in its ``tests/`` folder, which otter copies beside the
   submission (``otter run``, Gradescope);
3. at ``/autograder/source/tests/reference.json`` (Gradescope's layout).

If the installed ``coursekit`` is not the version that computed the reference,
every hidden test fails and says so: grades never drift silently.
"""

from __future__ import annotations

import json
import os
import sys
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

__all__ = ["FILENAME", "compare", "load_reference", "reference_record", "use_reference"]

#: Name of the reference file in an autograder bundle's ``tests/`` folder.
FILENAME = "reference.json"
_GRADESCOPE = Path("/autograder/source/tests") / FILENAME
_registered: list[str] = []


def use_reference(path: str | os.PathLike[str] | None) -> None:
    """Use the reference answers at ``path`` in this process (``None`` forgets it)."""
    _registered[:] = [] if path is None else [os.fspath(path)]


def reference_record(answers: dict[str, Any], version: str, python: str) -> dict[str, Any]:
    """The content of a ``reference.json``: answers (data records) and what computed them."""
    return {"format": "coursekit-reference/1", "coursekit": version, "python": python,
            "answers": answers}


@cache
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError(f"{path} is not a reference file (no 'answers'); rebuild the "
                         f"assignment with `make assignments`.")
    return data


def _beside_caller() -> str | None:
    """``reference.json`` in the folder of the test file that called :func:`compare`."""
    frame = sys._getframe(1)
    here = os.path.normcase(__file__)
    while frame is not None:
        filename = frame.f_code.co_filename
        if os.path.normcase(filename) != here and not filename.startswith("<"):
            candidate = os.path.join(os.path.dirname(os.path.abspath(filename)), FILENAME)
            if os.path.isfile(candidate):
                return candidate
        frame = frame.f_back
    return None


def load_reference(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The reference file of the assignment being graded (see the module docstring).

    Returns the whole record: ``answers`` (name -> data record), ``coursekit`` and
    ``python`` (the versions that computed them).
    """
    if path is None:
        path = (_registered[0] if _registered else _beside_caller()
                or (str(_GRADESCOPE) if _GRADESCOPE.is_file() else None))
    if path is None:
        raise FileNotFoundError(
            "No reference answers: the grader registers them with use_reference(), or they "
            f"sit in {FILENAME} next to the test files (as in the autograder bundle).")
    return _load(os.fspath(path))


def compare(name: str, value: Any, *, rtol: float = 1e-6, atol: float = 1e-9) -> CheckResult:
    """Check the student's ``value`` of answer ``name`` against the reference value.

    Numbers are compared with :func:`~coursekit.grading.check_close`, Series and
    DataFrames with :func:`~coursekit.grading.check_values_close`, text with
    :func:`~coursekit.grading.check_label` (case and surrounding spaces ignored).
    The message never shows the reference value.

    >>> import json, tempfile
    >>> from coursekit.grading.values import to_data
    >>> record = reference_record({"share": to_data(0.25)}, _version(), "3.11")
    >>> ref = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    >>> _ = ref.write(json.dumps(record)); ref.close()
    >>> use_reference(ref.name)
    >>> compare("share", 0.25).passed, compare("share", "0.25").passed
    (True, False)
    >>> use_reference(None)
    """
    try:
        data = load_reference()
    except (OSError, ValueError) as err:
        return CheckResult(False, f"`{name}` could not be graded: {err}")
    if data.get("coursekit") != _version():
        return CheckResult(False, f"`{name}` could not be graded: the reference answers were "
                                  f"computed with coursekit {data.get('coursekit')}, but this "
                                  f"is coursekit {_version()}. Ask your instructor to grade "
                                  f"with the same version (or to rebuild the assignment).")
    records = data["answers"]
    if name not in records:
        return CheckResult(False, f"`{name}` could not be graded: the assignment has no "
                                  f"reference value for it (rebuild with `make assignments`).")
    expected = from_data(records[name])
    if isinstance(expected, str):
        return check_label(value, expected, name)
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        return check_values_close(value, expected, name, rtol=rtol, atol=atol)
    return check_close(value, float(expected), name, rtol=rtol, atol=atol)


def _version() -> str:
    from coursekit import __version__

    return __version__

"""Score a submission's answers in a fresh process, away from the student's code.

``python -I -m coursegrader.score AUTOGRADER.zip ANSWERS.json REFERENCE.json OUT.json``
reads the assignment's test files from the autograder bundle, rebuilds the
student's answers from data (:mod:`coursekit.grading.values`), runs every
public and hidden test against them with the ``coursekit`` installed in this
environment (``-I``: the submission's folder is never on ``sys.path``), and
writes the points per question.  The hidden tests compare with the reference
answers (:mod:`coursekit.grading.reference`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from typing import Any

__all__ = ["main", "score_answers"]


def _test_files(autograder: str) -> dict[str, str]:
    with zipfile.ZipFile(autograder) as z:
        return {name.removeprefix("tests/").removesuffix(".py"): z.read(name).decode("utf-8")
                for name in sorted(z.namelist())
                if name.startswith("tests/") and name.endswith(".py")}


def score_answers(autograder: str, answers: dict[str, Any], reference: str) -> dict[str, Any]:
    """Points per question for ``answers`` (raw data records) under the bundle's tests."""
    from otter.test_files.exception_test import ExceptionTestFile

    from coursekit.grading.reference import REFERENCE_ENV
    from coursekit.grading.values import from_data

    os.environ[REFERENCE_ENV] = reference
    env = {name: from_data(record) for name, record in answers.items()}
    questions: dict[str, Any] = {}
    for qname, source in _test_files(autograder).items():
        tf = ExceptionTestFile.from_string(source, path=f"tests/{qname}.py")
        needed = {p for tc in tf.test_cases for p in _params(tc.body)}
        tf.run({**{p: None for p in needed}, **env})
        cases = [{"name": r.test_case.name, "hidden": bool(r.test_case.hidden),
                  "points": r.test_case.points, "passed": bool(r.passed),
                  "message": _last_line(r.message) if not r.passed else ""}
                 for r in tf.test_case_results]
        questions[qname] = {"score": float(tf.score), "possible": float(tf.possible),
                            "cases": cases}
    return questions


def _params(test: Any) -> list[str]:
    import inspect

    return list(inspect.signature(test.test_func).parameters)


def _last_line(message: str) -> str:
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m coursegrader.score")
    p.add_argument("autograder")
    p.add_argument("answers")
    p.add_argument("reference")
    p.add_argument("out")
    a = p.parse_args(argv)
    with open(a.answers, encoding="utf-8") as fh:
        answers = json.load(fh)
    result = score_answers(a.autograder, answers, a.reference)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - run in a subprocess
    raise SystemExit(main())

"""Score a submission's answers in a separate process, away from the student's code.

The grader keeps one scorer process per job slot (:class:`Scorer`), started as
``python -I -m coursegrader.score --serve AUTOGRADER.zip REFERENCE.json`` and fed one
JSON line per submission (its answers as data) on stdin; it answers with one JSON line
of points per question.  The scorer reads the assignment's test files from the
autograder bundle once, registers the reference answers
(:func:`coursekit.grading.reference.use_reference`, no environment variable), rebuilds
each answer from data (:mod:`coursekit.grading.values`) on its own, and runs every
public and hidden test with the ``coursekit`` of this environment (``-I``: no folder of a
submission is ever on ``sys.path``).

Failures stay small: a malformed answer fails the tests that use it; an exception in one
question's tests fails that question with a message that names no value; a scorer that
crashes or hangs on a submission is restarted and that submission is scored again one
question at a time, so only the question that breaks it scores 0.  Messages are the last
line of the check's message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import zipfile
from typing import Any

__all__ = ["Scorer", "main", "score_answers", "read_tests"]

_TIMEOUT = 120.0


def read_tests(autograder: str) -> dict[str, str]:
    """The bundle's test files: question name -> source."""
    with zipfile.ZipFile(autograder) as z:
        return {name.removeprefix("tests/").removesuffix(".py"): z.read(name).decode("utf-8")
                for name in sorted(z.namelist())
                if name.startswith("tests/") and name.endswith(".py")}


_compiled: dict[str, Any] = {}


def _test_file(qname: str, source: str) -> Any:
    from otter.test_files.exception_test import ExceptionTestFile

    key = f"{qname}\0{source}"
    if key not in _compiled:
        _compiled[key] = ExceptionTestFile.from_string(source, path=f"tests/{qname}.py")
    return _compiled[key]


def _params(test: Any) -> list[str]:
    import inspect

    return list(inspect.signature(test.test_func).parameters)


def _message(message: str, answer: str) -> str:
    """The check's own message (last line), or a neutral one for an unexpected exception."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if last.startswith("AssertionError: "):
        return last.removeprefix("AssertionError: ")[:500]
    kind = last.split(":", 1)[0].strip() or "an error"
    return f"`{answer}` could not be checked (the test raised {kind[:60]}); it counts as wrong."


def _rebuild(answers: dict[str, Any]) -> dict[str, Any]:
    from coursekit.grading.values import Unsupported, from_data

    env = {}
    for name, record in answers.items():
        try:
            env[name] = from_data(record)
        except Exception:  # from_data does not raise on records; anything else is malformed
            env[name] = Unsupported("?", "malformed answer record")
    return env


def _score_question(qname: str, source: str, env: dict[str, Any]) -> dict[str, Any]:
    tf = _test_file(qname, source)
    needed = {p for tc in tf.test_cases for p in _params(tc.body)}
    try:
        tf.run({**{p: None for p in needed}, **env})
        results = tf.test_case_results
    except Exception as err:
        return _broken(qname, source, type(err).__name__)
    cases = []
    for r in results:
        params = _params(r.test_case.body)
        cases.append({"name": r.test_case.name, "hidden": bool(r.test_case.hidden),
                      "points": r.test_case.points, "passed": bool(r.passed),
                      "message": "" if r.passed else _message(r.message, ", ".join(params))})
    return {"score": float(tf.score), "possible": float(tf.possible), "cases": cases}


def _broken(qname: str, source: str, why: str) -> dict[str, Any]:
    """A question whose tests could not run: 0 points, a message, the right maximum."""
    try:
        tf = _test_file(qname, source)
        possible = float(tf.possible)
        cases = [{"name": tc.name, "hidden": bool(tc.hidden), "points": tc.points,
                  "passed": False,
                  "message": f"could not be checked ({why}); it counts as wrong."}
                 for tc in tf.test_cases]
    except Exception:
        possible, cases = 0.0, []
    return {"score": 0.0, "possible": possible, "cases": cases}


def score_answers(tests: dict[str, str], answers: dict[str, Any], reference: str,
                  only: list[str] | None = None) -> dict[str, Any]:
    """Points per question for ``answers`` (raw data records) under ``tests``."""
    from coursekit.grading.reference import use_reference

    use_reference(reference)
    env = _rebuild(answers)
    out = {}
    for qname, source in tests.items():
        if only is not None and qname not in only:
            continue
        try:
            out[qname] = _score_question(qname, source, env)
        except Exception as err:
            out[qname] = _broken(qname, source, type(err).__name__)
    return out


def serve(autograder: str, reference: str) -> int:
    """Answer one JSON request per line on stdin (see the module docstring)."""
    tests = read_tests(autograder)
    for line in sys.stdin:
        request = json.loads(line)
        result = score_answers(tests, request.get("answers", {}), reference,
                               request.get("only"))
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
        sys.stdout.flush()
    return 0


class Scorer:
    """A long-lived scorer process for one job slot (restarted when it fails)."""

    def __init__(self, autograder: str, reference: str) -> None:
        self.autograder, self.reference = str(autograder), str(reference)
        self.tests = list(read_tests(self.autograder))
        self._proc: subprocess.Popen | None = None
        self.last_error = ""

    def _start(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            # -I (no current folder, no environment variables), with this process's own path
            boot = (f"import sys; sys.path[:0] = {[p for p in sys.path if p]!r}\n"
                    f"from coursegrader.score import main; sys.exit(main())")
            self._errors = tempfile.TemporaryFile()
            self._proc = subprocess.Popen(
                [sys.executable, "-I", "-c", boot, "--serve", self.autograder, self.reference],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors, text=True,
                encoding="utf-8")
        return self._proc

    def _stderr(self) -> str:
        try:
            self._errors.seek(0)
            return self._errors.read()[-1500:].decode("utf-8", "replace")
        except (AttributeError, OSError, ValueError):
            return ""

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None
            self._errors.close()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        proc = self._start()
        reply: list[str] = []

        def talk() -> None:
            try:
                proc.stdin.write(json.dumps(request) + "\n")
                proc.stdin.flush()
                reply.append(proc.stdout.readline())
            except (OSError, ValueError):
                pass

        worker = threading.Thread(target=talk, daemon=True)
        worker.start()
        worker.join(_TIMEOUT)
        if worker.is_alive() or not reply or not reply[0].strip():
            self.last_error = self._stderr()
            self.close()
            return None
        try:
            return json.loads(reply[0])
        except ValueError:
            self.close()
            return None

    def score(self, answers: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Points per question, and the questions the scorer broke on (scored 0)."""
        result = self._ask({"answers": answers})
        if result is not None:
            return result, []
        if self._ask({"answers": {}}) is None:  # not this submission: the scorer cannot run
            raise RuntimeError(f"the scorer cannot run: {self.last_error.strip()[-600:]}")
        out, broken = {}, []
        for q in self.tests:  # again, one question at a time, in a fresh process each
            one = self._ask({"answers": answers, "only": [q]})
            if one is None or q not in one:
                broken.append(q)
                fallback = self._ask({"answers": {}, "only": [q]}) or {}
                entry = fallback.get(q, {"score": 0.0, "possible": 0.0, "cases": []})
                entry["score"] = 0.0
                for case in entry.get("cases", []):
                    case["passed"] = False
                    case["message"] = ("the grader could not check this answer (the scorer "
                                       "stopped on it); it counts as wrong.")
                out[q] = entry
            else:
                out[q] = one[q]
        return out, broken


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--serve AUTOGRADER REFERENCE``, or score one answers file."""
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="python -m coursegrader.score")
    p.add_argument("--serve", action="store_true")
    p.add_argument("autograder")
    p.add_argument("reference")
    p.add_argument("answers", nargs="?")
    p.add_argument("out", nargs="?")
    a = p.parse_args(argv)
    if a.serve:
        return serve(a.autograder, a.reference)
    with open(a.answers, encoding="utf-8") as fh:
        answers = json.load(fh)
    result = score_answers(read_tests(a.autograder), answers, a.reference)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":  # pragma: no cover - run in a subprocess
    raise SystemExit(main())

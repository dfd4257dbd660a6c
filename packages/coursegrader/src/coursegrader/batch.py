"""Grade a whole folder of submissions: one row per entry in ``grades.csv``, whatever happens.

Every directory entry of the submissions folder (files with odd or undecodable names,
folders, links, FIFOs; only the results folder itself is skipped) gets exactly one row
that says what was done with it (:mod:`coursegrader.intake`).  Each notebook runs in its
own sandbox (:mod:`coursegrader.sandbox`) and its answers are scored in a separate
process (:mod:`coursegrader.score`).  Submissions are graded concurrently and collected
as they complete; anything that goes wrong with one file (an exception anywhere) becomes
that file's row, and the others go on.  ``grades.csv`` is rewritten after every
submission, so an interrupted batch still leaves the grades it has.

Each entry also gets a results folder (a readable name plus a digest of its exact bytes,
so no two entries share one) with ``result.json`` and ``feedback.md`` for the student.
At the end, ``item_analysis.csv`` and ``item_analysis.html`` (:mod:`coursegrader.report`).
"""

from __future__ import annotations

import json
import os
import re
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from coursegrader.intake import Entry, entries, folder_name, notebook_of
from coursegrader.report import feedback_markdown, write_grades, write_item_analysis
from coursegrader.sandbox import Limits, check_privileges, execute, resolve_isolation
from coursegrader.score import Scorer, read_tests

__all__ = ["assignment_name", "grade_folder", "grade_notebook"]

_NAME = re.compile(r"`(\w+)`")


def assignment_name(autograder: Path) -> str:
    """``ch01_definitions`` from ``.../ch01_definitions-autograder.zip``."""
    return Path(autograder).name.removesuffix(".zip").removesuffix("-autograder")


def _answer_names(reference: Path) -> list[str]:
    data = json.loads(Path(reference).read_text(encoding="utf-8"))
    return sorted(data["answers"])


def _lost(questions: dict[str, Any], answers: dict[str, Any], log: dict[str, Any],
          status: str, reason: str) -> dict[str, str]:
    """For every question short of full marks, the reason a student can act on."""
    errors = log.get("errors", []) if isinstance(log.get("errors"), list) else []
    lost = {}
    for q, res in questions.items():
        if res["score"] >= res["possible"]:
            continue
        failing = [c for c in res.get("cases", []) if not c.get("passed")]
        message = failing[0].get("message", "") if failing else "points lost"
        for case in failing:
            for name in _NAME.findall(case.get("message", "")):
                if name in answers:
                    continue
                cause = next((e for e in errors if name in e.get("assigns", [])), None)
                if cause is not None:
                    message = (f"`{name}` was not defined: cell {cause['cell']} "
                               f"raised {cause['error']}")
                elif status != "finished" and reason:
                    message = f"`{name}` was not defined: {reason}"
                break
            else:
                continue
            break
        lost[q] = message[:400]
    return lost


def _record(display: str, run: Any, questions: dict[str, Any], broken: list[str]) -> dict:
    total = sum(q["score"] for q in questions.values())
    possible = sum(q["possible"] for q in questions.values())
    reason = run.reason
    if broken:
        reason = "; ".join([r for r in [reason] if r] +
                           [f"the scorer failed on {', '.join(broken)} (scored 0)"])
    return {"submission": display, "status": run.status, "reason": reason,
            "isolation": run.isolation, "limits": run.limits, "seconds": run.seconds,
            "log": run.log, "questions": questions, "total": total, "possible": possible,
            "lost": _lost(questions, run.answers, run.log, run.status, run.reason)}


def _blank(display: str, status: str, reason: str) -> dict[str, Any]:
    return {"submission": display, "status": status, "reason": reason, "isolation": "",
            "limits": "", "seconds": 0.0, "log": {}, "questions": {}, "total": 0.0,
            "possible": None, "lost": {}}


def grade_notebook(notebook: Path | bytes, autograder: Path, reference: Path, *,
                   limits: Limits | None = None, isolation: str = "auto",
                   scorer: Scorer | None = None, display: str = "") -> dict[str, Any]:
    """Run and score one notebook; return its result record."""
    autograder, reference = Path(autograder).resolve(), Path(reference).resolve()
    own = scorer is None
    scorer = scorer or Scorer(str(autograder), str(reference))
    try:
        run = execute(notebook, _answer_names(reference), limits, isolation=isolation,
                      notebook_name=f"{assignment_name(autograder)}.ipynb")
        questions, broken = scorer.score(run.answers)
    finally:
        if own:
            scorer.close()
    name = display or (Path(notebook).name if not isinstance(notebook, bytes) else "notebook")
    return _record(name, run, questions, broken)


def _row(entry: Entry, record: dict[str, Any], folder: str, note: str) -> dict[str, Any]:
    row = {"submission": entry.display, "status": record["status"],
           "total": round(record["total"], 6), "possible": record["possible"] or "",
           "reason": record["reason"], "isolation": record["isolation"],
           "limits": record["limits"], "seconds": record["seconds"], "results": folder,
           "lost": "; ".join(f"{q}: {m}" for q, m in record.get("lost", {}).items()),
           "note": note}
    for q, res in record["questions"].items():
        row[q] = res["score"]
    if not row["lost"] and not row["reason"] and record["status"] != "finished":
        row["reason"] = record["status"]
    return row


def grade_folder(autograder: Path, reference: Path, submissions: Path, out: Path, *,
                 jobs: int = 2, limits: Limits | None = None,
                 isolation: str = "auto") -> Path:
    """Grade every entry of ``submissions``; write ``out/grades.csv`` and one folder each."""
    autograder, reference = Path(autograder).resolve(), Path(reference).resolve()
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    if not submissions.is_dir():
        raise ValueError(f"'submissions' must be a folder, got {submissions}.")
    resolve_isolation(isolation)
    check_privileges()
    out.mkdir(parents=True, exist_ok=True)
    items = entries(submissions, skip=out)
    if not items:
        raise ValueError(f"'submissions' folder {submissions} has nothing to grade.")
    questions = sorted(read_tests(str(autograder)))
    stems: dict[str, list[str]] = {}
    for e in items:
        stems.setdefault(e.display.rsplit(".", 1)[0].casefold(), []).append(e.display)
    rows: dict[str, dict[str, Any]] = {}
    records: list[dict[str, Any]] = []
    local = threading.local()
    scorers: list[Scorer] = []
    scorers_lock = threading.Lock()

    def scorer() -> Scorer:
        if getattr(local, "scorer", None) is None:
            local.scorer = Scorer(str(autograder), str(reference))
            with scorers_lock:
                scorers.append(local.scorer)
        return local.scorer

    def one(entry: Entry) -> tuple[dict[str, Any], str]:
        data, why, note = notebook_of(entry.path)
        if data is None:
            return _blank(entry.display, "rejected", why), note
        record = grade_notebook(data, autograder, reference, limits=limits,
                                isolation=isolation, scorer=scorer(), display=entry.display)
        return record, note

    def save(entry: Entry, record: dict[str, Any], note: str) -> None:
        folder = folder_name(entry.name)
        twins = [n for n in stems[entry.display.rsplit(".", 1)[0].casefold()]
                 if n != entry.display]
        if twins:
            note = "; ".join([n for n in [note] if n] + [
                "same name apart from extension or case as: " + ", ".join(twins)])
        record["note"] = note
        try:
            (out / folder).mkdir(exist_ok=True)
            (out / folder / "result.json").write_text(
                json.dumps(record, indent=1, sort_keys=True, default=str), encoding="utf-8")
            (out / folder / "feedback.md").write_text(feedback_markdown(record),
                                                      encoding="utf-8")
        except OSError as err:
            record["reason"] = f"{record['reason']}; results not written ({err.strerror})"
        rows[entry.name] = _row(entry, record, folder, note)
        records.append(record)
        ordered = [rows[k] for k in sorted(rows, key=os.fsencode)]
        for row in ordered:  # a file that never reached the tests scores 0 on every question
            for q in questions:
                row.setdefault(q, 0.0)
        write_grades(out / "grades.csv", ordered, questions)

    try:
        with ThreadPoolExecutor(max_workers=max(1, int(jobs))) as pool:
            futures = {pool.submit(one, e): e for e in items}
            for future in as_completed(futures):
                entry = futures[future]
                try:
                    record, note = future.result()
                except BaseException as err:  # one file never stops the batch
                    if isinstance(err, KeyboardInterrupt):
                        raise
                    tb = traceback.format_exception_only(type(err), err)[-1].strip()
                    record, note = _blank(entry.display, "error",
                                          f"grading failed: {tb[:300]}"), ""
                save(entry, record, note)
    finally:
        for s in scorers:
            s.close()
    write_item_analysis(out, records, questions, assignment_name(autograder))
    return out / "grades.csv"

"""Grade a whole folder of submissions: one row per file in ``grades.csv``, whatever happens.

Each submission runs in its own sandboxed process (:mod:`coursegrader.sandbox`)
and is scored in another fresh process (:mod:`coursegrader.score`).  A
submission that loops, eats memory, crashes its interpreter or is not a
notebook at all gets a row that says so, with the points of the questions it
answered before it stopped, and the batch goes on.  ``grades.csv`` is
rewritten after every submission, so a batch that is interrupted still leaves
the grades it has.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from coursegrader.sandbox import Limits, execute

__all__ = ["grade_folder", "grade_notebook"]

_SCORE_TIMEOUT = 300


def _folder_name(name: str) -> str:
    """Results folder of a submission: its file name, plus a digest if the name needed cleaning
    or could clash with another on a case-insensitive file system."""
    safe = re.sub(r"[^\w.\-]+", "_", name) or "_"
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{safe}-{digest}" if safe != name or safe != safe.lower() else safe


def _notebook_of(path: Path, scratch: Path) -> tuple[Path | None, str]:
    """The notebook to run for a submitted file, or None and the reason it has none."""
    suffix = path.suffix.lower()
    if suffix == ".ipynb":
        return path, ""
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as z:
                members = [m for m in z.infolist() if m.filename.lower().endswith(".ipynb")
                           and not m.filename.startswith("__MACOSX/") and not m.is_dir()]
                if len(members) != 1:
                    return None, (f"the zip holds {len(members)} notebooks; it must hold exactly one")
                if members[0].file_size > 50 * 1024**2:
                    return None, "the notebook in the zip is larger than 50 MB"
                target = scratch / "from-zip.ipynb"
                target.write_bytes(z.read(members[0]))
                return target, ""
        except (zipfile.BadZipFile, OSError) as err:
            return None, f"unreadable zip file ({type(err).__name__})"
    return None, "not a notebook: hand in an .ipynb file (or a zip holding one)"


def _score(autograder: Path, answers: dict[str, Any], reference: Path,
           scratch: Path) -> dict[str, Any]:
    ans, out = scratch / "answers.json", scratch / "scores.json"
    ans.write_text(json.dumps(answers), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "coursegrader.score", str(autograder), str(ans),
         str(reference), str(out)],
        capture_output=True, text=True, timeout=_SCORE_TIMEOUT, cwd=scratch,
    )
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"the scorer failed: {proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def grade_notebook(notebook: Path, autograder: Path, reference: Path, *,
                   limits: Limits | None = None, isolation: str = "auto") -> dict[str, Any]:
    """Run and score one notebook; return a result record (scores per question and status)."""
    autograder, reference = Path(autograder).resolve(), Path(reference).resolve()
    names = sorted(json.loads(reference.read_text(encoding="utf-8")))
    run = execute(notebook, names, limits, isolation=isolation)
    with tempfile.TemporaryDirectory(prefix="ck-score-") as tmp:
        scores = _score(autograder, run.answers, reference, Path(tmp))
    return {"status": run.status, "reason": run.reason, "isolation": run.isolation,
            "seconds": run.seconds, "log": run.log, "questions": scores,
            "total": sum(q["score"] for q in scores.values()),
            "possible": sum(q["possible"] for q in scores.values())}


def _blank_record(reason: str, status: str) -> dict[str, Any]:
    return {"status": status, "reason": reason, "isolation": "", "seconds": 0.0, "log": {},
            "questions": {}, "total": 0.0, "possible": None}


def grade_folder(autograder: Path, reference: Path, submissions: Path, out: Path, *,
                 jobs: int = 2, limits: Limits | None = None,
                 isolation: str = "auto") -> Path:
    """Grade every file in ``submissions``; write ``out/grades.csv`` and one folder per file."""
    autograder, reference = Path(autograder).resolve(), Path(reference).resolve()
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in submissions.iterdir()
                   if p.is_file() and p.resolve() != out.resolve() and out not in p.parents)
    if not files:
        raise ValueError(f"'submissions' folder {submissions} has no files to grade.")
    folded: dict[str, list[str]] = {}
    for p in files:
        folded.setdefault(p.stem.casefold(), []).append(p.name)
    rows: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()
    questions: list[str] = []

    def write_csv() -> None:
        fields = ["submission", "status", *questions, "total", "possible", "isolation",
                  "seconds", "reason", "note"]
        with open(out / "grades.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            for name in sorted(rows):
                writer.writerow(rows[name])

    def one(path: Path) -> None:
        folder = out / _folder_name(path.name)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="ck-grade-") as tmp:
            notebook, why = _notebook_of(path, Path(tmp))
            try:
                record = (grade_notebook(notebook, autograder, reference, limits=limits,
                                         isolation=isolation)
                          if notebook is not None else _blank_record(why, "rejected"))
            except Exception as err:
                record = _blank_record(f"grading failed: {type(err).__name__}: "
                                                   f"{str(err)[:300]}", "error")
        (folder / "result.json").write_text(json.dumps(record, indent=1, sort_keys=True),
                                            encoding="utf-8")
        twins = [n for n in folded[path.stem.casefold()] if n != path.name]
        row = {"submission": path.name, "status": record["status"],
               "total": record["total"], "possible": record["possible"],
               "isolation": record["isolation"], "seconds": record["seconds"],
               "reason": record["reason"],
               "note": ("same name apart from extension or case as: " + ", ".join(twins))
               if twins else ""}
        for q, res in record["questions"].items():
            row[q] = res["score"]
        with lock:
            for q in record["questions"]:
                if q not in questions:
                    questions.append(q)
                    questions.sort()
            rows[path.name] = row
            write_csv()

    with ThreadPoolExecutor(max_workers=max(1, int(jobs))) as pool:
        list(pool.map(one, files))
    for row in rows.values():  # a file that never reached the tests scores 0 on every question
        for q in questions:
            row.setdefault(q, 0.0)
    write_csv()
    return out / "grades.csv"

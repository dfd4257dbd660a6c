"""Grading benchmark: seconds per notebook for a class-sized batch, new engine beside the old.

A batch of realistic submissions of ``ch01_definitions`` (default 200: 60 % full solutions,
25 % with one to three answers left as ``...``, 10 % with a cell that raises, 5 % the
untouched student notebook; seeded) is graded with ``--jobs 1`` and ``--jobs 2``:

* by the new engine (:func:`coursegrader.batch.grade_folder`: a real Jupyter kernel in an
  unprivileged sandbox per submission, scorer processes kept per job slot), with the
  isolation ``auto`` picks on this machine;
* by the old engine (the grader as it was before the package split: ``exec`` of IPython's
  translation of each cell in one process), run from a checkout of that commit with its
  own environment (``--baseline``, e.g. a ``git worktree`` of commit 7364d62 with
  ``make install-grader`` run in it; skipped if not given), on a
  batch built the same way from *its* build of the assignment.

Each figure is the wall-clock time of the whole batch divided by the number of
submissions, one run each (a batch is already an average over 200 notebooks).  The
target, from issue 22, is at most 4 s per notebook with ``--jobs 2`` on a 2-core machine.
Run through ``benchmarks/run.py --only grading``; ``python benchmarks/bench_grading.py``
runs this part alone.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NAME = "ch01_definitions"
TARGET = 4.0
SEED = 20260522

_OLD_GRADE = """import json, sys, time
from pathlib import Path
from coursekit.grading.batch import grade_folder
from coursekit.grading.sandbox import Limits
a = json.loads(sys.argv[1])
t = time.perf_counter()
grade_folder(Path(a["ag"]), Path(a["ref"]), Path(a["subs"]), Path(a["out"]), jobs=a["jobs"],
             limits=Limits(notebook_seconds=300, cell_seconds=60))
print(time.perf_counter() - t)
"""


def _stub(source: str) -> str:
    match = re.search(r'""" # BEGIN PROMPT\n(.*?)"""', source, re.S)
    return match.group(1) if match else "..."


def make_batch(solutions: Path, student: Path, folder: Path, n: int, seed: int = SEED) -> dict:
    """Write ``n`` submissions into ``folder``; return how many of each kind."""
    rng = random.Random(seed)
    sol = nbformat.read(solutions, as_version=4)
    blank = nbformat.read(student, as_version=4)
    answers = [i for i, c in enumerate(sol.cells) if "BEGIN SOLUTION" in c.source]
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"full": 0, "partial": 0, "errors": 0, "empty": 0}
    for k in range(n):
        draw = rng.random()
        nb = nbformat.from_dict(json.loads(json.dumps(sol)))
        if draw < 0.60:
            kind = "full"
        elif draw < 0.85:
            kind = "partial"
            for i in rng.sample(answers, rng.randint(1, min(3, len(answers)))):
                nb.cells[i].source = _stub(nb.cells[i].source)
        elif draw < 0.95:
            kind = "errors"
            at = rng.choice(answers)
            nb.cells.insert(at + 1, nbformat.v4.new_code_cell("typo_in_a_name + 1"))
        else:
            kind, nb = "empty", blank
        counts[kind] += 1
        nbformat.write(nb, folder / f"student_{k:03d}.ipynb")
    return counts


def _build_new(out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "coursegrader", "build", NAME, "--out",
                           str(out)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"new build failed: {proc.stderr[-2000:]}")
    return out / NAME


def _build_old(baseline: Path, out: Path) -> Path:
    proc = subprocess.run([str(baseline / ".venv" / "bin" / "python"),
                           str(baseline / "scripts" / "build_assignments.py"), "--out", str(out),
                           NAME], capture_output=True, text=True, cwd=baseline)
    if proc.returncode:
        raise RuntimeError(f"old build failed: {proc.stderr[-2000:]}")
    return out / NAME


def _row(figure: str, seconds: float, n: int, target: float | None, note: str) -> dict:
    return {"figure": figure, "values": [seconds / n], "unit": "s",
            "target": f"<= {target:g} s" if target else "", "ok": (seconds / n <= target)
            if target else None, "note": note}


def run(n: int = 200, workdir: Path | None = None, baseline: Path | None = None,
        jobs: tuple[int, ...] = (1, 2)) -> list[dict[str, Any]]:
    """Grade the batch with both engines; rows for benchmarks/run.py."""
    from coursegrader.batch import grade_folder
    from coursegrader.sandbox import Limits, resolve_isolation

    work = Path(workdir or tempfile.mkdtemp(prefix="bench-grading-"))
    rows = []
    try:
        new = _build_new(work / "new-build")
        ag = new / "autograder"
        counts = make_batch(ag / f"{NAME}.ipynb", new / "student" / f"{NAME}.ipynb",
                            work / "new-subs", n)
        mix = ", ".join(f"{v} {k}" for k, v in counts.items())
        isolation = resolve_isolation("auto")
        for j in jobs:
            out = work / f"new-graded-{j}"
            t = time.perf_counter()
            grade_folder(ag / f"{NAME}-autograder.zip", ag / "reference.json", work / "new-subs",
                         out, jobs=j, limits=Limits())
            seconds = time.perf_counter() - t
            rows.append(_row(f"grading {NAME}, new engine, --jobs {j} (per notebook)", seconds,
                             n, TARGET if j == 2 else None,
                             f"{n} submissions ({mix}); {isolation}; real kernel per submission"))
        python = baseline / ".venv" / "bin" / "python" if baseline is not None else None
        if python is None or not python.exists():
            rows.append({"figure": "grading, old engine", "values": [], "unit": "s", "target": "",
                         "ok": None, "note": f"no baseline checkout ({baseline}; --baseline)"})
            return rows
        old = _build_old(baseline, work / "old-build")
        oag = old / "autograder"
        make_batch(oag / f"{NAME}.ipynb", old / "student" / f"{NAME}.ipynb", work / "old-subs", n)
        for j in jobs:
            args = {"ag": str(oag / f"{NAME}-autograder.zip"), "ref": str(oag / "reference.json"),
                    "subs": str(work / "old-subs"), "out": str(work / f"old-graded-{j}"),
                    "jobs": j}
            t = time.perf_counter()
            proc = subprocess.run([str(python), "-c", _OLD_GRADE, json.dumps(args)],
                                  capture_output=True, text=True, cwd=baseline)
            seconds = time.perf_counter() - t
            if proc.returncode:
                raise RuntimeError(f"old engine failed: {proc.stderr[-2000:]}")
            rows.append(_row(f"grading {NAME}, old engine, --jobs {j} (per notebook)", seconds,
                             n, None, f"same mix, baseline {baseline} (exec in one process)"))
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return rows


if __name__ == "__main__":
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=200)
    p.add_argument("--baseline", type=Path, default=None)
    a = p.parse_args()
    for row in run(a.n, baseline=a.baseline):
        print(f"{row['figure']}: {row['values'][0] if row['values'] else '-'} s  {row['note']}")

#!/usr/bin/env python
"""Build the graded assignments, or grade a folder of submissions, with otter-grader.

Build (what ``make assignments`` runs)::

    python scripts/build_assignments.py [--out _build/assignments] [--publish] [NAME ...]

For every master notebook ``notebooks/<name>.ipynb`` (otter-assign format, first
cell ``# ASSIGNMENT CONFIG``) this runs ``otter assign``, which also grades the
solutions against all public and hidden tests and fails if they do not score
full marks; the script checks that this happened.  It writes

    <out>/<name>/student/<name>.ipynb            hand this out
    <out>/<name>/autograder/<name>.ipynb         solutions
    <out>/<name>/autograder/<name>-autograder.zip  grade with this

Cell ids and the zip archive are normalised, so two builds give byte-identical
files.  ``--publish`` also copies the student notebooks to ``notebooks/student/``
(what students open on Binder).

Grade::

    python scripts/build_assignments.py grade NAME SUBMISSIONS_DIR [--out DIR] [--jobs N]

runs ``otter run`` (no Docker; this environment must have coursekit installed)
on every ``*.ipynb`` / ``*.zip`` in SUBMISSIONS_DIR and writes one results JSON
per submission plus ``grades.csv`` (one row per submission, one column per
question, and the total).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "_build" / "assignments"
OTTER = [sys.executable, "-m", "otter"]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def masters(names: list[str] | None = None) -> list[Path]:
    """Master notebooks in ``notebooks/`` (first cell starts with ``# ASSIGNMENT CONFIG``)."""
    found = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if nb.cells and "".join(nb.cells[0].source).lstrip().startswith("# ASSIGNMENT CONFIG"):
            found.append(path)
    if names:
        missing = set(names) - {p.stem for p in found}
        if missing:
            sys.exit(f"No master notebook for {sorted(missing)} in {NOTEBOOKS}")
        found = [p for p in found if p.stem in names]
    return found


def normalise_notebook(path: Path) -> None:
    """Deterministic cell ids (otter gives its own cells random ones), no outputs, sorted JSON."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        if cell.cell_type == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nbformat.write(nb, path)


def normalise_zip(src: Path, dest: Path) -> None:
    """Rewrite a zip with sorted entries and fixed timestamps (byte-identical rebuilds)."""
    with zipfile.ZipFile(src) as zin:
        entries = sorted((i.filename, zin.read(i.filename)) for i in zin.infolist()
                         if not i.is_dir())
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = (0o755 if name in ("run_autograder", "setup.sh") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def build_one(master: Path, out: Path) -> Path:
    """Run otter assign on one master notebook; return ``out/<name>``. Exits on failure."""
    name = master.stem
    dest = out / name
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "dist"
        proc = subprocess.run([*OTTER, "assign", "-v", str(master), str(work)],
                              capture_output=True, text=True, cwd=master.parent)
        log = proc.stdout + proc.stderr
        if proc.returncode != 0:
            sys.exit(f"otter assign failed for {master.name} (a solution does not pass its "
                     f"tests, or the notebook is malformed):\n{log[-6000:]}")
        if "All autograder tests passed." not in log:
            sys.exit(f"otter assign did not grade the solutions of {master.name} "
                     f"(is run_tests disabled?); refusing to publish untested assignments.\n"
                     f"{log[-3000:]}")
        zips = sorted((work / "autograder").glob(f"{name}-autograder_*.zip"))
        if len(zips) != 1:
            sys.exit(f"expected one autograder zip for {name}, found {zips}")
        if dest.exists():
            shutil.rmtree(dest)
        (dest / "student").mkdir(parents=True)
        (dest / "autograder").mkdir()
        shutil.copy(work / "student" / f"{name}.ipynb", dest / "student" / f"{name}.ipynb")
        shutil.copy(work / "autograder" / f"{name}.ipynb", dest / "autograder" / f"{name}.ipynb")
        normalise_zip(zips[0], dest / "autograder" / f"{name}-autograder.zip")
    for nb in (dest / "student" / f"{name}.ipynb", dest / "autograder" / f"{name}.ipynb"):
        normalise_notebook(nb)
    return dest


def build(names: list[str] | None, out: Path, publish: bool) -> list[Path]:
    """Build every (or the named) assignment(s) into ``out``."""
    built = []
    for master in masters(names):
        print(f"building {master.stem} ...", flush=True)
        dest = build_one(master, out)
        built.append(dest)
        if publish:
            (NOTEBOOKS / "student").mkdir(exist_ok=True)
            shutil.copy(dest / "student" / f"{master.stem}.ipynb",
                        NOTEBOOKS / "student" / f"{master.stem}.ipynb")
        print(f"  ok: solutions score full marks; wrote {dest}", flush=True)
    return built


def grade(name: str, submissions: Path, out: Path, autograder: Path | None, jobs: int) -> Path:
    """Grade every submission in a folder with ``otter run``; write results and grades.csv."""
    zip_path = autograder or OUT / name / "autograder" / f"{name}-autograder.zip"
    if not zip_path.is_file():
        sys.exit(f"No autograder at {zip_path}; run 'make assignments' first.")
    subs = sorted(p for p in submissions.iterdir() if p.suffix in (".ipynb", ".zip"))
    if not subs:
        sys.exit(f"No .ipynb or .zip submissions in {submissions}")
    out.mkdir(parents=True, exist_ok=True)

    def run(sub: Path) -> dict:
        res_dir = out / sub.stem
        res_dir.mkdir(exist_ok=True)
        proc = subprocess.run([*OTTER, "run", "--no-logo", "-a", str(zip_path), "-o",
                               str(res_dir), str(sub)], capture_output=True, text=True)
        row: dict = {"submission": sub.name}
        results = res_dir / "results.json"
        if proc.returncode != 0 or not results.is_file():
            (res_dir / "error.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
            row["error"] = "grading failed, see error.log"
            return row
        for test in json.loads(results.read_text(encoding="utf-8"))["tests"]:
            if test.get("max_score") is not None and test.get("name"):
                row[test["name"]] = test["score"]
        row["total"] = sum(v for k, v in row.items() if k not in ("submission", "error"))
        return row

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        rows = list(pool.map(run, subs))
    questions = dict.fromkeys(k for r in rows for k in r if k not in ("submission", "total",
                                                                      "error"))
    fields = ["submission", *questions, "total", "error"]
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    print(f"graded {len(rows)} submission(s); wrote {out / 'grades.csv'}")
    return out / "grades.csv"


def main(argv: list[str] | None = None) -> None:
    """Command line: build (default) or grade."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["grade"]:
        p = argparse.ArgumentParser(prog="build_assignments.py grade")
        p.add_argument("name", help="assignment name, e.g. ch01_definitions")
        p.add_argument("submissions", type=Path, help="folder of submitted .ipynb/.zip files")
        p.add_argument("--out", type=Path, default=None, help="results folder "
                       "(default: <submissions>/graded)")
        p.add_argument("--autograder", type=Path, default=None)
        p.add_argument("--jobs", type=int, default=2)
        a = p.parse_args(argv[1:])
        grade(a.name, a.submissions, a.out or a.submissions / "graded", a.autograder, a.jobs)
        return
    p = argparse.ArgumentParser(prog="build_assignments.py", description=__doc__.split("\n")[0])
    p.add_argument("names", nargs="*", help="build only these assignments (default: all)")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--publish", action="store_true",
                   help="also copy the student notebooks to notebooks/student/ (for Binder)")
    a = p.parse_args(argv)
    build(a.names or None, a.out, a.publish)


if __name__ == "__main__":
    main()

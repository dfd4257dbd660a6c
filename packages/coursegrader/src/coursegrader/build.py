#!/usr/bin/env python
"""Build the graded assignments from their specs, or grade a folder of submissions.

Build (what ``make assignments`` runs)::

    python -m coursegrader build [--out _build/assignments] [--publish] [NAME ...]

For every spec ``notebooks/<name>.yml`` this

1. generates the master notebook ``notebooks/<name>.ipynb`` from the spec and the
   chapter's tagged solution cells (:mod:`coursebook.assignments`);
2. runs ``otter assign`` on it (student notebook, solutions notebook, autograder zip);
3. runs the solutions notebook through the grader's own sandbox and saves its answers
   as the reference values, with the coursekit and Python versions that computed them
   (``reference.json``, also in the zip's ``tests/`` folder, where the hidden tests find
   it with no environment variable, under ``otter run`` and on Gradescope alike);
4. pins the zip's environment to the course's lock (:func:`gradescope_environment`:
   ``environment.yml`` with the Python version of ``runtime.txt`` and every package of
   ``requirements.txt`` and ``requirements-grader.txt`` at its pinned version, coursekit
   at the release that computed the reference; ``setup.sh`` installs exactly that);
5. scores those answers (must be full marks) and an empty notebook (must be zero)
   with the grader's own scorer, and stops with an error otherwise.

Outputs: ``<out>/<name>/student/<name>.ipynb`` (hand this out),
``<out>/<name>/autograder/<name>.ipynb`` (solutions),
``<out>/<name>/autograder/<name>-autograder.zip`` and ``reference.json``.
Everything is byte-identical from build to build.  ``--publish`` also writes the
master to ``notebooks/`` and the student notebook to ``notebooks/student/``;
``--check`` only verifies that the committed master notebooks are up to date.

Grade::

    python -m coursegrader grade NAME SUBMISSIONS_DIR [--out DIR] [--jobs N]
        [--isolation auto|bubblewrap|none] [--notebook-seconds S] [--cell-seconds S]
        [--memory-mb M] [--processes N] [--cpu-share CORES] [--disk-mb M]

grades every entry of SUBMISSIONS_DIR (see :mod:`coursegrader.batch`) into
``DIR/grades.csv`` (default ``SUBMISSIONS_DIR/graded``), with a feedback file per student
and the item analysis (``item_analysis.csv``, ``item_analysis.html``).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat

from coursebook import course_root
from coursebook.assignments import answer_names, load_spec, master_notebook
from coursegrader.batch import grade_folder
from coursegrader.sandbox import Limits, execute
from coursegrader.score import Scorer

ROOT = course_root()
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "_build" / "assignments"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_EDITABLE = ("coursekit", "coursebook", "coursegrader")


def specs(names: list[str] | None = None) -> list[Path]:
    """Assignment specs ``notebooks/*.yml`` (all, or the named ones)."""
    found = sorted(NOTEBOOKS.glob("*.yml"))
    if names:
        missing = set(names) - {p.stem for p in found}
        if missing:
            sys.exit(f"No assignment spec for {sorted(missing)} in {NOTEBOOKS}")
        found = [p for p in found if p.stem in names]
    return found


def _write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        if cell.cell_type == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nbformat.write(nb, path)


def normalise_notebook(path: Path) -> None:
    """Deterministic cell ids (otter gives its own cells random ones), no outputs."""
    _write_notebook(nbformat.read(path, as_version=4), path)


def normalise_zip(src: Path, dest: Path, extra: dict[str, bytes] | None = None) -> None:
    """Rewrite a zip with sorted entries and fixed timestamps (byte-identical rebuilds)."""
    with zipfile.ZipFile(src) as zin:
        entries = {i.filename: zin.read(i.filename) for i in zin.infolist() if not i.is_dir()}
    entries.update(extra or {})
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = (0o755 if name in ("run_autograder", "setup.sh") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, entries[name])


def _score(autograder: Path, answers: dict, reference: Path) -> dict:
    scorer = Scorer(str(autograder), str(reference))
    try:
        result, broken = scorer.score(answers)
    finally:
        scorer.close()
    if broken:
        sys.exit(f"the scorer failed on {autograder.name}: questions {broken}")
    return result


def _pins(path: Path, seen: set[Path] | None = None) -> list[str]:
    """``name==version`` lines of a requirements file, following ``-r`` includes."""
    seen = seen if seen is not None else set()
    if path in seen:
        return []
    seen.add(path)
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if line.startswith("-r "):
            pins += _pins(path.parent / line[3:].strip(), seen)
        elif "==" in line and not line.startswith(("-", "#")):
            pins.append(line)
    return pins


def gradescope_environment(root: Path = ROOT) -> dict[str, str]:
    """``environment.yml``, ``requirements.txt`` and ``setup.sh`` of the autograder zip.

    Python: the version of ``runtime.txt``; packages: every pin of ``requirements.txt``
    and ``requirements-grader.txt`` (the course's lock, which ``make test`` grades with,
    ``otter run`` included); coursekit: the release tag ``v<version>`` of this checkout,
    which computed the reference answers.  ``setup.sh`` installs Miniforge (the version
    otter uses) and that environment, and nothing else (no PDF tools: the assignments make
    no PDFs).
    """
    import yaml
    from otter.generate import MINIFORGE_VERSION

    from coursekit import __version__

    python = (root / "runtime.txt").read_text(encoding="utf-8").strip().removeprefix("python-")
    pins = sorted({p for p in _pins(root / "requirements-grader.txt")
                   if p.split("==")[0].strip().lower() not in _EDITABLE}, key=str.lower)
    repo = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]
    url = repo["url"].rstrip("/").removesuffix(".git")
    packages = [*pins, f"coursekit @ git+{url}@v{__version__}"]
    env = {"name": "otter-env", "channels": ["conda-forge"],
           "dependencies": [f"python={python}", "pip", {"pip": packages}]}
    setup = f"""#!/usr/bin/env bash
# Gradescope image: Python {python} and every package pinned to the course's lock
# (environment.yml, written by coursegrader.build; coursekit {__version__} computed the
# reference answers). Nothing else is installed.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get clean
apt-get update
apt-get install -y wget git
wget -nv https://github.com/conda-forge/miniforge/releases/download/{MINIFORGE_VERSION}/Miniforge3-Linux-$(uname -m).sh \\
    -O /autograder/source/mamba_install.sh
chmod +x /autograder/source/mamba_install.sh
/autograder/source/mamba_install.sh -b
echo "export PATH=/root/miniforge3/bin:\\$PATH" >> /root/.bashrc
export PATH=/root/miniforge3/bin:$PATH
mamba env create -f /autograder/source/environment.yml
mamba shell init --shell bash
"""
    return {"environment.yml": yaml.safe_dump(env, sort_keys=False),
            "requirements.txt": "\n".join(packages) + "\n", "setup.sh": setup}


def build_one(spec_path: Path, out: Path, publish: bool) -> Path:
    """Build one assignment into ``out/<name>``; exit with a message if anything is wrong."""
    spec = load_spec(spec_path)
    name = spec["name"]
    dest = out / name
    master = master_notebook(spec, ROOT)
    if publish:
        _write_notebook(master, NOTEBOOKS / f"{name}.ipynb")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _write_notebook(master, work / f"{name}.ipynb")
        proc = subprocess.run([sys.executable, "-m", "otter", "assign", "-v",
                               f"{name}.ipynb", "dist"], capture_output=True, text=True,
                              cwd=work)
        if proc.returncode != 0:
            sys.exit(f"otter assign failed for {name} (malformed master notebook):\n"
                     f"{(proc.stdout + proc.stderr)[-6000:]}")
        zips = sorted((work / "dist" / "autograder").glob(f"{name}-autograder_*.zip"))
        if len(zips) != 1:
            sys.exit(f"expected one autograder zip for {name}, found {zips}")
        if dest.exists():
            shutil.rmtree(dest)
        (dest / "student").mkdir(parents=True)
        (dest / "autograder").mkdir()
        shutil.copy(work / "dist" / "student" / f"{name}.ipynb", dest / "student")
        shutil.copy(work / "dist" / "autograder" / f"{name}.ipynb", dest / "autograder")
        raw_zip = dest / "autograder" / "otter.zip"
        shutil.copy(zips[0], raw_zip)
    for nb in (dest / "student" / f"{name}.ipynb", dest / "autograder" / f"{name}.ipynb"):
        normalise_notebook(nb)

    names = answer_names(spec)
    run = execute(dest / "autograder" / f"{name}.ipynb", names,
                  Limits(notebook_seconds=600, cell_seconds=300), notebook_name=f"{name}.ipynb")
    errors = run.log.get("errors", [])
    missing = [n for n in names if n not in run.answers
               or (isinstance(run.answers[n], dict) and run.answers[n].get("t") == "unsupported")]
    if run.status != "finished" or errors or missing:
        sys.exit(f"The solutions of {name} do not run cleanly ({run.status}; {run.reason}); "
                 f"errors: {errors}; answers missing or not data: {missing}")
    from coursekit import __version__
    from coursekit.grading.reference import FILENAME, reference_record

    reference = dest / "autograder" / FILENAME
    record = reference_record(run.answers, __version__, platform.python_version())
    reference.write_text(json.dumps(record, sort_keys=True, indent=1), encoding="utf-8")
    autograder = dest / "autograder" / f"{name}-autograder.zip"
    extra = {f"tests/{FILENAME}": reference.read_bytes(),
             **{k: v.encode() for k, v in gradescope_environment().items()}}
    normalise_zip(raw_zip, autograder, extra)
    raw_zip.unlink()

    full = _score(autograder, run.answers, reference)
    short = {q: r for q, r in full.items() if r["score"] != r["possible"]}
    if short:
        sys.exit(f"The solutions of {name} do not score full marks: {json.dumps(short)[:3000]}")
    blank = _score(autograder, {}, reference)
    scored = {q: r["score"] for q, r in blank.items() if r["score"]}
    if scored:
        sys.exit(f"An empty notebook scores points in {name}: {scored}")
    if publish:
        (NOTEBOOKS / "student").mkdir(exist_ok=True)
        shutil.copy(dest / "student" / f"{name}.ipynb", NOTEBOOKS / "student" / f"{name}.ipynb")
    return dest


def check_masters(names: list[str] | None) -> None:
    """Exit non-zero if a committed master notebook differs from what its spec generates."""
    stale = []
    for spec_path in specs(names):
        spec = load_spec(spec_path)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "m.ipynb"
            _write_notebook(master_notebook(spec, ROOT), fresh)
            committed = NOTEBOOKS / f"{spec['name']}.ipynb"
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                stale.append(committed.name)
    if stale:
        sys.exit(f"stale master notebooks {stale}: run 'make assignments'")


def main(argv: list[str] | None = None) -> None:
    """Command line: build (default), --check, or grade."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["grade"]:
        p = argparse.ArgumentParser(prog="python -m coursegrader grade")
        p.add_argument("name", help="assignment name, e.g. ch01_definitions")
        p.add_argument("submissions", type=Path, help="folder of submitted files")
        p.add_argument("--out", type=Path, default=None,
                       help="results folder (default: <submissions>/graded)")
        p.add_argument("--built", type=Path, default=OUT, help="where 'make assignments' built")
        p.add_argument("--jobs", type=int, default=2)
        p.add_argument("--isolation", choices=["auto", "bubblewrap", "none"], default="auto")
        p.add_argument("--notebook-seconds", type=float, default=300)
        p.add_argument("--cell-seconds", type=float, default=60)
        p.add_argument("--memory-mb", type=int, default=4096,
                       help="memory of all of a submission's processes together")
        p.add_argument("--processes", type=int, default=64,
                       help="processes and threads of one submission")
        p.add_argument("--cpu-share", type=float, default=1.0,
                       help="CPU cores one submission may keep busy")
        p.add_argument("--disk-mb", type=int, default=512,
                       help="size of a submission's working folder")
        a = p.parse_args(argv[1:])
        ag = a.built / a.name / "autograder"
        if not (ag / "reference.json").is_file():
            sys.exit(f"No built autograder in {ag}; run 'make assignments' first.")
        try:
            limits = Limits(notebook_seconds=a.notebook_seconds, cell_seconds=a.cell_seconds,
                            memory_bytes=a.memory_mb * 1024**2, processes=a.processes,
                            cpu_share=a.cpu_share, disk_bytes=a.disk_mb * 1024**2)
        except ValueError as err:
            sys.exit(str(err))
        try:
            csv_path = grade_folder(ag / f"{a.name}-autograder.zip", ag / "reference.json",
                                    a.submissions, a.out or a.submissions / "graded",
                                    jobs=a.jobs, limits=limits, isolation=a.isolation)
        except (RuntimeError, ValueError) as err:
            sys.exit(f"not graded: {err}")
        print(f"wrote {csv_path} and {csv_path.parent / 'item_analysis.html'}")
        return
    p = argparse.ArgumentParser(prog="python -m coursegrader build", description=__doc__.split("\n")[0])
    p.add_argument("names", nargs="*", help="build only these assignments (default: all)")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--publish", action="store_true",
                   help="also write notebooks/<name>.ipynb and notebooks/student/<name>.ipynb")
    p.add_argument("--check", action="store_true", help="only check the masters are up to date")
    a = p.parse_args(argv)
    if a.check:
        check_masters(a.names or None)
        return
    for spec_path in specs(a.names or None):
        print(f"building {spec_path.stem} ...", flush=True)
        dest = build_one(spec_path, a.out, a.publish)
        print(f"  ok: solutions score full marks, a blank notebook zero; wrote {dest}",
              flush=True)

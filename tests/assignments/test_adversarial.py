"""The grader against careless and dishonest students (one batch, graded by the real grader).

Every cheat below is built on a notebook whose answers are all of the right kind but wrong
("the wrong honest notebook"); a cheat succeeds if it scores more than that notebook.  Other
submissions loop, eat memory, kill their own interpreter, leave processes behind, or are not
notebooks at all.  The whole folder is graded in one call of
:func:`coursegrader.batch.grade_folder`, exactly as an instructor would.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from coursebook.assignments import load_spec
from coursegrader.batch import grade_folder
from coursegrader.sandbox import Limits, bubblewrap_available
from coursekit.grading.values import from_data

NAME = "ch01_definitions"
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
LIMITS = Limits(notebook_seconds=45, cell_seconds=10, memory_bytes=2 * 1024**3)

# --- the cheats: each is one extra code cell appended to the wrong honest notebook -------------

CHEATS = {
    "patch_require": """
import coursekit.grading.checks as _c
_c.CheckResult.require = lambda self: self
_c.CheckResult.__bool__ = lambda self: True
""",
    "patch_checks": """
import coursekit.grading as _g, coursekit.grading.checks as _c, coursekit.grading.reference as _r
_ok = lambda *a, **k: _c.CheckResult(True, "ok")
for _mod in (_g, _c, _r):
    for _n in dir(_mod):
        if _n.startswith("check_") or _n == "compare":
            setattr(_mod, _n, _ok)
""",
    "patch_coursekit": """
import coursekit as ck
ck.location_quotient = ck.herfindahl = ck.locational_gini = ck.krugman_index = lambda *a, **k: None
for _path in (ck.__file__, ck.grading.__file__ if hasattr(ck, "grading") else ck.__file__):
    try:
        with open(_path, "a") as _fh:
            _fh.write("\\nraise SystemExit('tampered')\\n")
    except OSError:
        pass
""",
    "edit_tests": """
import glob, os
for _pattern in ("/**/tests/q*.py", "/**/*autograder*.zip", "/**/reference.json", "/**/result*.json"):
    for _path in glob.glob(_pattern, recursive=True):
        try:
            with open(_path, "w") as _fh:
                _fh.write("name = 'q1'\\npoints = 100\\n")
        except OSError:
            pass
""",
    "read_tests": """
import glob, json
from coursekit.grading.values import from_data
for _path in glob.glob("/**/reference.json", recursive=True) + glob.glob("/tmp/**/*.json", recursive=True):
    try:
        _ref = json.load(open(_path))
        globals().update({k: from_data(v) for k, v in _ref.items()})
    except Exception:
        pass
for _path in glob.glob("/**/*autograder*.zip", recursive=True):
    print("found", _path)
""",
    "shadow_package": """
import os
os.makedirs("coursekit/grading", exist_ok=True)
open("coursekit/__init__.py", "w").write("")
open("coursekit/grading/__init__.py", "w").write("")
open("coursekit/grading/reference.py", "w").write(
    "class R:\\n    passed = True\\n    def require(self):\\n        return self\\n"
    "def compare(*a, **k):\\n    return R()\\n")
""",
    "poison_site_packages": """
import site, sys, os
for _d in site.getsitepackages() + [sys.prefix]:
    try:
        open(os.path.join(_d, "zz_cheat.pth"), "w").write(
            "import coursekit.grading.checks as c; c.CheckResult.require = lambda s: s\\n")
    except OSError:
        pass
""",
    "set_env": """
import os
os.environ["COURSEKIT_GRADING_REFERENCE"] = "/dev/null"
os.environ["PYTHONPATH"] = "."
""",
    "forge_answers": """
import json, os
json.dump({"answers": {"M": "hacked"}, "log": {}}, open("answers.json", "w"))
os.chmod("answers.json", 0o444)
""",
}

# --- submissions that fail in other ways: a cell inserted after question 2's answer ------------

AFTER_Q2 = {
    "loop_cell": "while True:\n    pass",
    "loop_ignoring_alarm": "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass",
    "memory_bomb": "import numpy as _np\n_x = _np.ones((200_000, 100_000))",
    "kill_kernel": "import os\nos.kill(os.getpid(), 9)",
    "exit_early": "import os\nos._exit(0)",
    "orphan_process": "import subprocess\nsubprocess.Popen(['sleep', '987'])",
    "print_flood": "print('x' * 10**8)",
    "raise_systemexit": "raise SystemExit(3)",
}


def _spec() -> dict:
    return load_spec(ROOT / "notebooks" / f"{NAME}.yml")


def _wrong_cell(reference: Path) -> str:
    """Code that turns every answer into a wrong value of the right kind."""
    ref = {k: from_data(v) for k, v in json.loads(reference.read_text()).items()}
    lines = ["import pandas as _pd"]
    for key, value in ref.items():
        if isinstance(value, str):
            options = sorted(_spec_options(key))
            wrong = next(o for o in options if o != value)
            lines.append(f"{key} = {wrong!r}")
        else:
            lines.append(f"{key} = {key} * 1.1 + 0.01")
    return "\n".join(lines)


def _spec_options(key: str) -> list[str]:
    import coursekit as ck

    for q in _spec()["questions"]:
        for a in q["answers"]:
            if a["name"] == key:
                return a.get("options") or eval(a["options_code"], {"ck": ck})
    raise KeyError(key)


def _q2_cell_index(nb: nbformat.NotebookNode) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "lq_ca_info" in cell.source and "BEGIN SOLUTION" in cell.source:
            return i
    raise AssertionError("question 2's solution cell not found")


@pytest.fixture(scope="module")
def batch(built_assignments, tmp_path_factory):
    if not bubblewrap_available():
        if IN_CI:
            pytest.fail("bubblewrap (bwrap) is required under CI: .ci/run installs it")
        pytest.skip("bubblewrap is not installed (apt-get install bubblewrap): the isolation "
                    "that these tests check is not available on this machine")
    folder = tmp_path_factory.mktemp("submissions")
    solutions = nbformat.read(built_assignments.solutions(NAME), as_version=4)
    wrong = nbformat.v4.new_code_cell(_wrong_cell(built_assignments.reference(NAME)))

    nbformat.write(solutions, folder / "honest_right.ipynb")
    baseline = nbformat.from_dict(json.loads(json.dumps(solutions)))
    baseline.cells.append(wrong)
    nbformat.write(baseline, folder / "honest_wrong.ipynb")
    for cheat, code in CHEATS.items():
        nb = nbformat.from_dict(json.loads(json.dumps(baseline)))
        nb.cells.append(nbformat.v4.new_code_cell(code.strip()))
        nbformat.write(nb, folder / f"cheat_{cheat}.ipynb")
    for failure, code in AFTER_Q2.items():
        nb = nbformat.from_dict(json.loads(json.dumps(solutions)))
        nb.cells.insert(_q2_cell_index(nb) + 1, nbformat.v4.new_code_cell(code))
        nbformat.write(nb, folder / f"fail_{failure}.ipynb")
    # the same student twice and names in capitals; files that are not notebooks
    nbformat.write(solutions, folder / "alice.ipynb")
    with zipfile.ZipFile(folder / "alice.zip", "w") as z:
        z.writestr("alice.ipynb", nbformat.writes(solutions))
        z.writestr("coursekit/__init__.py", "raise SystemExit('shadow')\n")
    nbformat.write(baseline, folder / "BOB.IPYNB")
    (folder / "essay.txt").write_text("my answers are in my head", encoding="utf-8")
    (folder / "carol.ipynb.txt").write_text(nbformat.writes(solutions), encoding="utf-8")
    (folder / "broken.ipynb").write_text("{not json", encoding="utf-8")
    with zipfile.ZipFile(folder / "empty.zip", "w") as z:
        z.writestr("readme.txt", "nothing")
    with zipfile.ZipFile(folder / "two_notebooks.zip", "w") as z:
        z.writestr("a.ipynb", nbformat.writes(solutions))
        z.writestr("b.ipynb", nbformat.writes(baseline))

    files = sorted(p.name for p in folder.iterdir())
    out = folder / "graded"
    csv_path = grade_folder(built_assignments.autograder(NAME), built_assignments.reference(NAME),
                            folder, out, jobs=2, limits=LIMITS)
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = {r["submission"]: r for r in csv.DictReader(fh)}
    possible = {q: r["possible"] for q, r in json.loads(
        (out / "honest_right.ipynb" / "result.json").read_text())["questions"].items()}
    _report(rows, files)
    return {"files": files, "rows": rows, "possible": possible, "out": out}


def _report(rows: dict, files: list[str]) -> None:
    """Figures for the closing note: _build/grading-report.json (not an assertion)."""
    honest = rows["honest_wrong.ipynb"]
    cheats = [r for n, r in rows.items() if n.startswith("cheat_")]
    seconds = sorted(float(r["seconds"]) for r in rows.values() if r["status"] == "finished")
    report = {
        "submissions": len(files),
        "cheats": len(cheats),
        "cheats_that_earned_points": sum(float(r["total"]) > float(honest["total"]) for r in cheats),
        "grader_errors": sum(r["status"] == "error" for r in rows.values()),
        "timeouts": sum(r["status"] == "timeout" for r in rows.values()),
        "median_seconds_per_finished_notebook": seconds[len(seconds) // 2] if seconds else None,
        "isolation": sorted({r["isolation"] for r in rows.values() if r["isolation"]}),
    }
    out = ROOT / "_build" / "grading-report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))


def _total(row: dict) -> float:
    return float(row["total"])


def test_every_file_gets_a_row(batch):
    assert sorted(batch["rows"]) == batch["files"]


def test_honest_answers_keep_their_points(batch):
    full = sum(batch["possible"].values())
    for name in ("honest_right.ipynb", "alice.ipynb", "alice.zip"):
        row = batch["rows"][name]
        assert _total(row) == full, row


def test_the_wrong_honest_notebook_earns_exactly_the_public_points(batch):
    honest = batch["rows"]["honest_wrong.ipynb"]
    public = sum(int(q.get("public_points", 1)) for q in _spec()["questions"])
    assert honest["status"] == "finished" and _total(honest) == public, honest


def test_no_cheat_earns_a_point_a_wrong_honest_answer_would_not(batch):
    honest = batch["rows"]["honest_wrong.ipynb"]
    for cheat in CHEATS:
        row = batch["rows"][f"cheat_{cheat}.ipynb"]
        assert row["status"] in ("finished", "killed"), (cheat, row)
        for q in batch["possible"]:
            assert float(row[q]) <= float(honest[q]), (cheat, q, row)


def test_a_student_named_twice_or_in_capitals_is_never_overwritten(batch):
    rows = batch["rows"]
    assert rows["BOB.IPYNB"]["status"] == "finished"
    assert _total(rows["BOB.IPYNB"]) == _total(rows["honest_wrong.ipynb"])
    assert "alice.zip" in rows["alice.ipynb"]["note"] and "alice.ipynb" in rows["alice.zip"]["note"]
    folders = {p.name for p in batch["out"].iterdir() if p.is_dir()}
    assert len(folders) == len(batch["files"])


@pytest.mark.parametrize("name,why", [
    ("essay.txt", "not a notebook"), ("carol.ipynb.txt", "not a notebook"),
    ("broken.ipynb", "not a readable notebook"), ("empty.zip", "holds 0 notebooks"),
    ("two_notebooks.zip", "holds 2 notebooks"),
])
def test_files_that_cannot_be_graded_get_zero_and_a_reason(batch, name, why):
    row = batch["rows"][name]
    assert _total(row) == 0 and why in row["reason"], row


def _q1_q2(batch) -> float:
    return batch["possible"]["q1"] + batch["possible"]["q2"]


def test_an_infinite_loop_in_a_cell_loses_only_that_cell(batch):
    row = batch["rows"]["fail_loop_cell.ipynb"]
    assert row["status"] == "finished" and _total(row) == sum(batch["possible"].values()), row


def test_a_loop_that_defeats_the_cell_limit_keeps_the_answers_before_it(batch):
    row = batch["rows"]["fail_loop_ignoring_alarm.ipynb"]
    assert row["status"] == "timeout" and "time limit" in row["reason"], row
    assert _total(row) == _q1_q2(batch), row
    assert float(row["seconds"]) <= LIMITS.notebook_seconds + 15


def test_a_memory_bomb_is_stopped_and_the_batch_goes_on(batch):
    row = batch["rows"]["fail_memory_bomb.ipynb"]
    assert _total(row) >= _q1_q2(batch), row


@pytest.mark.parametrize("name", ["fail_kill_kernel.ipynb", "fail_exit_early.ipynb"])
def test_a_dead_interpreter_keeps_the_answers_before_it(batch, name):
    row = batch["rows"][name]
    assert _total(row) == _q1_q2(batch), row
    if name == "fail_kill_kernel.ipynb":
        assert row["status"] == "killed" and "ended abnormally" in row["reason"], row


@pytest.mark.parametrize("name", ["fail_print_flood.ipynb", "fail_raise_systemexit.ipynb"])
def test_noise_and_exits_in_a_cell_lose_nothing(batch, name):
    assert _total(batch["rows"][name]) == sum(batch["possible"].values())


def test_no_process_outlives_its_submission(batch):
    left = subprocess.run(["pgrep", "-f", "sleep 987"], capture_output=True, text=True)
    assert left.stdout.strip() == "", f"processes left behind: {left.stdout}"


def test_the_repository_was_not_touched(batch):
    import coursekit
    import coursekit.grading.checks

    for module in (coursekit, coursekit.grading.checks):
        text = Path(module.__file__).read_text(encoding="utf-8")
        assert "tampered" not in text
    assert not list(Path(os.sys.prefix).rglob("zz_cheat.pth"))

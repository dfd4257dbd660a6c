"""The grader against careless and dishonest students, as root and as an ordinary user,
with bubblewrap and with ``--isolation none`` (issue 22).

One folder of submissions (:mod:`submissions`) is graded by the real batch grader in each
of the four set-ups: the whole folder once (as root with bubblewrap, the default on CI),
and a smaller one (every cheat in one notebook, the quick failures, every unreadable
entry) in the three others, so the slow tier stays within a few minutes.  For each batch:

* every directory entry gets exactly one row;
* every honest notebook scores full marks, however it is written or packed;
* no cheat scores more than the wrong honest notebook it is built on, on any question;
* a submission that fails after question 2 keeps questions 1 and 2;
* no result file, feedback file or row names an expected value;
* nothing a submission started outlives the batch, and nothing was written to the packages.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest
from submissions import MARKER, make_folder

from conftest import ROOT
from coursebook.assignments import load_spec
from coursegrader.sandbox import bubblewrap_available
from coursekit.grading.values import from_data

NAME = "ch01_definitions"
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
LIMITS = {"notebook_seconds": 45, "cell_seconds": 10, "memory_bytes": 2 * 1024**3,
          "cpu_seconds": 120}
SETUPS = [("root", "bubblewrap"), ("root", "none"), ("user", "bubblewrap"), ("user", "none")]
FULL_MARKS_DESPITE = {"fail_loop", "fail_print_flood", "fail_raise_systemexit",
                      "fail_fork_bomb", "fail_deep_folders", "fail_disk_flood",
                      "fail_memory_bomb", "fail_leftover_processes"}


def _options() -> dict[str, list[str]]:
    import coursekit as ck

    spec = load_spec(ROOT / "notebooks" / f"{NAME}.yml")
    return {a["name"]: (a.get("options") or eval(a["options_code"], {"ck": ck}))
            for q in spec["questions"] for a in q["answers"] if a["kind"] == "label"}


@pytest.fixture(scope="module", params=SETUPS, ids=["-".join(s) for s in SETUPS])
def batch(request, built_assignments, ordinary_user, tmp_path_factory, grade, find_leftovers):
    who, isolation = request.param
    if isolation == "bubblewrap" and not bubblewrap_available():
        if IN_CI:
            pytest.fail("bubblewrap (bwrap) is required under CI: .ci/run installs it")
        pytest.skip("bubblewrap is not installed or cannot start a sandbox here")
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    full = (who, isolation) == (("root", "bubblewrap") if is_root else ("user", "bubblewrap"))
    folder = tmp_path_factory.mktemp(f"subs-{who}-{isolation}")
    kinds = make_folder(folder, built_assignments.solutions(NAME), built_assignments.student(NAME),
                        built_assignments.reference(NAME), _options(), quick=not full)
    files = sorted(os.fsencode(p.name) for p in folder.iterdir())
    out = tmp_path_factory.mktemp(f"graded-{who}-{isolation}")
    csv_path = grade(who, ordinary_user, built_assignments.autograder(NAME),
                     built_assignments.reference(NAME), folder, out, isolation=isolation,
                     limits=LIMITS)
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_name = {}
    for r in rows:
        by_name[r["submission"].removeprefix("'")] = r
    results = {p.name: json.loads((p / "result.json").read_text(encoding="utf-8"))
               for p in out.iterdir() if p.is_dir()}
    right = next(r for r in results.values() if r["submission"] == "honest_right.ipynb")
    left = find_leftovers(MARKER, ["65534", "nobody"] + ([ordinary_user] if who == "user" and
                                                          is_root else []))
    return {"who": who, "isolation": isolation, "rows": rows, "by_name": by_name,
            "files": files, "kinds": kinds, "out": out, "results": results,
            "possible": {q: r["possible"] for q, r in right["questions"].items()},
            "leftovers": left}


def _total(row: dict) -> float:
    return float(row["total"])


def test_every_entry_gets_exactly_one_row(batch):
    assert len(batch["rows"]) == len(batch["files"])
    from coursegrader.intake import display_name

    shown = sorted(display_name(os.fsdecode(f)) for f in batch["files"])
    assert sorted(r["submission"].removeprefix("'") for r in batch["rows"]) == sorted(shown)
    assert len({r["results"] for r in batch["rows"]}) == len(batch["rows"])  # own folder each


def test_formulas_in_file_names_are_neutralised(batch):
    for row in batch["rows"]:
        assert not row["submission"].startswith(("=", "+", "-", "@")), row["submission"]


def test_honest_notebooks_score_full_marks_however_they_are_written(batch):
    full = sum(batch["possible"].values())
    from coursegrader.intake import display_name

    for name in batch["kinds"]["honest"]:
        if name == "honest_wrong.ipynb":
            continue
        row = batch["by_name"][display_name(name)]
        assert row["status"] == "finished" and _total(row) == full, (name, row)


def test_no_cheat_beats_the_wrong_notebook_it_is_built_on(batch):
    honest = batch["by_name"]["honest_wrong.ipynb"]
    public = sum(int(q.get("public_points", 1)) for q in load_spec(
        ROOT / "notebooks" / f"{NAME}.yml")["questions"])
    assert honest["status"] == "finished" and _total(honest) == public, honest
    for name in batch["kinds"]["cheat"]:
        row = batch["by_name"][name]
        for q in batch["possible"]:
            assert float(row[q]) <= float(honest[q]), (name, q, row)


def test_a_failing_cell_keeps_the_answers_before_it(batch):
    q12 = batch["possible"]["q1"] + batch["possible"]["q2"]
    full = sum(batch["possible"].values())
    for name in batch["kinds"]["fail"]:
        row = batch["by_name"][name]
        want = full if name.removesuffix(".ipynb") in FULL_MARKS_DESPITE else q12
        assert _total(row) >= want, (name, row)
        assert float(row["seconds"]) <= LIMITS["notebook_seconds"] + 15, row


def test_every_zero_and_every_lost_question_has_a_reason(batch):
    for row in batch["rows"]:
        if row["status"] in ("rejected", "unreadable", "error"):
            assert row["reason"], row
        for q, points in batch["possible"].items():
            if row.get(q) not in ("", None) and float(row[q]) < points:
                assert re.search(rf"(^|; ){q}: ", row["lost"]) or row["reason"], (q, row)


def test_entries_that_are_not_notebooks_say_why(batch):
    expected = {"file_link_to_passwd.ipynb": "symbolic link", "file_dangling_link.ipynb":
                "symbolic link", "file_fifo.ipynb": "FIFO", "file_essay.txt": "not a notebook",
                "file_broken.ipynb": "not JSON", "file_two_notebooks": "2 notebooks",
                "file_encrypted.zip": "encrypted", "file_deflate64.zip": "compression method",
                "file_truncated.zip": "damaged or truncated", "file_bomb.zip": "larger than",
                "blank.ipynb": ""}
    for name, why in expected.items():
        row = batch["by_name"][name]
        assert _total(row) == 0 and why in row["reason"] + row["lost"], (name, row)


def _messages(out: Path) -> list[str]:
    """Every text a student or the instructor reads: reasons, lost points, test messages,
    cell errors, notes, feedback files, the item analysis's reasons."""
    texts = []
    for path in out.rglob("feedback.md"):
        texts.append(path.read_text(encoding="utf-8"))
    for path in out.rglob("result.json"):
        r = json.loads(path.read_text(encoding="utf-8"))
        texts += [r["reason"], json.dumps(r["lost"], ensure_ascii=False)]
        texts += [c["message"] for q in r["questions"].values() for c in q["cases"]]
        texts += [json.dumps(r["log"].get(k, []), ensure_ascii=False) for k in ("errors", "notes")]
    for name, fields in (("grades.csv", ("reason", "lost", "note")),
                         ("item_analysis.csv", ("most_common_reason",))):
        with open(out / name, newline="", encoding="utf-8") as fh:
            texts += [row[f] for row in csv.DictReader(fh) for f in fields]
    return texts


def test_nothing_names_an_expected_value(batch, built_assignments):
    reference = json.loads(built_assignments.reference(NAME).read_text())["answers"]
    needles = []
    for record in reference.values():
        value = from_data(record)
        if isinstance(value, str):
            needles.append(value)
        elif isinstance(value, float) and abs(value) > 1e-3 and abs(value - round(value)) > 1e-3:
            needles += [f"{value:.4f}", repr(value)]
    for text in _messages(batch["out"]):
        for needle in needles:
            assert needle not in text, f"an expected value ({needle!r}) is in: {text[:300]}"


def test_nothing_outlives_the_batch(batch):
    assert batch["leftovers"] == [], batch["leftovers"]


def test_the_packages_were_not_touched(batch):
    import coursekit
    import coursekit.grading.reference

    for module in (coursekit, coursekit.grading.reference):
        assert "compare = lambda" not in Path(module.__file__).read_text(encoding="utf-8")
        assert "CheckResult(True, 'ok')" not in Path(module.__file__).read_text(encoding="utf-8")
    assert not list(Path(os.sys.prefix).rglob("zz_cheat.pth"))


def test_the_rows_say_how_the_submissions_were_isolated_and_limited(batch):
    graded = [r for r in batch["rows"] if r["status"] not in ("rejected",)]
    for row in graded:
        if batch["isolation"] == "bubblewrap":
            assert row["isolation"].startswith("bubblewrap (uid 65534, no capabilities"), row
        else:
            assert row["isolation"].startswith("none: runs as"), row
            assert "Landlock" in row["isolation"] or "NOT isolated" in row["isolation"], row
        assert row["limits"].startswith(("cgroup v2", "rlimits + watchdog")), row


def test_limits_stop_what_they_should(batch):
    by = batch["by_name"]
    if "fail_memory_processes.ipynb" in by:
        assert by["fail_memory_processes.ipynb"]["status"] == "stopped"
        assert "memory" in by["fail_memory_processes.ipynb"]["reason"]
    if "fail_cpu_hog.ipynb" in by and by["fail_cpu_hog.ipynb"]["status"] == "stopped":
        # stopped only if it really got more than its share: not on a saturated machine
        assert "CPU" in by["fail_cpu_hog.ipynb"]["reason"]
    if "fail_loop_ignoring_interrupt.ipynb" in by:
        row = by["fail_loop_ignoring_interrupt.ipynb"]
        assert row["status"] == "timeout" and "did not respond to the interrupt" in row["reason"]
    if "cheat_huge_answer.ipynb" in by:
        result = next(r for r in batch["results"].values()
                      if r["submission"] == "cheat_huge_answer.ipynb")
        assert any("MB" in n for n in result["log"]["notes"]), result["log"]["notes"]
    row = by["fail_kill_kernel.ipynb"]
    assert row["status"] == "died" and "q3: `" in row["lost"] and "was not defined" in row["lost"]

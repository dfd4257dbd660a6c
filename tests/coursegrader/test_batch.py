"""Tests for coursegrader.batch helpers on small inputs (the batches themselves are graded in
the slow tier: tests/assignments)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from coursegrader import batch


def test_assignment_name_from_the_bundle():
    assert batch.assignment_name(Path("x/ch01_definitions-autograder.zip")) == "ch01_definitions"
    assert batch.assignment_name(Path("ch05_policy.zip")) == "ch05_policy"


def test_answer_names_are_read_from_the_reference(tmp_path):
    ref = tmp_path / "reference.json"
    ref.write_text(json.dumps({"answers": {"b": 1, "a": 2}}))
    assert batch._answer_names(ref) == ["a", "b"]


def _questions():
    return {"q1": {"score": 2, "possible": 2, "cases": []},
            "q2": {"score": 0, "possible": 3,
                   "cases": [{"passed": False, "message": "`share` is not defined"}]},
            "q3": {"score": 1, "possible": 2,
                   "cases": [{"passed": False, "message": "`gini` is off by 10 %"}]}}


def test_lost_points_say_why_in_terms_a_student_can_act_on():
    log = {"errors": [{"cell": 7, "error": "KeyError: 'Ohio'", "assigns": ["share"]}]}
    lost = batch._lost(_questions(), {"gini": 0.3}, log, "finished", "")
    assert set(lost) == {"q2", "q3"}
    assert lost["q2"] == "`share` was not defined: cell 7 raised KeyError: 'Ohio'"
    assert lost["q3"] == "`gini` is off by 10 %"


def test_lost_points_of_an_unfinished_run_name_the_reason():
    lost = batch._lost(_questions(), {}, {}, "timeout", "the notebook took over 600 s")
    assert lost["q2"] == "`share` was not defined: the notebook took over 600 s"


def test_a_record_totals_the_questions_and_names_a_broken_scorer():
    run = SimpleNamespace(status="finished", reason="", isolation="bubblewrap", limits="",
                          seconds=1.5, log={}, answers={})
    record = batch._record("alice.ipynb", run, _questions(), ["q3"])
    assert (record["total"], record["possible"]) == (3, 7)
    assert "the scorer failed on q3 (scored 0)" in record["reason"]


def test_a_file_that_cannot_be_graded_still_gets_a_row():
    """Issue 22: a batch never drops an entry; an unreadable file is a row with a reason."""
    record = batch._blank("broken.zip", "rejected", "the zip is encrypted")
    entry = SimpleNamespace(display="broken.zip")
    row = batch._row(entry, record, "results/broken", "")
    assert row["submission"] == "broken.zip" and row["total"] == 0
    assert row["reason"] == "the zip is encrypted" and row["status"] == "rejected"

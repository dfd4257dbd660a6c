"""grades.csv cannot run formulas, feedback says why points were lost, item analysis (issue 22)."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from coursegrader.report import (
    feedback_markdown,
    item_analysis,
    neutralise,
    write_grades,
    write_item_analysis,
)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",
                                  '=HYPERLINK("http://x","y")'])
def test_text_that_a_spreadsheet_would_run_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    assert neutralise(-2.5) == -2.5 and neutralise("alice.ipynb") == "alice.ipynb"


def test_grades_csv_neutralises_every_text_cell(tmp_path):
    rows = [{"submission": "=cmd.ipynb", "status": "finished", "q1": 1.0, "total": 1.0,
             "possible": 2.0, "reason": "-bad", "lost": "q1: @x"}]
    write_grades(tmp_path / "grades.csv", rows, ["q1"])
    (row,) = list(csv.DictReader(open(tmp_path / "grades.csv", encoding="utf-8")))
    assert row["submission"] == "'=cmd.ipynb" and row["reason"] == "'-bad"
    assert row["lost"] == "q1: @x" and row["q1"] == "1.0"


def _record(total: float, scores: dict[str, float], lost: dict[str, str] | None = None) -> dict:
    return {"submission": "s", "status": "finished", "total": total, "possible": 4.0,
            "reason": "", "lost": lost or {}, "log": {},
            "questions": {q: {"score": s, "possible": 2.0 if q == "q1" else 1.0, "cases": []}
                          for q, s in scores.items()}}


def test_feedback_gives_points_messages_and_cells_as_the_student_counts_them():
    record = _record(1.0, {"q1": 1.0})
    record["questions"]["q1"]["cases"] = [
        {"name": "q1 - 1", "hidden": False, "passed": True, "message": ""},
        {"name": "q1 - 2", "hidden": True, "passed": False,
         "message": "`M` is a number but not the expected value."}]
    record["log"] = {"errors": [{"cell": 7, "line": "M = f(x)", "error": "NameError: name 'f'",
                                 "assigns": ["M"]}]}
    text = feedback_markdown(record)
    assert "**Score: 1 / 4**" in text and "## q1: 1 / 2" in text
    assert "`M` is a number but not the expected value." in text
    assert "Cell 7 (`M = f(x)`): NameError" in text and "It assigns `M`" in text
    assert "counted from the top of the notebook, text cells included" in text


def test_item_analysis_matches_hand_computed_figures():
    # q1 (2 pts) separates strong from weak students; q2 (1 pt) is lost by the strong ones
    scores = [(2, 0), (2, 0), (2, 1), (1, 1), (0, 1), (0, 1), (0, 1), (2, 0)]
    records = [_record(a + b, {"q1": a, "q2": b},
                       {"q2": "`x` = 'Ohio' is not the expected label."} if b == 0 else {})
               for a, b in scores]
    items = {i["question"]: i for i in item_analysis(records, ["q1", "q2"])}
    q1 = np.array([a for a, _ in scores], float)
    q2 = np.array([b for _, b in scores], float)
    total = q1 + q2
    assert items["q1"]["mean"] == pytest.approx(q1.mean(), abs=1e-4)
    assert items["q1"]["full_marks_share"] == pytest.approx(np.mean(q1 == 2), abs=1e-4)
    assert items["q2"]["item_rest_r"] == pytest.approx(np.corrcoef(q2, total - q2)[0, 1],
                                                       abs=1e-4)
    k = round(0.27 * len(scores))  # Kelley's upper and lower 27 %
    order = np.argsort(total, kind="stable")
    d = q2[order[-k:]].mean() - q2[order[:k]].mean()
    assert items["q2"]["discrimination"] == pytest.approx(d, abs=1e-4)
    assert items["q2"]["flag"] == "review" and items["q1"]["discrimination"] > 0.5
    assert items["q2"]["most_common_reason"] == "`x` = '…' is not the expected label."
    assert items["q2"]["reason_count"] == 3


def test_item_analysis_page_has_a_chart_and_a_table(tmp_path):
    records = [_record(a + b, {"q1": a, "q2": b}) for a, b in [(2, 1), (1, 0), (0, 1), (2, 0)]]
    write_item_analysis(tmp_path, records, ["q1", "q2"], "ch01<script>")
    page = (tmp_path / "item_analysis.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<table>" in page and "ch01&lt;script&gt;" in page
    assert "http" not in page.split("<svg", 1)[0].replace("http-equiv", "")
    rows = list(csv.DictReader(open(tmp_path / "item_analysis.csv", encoding="utf-8")))
    assert [r["question"] for r in rows] == ["q1", "q2"]


def test_rejected_files_are_left_out_of_the_item_analysis():
    records = [_record(2, {"q1": 2, "q2": 0}), {"status": "rejected", "questions": {}}]
    (q1, _) = item_analysis(records, ["q1", "q2"])
    assert q1["n"] == 1

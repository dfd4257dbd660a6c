"""Scoring fails one answer at a time, never the whole submission (issue 22)."""

from __future__ import annotations

import json
import zipfile

import pytest

from coursegrader.score import Scorer, read_tests, score_answers
from coursekit import __version__
from coursekit.grading.reference import reference_record
from coursekit.grading.values import to_data

_HEADER = "from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = {q!r}\npoints = None\n\n"
_HIDDEN = """@test_case(points=1, hidden=True)
def test_{q}_{a}({a}):
    from coursekit.grading.reference import compare
    compare({a!r}, {a}).require()

"""
_CRASH = """@test_case(points=1, hidden=False)
def test_q3_public(c):
    import os
    if c == "crash":
        os._exit(1)

"""


@pytest.fixture
def bundle(tmp_path):
    tests = {"q1": _HEADER.format(q="q1") + _HIDDEN.format(q="q1", a="a"),
             "q2": _HEADER.format(q="q2") + _HIDDEN.format(q="q2", a="b"),
             "q3": _HEADER.format(q="q3") + _CRASH}
    zip_path = tmp_path / "x-autograder.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        for q, src in tests.items():
            z.writestr(f"tests/{q}.py", src)
    ref = tmp_path / "reference.json"
    ref.write_text(json.dumps(reference_record({"a": to_data(0.25), "b": to_data("Ohio")},
                                               __version__, "3.11")))
    return zip_path, ref


def test_a_malformed_answer_fails_its_own_question_only(bundle):
    zip_path, ref = bundle
    answers = {"a": {"t": "ndarray", "dtype": "float64", "shape": [5], "data": [1.0]},
               "b": to_data("ohio "), "c": to_data(1)}
    result = score_answers(read_tests(str(zip_path)), answers, str(ref))
    assert result["q1"]["score"] == 0 and result["q2"]["score"] == 1 and result["q3"]["score"] == 1
    assert "must be a number" in result["q1"]["cases"][0]["message"]


def test_messages_are_the_checks_own_not_tracebacks(bundle):
    zip_path, ref = bundle
    result = score_answers(read_tests(str(zip_path)), {"b": to_data("Texas")}, str(ref))
    message = result["q2"]["cases"][0]["message"]
    assert message == ("`b` = 'Texas' is not the expected label. Check your computation (case "
                       "and surrounding spaces do not matter).")
    assert "Ohio" not in message and "Traceback" not in message


def test_a_scorer_that_dies_costs_only_the_question_it_died_on(bundle):
    zip_path, ref = bundle
    scorer = Scorer(str(zip_path), str(ref))
    try:
        result, broken = scorer.score({"a": to_data(0.25), "b": to_data("Ohio"),
                                       "c": to_data("crash")})
        assert broken == ["q3"]
        assert result["q1"]["score"] == 1 and result["q2"]["score"] == 1
        assert result["q3"]["score"] == 0 and "could not check" in result["q3"]["cases"][0][
            "message"]
        again, broken = scorer.score({"a": to_data(0.25), "b": to_data("Ohio"), "c": to_data(1)})
        assert broken == [] and sum(q["score"] for q in again.values()) == 3
    finally:
        scorer.close()

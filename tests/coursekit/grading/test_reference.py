"""Tests for coursekit.grading.reference: hidden tests compare an answer with the reference
value saved when the assignment was built, and never show that value."""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.grading import reference
from coursekit.grading.values import to_data


def _write(path, answers, version=None):
    import json
    record = reference.reference_record({k: to_data(v) for k, v in answers.items()},
                                        version or reference._version(), "3.11")
    path.write_text(json.dumps(record))
    return path


@pytest.fixture
def saved(tmp_path):
    """A reference.json with a number, a label and a Series, registered with use_reference."""
    path = _write(tmp_path / "reference.json",
                  {"share": 0.25, "state": "Ohio",
                   "gini": pd.Series([0.125, 0.5], index=["a", "b"])})
    reference.use_reference(path)
    reference._load.cache_clear()
    yield path
    reference.use_reference(None)
    reference._load.cache_clear()


def test_right_answers_pass_and_wrong_ones_fail_without_the_expected_value(saved):
    assert reference.compare("share", 0.25).passed
    assert reference.compare("state", " ohio ").passed  # case and spaces ignored
    assert reference.compare("gini", pd.Series([0.5, 0.125], index=["b", "a"])).passed
    for name, wrong in (("share", 0.3), ("state", "Texas"), ("state", 3),
                        ("gini", pd.Series([0.5, 0.5], index=["a", "b"]))):
        result = reference.compare(name, wrong)
        assert not result.passed and result.message.startswith(f"`{name}`")
        for shown in ("0.25", "Ohio", "0.125"):
            assert shown not in result.message, "the reference value leaked"


def test_answers_of_the_wrong_kind_fail_with_a_message(saved):
    assert not reference.compare("share", "0.25").passed
    assert not reference.compare("gini", [0.125, 0.5]).passed
    assert not reference.compare("gini", pd.Series([1, 2], index=["a", "b"],
                                                   dtype="category")).passed


def test_unknown_names_and_missing_files_fail_instead_of_raising(saved, tmp_path):
    missing = reference.compare("nope", 1.0)
    assert not missing.passed and "no reference value" in missing.message
    reference.use_reference(tmp_path / "absent.json")
    assert not reference.compare("share", 0.25).passed


def test_another_version_of_coursekit_fails_every_answer(tmp_path):
    """Grades never drift silently: a reference computed by another version is refused."""
    reference.use_reference(_write(tmp_path / "reference.json", {"share": 0.25}, "0.0.1"))
    reference._load.cache_clear()
    try:
        result = reference.compare("share", 0.25)
        assert not result.passed and "0.0.1" in result.message
    finally:
        reference.use_reference(None)


def test_the_reference_beside_the_calling_test_file_is_found(tmp_path):
    """otter copies the bundle's tests/ folder (with reference.json) beside the submission."""
    _write(tmp_path / "reference.json", {"share": 0.25})
    test_file = tmp_path / "q1.py"
    test_file.write_text("from coursekit.grading.reference import compare\n"
                         "result = compare('share', 0.25)\n")
    namespace: dict = {}
    reference._load.cache_clear()
    exec(compile(test_file.read_text(), str(test_file), "exec"), namespace)
    assert namespace["result"].passed


def test_load_reference_says_where_it_looks(monkeypatch):
    reference.use_reference(None)
    monkeypatch.setattr(reference, "_GRADESCOPE", reference.Path("/nonexistent/reference.json"))
    with pytest.raises(FileNotFoundError, match="use_reference"):
        reference.load_reference()

"""Tests for coursekit.grading.reference: hidden tests compare an answer with the reference
value saved when the assignment was built, and never show that value."""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.grading import reference
from coursekit.grading.values import dumps


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """A reference.json with a number, a label and a Series, found through the variable."""
    path = tmp_path / "reference.json"
    path.write_text(dumps({"share": 0.25, "state": "Ohio",
                           "gini": pd.Series([0.125, 0.5], index=["a", "b"])}))
    monkeypatch.setenv(reference.REFERENCE_ENV, str(path))
    reference._load.cache_clear()
    yield path
    reference._load.cache_clear()


def test_right_answers_pass_and_wrong_ones_fail_without_the_expected_value(saved):
    assert reference.compare("share", 0.25).passed
    assert reference.compare("state", " ohio ").passed  # case and spaces ignored
    assert reference.compare("gini", pd.Series([0.5, 0.125], index=["b", "a"])).passed
    for name, wrong in (("share", 0.3), ("state", "Texas"),
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


def test_unknown_names_and_missing_files_fail_instead_of_raising(saved, tmp_path, monkeypatch):
    missing = reference.compare("nope", 1.0)
    assert not missing.passed and "no reference value" in missing.message
    monkeypatch.setenv(reference.REFERENCE_ENV, str(tmp_path / "absent.json"))
    assert not reference.compare("share", 0.25).passed


def test_load_reference_says_where_it_looks(monkeypatch):
    monkeypatch.delenv(reference.REFERENCE_ENV, raising=False)
    monkeypatch.setattr(reference, "_GRADESCOPE", reference.Path("/nonexistent/reference.json"))
    with pytest.raises(FileNotFoundError, match=reference.REFERENCE_ENV):
        reference.load_reference()

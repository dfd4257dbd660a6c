"""Translated student notebooks: the English notebook's code and tests, translated prompts."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT
from coursebook import translated_notebooks as tn

TRANSLATED = sorted((ROOT / "notebooks" / "student").glob("*/*.ipynb"))
_CODE = re.compile(r"`([^`]+)`")
_MATH = re.compile(r"\$[^$]+\$")


def test_the_pilot_is_there():
    assert ROOT / "notebooks" / "student" / "zh_CN" / "ch01_definitions.ipynb" in TRANSLATED


@pytest.mark.parametrize("path", TRANSLATED, ids=[p.parent.name + "/" + p.stem for p in TRANSLATED])
def test_same_code_same_tests_translated_prompts(path):
    english = nbformat.read(ROOT / "notebooks" / "student" / path.name, as_version=4)
    other = nbformat.read(path, as_version=4)
    assert other.metadata == english.metadata  # otter's tests live here
    assert [c.cell_type for c in other.cells] == [c.cell_type for c in english.cells]
    for a, b in zip(english.cells, other.cells, strict=True):
        if a.cell_type != "markdown":
            assert a == b, "a code cell differs from the English notebook"
            continue
        assert a.source != b.source, f"not translated: {a.source[:60]!r}"
        assert sorted(_CODE.findall(a.source)) == sorted(_CODE.findall(b.source)), a.source[:60]
        assert sorted(_MATH.findall(a.source)) == sorted(_MATH.findall(b.source)), a.source[:60]
        typed = set(re.findall(r"\d+", _CODE.sub("", b.source))) - set(
            re.findall(r"\d+", _CODE.sub("", a.source)))
        assert not typed, f"numbers {typed} not in the English {a.source[:60]!r}"


def test_translated_notebooks_are_up_to_date():
    assert tn.write_translated(ROOT, check=True) == 0


def test_a_changed_english_prompt_has_no_translation():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("**Q1.** Old"),
                                         nbformat.v4.new_code_cell("x = ...")])
    assert tn.translate_notebook(nb, {"**Q1.** Old": "**第 1 题**。旧"}).cells[0].source == \
        "**第 1 题**。旧"
    nb.cells[0].source = "**Q1.** New"
    with pytest.raises(ValueError, match="cell 0: '\\*\\*Q1.\\*\\* New'"):
        tn.translate_notebook(nb, {"**Q1.** Old": "**第 1 题**。旧"})

"""Assignment specs are checked, and the generated master notebook follows otter's format."""

from __future__ import annotations

import pytest

from conftest import ROOT
from coursebook.assignments import (
    answer_names,
    chapter_setup,
    chapter_solution,
    load_spec,
    master_notebook,
)

SPEC = ROOT / "notebooks" / "ch01_definitions.yml"


def test_master_notebook_has_prompt_stubs_solutions_and_comparing_hidden_tests():
    nb = master_notebook(load_spec(SPEC), ROOT)
    sources = [c.source for c in nb.cells]
    assert sources[0].startswith("# ASSIGNMENT CONFIG")
    assert any('""" # BEGIN PROMPT\nM = ...\n"""; # END PROMPT' in s for s in sources)
    hidden = [s for s in sources if "hidden: true" in s]
    assert hidden and all("compare(" in s for s in hidden)
    assert [c["id"] for c in nb.cells] == [f"cell-{i:03d}" for i in range(len(nb.cells))]


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace("name: ch01_definitions", "name: other"), "must equal the file name"),
    (lambda t: t.replace("kind: frame", "kind: matrix", 1), "has kind 'matrix'"),
    (lambda t: t.replace("solution: ch01-q1", "solution: ch01-q1\n    code: x = 1", 1),
     "exactly one of 'solution'"),
    (lambda t: t.replace("points: 1, shape: [51, 20]", "points: 0, shape: [51, 20]"),
     "needs 'points' >= 1"),
])
def test_spec_errors_name_the_file_question_and_field(tmp_path, edit, message):
    bad = tmp_path / "ch01_definitions.yml"
    bad.write_text(edit(SPEC.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_spec(bad)


def test_missing_tag_says_how_to_tag_the_chapter():
    with pytest.raises(ValueError, match=r"tag the chapter's solution cell with `:tags: \[ch99-q1\]`"):
        chapter_solution(ROOT / "chapters" / "definitions.md", "ch99-q1")


def test_answer_names_are_unique_across_questions():
    names = answer_names(load_spec(SPEC))
    assert len(names) == len(set(names))


def test_setup_comes_from_the_chapter_cells_tagged_for_it(tmp_path):
    """Issue 21 §4: one source for the setup, the chapter's cells tagged ``chNN-setup``."""
    chapter = tmp_path / "chapters" / "page.md"
    chapter.parent.mkdir()
    chapter.write_text("---\njupytext:\n  text_representation:\n    extension: .md\n"
                       "    format_name: myst\n"
                       "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# Page\n\n"
                       "```{code-cell} ipython3\n:tags: [ch09-setup]\nimport coursekit as ck\n```\n\n"
                       "Text.\n\n```{code-cell} ipython3\nx = 1\n```\n\n"
                       "```{code-cell} ipython3\n:tags: [ch09-setup, ch09-q1]\n"
                       "us = ck.data.load_us_susb_2021()\n```\n", encoding="utf-8")
    spec = {"chapter": "chapters/page.md", "setup": {"from": "ch09-setup"}}
    assert chapter_setup(spec, tmp_path) == ("import coursekit as ck\n\n"
                                            "us = ck.data.load_us_susb_2021()")
    assert chapter_setup({"chapter": "x", "setup": "import numpy as np\n"}, tmp_path) == (
        "import numpy as np\n")


@pytest.mark.parametrize("setup", ["{form: ch01-setup}", "[a, b]", "{from: 3}"])
def test_a_malformed_setup_says_what_to_write(tmp_path, setup):
    text = SPEC.read_text(encoding="utf-8")
    start = text.index("setup:")
    end = text.index("questions:")
    bad = tmp_path / "ch01_definitions.yml"
    bad.write_text(text[:start] + f"setup: {setup}\n" + text[end:], encoding="utf-8")
    with pytest.raises(ValueError, match=r"setup: .*chapter tag"):
        load_spec(bad)

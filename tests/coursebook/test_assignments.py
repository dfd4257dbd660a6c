"""Assignment specs are checked, and the generated master notebook follows otter's format."""

from __future__ import annotations

import pytest

from conftest import ROOT
from coursebook.assignments import (
    answer_names,
    chapter_exercise,
    chapter_setup,
    chapter_solution,
    exercise_of_tag,
    load_spec,
    master_notebook,
    question_prompt,
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


_PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---

# Page

::::{exercise}
:label: ex-page-lq

Compute the location quotient of *Information* in Washington {cite:p}`porter1998clusters`
and store it in `lq_wa_info`.
::::

::::{solution-start} ex-page-lq
:class: dropdown
::::

```{code-cell} ipython3
:tags: [ch09-q1]
lq_wa_info = 1.0
```

::::{solution-end}
::::

```{code-cell} ipython3
:tags: [ch09-q2]
x = 2
```
"""


def test_a_prompt_is_the_chapters_exercise_with_points_and_the_answers_to_store(tmp_path):
    """Issue 21 §4: book and assignment cannot drift, the prompt is the exercise's text."""
    chapter = tmp_path / "page.md"
    chapter.write_text(_PAGE, encoding="utf-8")
    q = {"name": "q1", "exercise": "ex-page-lq", "public_points": 1, "solution": "ch09-q1",
         "answers": [{"name": "lq_wa_info", "kind": "number", "points": 2}]}
    prompt = question_prompt(q, 1, chapter, ROOT / "references.bib")
    assert prompt.startswith("**Question 1 (3 points).** Compute the location quotient")
    assert "(Porter, 1998)" in prompt and "{cite" not in prompt
    assert prompt.endswith("- `lq_wa_info`: a number")
    assert exercise_of_tag(chapter, "ch09-q1") == "ex-page-lq"
    assert exercise_of_tag(chapter, "ch09-q2") is None
    with pytest.raises(ValueError, match=r"no exercise labelled 'ex-page-nope'.*ex-page-lq"):
        chapter_exercise(chapter, "ex-page-nope")


def test_a_prompt_cannot_use_what_only_the_build_knows(tmp_path):
    chapter = tmp_path / "page.md"
    chapter.write_text(_PAGE.replace("in Washington", "in {numref}`tab-x`"), encoding="utf-8")
    q = {"name": "q1", "exercise": "ex-page-lq", "answers": []}
    with pytest.raises(ValueError, match=r"uses \{numref\}.*give the question a 'prompt:'"):
        question_prompt(q, 1, chapter)


def test_prompt_or_exercise_exactly_one(tmp_path):
    text = SPEC.read_text(encoding="utf-8")
    bad = tmp_path / "ch01_definitions.yml"
    bad.write_text(text.replace("solution: ch01-q1", "exercise: ex-x\n    solution: ch01-q1", 1)
                   if "prompt:" in text.split("solution: ch01-q1")[0].split("name: q1")[1]
                   else text.replace("solution: ch01-q1", "prompt: x\n    solution: ch01-q1", 1),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one of 'exercise'"):
        load_spec(bad)


@pytest.mark.parametrize("spec_path", sorted((ROOT / "notebooks").glob("ch*.yml")),
                         ids=lambda p: p.stem)
def test_questions_answered_in_an_exercise_take_its_text(spec_path):
    """A question whose solution lies inside an exercise's solution gets its prompt from that
    exercise (``exercise: <label>``), so the book and the assignment say the same thing."""
    spec = load_spec(spec_path)
    chapter = ROOT / spec["chapter"]
    problems = []
    for q in spec["questions"]:
        label = exercise_of_tag(chapter, q["solution"]) if "solution" in q else None
        if label is not None and q.get("exercise") != label:
            problems.append(f"{q['name']}: its solution is in exercise {label!r}; write "
                            f"'exercise: {label}' instead of a prompt")
    assert isinstance(spec["setup"], dict), "setup: {from: <chapter tag>} (one source)"
    assert not problems, f"{spec_path.name}:\n" + "\n".join(problems)

"""Graded assignments from one source: a small spec plus the chapter's own solution code.

Each assignment is described by ``notebooks/<name>.yml``::

    name: ch01_definitions
    chapter: chapters/definitions.md      # where solution tags are looked up
    title: Assignment 1 — ...
    intro: |                               # Markdown under the title
      ...
    setup: {from: ch01-setup}              # first code cell: imports and data, the
                                           # chapter's cells tagged ch01-setup (joined);
                                           # or the code itself (setup: | ...)
    questions:
      - name: q1
        exercise: ex-definitions-lq        # the prompt is the chapter's exercise of this label
                                           # (plain Markdown), headed "Question 1 (P points)"
                                           # and followed by the answers to store
        # prompt: |                        # ... or Markdown written here, for a question
        #   **Question 1 (2 points).** ... #     whose solution is not inside an exercise
        solution: ch01-q1                  # tag of the chapter's code cell(s) that answer it
        # code: |                          # ... or the solution itself, for a question the
        #   ...                            #     chapter does not pose
        public_points: 1                   # points of the public (shape/type) test
        answers:                           # the variables the student must define
          - {name: M, kind: frame, points: 1, shape: [51, 20], low: 0, rtol: 1.0e-9}

:func:`master_notebook` turns the spec into an otter-grader master notebook
(``notebooks/<name>.ipynb``, generated, never edited by hand): the solution is
the chapter's code, shown to students as ``name = ...`` stubs; the public test
of each question checks type, shape and plausibility; one hidden test per
answer calls :func:`coursekit.grading.reference.compare`, so no test contains
an expected value.  The reference values are computed from the solutions when
the assignment is built.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "answer_names", "chapter_exercise", "chapter_setup", "chapter_solution",
           "exercise_of_tag", "load_spec", "master_notebook", "question_prompt", "setup_cell"]

KINDS = ("number", "label", "series", "frame")
_PUBLIC_MSG = ("'Public test passed: your answer has the right type and a plausible value. "
               "Only the PUBLIC tests have run; the HIDDEN tests that check the value itself "
               "run when your notebook is graded.'")
_PUBLIC_FAIL = ("'Public test failed: see the message below (it says what was expected and "
                "what your answer is). Only the public tests have run; hidden tests check the "
                "value at grading.'")
_HOW_TO = """**How to work.** Run the setup cell at the top first (on Colab it installs what the
notebook needs). Replace each `...` with your answer and run the cell. The
`grader.check(...)` cell after each question runs the **public tests only**: they check
that your answer has the right *type and shape* and a *plausible* value. Passing them does
**not** mean the answer is right: **hidden tests**, which check the values themselves, run
only when your instructor grades the notebook. Keep the variable names exactly as given."""


def _fail(path: Path, where: str, problem: str) -> None:
    raise ValueError(f"Assignment spec {path.name}, {where}: {problem}")


def load_spec(path: str | Path) -> dict[str, Any]:
    """Read and check an assignment spec; errors name the file, the question and the field."""
    import yaml

    path = Path(path)
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict):
        _fail(path, "top level", "must be a mapping")
    for key in ("name", "chapter", "title", "setup", "questions"):
        if key not in spec:
            _fail(path, "top level", f"the field {key!r} is missing")
    setup = spec["setup"]
    if not (isinstance(setup, str) or (isinstance(setup, dict) and set(setup) == {"from"}
                                       and isinstance(setup["from"], str))):
        _fail(path, "setup", f"give the code (setup: |) or a chapter tag (setup: {{from: "
                             f"{spec['name'][:4]}-setup}}), got {setup!r}")
    if spec["name"] != path.stem:
        _fail(path, "name", f"must equal the file name {path.stem!r}, got {spec['name']!r}")
    seen: set[str] = set()
    for i, q in enumerate(spec["questions"], start=1):
        where = f"question {i} ({q.get('name', '?')})"
        for key in ("name", "answers"):
            if key not in q:
                _fail(path, where, f"the field {key!r} is missing")
        if ("prompt" in q) == ("exercise" in q):
            _fail(path, where, "give exactly one of 'exercise' (the label of the chapter's "
                               "exercise whose text is the prompt) and 'prompt' (Markdown)")
        if ("solution" in q) == ("code" in q):
            _fail(path, where, "give exactly one of 'solution' (a chapter tag) and 'code'")
        for a in q["answers"]:
            if a.get("kind") not in KINDS:
                _fail(path, where, f"answer {a.get('name')!r} has kind {a.get('kind')!r}; "
                                   f"use one of {KINDS}")
            if a["name"] in seen:
                _fail(path, where, f"answer {a['name']!r} is used by two questions")
            seen.add(a["name"])
            if not isinstance(a.get("points", 0), int) or a.get("points", 0) < 1:
                _fail(path, where, f"answer {a['name']!r} needs 'points' >= 1 (hidden test)")
    return spec


def answer_names(spec: dict[str, Any]) -> list[str]:
    """Every answer variable of the assignment, in question order."""
    return [a["name"] for q in spec["questions"] for a in q["answers"]]


def chapter_solution(chapter: str | Path, tag: str) -> str:
    """The source of the chapter's code cells tagged ``tag``, joined (the single source)."""
    import jupytext

    nb = jupytext.read(str(chapter))
    parts = [cell.source for cell in nb.cells
             if cell.cell_type == "code" and tag in cell.metadata.get("tags", [])]
    if not parts:
        raise ValueError(f"No code cell of {Path(chapter).name} is tagged {tag!r}; tag the "
                         f"chapter's solution cell with `:tags: [{tag}]`.")
    return "\n\n".join(parts)


def chapter_setup(spec: dict[str, Any], root: str | Path) -> str:
    """The assignment's setup code: the chapter's cells tagged ``setup["from"]``, or the code.

    One source: the imports and data loading a student runs first are those of the chapter.
    """
    setup = spec["setup"]
    if isinstance(setup, dict):
        return chapter_solution(Path(root) / spec["chapter"], setup["from"])
    return str(setup)


_KIND_WORDS = {"number": "a number", "label": "a label from the data (text)",
               "series": "a pandas Series", "frame": "a pandas DataFrame"}
#: Roles whose text only the book build knows (numbers, glued values): not in prompts.
_BUILD_ROLES = ("glue", "eq", "ref", "numref", "doc")


def _exercise_blocks(text: str) -> dict[str, tuple[int, int, str]]:
    """label -> (first line, last line, body) of every ``:::{exercise}`` block of a page."""
    import re

    lines = text.splitlines()
    out: dict[str, tuple[int, int, str]] = {}
    i = 0
    while i < len(lines):
        m = re.match(r"^(:{3,})\{exercise\}", lines[i])
        if not m:
            i += 1
            continue
        fence, start, j, label = m.group(1), i, i + 1, None
        while j < len(lines) and re.match(r"^:[\w-]+:", lines[j]):
            found = re.match(r"^:label:\s*(\S+)", lines[j])
            label = found.group(1) if found else label
            j += 1
        body_start = j
        while j < len(lines) and lines[j].rstrip() != fence:
            j += 1
        if label is not None:
            out[label] = (start, j, "\n".join(lines[body_start:j]).strip())
        i = j + 1
    return out


def chapter_exercise(chapter: str | Path, label: str) -> str:
    """The MyST text of the chapter's exercise labelled ``label``."""
    blocks = _exercise_blocks(Path(chapter).read_text(encoding="utf-8"))
    if label not in blocks:
        raise ValueError(f"{Path(chapter).name} has no exercise labelled {label!r}; its "
                         f"exercises are {sorted(blocks)}.")
    return blocks[label][2]


def exercise_of_tag(chapter: str | Path, tag: str) -> str | None:
    """The label of the exercise whose solution holds the code cell tagged ``tag``, if any."""
    import re

    label = None
    for line in Path(chapter).read_text(encoding="utf-8").splitlines():
        start = re.match(r"^:{3,}\{solution-start\}\s*(\S+)", line)
        if start:
            label = start.group(1)
        elif re.match(r"^:{3,}\{solution-end\}", line):
            label = None
        tags = re.match(r"^:tags:\s*\[(.*)\]", line)
        if tags and tag in [t.strip().strip("'\"") for t in tags.group(1).split(",")]:
            return label
    return None


def question_prompt(q: dict[str, Any], number: int, chapter: str | Path,
                    bibliography: str | Path | None = None) -> str:
    """The Markdown prompt of question ``q`` (the ``number``-th of its assignment).

    With ``prompt:`` in the spec, that text.  With ``exercise: <label>``, the chapter's
    exercise as plain Markdown (citations author–year from ``bibliography``), headed
    "**Question K (P points).**" and followed by the list of answers to store, so the book
    and the assignment ask the same thing.
    """
    if "prompt" in q:
        return str(q["prompt"]).strip()
    from coursebook.notebooks import _ROLE, Citations, plain_markdown

    label = q["exercise"]
    text = chapter_exercise(chapter, label)
    needs_build = sorted({m.group("role") for m in _ROLE.finditer(text)
                          if m.group("role").split(":")[0] in _BUILD_ROLES})
    if needs_build:
        raise ValueError(f"Exercise {label!r} of {Path(chapter).name} uses "
                         f"{', '.join('{' + r + '}' for r in needs_build)}, whose text only the "
                         f"book build knows; name the table or value in words, or give the "
                         f"question a 'prompt:' in its spec.")
    cites = Citations(Path(bibliography)) if bibliography else None
    body = plain_markdown(text, "", None, cites).strip()
    points = int(q.get("public_points", 1)) + sum(int(a["points"]) for a in q["answers"])
    store = "\n".join(f"- `{a['name']}`: {_KIND_WORDS[a['kind']]}" for a in q["answers"])
    return (f"**Question {number} ({points} points).** {body}\n\n"
            f"Store your answers in these variables (the tests read them by name):\n\n{store}")


def _args(options: dict[str, Any]) -> str:
    parts = []
    for key in ("length", "shape", "index", "columns", "low", "high", "integer"):
        if key in options:
            value = options[key]
            parts.append(f"{key}={tuple(value)!r}" if key == "shape" else f"{key}={value!r}")
    return ", ".join(parts)


def _public_line(a: dict[str, Any]) -> tuple[str, str]:
    name, kind = a["name"], a["kind"]
    args = _args(a)
    args = f", {args}" if args else ""
    if kind == "number":
        return "check_number", f"check_number({name}, {name!r}{args}).require()"
    if kind == "series":
        return "check_series", f"check_series({name}, {name!r}{args}).require()"
    if kind == "frame":
        return "check_frame", f"check_frame({name}, {name!r}{args}).require()"
    options = a.get("options_code") or repr(list(a.get("options", [])))
    return "check_choice", f"check_choice({name}, {name!r}, {options}).require()"


def _code(source: str) -> Any:
    import nbformat

    return nbformat.v4.new_code_cell(source)


def _raw(source: str) -> Any:
    import nbformat

    return nbformat.v4.new_raw_cell(source)


def _md(source: str) -> Any:
    import nbformat

    return nbformat.v4.new_markdown_cell(source)


def _question_cells(q: dict[str, Any], solution: str, prompt: str) -> list[Any]:
    names = [a["name"] for a in q["answers"]]
    stubs = "\n".join(f"{n} = ..." for n in names)
    cells = [_raw(f"# BEGIN QUESTION\nname: {q['name']}"), _md(prompt),
             _raw("# BEGIN SOLUTION"),
             _code(f'""" # BEGIN PROMPT\n{stubs}\n"""; # END PROMPT\n'
                   f"# BEGIN SOLUTION NO PROMPT\n{solution.strip()}\n# END SOLUTION"),
             _raw("# END SOLUTION"), _raw("# BEGIN TESTS")]
    checks = [_public_line(a) for a in q["answers"]]
    imports = ", ".join(sorted({c for c, _ in checks}))
    needs_ck = any("ck." in line for _, line in checks)
    params = ", ".join(names)
    body = ["    import coursekit as ck"] if needs_ck else []
    body += [f"    from coursekit.grading import {imports}"] + [f"    {line}" for _, line in checks]
    cells.append(_code(
        f'""" # BEGIN TEST CONFIG\npoints: {int(q.get("public_points", 1))}\n'
        f"success_message: {_PUBLIC_MSG}\nfailure_message: {_PUBLIC_FAIL}\n"
        f'""" # END TEST CONFIG\n'
        f"def test_{q['name']}_public({params}):\n" + "\n".join(body) +
        f"\ntest_{q['name']}_public({params})"))
    for a in q["answers"]:
        tol = f", rtol={float(a.get('rtol', 1e-6))!r}, atol={float(a.get('atol', 1e-9))!r}"
        cells.append(_code(
            f'""" # BEGIN TEST CONFIG\nhidden: true\npoints: {int(a["points"])}\n'
            f'""" # END TEST CONFIG\n'
            f"def test_{q['name']}_{a['name']}({a['name']}):\n"
            f"    from coursekit.grading.reference import compare\n"
            f"    compare({a['name']!r}, {a['name']}{tol}).require()\n"
            f"test_{q['name']}_{a['name']}({a['name']})"))
    cells += [_raw("# END TESTS"), _raw("# END QUESTION")]
    return cells


def _pinned(root: Path, package: str) -> str:
    """``package==version`` as the course's lock (requirements.txt) pins it."""
    for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.split("==")[0].strip().lower() == package.lower() and "==" in line:
            return line.split("#")[0].strip()
    raise ValueError(f"requirements.txt does not pin {package!r}; add '{package}==<version>'.")


def setup_cell(name: str, url: str, branch: str, otter: str) -> str:
    """The student notebook's first cell: on Colab, install what the notebook needs and fetch
    its public tests (Colab cannot read a notebook's own metadata); anywhere, start otter.

    Elsewhere (Jupyter, Binder, the grader's sandbox) the ``if`` block does nothing.
    """
    repo = url.rstrip("/").removesuffix(".git")
    raw = repo.replace("https://github.com/", "https://raw.githubusercontent.com/", 1)
    return f'''# Setup. On Google Colab this installs the course package and the grader, and fetches
# this assignment's public tests (elsewhere it installs nothing). Run it first.
import sys

if "google.colab" in sys.modules:
    %pip install --quiet "coursekit @ git+{repo}@{branch}" "{otter}"
    import json, os, urllib.request
    with urllib.request.urlopen("{raw}/{branch}/notebooks/student/{name}.ipynb") as _r:
        _nb = _r.read()
    with open("{name}.ipynb", "wb") as _f:
        _f.write(_nb)
    os.makedirs("tests", exist_ok=True)
    for _q, _src in json.loads(_nb)["metadata"]["otter"]["tests"].items():
        with open(f"tests/{{_q}}.py", "w", encoding="utf-8") as _f:
            _f.write(_src)

import otter

grader = otter.Notebook("{name}.ipynb")'''


def master_notebook(spec: dict[str, Any], root: str | Path) -> Any:
    """The otter-grader master notebook of ``spec`` (chapter paths relative to ``root``)."""
    import nbformat
    import yaml

    root = Path(root)
    repo = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]
    # no init cell: the first cell (setup_cell) starts otter after installing it on Colab; the
    # autograder's environment is pinned to the course's lock by coursegrader.build
    config = {
        "name": spec["name"], "init_cell": False, "check_all_cell": True, "export_cell": False,
        "solutions_pdf": False, "run_tests": False,
        "tests": {"files": False, "ok_format": False},
        "generate": {"seed": 42, "pdf": False, "show_stdout": False},
    }
    cells = [
        _raw("# ASSIGNMENT CONFIG\n" + json.dumps(config, indent=1)),
        _md("# Ignore this notebook if you are a student\n\nThis is the **instructors' master "
            f"notebook** of `{spec['name']}`, with the solutions and the hidden tests in "
            f"otter-grader's format. It is **generated** from `notebooks/{spec['name']}.yml` "
            f"and the solution cells of `{spec['chapter']}` by `make assignments`: edit those, "
            f"not this file. Students open `notebooks/student/{spec['name']}.ipynb`."),
        _code(setup_cell(spec["name"], repo["url"], repo.get("branch", "main"),
                         _pinned(root, "otter-grader"))),
        _md(f"# {spec['title']}\n\n{spec.get('intro', '').strip()}\n\n{_HOW_TO}"),
        _code(chapter_setup(spec, root).strip()),
    ]
    for number, q in enumerate(spec["questions"], start=1):
        solution = (chapter_solution(root / spec["chapter"], q["solution"])
                    if "solution" in q else q["code"])
        prompt = question_prompt(q, number, root / spec["chapter"], root / "references.bib")
        cells += _question_cells(q, solution, prompt)
    cells.append(_md(spec.get("outro", "---\n\nWhen you are done, run the check-all cell below "
                                       "(public tests only), save the notebook and hand in the "
                                       "`.ipynb` file as your instructor asks.").strip()))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    return nb

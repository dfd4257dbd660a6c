"""Graded assignments: one source per exercise, deterministic builds, no leaks, honest grading.

The assignments are built twice from their specs (``notebooks/*.yml``) by the session
fixture ``built_assignments`` (tests/conftest.py); each build already stops if the
solutions do not score full marks or an empty notebook scores anything.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import zipfile

import nbformat
import pytest

from conftest import ROOT
from coursebook.assignments import (
    answer_names,
    chapter_setup,
    chapter_solution,
    load_spec,
    question_prompt,
)
from coursekit.grading.values import from_data

SPECS = sorted((ROOT / "notebooks").glob("*.yml"))
NAMES = [p.stem for p in SPECS]


def test_there_is_one_assignment_per_chapter_with_exercises():
    assert NAMES, "no assignment specs in notebooks/"
    for spec_path in SPECS:
        spec = load_spec(spec_path)
        assert len(spec["questions"]) >= 5, f"{spec_path.name}: at least five questions"


def test_committed_master_notebooks_are_generated_from_their_specs():
    proc = subprocess.run([sys.executable, "-m", "coursegrader", "build", "--check"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", NAMES)
def test_master_notebooks_are_committed_without_outputs(name):
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None


@pytest.mark.parametrize("name", NAMES)
def test_every_solution_comes_from_the_chapter(name):
    """A question backed by the chapter takes the chapter's tagged cell verbatim (one source)."""
    spec = load_spec(ROOT / "notebooks" / f"{name}.yml")
    master = "\n".join(c.source for c in
                       nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells)
    for q in spec["questions"]:
        if "solution" in q:
            code = chapter_solution(ROOT / spec["chapter"], q["solution"])
            assert code.strip() in master, f"{name} {q['name']}"


def test_every_tagged_chapter_cell_belongs_to_an_assignment():
    import jupytext

    used = {q["solution"] for p in SPECS for q in load_spec(p)["questions"] if "solution" in q}
    for page in sorted((ROOT / "chapters").glob("*.md")):
        nb = jupytext.read(str(page))
        for cell in nb.cells:
            for tag in cell.metadata.get("tags", []):
                if re.fullmatch(r"ch\d\d-q\d+", tag):
                    assert tag in used, f"{page.name}: tag {tag} is in no assignment spec"


@pytest.mark.parametrize("name", NAMES)
def test_hidden_tests_contain_no_expected_value(built_assignments, name):
    """Hidden tests only call compare(name, value, rtol, atol): no literal answer, no solution."""
    with zipfile.ZipFile(built_assignments.autograder(name)) as z:
        tests = {m: z.read(m).decode() for m in z.namelist() if m.startswith("tests/")}
    assert tests
    for member, src in tests.items():
        for node in ast.parse(src).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            deco = ast.unparse(node.decorator_list[0]) if node.decorator_list else ""
            if "hidden=True" not in deco:
                continue
            body = [n for stmt in node.body for n in ast.walk(stmt)]
            funcs = {n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
                     for n in body if isinstance(n, ast.Call)}
            assert funcs == {"compare", "require"}, f"{member}: {node.name} calls {funcs}"
            answer = node.args.args[0].arg
            for const in (n.value for n in body if isinstance(n, ast.Constant)):
                assert const == answer or isinstance(const, float), (
                    f"{member}: hidden test {node.name} contains the literal {const!r}")


@pytest.mark.parametrize("name", NAMES)
def test_reference_holds_every_answer_as_data(built_assignments, name):
    spec = load_spec(ROOT / "notebooks" / f"{name}.yml")
    reference = json.loads(built_assignments.reference(name).read_text(encoding="utf-8"))
    from coursekit import __version__

    assert reference["coursekit"] == __version__ and reference["python"].startswith("3.")
    reference = reference["answers"]
    assert sorted(reference) == sorted(answer_names(spec))
    for key, record in reference.items():
        value = from_data(record)
        assert type(value).__name__ != "Unsupported", key


@pytest.mark.parametrize("name", NAMES)
def test_book_and_assignment_agree_on_every_shared_answer(built_assignments, executed_pages,
                                                          name):
    """The chapter (run as a reader runs it) and the assignment's solutions give the same
    value for every answer variable they share."""
    from coursekit.grading.checks import check_close, check_label, check_values_close

    spec = load_spec(ROOT / "notebooks" / f"{name}.yml")
    page = spec["chapter"].removesuffix(".md")
    chapter = executed_pages[page]["answers"]
    reference = json.loads(built_assignments.reference(name).read_text(encoding="utf-8"))["answers"]
    shared = sorted(set(chapter) & set(reference))
    backed = [a["name"] for q in spec["questions"] if "solution" in q for a in q["answers"]]
    assert set(backed) <= set(shared), f"answers the chapter never defines: {set(backed) - set(shared)}"
    for key in shared:
        want, got = from_data(reference[key]), from_data(chapter[key])
        if isinstance(want, str):
            result = check_label(got, want, key)
        elif hasattr(want, "index"):
            result = check_values_close(got, want, key, rtol=1e-9, atol=1e-12)
        else:
            result = check_close(got, want, key, rtol=1e-9, atol=1e-12)
        assert result.passed, f"{name}: the book and the assignment disagree: {result.message}"


@pytest.mark.parametrize("name", NAMES)
def test_build_is_deterministic(built_assignments, name):
    a, b = built_assignments.a / name, built_assignments.b / name
    for rel in (f"student/{name}.ipynb", f"autograder/{name}.ipynb",
                f"autograder/{name}-autograder.zip", "autograder/reference.json"):
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between builds"


@pytest.mark.parametrize("name", NAMES)
def test_published_student_notebooks_are_up_to_date(built_assignments, name):
    published = ROOT / "notebooks" / "student" / f"{name}.ipynb"
    assert published.read_bytes() == built_assignments.student(name).read_bytes(), (
        f"{published.relative_to(ROOT)} is stale: run 'make assignments'")


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_leaks_no_solution_or_expected_value(built_assignments, name):
    raw = built_assignments.student(name).read_text(encoding="utf-8")
    text = raw + "\n".join(c.source for c in nbformat.reads(raw, as_version=4).cells)
    assert "# BEGIN SOLUTION" not in text and "hidden=True" not in text
    # the grading reference by any of its names (a chart's reference line is not one)
    assert not re.search(r"\bcompare\(|reference\.json|load_reference|use_reference|"
                         r"grading\.reference|reference values?|reference answers?", text), (
        "the student notebook mentions the grading reference")
    spec = load_spec(ROOT / "notebooks" / f"{name}.yml")
    given = chapter_setup(spec, ROOT) + "".join(  # shown on purpose
        question_prompt(q, i, ROOT / spec["chapter"], ROOT / "references.bib")
        for i, q in enumerate(spec["questions"], start=1))
    for q in spec["questions"]:
        code = (chapter_solution(ROOT / spec["chapter"], q["solution"]) if "solution" in q
                else q["code"])
        for line in code.splitlines():
            line = line.strip()
            if "=" in line and not line.startswith("#") and len(line) > 25 and line not in given:
                assert json.dumps(line)[1:-1] not in text, f"solution line leaked: {line}"
    reference = json.loads(built_assignments.reference(name).read_text(encoding="utf-8"))["answers"]
    for key, record in reference.items():
        value = from_data(record)
        if isinstance(value, float) and abs(value) > 1e-3 and abs(value * 2 - round(value * 2)) > 2e-3:
            for form in (f"{value:.4f}", f"{value:.3g}"):
                assert form not in text, f"the value of {key} ({form}) is in the student notebook"


@pytest.mark.parametrize("name", NAMES)
def test_public_messages_say_only_public_tests_ran(built_assignments, name):
    meta = nbformat.read(built_assignments.student(name), as_version=4).metadata["otter"]["tests"]
    assert meta
    for q, src in meta.items():
        assert "hidden=False" in src and "hidden=True" not in src, q
        for kind in ("success_message", "failure_message"):
            msg = re.search(kind + r"=['\"]([^'\"]*)['\"]", src)
            assert msg and "only the public tests have run" in msg.group(1).lower(), (q, kind)


@pytest.mark.parametrize("name", NAMES)
def test_solutions_score_full_marks(graded, name):
    res = graded[name]["results"]["solution.ipynb"]
    assert res["status"] == "finished", res
    assert res["possible"] > 0 and res["total"] == res["possible"], res["questions"]


@pytest.mark.parametrize("name", NAMES)
def test_unanswered_notebook_scores_zero_with_messages(graded, name):
    res = graded[name]["results"]["blank.ipynb"]
    assert res["total"] == 0
    for q, r in res["questions"].items():
        for case in r["cases"]:
            assert not case["passed"] and "not been answered" in case["message"], (q, case)


@pytest.mark.parametrize("name", NAMES)
def test_wrong_kind_answers_fail_with_a_message_not_an_exception(graded, name):
    res = graded[name]["results"]["wrong_kind.ipynb"]
    assert res["total"] == 0, res["questions"]
    for q, r in res["questions"].items():
        for case in r["cases"]:
            assert "Traceback" not in case["message"] and case["message"], (q, case)
            assert re.search(r"must be|must contain|has \d+ entries|not the expected label|not one of the labels|"
                             r"finite", case["message"]), (q, case)


def test_a_broken_solution_fails_the_build(tmp_path, monkeypatch):
    """A spec whose solution leaves an answer undefined must stop the build."""
    from coursegrader import build

    spec = (ROOT / "notebooks" / f"{NAMES[0]}.yml").read_text(encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    broken = re.sub(r"solution: (ch\d\d-q1)\n", "code: |\n      undefined_name + 1\n", spec,
                    count=1)
    assert broken != spec
    (notebooks / f"{NAMES[0]}.yml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(build, "NOTEBOOKS", notebooks)
    with pytest.raises(SystemExit, match="do not run cleanly"):
        build.build_one(notebooks / f"{NAMES[0]}.yml", tmp_path / "out", publish=False)

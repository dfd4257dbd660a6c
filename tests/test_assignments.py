"""Graded assignments (notebooks/*.ipynb, otter-grader): build, grade, leak and determinism checks.

Builds every master notebook twice with ``scripts/build_assignments.py`` into a
temporary folder and grades, with ``otter run`` (no Docker), the solutions, the
unanswered student notebook and a student notebook full of wrong-type answers.
About a minute on two cores.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dill
import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "build_assignments.py"
spec = importlib.util.spec_from_file_location("build_assignments", SCRIPT)
build_assignments = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_assignments)

MASTERS = build_assignments.masters()
NAMES = [m.stem for m in MASTERS]


def _otter_run(notebook: Path, autograder: Path, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-m", "otter", "run", "--no-logo", "-p", "-a", str(autograder),
         "-o", str(out), str(notebook)],
        capture_output=True, text=True, timeout=600, cwd=out,  # -p writes results.pkl to cwd
    )
    assert proc.returncode == 0, f"otter run crashed on {notebook.name}:\n{proc.stderr[-3000:]}"
    with open(out / "results.pkl", "rb") as f:
        return dill.load(f)


def _wrong_type_notebook(student: Path, dest: Path) -> Path:
    """Replace every ``name = ...`` placeholder by text or a list (alternately)."""
    nb = nbformat.read(student, as_version=4)
    k = 0

    def wrong(match: re.Match) -> str:
        nonlocal k
        k += 1
        value = '"not a number"' if k % 2 else "[1, 2, 3]"
        return f"{match.group(1)}{match.group(2)} = {value}"

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"(?m)^(\s*)(\w+) = \.\.\.\s*$", wrong, cell.source)
    assert k > 0
    dest.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest / student.name)
    return dest / student.name


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two independent builds, and the grading results of three kinds of submission."""
    base = tmp_path_factory.mktemp("assignments")
    for run in ("a", "b"):
        proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(base / run)],
                              capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    jobs = {}
    for name in NAMES:
        d = base / "a" / name
        ag = d / "autograder" / f"{name}-autograder.zip"
        student = d / "student" / f"{name}.ipynb"
        wrong = _wrong_type_notebook(student, base / "wrong" / name)
        jobs[(name, "solution")] = (d / "autograder" / f"{name}.ipynb", ag, base / "r" / name / "sol")
        jobs[(name, "blank")] = (student, ag, base / "r" / name / "blank")
        jobs[(name, "wrong")] = (wrong, ag, base / "r" / name / "wrong")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {key: pool.submit(_otter_run, *args) for key, args in jobs.items()}
        results = {key: f.result() for key, f in futures.items()}
    return {"dir": base, "results": results}


def _master_solution_lines(master: Path) -> list[str]:
    """Right-hand sides of ``# SOLUTION`` lines and lines inside BEGIN/END SOLUTION blocks."""
    nb = nbformat.read(master, as_version=4)
    lines, inside = [], False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            s = line.strip()
            if s.startswith("# BEGIN SOLUTION"):
                inside = True
            elif s.startswith("# END SOLUTION"):
                inside = False
            elif inside and s:
                lines.append(s)
            elif re.search(r"# ?SOLUTION\s*$", s):
                lines.append(re.sub(r"\s*# ?SOLUTION\s*$", "", s.split("=", 1)[1]).strip())
    return lines


def _hidden_tests(autograder_zip: Path) -> list[tuple[str, list[str], str]]:
    """(function name, parameters, source) of every hidden test case in the autograder."""
    found = []
    with zipfile.ZipFile(autograder_zip) as z:
        for member in z.namelist():
            if not (member.startswith("tests/") and member.endswith(".py")):
                continue
            src = z.read(member).decode()
            for node in ast.parse(src).body:
                if isinstance(node, ast.FunctionDef):
                    deco = ast.unparse(node.decorator_list[0]) if node.decorator_list else ""
                    if "hidden=True" in deco:
                        found.append((node.name, [a.arg for a in node.args.args],
                                      ast.get_source_segment(src, node)))
    return found


def _solution_values(autograder_nb: Path) -> dict:
    """Execute the solutions notebook in-process (without otter's cells); return its globals."""
    nb = nbformat.read(autograder_nb, as_version=4)
    env: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and "otter" not in cell.source and "grader." not in cell.source:
            exec(compile(cell.source, str(autograder_nb), "exec"), env)
    return env


def _numbers(value) -> list[float]:
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)):
        return [float(v) for v in np.asarray(value, dtype=float).ravel()]
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return [float(value)]
    return []


@pytest.mark.parametrize("master", MASTERS, ids=NAMES)
def test_master_notebooks_are_committed_without_outputs(master):
    nb = nbformat.read(master, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                f"{master.name}: clear the outputs before committing (cell {cell.get('id')})")


def test_there_are_master_notebooks():
    assert len(MASTERS) >= 2, "expected one master notebook per chapter with exercises"


@pytest.mark.parametrize("name", NAMES)
def test_solutions_score_full_marks(built, name):
    res = built["results"][(name, "solution")]
    assert res.possible > 0
    assert res.total == res.possible, res.summary()


@pytest.mark.parametrize("name", NAMES)
def test_unanswered_notebook_scores_zero_everywhere_without_crashing(built, name):
    res = built["results"][(name, "blank")]
    assert res.catastrophic_error is None
    assert len(res.results) >= 4
    for q, tf in res.results.items():
        assert tf.score == 0, f"{name} {q}: unanswered but scored {tf.score}"
        for tcr in tf.test_case_results:
            assert not tcr.passed
            assert "AssertionError" in tcr.message, (
                f"{name} {q}: an unanswered question must fail an assertion with a message, "
                f"not raise:\n{tcr.message}")


@pytest.mark.parametrize("name", NAMES)
def test_wrong_type_answers_fail_with_a_message_not_an_exception(built, name):
    res = built["results"][(name, "wrong")]
    assert res.catastrophic_error is None
    for q, tf in res.results.items():
        assert tf.score == 0, f"{name} {q}: wrong-type answers scored {tf.score}"
        for tcr in tf.test_case_results:
            assert not tcr.passed
            assert "AssertionError" in tcr.message, f"{name} {q}: {tcr.message}"
            assert re.search(r"must be|not defined|must contain|has \d+ entries|not one of the allowed", tcr.message), (
                f"{name} {q}: failure message does not say what is wrong:\n{tcr.message}")
        public = [t for t in tf.test_case_results if not t.test_case.hidden]
        assert public and all(t.test_case.failure_message for t in public)


@pytest.mark.parametrize("name", NAMES)
def test_public_messages_say_only_public_tests_ran(built, name):
    student = built["dir"] / "a" / name / "student" / f"{name}.ipynb"
    meta = nbformat.read(student, as_version=4).metadata["otter"]["tests"]
    assert meta, "student notebook carries no public tests"
    for q, src in meta.items():
        assert "hidden=False" in src and "hidden=True" not in src, q
        for kind in ("success_message", "failure_message"):
            msg = re.search(kind + r'="([^"]*)"', src)
            assert msg and "only the public tests have run" in msg.group(1).lower(), (q, kind)


@pytest.mark.parametrize("name", NAMES)
def test_student_notebooks_leak_no_solution_hidden_test_or_expected_value(built, name):
    d = built["dir"] / "a" / name
    text = (d / "student" / f"{name}.ipynb").read_text(encoding="utf-8")
    prose = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
    master = ROOT / "notebooks" / f"{name}.ipynb"
    assert "# BEGIN SOLUTION" not in text and "# SOLUTION" not in text
    for line in _master_solution_lines(master):
        if re.fullmatch(r"[\"'][\w -]*[\"']", line):
            continue  # a label answer chosen from options that the question lists
        assert json.dumps(line)[1:-1] not in text, f"solution code in student notebook: {line}"
    hidden = _hidden_tests(d / "autograder" / f"{name}-autograder.zip")
    assert hidden, "no hidden tests in the autograder"
    env = _solution_values(d / "autograder" / f"{name}.ipynb")
    checked = {p for _, params, _ in hidden for p in params}
    for fn, _, src in hidden:
        assert fn not in text, f"hidden test {fn} is in the student notebook"
        body = src.splitlines()[-1].strip()
        assert json.dumps(body)[1:-1] not in text, f"hidden test code in student notebook: {body}"
    leaked = []
    for var in sorted(checked):
        for v in _numbers(env.get(var)):
            if abs(v) < 1e-3 or abs(v * 2 - round(v * 2)) < 2e-3:
                continue  # 0, 1, 0.5, counts (or numerically close): too common to search for
            for form in (f"{v:.4f}", f"{v:.3g}" if abs(v) >= 1 else f"{v:.3f}"):
                if len(form.lstrip("-0.")) >= 3 and form in text:
                    leaked.append((var, form))
        label = env.get(var)
        if isinstance(label, str) and f'`"{label}"`' not in prose:  # unless offered as an option
            if label in prose or json.dumps(label)[1:-1] in text:
                leaked.append((var, label))
    assert not leaked, f"expected values found in the student notebook: {leaked}"


@pytest.mark.parametrize("name", NAMES)
def test_build_is_deterministic(built, name):
    a, b = built["dir"] / "a" / name, built["dir"] / "b" / name
    for rel in (f"student/{name}.ipynb", f"autograder/{name}.ipynb",
                f"autograder/{name}-autograder.zip"):
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between builds"


@pytest.mark.parametrize("name", NAMES)
def test_published_student_notebooks_are_up_to_date(built, name):
    published = ROOT / "notebooks" / "student" / f"{name}.ipynb"
    if not published.exists():
        pytest.skip("student notebooks not published to notebooks/student/")
    fresh = built["dir"] / "a" / name / "student" / f"{name}.ipynb"
    assert published.read_bytes() == fresh.read_bytes(), (
        f"{published.relative_to(ROOT)} is stale: run 'make assignments'")


def test_failing_solution_fails_the_build(tmp_path, monkeypatch):
    """A master whose solution is wrong must make the build exit non-zero."""
    master = MASTERS[0]
    nb = nbformat.read(master, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "# SOLUTION" in cell.source:
            cell.source = re.sub(r"= (.*)  # SOLUTION", r"= 12345.678  # SOLUTION", cell.source,
                                 count=1)
            break
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / master.name)
    monkeypatch.setattr(build_assignments, "NOTEBOOKS", tmp_path / "notebooks")
    with pytest.raises(SystemExit) as exc:
        build_assignments.build(None, tmp_path / "out", publish=False)
    assert "otter assign failed" in str(exc.value)


# --------------------------------------------------------------------------- the check helpers

_WEIRD = [
    ..., None, "1.5", "", b"x", [1.5], (1, 2), {"a": 1}, {1, 2}, True, np.bool_(False),
    float("nan"), float("inf"), -1e300, 1 + 2j, np.array([[1.0, 2.0]]), np.array(["a"]),
    pd.Series(["a", "b"]), pd.Series([5.0, 5.0], index=["x", "x"]), pd.Series(dtype=float),
    pd.DataFrame({"a": ["x", "y"]}), pd.DataFrame([[1.0, 2.0]], columns=["a", "a"]),
    pd.DataFrame(), object(), len, pd.NA, pd.NaT,
]


@pytest.mark.parametrize("value", _WEIRD, ids=lambda v: type(v).__name__)
def test_check_helpers_never_raise_and_explain_failures(value):
    import coursekit as ck

    want_s = pd.Series([0.25, 0.5], index=["a", "b"])
    want_f = pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "y"])
    results = [
        ck.check_number(value, "v", low=0, high=1),
        ck.check_close(value, 0.123, "v"),
        ck.check_choice(value, "v", ["Texas", "Ohio"]),
        ck.check_label(value, "Ohio", "v", ["Texas", "Ohio"]),
        ck.check_series(value, "v", length=2, low=0, high=1),
        ck.check_frame(value, "v", shape=(2, 1)),
        ck.check_values_close(value, want_s, "v"),
        ck.check_values_close(value, want_f, "v"),
    ]
    for r in results:
        assert isinstance(r, ck.CheckResult)
        assert not r.passed and r.message.startswith("`v`")
        assert "<p style=" in r._repr_html_()
        with pytest.raises(AssertionError, match="`v`"):
            r.require()

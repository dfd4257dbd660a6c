"""The Gradescope / otter path, student notebooks on Colab, and hidden messages (issue 22).

* ``otter run`` with the shipped autograder zip, offline and with no environment variable,
  scores submissions (solutions, a blank notebook, answers of the wrong kind) exactly as
  the course's grader does (it gave only the public
  points before: the hidden tests could not find their reference answers).
* The student notebook's first cell, on a simulated Colab, installs the course package and
  otter (``%pip`` is recorded, not run) and fetches the public tests, after which
  ``grader.check`` works; outside Colab it installs nothing.
* No hidden test's message names an expected value, for answers of every wrong kind, in
  every assignment.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from coursebook.assignments import load_spec
from coursegrader.score import read_tests, score_answers
from coursekit.grading.values import from_data, to_data

NAMES = sorted(p.stem for p in (ROOT / "notebooks").glob("*.yml"))
OTTER = ["ch01_definitions", "ch03_growth"]


@pytest.fixture(scope="module")
def otter_and_grader(built_assignments, graded, tmp_path_factory):
    """``otter run`` on the notebooks test_assignments grades (solutions, blank, wrong kinds)."""
    out = {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSEKIT")}
    for name in OTTER:
        folder = graded[name]["folder"]
        for sub in sorted(folder.glob("*.ipynb")):
            res = tmp_path_factory.mktemp(f"otter-{name}-{sub.stem}")
            proc = subprocess.run([sys.executable, "-m", "otter", "run", "-a",
                                   str(built_assignments.autograder(name)), "-o", str(res),
                                   "--no-logo", str(sub)], capture_output=True, text=True,
                                  timeout=600, cwd=res, env=env)
            assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
            otter = json.loads((res / "results.json").read_text())
            out[(name, sub.stem)] = (otter, graded[name]["results"][sub.name])
    return out


@pytest.mark.parametrize("name", OTTER)
@pytest.mark.parametrize("sub", ["solution", "blank", "wrong_kind"])
def test_otter_run_scores_honest_notebooks_as_the_course_grader_does(otter_and_grader, name,
                                                                     sub):
    otter, ours = otter_and_grader[(name, sub)]
    per_question = {t["name"]: t["score"] for t in otter["tests"] if "max_score" in t
                    and t.get("max_score") is not None}
    assert per_question == {q: r["score"] for q, r in ours["questions"].items()}, (otter, ours)
    if sub == "solution":
        assert sum(per_question.values()) == ours["possible"] > 0


def test_the_bundle_holds_its_reference_beside_the_tests(built_assignments):
    import zipfile

    with zipfile.ZipFile(built_assignments.autograder(OTTER[0])) as z:
        names = z.namelist()
        reference = json.loads(z.read("tests/reference.json"))
    assert "tests/reference.json" in names and "reference.json" not in names
    from coursekit import __version__

    assert reference["coursekit"] == __version__


# --- Colab ------------------------------------------------------------------------------------

_FAKE_COLAB = """
import io, sys, types, urllib.request
sys.modules["google"] = types.ModuleType("google")
sys.modules["google.colab"] = types.ModuleType("google.colab")
_published = open(PUBLISHED, "rb").read()
urllib.request.urlopen = lambda url, *a, **k: (_urls.append(url), io.BytesIO(_published))[1]
_urls, _pips = [], []
get_ipython().register_magic_function(lambda line: _pips.append(line), "line", "pip")
type(get_ipython()).__repr__ = lambda self: "<google.colab._shell.Shell object>"
"""


def _run(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"]


def test_on_colab_the_first_cell_installs_and_fetches_the_public_tests(built_assignments,
                                                                      tmp_path):
    name = OTTER[0]
    published = ROOT / "notebooks" / "student" / f"{name}.ipynb"
    nb = nbformat.read(built_assignments.solutions(name), as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# Setup.") and 'if "google.colab" in sys.modules:' in first
    nb.cells.insert(0, nbformat.v4.new_code_cell(_FAKE_COLAB.replace("PUBLISHED",
                                                                     repr(str(published)))))
    nb.cells.append(nbformat.v4.new_code_cell("print(_pips, _urls)\n"
                                              "print([str(grader.check(q)) for q in "
                                              "('q1', 'q2')])"))
    _run(nb, tmp_path)
    assert _errors(nb) == []
    out = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "coursekit @ git+https://github.com/" in out and "otter-grader==" in out
    assert f"notebooks/student/{name}.ipynb" in out
    assert "All test cases passed" in out or "passed" in out.lower()
    assert sorted(p.name for p in (tmp_path / "tests").iterdir())[:2] == ["q1.py", "q2.py"]


def test_elsewhere_the_first_cell_installs_nothing(built_assignments, tmp_path):
    name = OTTER[0]
    nb = nbformat.read(built_assignments.student(name), as_version=4)
    (tmp_path / f"{name}.ipynb").write_text(nbformat.writes(nb))
    nb.cells = nb.cells[:1] + [nbformat.v4.new_code_cell("print(type(grader).__name__)")]
    _run(nb, tmp_path)
    assert _errors(nb) == [] and not (tmp_path / "tests").exists()
    assert "Notebook" in "".join(o.get("text", "") for o in nb.cells[-1].outputs)


# --- hidden messages --------------------------------------------------------------------------

def _wrong_values(value, options: list[str]) -> list:
    if isinstance(value, str):
        other = [o for o in options if value.strip().casefold() not in o.casefold()]
        return [*other[:3], 3, 2.5, None, ..., True, [value], {"x": 1}, "", "x" * 50]
    if isinstance(value, pd.Series):
        return [value * 1.1 + 0.01, value.iloc[::-1].reset_index(drop=True), value.iloc[:-1],
                value.astype(str), value.to_dict(), value.to_frame(), value.where(value > 0),
                value.rename(lambda k: f"{k}_"), np.asarray(value), 0.123456]
    if isinstance(value, pd.DataFrame):
        return [value * 1.1 + 0.01, value.T, value.iloc[:-1], value.astype(str),
                value.rename(columns=lambda c: f"{c}_"), value.to_numpy(), value.iloc[:, 0]]
    return [value * 1.1 + 0.01, -value - 1, "1.5", "a number", True, None, ...,
            [value], {"v": value}, float("nan"), float("inf"), 1 + 2j, np.array([value]),
            pd.Series([value])]


def _no_echo(value, wrong) -> bool:
    """False for a wrong answer whose own text would contain the expected value."""
    try:
        return not any(n in repr(wrong).casefold() for n in _needles(value))
    except Exception:
        return True


def _needles(value) -> list[str]:
    if isinstance(value, str):
        return [value.casefold()]
    numbers = (value.to_numpy().ravel().tolist() if hasattr(value, "to_numpy") else [value])
    out = []
    for x in numbers:
        if isinstance(x, float) and abs(x) > 1e-3 and abs(x - round(x)) > 1e-3:
            out += [f"{x:.4f}", repr(x)]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_no_hidden_message_names_an_expected_value(built_assignments, name):
    import coursekit as ck

    spec = load_spec(ROOT / "notebooks" / f"{name}.yml")
    options = {a["name"]: (a.get("options") or eval(a["options_code"], {"ck": ck}))
               for q in spec["questions"] for a in q["answers"] if a["kind"] == "label"}
    reference = json.loads(built_assignments.reference(name).read_text())["answers"]
    tests = read_tests(str(built_assignments.autograder(name)))
    expected = {k: from_data(v) for k, v in reference.items()}
    checked = 0
    for key, value in expected.items():
        for wrong in (w for w in _wrong_values(value, options.get(key, [])) if _no_echo(value, w)):
            answers = {k: v for k, v in reference.items()}
            answers[key] = to_data(wrong)
            only = [q for q, src in tests.items() if re.search(rf"\b{re.escape(key)}\b", src)]
            result = score_answers(tests, answers, str(built_assignments.reference(name)), only)
            for q in result.values():
                for case in q["cases"]:
                    if not case["hidden"] or case["passed"] or f"`{key}`" not in case["message"]:
                        continue
                    checked += 1
                    message = case["message"].casefold()
                    for needle in _needles(value):
                        assert needle.casefold() not in message, (key, wrong, case["message"])
                    if isinstance(value, str) and isinstance(wrong, str) and wrong in options.get(
                            key, []):
                        assert "not one of" not in message and "invalid" not in message
    assert checked >= 3 * len(expected)

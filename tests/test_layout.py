"""The repository's architecture (issue 21): three packages, one version, a lean student library.

* ``coursekit`` (``src/coursekit``) is what a student installs: it never imports the book's
  build tools, the grader, Sphinx or a browser, directly or when imported;
* ``coursebook`` (``packages/coursebook``) and ``coursegrader`` (``packages/coursegrader``)
  are packages of their own, each built into its own wheel with only its own code;
* one version number, ``__version__`` in ``src/coursekit/__init__.py``;
* Binder's ``requirements.txt`` holds no test, browser or grading tool;
* no private imports from Sphinx or Altair (their internals change without notice).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGES = {
    "coursekit": ROOT,
    "coursebook": ROOT / "packages" / "coursebook",
    "coursegrader": ROOT / "packages" / "coursegrader",
}
SOURCES = {
    "coursekit": ROOT / "src" / "coursekit",
    "coursebook": ROOT / "packages" / "coursebook" / "src" / "coursebook",
    "coursegrader": ROOT / "packages" / "coursegrader" / "src" / "coursegrader",
}
#: What the student library may never import (directly, in any of its files).
BANNED_IN_COURSEKIT = ("sphinx", "docutils", "bs4", "otter", "subprocess", "playwright",
                       "coursebook", "coursegrader", "myst_nb", "jupyter_book", "pytest")
#: What ``import coursekit`` may never load, even through a dependency.
NEVER_LOADED = ("sphinx", "docutils", "bs4", "otter", "playwright", "coursebook",
                "coursegrader", "myst_nb", "jupyter_book", "IPython", "nbformat")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(SOURCES["coursekit"].rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_student_library_imports_no_build_grading_or_browser_code(path):
    bad = sorted(m for m in _imports(path) if m.split(".")[0] in BANNED_IN_COURSEKIT)
    assert not bad, (f"{path.relative_to(ROOT)} imports {bad}: build plumbing belongs in "
                     f"coursebook, grading machinery in coursegrader")


def test_import_coursekit_loads_nothing_of_the_book_the_grader_or_a_browser():
    code = "import sys, coursekit; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    loaded = sorted(set(out) & set(NEVER_LOADED))
    assert not loaded, f"import coursekit loads {loaded}"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_private_imports_from_sphinx_or_altair(name):
    """Workarounds use public APIs; a private module or name of Sphinx or Altair can change in
    any release (each remaining upstream workaround names its issue and has a canary test in
    tests/coursebook/test_workarounds.py)."""
    for path in sorted(SOURCES[name].rglob("*.py")):
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] in ("sphinx", "altair") and any(p.startswith("_") for p in parts[1:]):
                pytest.fail(f"{path.relative_to(ROOT)} imports the private {module}")


def test_one_version_number_for_the_three_packages():
    import coursebook
    import coursegrader
    import coursekit

    text = (SOURCES["coursekit"] / "__init__.py").read_text(encoding="utf-8")
    assert len(re.findall(r"^__version__ = ", text, flags=re.M)) == 1
    for name, folder in PACKAGES.items():
        toml = (folder / "pyproject.toml").read_text(encoding="utf-8")
        assert 'dynamic = ["version"]' in toml and "version =" not in toml.split(
            "[tool.hatch.version]")[0], f"{name}: the version must come from coursekit"
    assert coursebook.__version__ == coursegrader.__version__ == coursekit.__version__


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three packages built into wheels, offline (hatchling from requirements-dev.txt)."""
    out = tmp_path_factory.mktemp("wheels")
    for folder in PACKAGES.values():
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                               "--no-build-isolation", "--no-index", "-w", str(out),
                               str(folder)], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return {w.name.split("-")[0]: w for w in out.glob("*.whl")}


def test_each_package_builds_its_own_wheel_with_only_its_own_code(wheels):
    import coursekit

    assert set(wheels) == set(PACKAGES)
    for name, wheel in wheels.items():
        assert f"-{coursekit.__version__}-" in wheel.name, wheel.name
        with zipfile.ZipFile(wheel) as z:
            tops = {n.split("/")[0] for n in z.namelist()}
            files = z.namelist()
        assert tops == {name, f"{name}-{coursekit.__version__}.dist-info"}, (name, tops)
        if name == "coursekit":
            assert "coursekit/py.typed" in files
            assert "coursekit/_data/references.bib" in files
            assert any(f.startswith("coursekit/_data/us-susb-2021/") for f in files)
        if name == "coursebook":
            assert "coursebook/static/coursekit-charts.js" in files


def test_the_student_library_depends_only_on_what_a_student_needs(wheels):
    with zipfile.ZipFile(wheels["coursekit"]) as z:
        meta = z.read(f"coursekit-{wheels['coursekit'].name.split('-')[1]}.dist-info/METADATA")
    requires = [line.split(":", 1)[1].strip() for line in meta.decode().splitlines()
                if line.startswith("Requires-Dist:")]
    names = {re.split(r"[<>=!;\[ ]", r, maxsplit=1)[0].lower() for r in requires}
    assert names <= {"numpy", "pandas", "scipy", "statsmodels", "networkx", "altair", "nashpy",
                     "pybtex"}, names


def test_binder_requirements_hold_no_test_browser_or_grading_tool():
    lines = [line.split("#")[0].strip() for line in
             (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    names = {re.split(r"[<>=! ]", line, maxsplit=1)[0].lower() for line in lines if line}
    for tool in ("playwright", "pytest", "hypothesis", "ruff", "axe-playwright-python",
                 "pytest-xdist", "hatchling", "-e packages/coursegrader"):
        assert tool not in names, f"requirements.txt (Binder) installs {tool}"
    assert "-e packages/coursegrader" not in lines
    assert {"-e .", "-e packages/coursebook"} <= set(lines)


def test_builds_print_the_last_commits_date_not_the_clocks():
    """Reproducible builds: the Makefile exports SOURCE_DATE_EPOCH from the last commit
    (Sphinx's "Last updated on" and TeX's creation date read it), only when git gives one
    (an empty value would break Sphinx's date formatting)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)" in makefile
    assert "ifneq ($(strip $(SOURCE_DATE_EPOCH)),)\nexport SOURCE_DATE_EPOCH\nendif" in makefile

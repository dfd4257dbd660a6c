"""Package-level conventions: public API, docs, module size, lint, and pages free of package logic."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys

import pytest

import coursekit as ck
from conftest import ROOT

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(ck.__path__, prefix="coursekit.")
    if not m.name.split(".")[-1].startswith("_")
)


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_all_and_documents_it(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no module docstring"
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    for public in module.__all__:
        obj = getattr(module, public)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{name}.{public} has no docstring"


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_have_type_hints(name):
    module = importlib.import_module(name)
    for public in getattr(module, "__all__", []):
        obj = getattr(module, public)
        if inspect.isfunction(obj) and obj.__module__ == name and public != "setup":
            hints = obj.__annotations__
            assert "return" in hints, f"{name}.{public} lacks a return annotation"


def test_modules_stay_small():
    """A topic per module, each under ~400 lines (QuantEcon's weak spot: 3,000-line modules)."""
    for path in (ROOT / "src" / "coursekit").rglob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= 450, f"{path.relative_to(ROOT)} has {n} lines; split it by topic"


def test_flat_api_reexports_topic_modules():
    for name in MODULES:
        module = importlib.import_module(name)
        if name.startswith("coursekit.charts") or name in ("coursekit.data", "coursekit.sphinxext"):
            continue
        for public in getattr(module, "__all__", []):
            assert getattr(ck, public) is getattr(module, public), f"ck.{public} missing"


def test_py_typed_marker_is_shipped():
    assert (ROOT / "src" / "coursekit" / "py.typed").is_file()


@pytest.mark.skipif(shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) is None
                    and shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    proc = subprocess.run([ruff, "check", "src", "tests", "benchmarks", "scripts"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _code_cells(text: str) -> list[str]:
    return re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)


def _prose(text: str) -> str:
    """Markdown prose of a page: no code cells, fenced blocks, maths, roles or front matter."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", "", text)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)
    text = re.sub(r"`[^`]*`", "", text)
    return text


CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_pages_define_no_functions_or_classes(page):
    """Logic belongs in coursekit, not in a page (QuantEcon's input-output lecture)."""
    for cell in _code_cells(page.read_text(encoding="utf-8")):
        source = "\n".join(
            line for line in cell.splitlines()
            if not line.startswith((":", "%", "!"))
        )
        tree = ast.parse(source)
        defs = [n for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        assert not defs, f"{page.name} defines {[d.name for d in defs]}: move it to coursekit"


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_prose_has_no_hand_typed_results(page):
    """Computed values are glued, not typed: prose has no numbers with 2+ decimals or % shares."""
    prose = _prose(page.read_text(encoding="utf-8"))
    typed = re.findall(r"(?<![\w.])\d+\.\d{2,}(?![\w.])|\b\d+(?:\.\d+)?\s?(?:%|per ?cent)", prose)
    assert not typed, f"{page.name}: glue these from code instead: {typed[:10]}"


def test_doctests_are_collected():
    """pytest runs with --doctest-modules over src/coursekit (pyproject.toml)."""
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in cfg["addopts"]
    assert "src/coursekit" in cfg["testpaths"]


def test_python_version_pinned_for_binder():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    reqs = (ROOT / "requirements.txt").read_text().splitlines()
    pinned = [r for r in reqs if r and not r.startswith(("#", "-e"))]
    assert all("==" in r for r in pinned), [r for r in pinned if "==" not in r]
    assert any(r.lower().startswith("jupyter-book==1.") for r in pinned)
    assert "-e ." in reqs
    assert sys.version_info[:2] >= (3, 11)

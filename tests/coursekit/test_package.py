"""Package conventions: a static, curated API; docs; module size; lint; pages free of logic."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import coursekit as ck
from conftest import ROOT

SRC = ROOT / "src" / "coursekit"
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(ck.__path__, prefix="coursekit.")
    if not any(part.startswith("_") for part in m.name.split(".")[1:])
)
NAMESPACES = ["coursekit", "coursekit.charts", "coursekit.data", "coursekit.grading"]


def _module_file(name: str) -> Path:
    rel = Path(*name.split(".")[1:])
    return SRC / rel / "__init__.py" if (SRC / rel).is_dir() else (SRC / rel).with_suffix(".py")


def _static_all(path: Path) -> list[str]:
    """``__all__`` as written in the file (a literal list), without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{path} has no literal __all__")


def _static_imports(path: Path) -> dict[str, str]:
    """Names a namespace ``__init__`` imports explicitly: {name: source module}."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coursekit"):
            for alias in node.names:
                name = alias.asname or alias.name
                if name.startswith("_"):
                    continue  # private helpers used inside the namespace module
                assert name not in found, f"{path.name} imports {name!r} twice"
                found[name] = f"{node.module}.{alias.name}" if node.module == "coursekit" \
                    else node.module
    return found


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_namespace_all_is_exactly_its_explicit_imports(namespace):
    """The API is static: every exported name is imported by name (no globals() loop)."""
    path = _module_file(namespace)
    exported = _static_all(path)
    assert len(exported) == len(set(exported)), f"{namespace}.__all__ lists a name twice"
    imported = _static_imports(path)
    dunder = {n for n in exported if n.startswith("__")}
    assert set(exported) - dunder == set(imported), (
        f"{namespace}: __all__ and the imports differ: "
        f"{sorted(set(exported) ^ set(imported) - dunder)}")
    assert "globals()" not in path.read_text(encoding="utf-8")
    module = importlib.import_module(namespace)
    assert sorted(module.__all__) == sorted(exported)


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_no_name_is_exported_by_two_source_modules(namespace):
    """Two modules exporting one name would silently shadow each other in the namespace."""
    tree = ast.parse(_module_file(namespace).read_text(encoding="utf-8"))
    origins = sorted({n.module for n in tree.body if isinstance(n, ast.ImportFrom)
                      and n.module and n.module.startswith("coursekit.")})
    seen: dict[str, str] = {}
    for origin in origins:
        for name in _static_all(_module_file(origin)):
            assert name not in seen, f"{name!r} is exported by {seen[name]} and {origin}"
            seen[name] = origin


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_a_static_all_that_it_defines(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no module docstring"
    exported = _static_all(_module_file(name))
    assert list(module.__all__) == exported
    for public in exported:
        assert hasattr(module, public), f"{name}.__all__ names {public!r}, which is not defined"
        obj = getattr(module, public)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{name}.{public} has no docstring"


def test_flat_namespace_is_curated():
    """Methods, models and loaders flat; charts, data, grading and book plumbing apart."""
    flat = set(ck.__all__)
    assert {"location_quotient", "CorePeriphery", "employment_matrix", "data", "charts"} <= flat
    for banned in ("check_number", "CheckResult", "offline_renderer", "enable_offline",
                   "course_theme", "COURSE_PALETTE", "lq_heatmap_chart", "setup"):
        assert banned not in flat, f"ck.{banned} should not be in the flat namespace"
    assert all(n.endswith("_chart") for n in ck.charts.__all__), ck.charts.__all__
    assert {"load_us_states", "load_bea_table", "attribution", "short_labels"} <= set(ck.data.__all__)


def test_chart_helpers_share_one_calling_style():
    """Data (or model) first, then title=, source=, description= keywords."""
    for name in ck.charts.__all__:
        params = inspect.signature(getattr(ck.charts, name)).parameters
        for key in ("title", "source", "description"):
            assert key in params, f"ck.charts.{name} lacks the {key}= keyword"
            assert params[key].kind is inspect.Parameter.KEYWORD_ONLY, (name, key)


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_have_type_hints(name):
    module = importlib.import_module(name)
    for public in getattr(module, "__all__", []):
        obj = getattr(module, public)
        if inspect.isfunction(obj) and obj.__module__ == name:
            assert "return" in obj.__annotations__, f"{name}.{public} lacks a return annotation"


def test_modules_stay_small():
    """A topic per module, each under ~400 lines (QuantEcon's weak spot: 3,000-line modules)."""
    for path in SRC.rglob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= 450, f"{path.relative_to(ROOT)} has {n} lines; split it by topic"


def test_py_typed_marker_is_shipped():
    assert (SRC / "py.typed").is_file()


def test_dependency_bounds_match_what_the_code_needs():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    altair = next(d for d in deps if d.startswith("altair"))
    assert ">=5.5" in altair, "alt.theme.register (the course theme) needs Altair >= 5.5"
    used = {m.name for m in pkgutil.walk_packages(ck.__path__, prefix="coursekit.")}
    if not any("networkx" in _module_file(m).read_text(encoding="utf-8")
               for m in used if _module_file(m).exists()):
        assert not any(d.startswith("networkx") for d in deps), "networkx is declared but unused"


@pytest.mark.skipif(shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) is None
                    and shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    proc = subprocess.run([ruff, "check", "src", "packages", "tests", "benchmarks"], cwd=ROOT,
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
        source = "\n".join(line for line in cell.splitlines()
                           if not line.startswith((":", "%", "!")))
        tree = ast.parse(source)
        defs = [n for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)]
        assert not defs, f"{page.name} defines {[getattr(d, 'name', 'lambda') for d in defs]}"


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
    assert any(r.lower().startswith("jupytext==") for r in pinned), "Binder opens .md pages"
    assert "-e ." in reqs
    assert sys.version_info[:2] >= (3, 11)

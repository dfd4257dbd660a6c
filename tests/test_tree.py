"""Tests mirror the tree (issue 21): every module has a test file of its name, and every test
file is named after a module or says why it is not.

* ``src/coursekit/<subpackage>/<module>.py`` -> ``tests/coursekit/<subpackage>/test_<module>.py``
* ``packages/coursebook/src/coursebook/<module>.py`` -> ``tests/coursebook/test_<module>.py``
* ``packages/coursegrader/src/coursegrader/<module>.py`` -> ``tests/coursegrader/test_<module>.py``

Public modules only (no leading underscore); a test file may also be named after a private
module (``test_registry.py`` for ``data/_registry.py``).  A new module without its test file
fails here, naming the file to create.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

#: package -> (its source folder, its tests folder)
PACKAGES = {
    "coursekit": (ROOT / "src" / "coursekit", ROOT / "tests" / "coursekit"),
    "coursebook": (ROOT / "packages" / "coursebook" / "src" / "coursebook",
                   ROOT / "tests" / "coursebook"),
    "coursegrader": (ROOT / "packages" / "coursegrader" / "src" / "coursegrader",
                     ROOT / "tests" / "coursegrader"),
}

#: Packages whose missing test files are expected for now, and why.
PENDING: dict[str, str] = {}

#: Test files that are not named after one module, and why.
OTHER_TEST_FILES = {
    "tests/coursekit/test_package.py": "package conventions: the static API, docstrings, type "
                                       "hints, module sizes, lint, logic-free pages",
    "tests/coursekit/test_robustness.py": "named regressions of the robustness issues (11, 22), "
                                          "across modules",
    "tests/coursekit/test_measures_registry.py": "the property registry of the measures of "
                                                 "chapters 1-7, across subpackages",
    "tests/coursekit/test_names.py": "renames without breakage: the public names frozen before the "
                                     "data vocabulary still resolve, old names warn, pages use none",
    "tests/coursekit/data/test_loaders.py": "every dataset's loader (data/_regions, _panels, "
                                            "_inputoutput, _cases) against its files",
    "tests/coursebook/test_workarounds.py": "canaries of the upstream bugs the extension works "
                                            "around (book tier)",
}


def _modules(source: Path) -> list[Path]:
    """Public modules of a package, relative to its folder (``regions/complexity.py``)."""
    return sorted(p.relative_to(source) for p in source.rglob("*.py")
                  if not any(part.startswith("_") for part in p.relative_to(source).parts))


def _test_file(package: str, module: Path) -> Path:
    return PACKAGES[package][1] / module.parent / f"test_{module.stem}.py"


CASES = [(package, module) for package, (source, _) in PACKAGES.items()
         for module in _modules(source)]


@pytest.mark.parametrize("package,module", CASES,
                         ids=[f"{p}/{m.with_suffix('').as_posix()}" for p, m in CASES])
def test_every_module_has_a_test_file_of_its_name(package, module):
    want = _test_file(package, module)
    if want.is_file():
        return
    where = want.relative_to(ROOT)
    if package in PENDING:
        pytest.xfail(f"{where} does not exist yet: {PENDING[package]}")
    source = (PACKAGES[package][0] / module).relative_to(ROOT)
    raise AssertionError(f"{source} has no test file of its name: create {where}")


def test_the_rule_sees_every_package_and_subpackage():
    """A guard on the rule itself: it finds the modules the layout says are there."""
    found = {f"{p}/{m.with_suffix('').as_posix()}" for p, m in CASES}
    assert {"coursekit/regions/complexity", "coursekit/charts/regions_maps",
            "coursekit/grading/checks", "coursebook/sphinxext", "coursegrader/runner"} <= found
    assert not any("/_" in name or name.endswith("__init__") for name in found)


def _test_files() -> list[Path]:
    return sorted(p for _, tests in PACKAGES.values() if tests.is_dir()
                  for p in tests.rglob("test_*.py"))


@pytest.mark.parametrize("path", _test_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_test_file_is_named_after_a_module_or_says_why(path):
    rel = path.relative_to(ROOT).as_posix()
    if rel in OTHER_TEST_FILES:
        return
    package = path.relative_to(ROOT / "tests").parts[0]
    source, tests = PACKAGES[package]
    folder = source / path.parent.relative_to(tests)
    name = path.stem.removeprefix("test_")
    candidates = [folder / f"{name}.py", folder / f"_{name}.py", folder / name / "__init__.py"]
    assert any(c.is_file() for c in candidates), (
        f"{rel} is named after no module of {folder.relative_to(ROOT)}: move its tests to the "
        f"file of the module they test (test_<module>.py), or list it in OTHER_TEST_FILES with "
        f"a reason")


def test_reasons_are_given_for_files_that_exist():
    stale = [name for name in OTHER_TEST_FILES if not (ROOT / name).is_file()]
    assert not stale, f"OTHER_TEST_FILES lists files that no longer exist: {stale}"

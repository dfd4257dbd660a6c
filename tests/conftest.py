"""Shared test configuration: tiers by folder, deterministic hypothesis runs, shared builds.

Tiers (``make test-fast`` runs the first; ``make test`` runs them all):

* fast: everything not marked below (unit, property, doctest and fuzz tests);
* ``slow``: ``tests/assignments`` (assignments built twice, graded, attacked);
* ``book``: ``tests/book`` (a strict build of the whole book, and checks of it);
* ``browser``: ``tests/browser`` (every page in Chromium).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# Same examples on every run (reproducible CI), no flaky per-example deadlines.
settings.register_profile(
    "course",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("course")


import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import pytest  # noqa: E402

_TIER_BY_FOLDER = {"assignments": "slow", "book": "book", "browser": "browser"}


def _source_date_epoch() -> str:
    """The last commit's time (as the Makefile exports it), else this session's start: every
    build of one session prints the same date, even across midnight (test_reproducible)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    import time

    return out or str(int(time.time()))


os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with the tier of its folder (tests/<folder>/...)."""
    tests = Path(__file__).resolve().parent
    for item in items:
        try:
            folder = Path(str(item.fspath)).resolve().relative_to(tests).parts[0]
        except ValueError:
            continue  # doctests of the packages: fast
        tier = _TIER_BY_FOLDER.get(folder)
        if tier and tier not in item.keywords:
            item.add_marker(getattr(pytest.mark, tier))


@dataclass(frozen=True)
class BuiltBook:
    """A strict build of the book from a clean copy of the repository."""

    root: Path  # the copy that was built
    html: Path  # its _build/html
    returncode: int
    log: str


def _clean_copy(dest: Path) -> None:
    """Copy what a fresh clone would hold (tracked and new, non-ignored files)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=ROOT, check=True, capture_output=True,
        ).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns("_build", ".venv", ".git"))
        return
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> BuiltBook:
    """Build the whole book once per test session, strictly, from a clean copy.

    Set ``COURSEKIT_BOOK_HTML`` to an existing ``_build/html`` to test that build
    instead (used by ``make test`` after ``make book`` to avoid building twice).
    """
    existing = os.environ.get("COURSEKIT_BOOK_HTML")
    if existing:
        html = Path(existing).resolve()
        return BuiltBook(root=html.parents[1], html=html, returncode=0, log="")
    root = tmp_path_factory.mktemp("book") / "repo"
    _clean_copy(root)
    returncode, log = build_editions(root)
    return BuiltBook(root=root, html=root / "_build" / "html", returncode=returncode, log=log)


def build_editions(root: Path) -> tuple[int, str]:
    """``make book`` in ``root``: the English edition, then every translated one (strict)."""
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jb), "build", str(root), "--all", "-W", "-n", "--keep-going"],
        cwd=root, capture_output=True, text=True, timeout=1800,
    )
    returncode, log = proc.returncode, proc.stdout + proc.stderr
    from coursebook.editions import languages

    for lang in languages(root):
        if returncode:
            break
        proc = subprocess.run(
            [sys.executable, "-m", "coursebook", "edition", lang, "--all", "-W", "-n",
             "--keep-going"], cwd=root, capture_output=True, text=True, timeout=1800,
            env={**os.environ, "COURSE_ROOT": str(root)})
        returncode, log = proc.returncode, log + proc.stdout + proc.stderr
    return returncode, log


@pytest.fixture(scope="session")
def executed_pages(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every page with code, its visible cells run alone in a fresh kernel (see book_pages)."""
    sys.path.insert(0, str(ROOT / "tests" / "book"))
    from book_pages import code_pages, run_visible

    from coursebook.assignments import answer_names, load_spec

    names = [n for spec in sorted((ROOT / "notebooks").glob("*.yml"))
             for n in answer_names(load_spec(spec))]
    base = tmp_path_factory.mktemp("pages")
    results = {}
    for page in code_pages():
        work = base / page.replace("/", "_")
        work.mkdir()
        results[page] = run_visible(page, names, work)
    return results


@dataclass(frozen=True)
class BuiltAssignments:
    """Two independent builds of every assignment (for determinism) and their specs."""

    a: Path
    b: Path
    names: list[str]

    def autograder(self, name: str) -> Path:
        return self.a / name / "autograder" / f"{name}-autograder.zip"

    def reference(self, name: str) -> Path:
        return self.a / name / "autograder" / "reference.json"

    def student(self, name: str) -> Path:
        return self.a / name / "student" / f"{name}.ipynb"

    def solutions(self, name: str) -> Path:
        return self.a / name / "autograder" / f"{name}.ipynb"


@pytest.fixture(scope="session")
def built_assignments(tmp_path_factory: pytest.TempPathFactory) -> BuiltAssignments:
    """Build every assignment twice with ``python -m coursegrader build`` (no --publish)."""
    base = tmp_path_factory.mktemp("assignments")
    for run in ("a", "b"):
        proc = subprocess.run([sys.executable, "-m", "coursegrader", "build",
                               "--out", str(base / run)], capture_output=True, text=True,
                              timeout=1200, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    names = sorted(p.stem for p in (ROOT / "notebooks").glob("*.yml"))
    return BuiltAssignments(a=base / "a", b=base / "b", names=names)

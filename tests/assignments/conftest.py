"""Grading a folder as root or as an ordinary user, with bubblewrap or ``--isolation none``.

:func:`grade_as` runs :func:`coursegrader.batch.grade_folder` on a folder of submissions:

* ``who="root"``: in this process (skipped unless the tests run as root, as on CI);
* ``who="user"``: as an ordinary user.  Under root, a system user is created for the session
  (``useradd``) and the grader runs as that user (``runuser``) from a world-readable copy of
  the environment: the Python image the grader builds for its sandboxes, plus copies of the
  course's three packages, so that nothing depends on where the repository lives.  Not
  under root, the current user *is* the ordinary user.

Afterwards, :func:`leftovers` lists any process a submission left behind (by the marker in
their command lines, and every process of the sandbox's uid).  Both are also fixtures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))  # submissions.py

USER = "ckgrader-test"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="session")
def ordinary_user():
    """The name of an ordinary user to grade as (created for the session under root)."""
    if not IS_ROOT:
        import getpass

        yield getpass.getuser()
        return
    if shutil.which("useradd") is None or shutil.which("runuser") is None:
        pytest.fail("useradd and runuser (util-linux) are needed to test as an ordinary user")
    created = subprocess.run(["id", USER], capture_output=True).returncode != 0
    if created:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        USER], check=True, capture_output=True)
    yield USER
    if created:
        subprocess.run(["pkill", "-KILL", "-u", USER], capture_output=True)
        subprocess.run(["userdel", USER], capture_output=True)


def _user_environment(base: Path) -> dict[str, str]:
    """A world-readable Python environment for the ordinary user: the image + course copies."""
    from coursegrader.image import get_image

    image = get_image()
    py = base / "py"
    py.mkdir()
    import coursebook
    import coursegrader
    import coursekit
    from coursekit.data import data_dir
    from coursekit.data.bibliography import references_path

    ignore = shutil.ignore_patterns("__pycache__", "_data")
    for module in (coursekit, coursegrader, coursebook):
        src = Path(module.__file__).resolve().parent
        shutil.copytree(src, py / src.name, ignore=ignore)
    shutil.copytree(data_dir(), py / "coursekit" / "_data")
    shutil.copy(references_path(), py / "coursekit" / "_data" / "references.bib")
    return {"PATH": "/usr/bin:/bin", "HOME": str(base), "TMPDIR": str(base / "tmp"),
            "LD_LIBRARY_PATH": str(image.python / "lib"), "PYTHONPATH": str(py),
            "COURSE_ROOT": str(ROOT), "_PYTHON": image.host_python()}


def run_as(who: str, user: str, code: str, args: dict, files: dict[str, Path]) -> str:
    """Run ``code`` (reads ``json.loads(sys.argv[1])``) as ``who``; return its stdout.

    ``files`` are copied into a folder the user owns; ``args`` values naming them as
    ``"@name"`` become their copies' paths.
    """
    if who == "root" and not IS_ROOT:
        pytest.skip("running as root needs the tests to run as root (as on CI)")
    if who == "root" or not IS_ROOT:
        base = Path(tempfile.mkdtemp(prefix="ck-self-"))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        python = sys.executable
    else:
        base = Path(tempfile.mkdtemp(prefix="ck-user-"))
        os.chmod(base, 0o755)
        env = _user_environment(base)
        python = env.pop("_PYTHON")
    try:
        (base / "tmp").mkdir(exist_ok=True)
        for name, path in files.items():
            if path.is_dir():
                shutil.copytree(path, base / name, symlinks=True, copy_function=_copy_entry)
            else:
                shutil.copy(path, base / name)
        args = {k: str(base / v[1:]) if isinstance(v, str) and v.startswith("@") else v
                for k, v in args.items()}
        command = [python, "-c", code, json.dumps(args)]
        if who == "user" and IS_ROOT:
            subprocess.run(["chown", "-R", "--no-dereference", user, str(base)], check=True)
            command = ["runuser", "-u", user, "--", "env", "-i",
                       *[f"{k}={v}" for k, v in env.items()], *command]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=base,
                              env=None if who == "user" and IS_ROOT else env)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
        if who == "user" and IS_ROOT:
            mine = f"coursegrader-{_uid(user)}"
            leftover = [p.name for p in (base / "tmp").iterdir() if p.name != mine]
            assert not leftover, f"temporary folders left behind: {leftover}"
        for name in ("out",):
            if (base / name).exists():
                target = Path(args["keep_out"]) if "keep_out" in args else None
                if target is not None:
                    if target.exists():
                        shutil.rmtree(target)
                    shutil.copytree(base / name, target)
        return proc.stdout
    finally:
        shutil.rmtree(base, ignore_errors=True)


_GRADE = """import json, sys
from pathlib import Path
from coursegrader.batch import grade_folder
from coursegrader.sandbox import Limits
a = json.loads(sys.argv[1])
grade_folder(Path(a["ag"]), Path(a["ref"]), Path(a["subs"]), Path(a["out"]), jobs=a["jobs"],
             limits=Limits(**a["limits"]), isolation=a["isolation"])
"""


def grade_as(who: str, user: str, autograder: Path, reference: Path, folder: Path, out: Path,
             *, isolation: str, limits: dict, jobs: int = 2) -> Path:
    """Grade ``folder`` into ``out`` as ``who`` ("root" or "user"); return grades.csv."""
    from coursegrader.batch import grade_folder
    from coursegrader.sandbox import Limits

    if who == "root" and not IS_ROOT:
        pytest.skip("grading as root needs the tests to run as root (as on CI)")
    if who == "root" or not IS_ROOT:
        return grade_folder(autograder, reference, folder, out, jobs=jobs,
                            limits=Limits(**limits), isolation=isolation)
    run_as(who, user, _GRADE, {"ag": f"@{autograder.name}", "ref": "@reference.json",
                               "subs": "@submissions", "out": "@out", "jobs": jobs,
                               "limits": limits, "isolation": isolation, "keep_out": str(out)},
           {autograder.name: autograder, "reference.json": reference, "submissions": folder})
    return out / "grades.csv"


def _copy_entry(src: str, dst: str) -> None:
    """Copy a file; a FIFO is made anew (never opened)."""
    if stat.S_ISFIFO(os.lstat(src).st_mode):
        os.mkfifo(dst)
    else:
        shutil.copy2(src, dst)


def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 1
    return int(stat.rsplit(")", 1)[1].split()[1])


def _chain(pid: int) -> list[int]:
    chain = []
    while pid > 1 and pid not in chain:
        chain.append(pid)
        pid = _parent(pid)
    return chain


def _another_graders(pid: int, uids: set[int]) -> bool:
    """Whether ``pid`` belongs to a grader that this test session did not start (another
    batch running on a shared machine): its first ancestor outside the sandbox users is a
    live process that is neither this session nor one of its descendants.  Our own
    leftovers are attached to this session or orphaned (reparented to init)."""
    for ancestor in _chain(pid)[1:]:
        try:
            if os.stat(f"/proc/{ancestor}").st_uid in uids:
                continue
        except OSError:
            return False
        return os.getpid() not in _chain(ancestor)
    return False


def leftovers(marker: str, users: list[str]) -> list[str]:
    """Processes that carry ``marker`` in their command line or belong to ``users`` (those of
    another grader running beside this session excepted)."""
    import pwd

    uids = set()
    for user in users:
        try:
            uids.add(int(user) if user.isdigit() else pwd.getpwnam(user).pw_uid)
        except KeyError:
            pass
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace")
            uid = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            continue
        if int(pid) == os.getpid():
            continue
        names = {str(uid)}
        try:
            import pwd

            names.add(pwd.getpwuid(uid).pw_name)
        except KeyError:
            pass
        if (marker in cmd or names & set(users)) and not _another_graders(int(pid), uids):
            found.append(f"{pid} uid={uid}: {cmd[:120]}")
    return found


@pytest.fixture(scope="session")
def grade():
    """:func:`grade_as`, for tests."""
    return grade_as


@pytest.fixture(scope="session")
def run_python_as():
    """:func:`run_as`, for tests."""
    return run_as


@pytest.fixture(scope="session")
def find_leftovers():
    """:func:`leftovers`, for tests."""
    return leftovers


def _wrong_kind(student: Path, dest: Path) -> Path:
    import nbformat

    """Every ``name = ...`` replaced by text that looks like a number, a bool, a complex..."""
    nb = nbformat.read(student, as_version=4)
    kinds = ['"1.5"', "True", "1 + 2j", "10**400", "[1, 2, 3]", "pd.Series(['0.5'] * 3)"]
    k = 0

    def wrong(match: re.Match) -> str:
        nonlocal k
        k += 1
        return f"{match.group(1)}{match.group(2)} = {kinds[k % len(kinds)]}"

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"(?m)^(\s*)(\w+) = \.\.\.\s*$", wrong, cell.source)
    nbformat.write(nb, dest)
    return dest


@pytest.fixture(scope="session")
def graded(built_assignments, tmp_path_factory):
    """Solutions, an unanswered notebook and wrong-kind answers, graded by the real grader."""
    from coursegrader.batch import grade_folder
    from coursegrader.intake import folder_name
    from coursegrader.sandbox import Limits

    out = {}
    for name in built_assignments.names:
        folder = tmp_path_factory.mktemp(f"subs-{name}")
        (folder / "solution.ipynb").write_bytes(built_assignments.solutions(name).read_bytes())
        (folder / "blank.ipynb").write_bytes(built_assignments.student(name).read_bytes())
        _wrong_kind(built_assignments.student(name), folder / "wrong_kind.ipynb")
        csv_path = grade_folder(built_assignments.autograder(name),
                                built_assignments.reference(name), folder, folder / "graded",
                                jobs=2, limits=Limits(notebook_seconds=300, cell_seconds=120))
        results = {p.name: json.loads((folder / "graded" / folder_name(p.name) / "result.json")
                                      .read_text())
                   for p in folder.glob("*.ipynb")}
        out[name] = {"csv": csv_path, "results": results, "folder": folder}
    return out

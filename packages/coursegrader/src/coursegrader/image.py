"""What a sandbox sees of Python: a copy of the environment at neutral paths.

Binding the grader's own environment into the sandbox would show its folders (the
course repository, the instructor's home) in ``/proc/self/mountinfo``, and an
unprivileged sandbox user may not even be able to reach them (``/root`` is private).  So
the sandbox gets an *image* instead, mounted read-only:

* ``/opt/python``: the Python installation (interpreter, ``libpython``, standard library)
  with every third-party package of the grading environment in its ``site-packages``,
  built once per environment under ``<tmp>/coursegrader-<uid>/image-<fingerprint>`` by
  hard links (a copy where links are not allowed) and reused by later batches;
* ``/opt/course``: the course's own packages as the runner and the kernel import them,
  ``coursekit`` (with its data) and ``coursegrader``, built fresh for each grader process
  (they change while a course is being written) with bytecode compiled for that path,
  plus the few files a sandbox needs in ``/etc``.

Editable installs' path hooks and ``direct_url.json`` files are left out (they name the
checkout).  Compiled ``.pyc`` files of third-party packages still record the folder the
environment was installed in; nothing in the image is writable from the sandbox.
"""

from __future__ import annotations

import atexit
import compileall
import fcntl
import hashlib
import os
import shutil
import stat
import sys
import sysconfig
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from coursegrader.cleanup import remove_tree

__all__ = ["Image", "get_image"]

SANDBOX_PYTHON = "/opt/python"
SANDBOX_COURSE = "/opt/course"
_SKIP_NAMES = {"coursekit", "coursegrader", "coursebook"}
_lock = threading.Lock()
_cached: Image | None = None


@dataclass(frozen=True)
class Image:
    """Host paths of the two trees and the interpreter inside them."""

    python: Path  # mounted at /opt/python
    course: Path  # mounted at /opt/course
    executable: str  # relative to python, e.g. "bin/python3.11"

    def host_python(self) -> str:
        return str(self.python / self.executable)


def _base() -> Path:
    """Private folder of this user's images, created safely in the temporary folder."""
    temp = Path(tempfile.gettempdir())
    # As root the sandbox runs as another user (uid 65534), who must traverse the way in;
    # an ordinary user's sandbox keeps that user's own access.
    closed = [p for p in (temp, *temp.parents) if not os.stat(p).st_mode & stat.S_IXOTH]
    if closed and os.geteuid() == 0:
        raise RuntimeError(
            f"The temporary folder {temp} cannot be reached by the sandbox's unprivileged user "
            f"({closed[0]} is not traversable by others), so it cannot hold the sandbox's "
            f"Python. Set TMPDIR to a folder others may traverse (e.g. TMPDIR=/tmp), or run "
            f"`chmod o+x {closed[0]}`.")
    base = temp / f"coursegrader-{os.getuid()}"
    try:
        base.mkdir(mode=0o755)
    except FileExistsError:
        pass
    st = os.lstat(base)
    if (not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid()
            or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        raise RuntimeError(f"{base} is not a folder owned by this user and writable by it "
                           f"alone; remove it, it could hold a planted environment.")
    os.chmod(base, 0o755)
    return base


def _copy_tree(src: Path, dst: Path, skip=lambda path: False) -> None:
    """Hard-link (else copy) ``src`` into the new folder ``dst``; iterative, symlinks kept."""
    todo = [(src, dst)]
    while todo:
        s, d = todo.pop()
        os.mkdir(d, 0o755)
        with os.scandir(s) as entries:
            for entry in entries:
                if skip(Path(entry.path)):
                    continue
                target = os.path.join(d, entry.name)
                if entry.is_symlink():
                    os.symlink(os.readlink(entry.path), target)
                elif entry.is_dir(follow_symlinks=False):
                    todo.append((Path(entry.path), Path(target)))
                elif entry.is_file(follow_symlinks=False):
                    try:
                        os.link(entry.path, target)
                    except OSError:
                        shutil.copy2(entry.path, target)


def _site_packages() -> list[Path]:
    paths = {Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
    return sorted(p for p in paths if p.is_dir())


def _is_editable_artifact(path: Path) -> bool:
    name = path.name
    return (name.startswith(("__editable__", "_editable_impl_")) or name in _SKIP_NAMES
            or (name == "direct_url.json" and path.parent.name.endswith(".dist-info")))


def _fingerprint(stdlib: Path) -> str:
    h = hashlib.sha256(f"{sys.version}\n{sys.base_prefix}\n{stdlib}\n".encode())
    for site in _site_packages():
        h.update(f"{site}\n".encode())
        for name in sorted(os.listdir(site)):
            h.update(f"{name}\n".encode())
    return h.hexdigest()[:16]


def _build_python(base: Path) -> Path:
    """The cached interpreter + site-packages tree (built once per environment)."""
    running = Path(sys.base_prefix).parent
    if (running / ".complete").is_file() and running.name.startswith("image-"):
        return running  # this grader runs from an image already (its files are not ours)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    final = base / f"image-{_fingerprint(stdlib)}"
    if (final / ".complete").is_file():
        return final
    work = Path(tempfile.mkdtemp(prefix="building-", dir=base))
    os.chmod(work, 0o755)
    root = work / "python"
    os.makedirs(root / "bin")
    exe = Path(sys.base_prefix) / "bin" / version
    if not exe.is_file():
        exe = Path(os.path.realpath(sys.executable))
    shutil.copy2(exe, root / "bin" / version)
    os.symlink(version, root / "bin" / "python3")
    os.symlink(version, root / "bin" / "python")
    os.makedirs(root / "lib")
    libdir = Path(sys.base_prefix) / "lib"
    for lib in libdir.glob("libpython*"):
        shutil.copy2(lib, root / "lib" / lib.name, follow_symlinks=False)
    _copy_tree(stdlib, root / "lib" / version,
               lambda p: p.name == "site-packages" or p == stdlib / "test")
    target = root / "lib" / version / "site-packages"
    os.makedirs(target, exist_ok=True)
    for site in _site_packages():
        with os.scandir(site) as entries:
            for entry in entries:
                path = Path(entry.path)
                if _is_editable_artifact(path) or (target / entry.name).exists():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    _copy_tree(path, target / entry.name,
                               lambda p: p.name == "direct_url.json")
                elif entry.is_file(follow_symlinks=False):
                    try:
                        os.link(path, target / entry.name)
                    except OSError:
                        shutil.copy2(path, target / entry.name)
    (work / ".complete").touch()
    try:
        os.rename(work, final)  # atomic: another grader may have finished first
    except OSError:
        remove_tree(work)
    if not (final / ".complete").is_file():
        raise RuntimeError(f"could not build the sandbox's Python image in {final}")
    return final


def _build_course(base: Path) -> Path:
    """This process's copy of coursekit (with its data) and coursegrader, plus /etc files."""
    import coursegrader
    import coursekit
    from coursekit.data import data_dir
    from coursekit.data.bibliography import references_path

    course = Path(tempfile.mkdtemp(prefix=f"course-{os.getpid()}-", dir=base))
    os.chmod(course, 0o755)
    no_cache = lambda p: p.name == "__pycache__"  # noqa: E731
    _copy_tree(Path(coursekit.__file__).resolve().parent, course / "coursekit",
               lambda p: no_cache(p) or p.name == "_data")
    _copy_tree(data_dir().resolve(), course / "coursekit" / "_data")
    if not (course / "coursekit" / "_data" / "references.bib").exists():
        shutil.copy2(references_path(), course / "coursekit" / "_data" / "references.bib")
    _copy_tree(Path(coursegrader.__file__).resolve().parent, course / "coursegrader", no_cache)
    for package in ("coursekit", "coursegrader"):
        compileall.compile_dir(str(course / package), ddir=f"{SANDBOX_COURSE}/{package}",
                               quiet=2, workers=1)
    etc = course / "etc"
    etc.mkdir()
    (etc / "passwd").write_text("root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
                                "student:x:65534:65534:student:/submission:/bin/sh\n")
    (etc / "group").write_text("root:x:0:\nstudent:x:65534:\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n::1 localhost\n")
    for dirpath, dirnames, filenames in os.walk(course):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | 0o444)
    return course


def _hold(python: Path) -> None:
    """Keep a shared lock on the image while this process lives (see _sweep)."""
    fh = open(python.with_suffix(".lock"), "a")
    fcntl.flock(fh, fcntl.LOCK_SH)
    atexit.register(fh.close)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError):
        return True
    return True


def _sweep(base: Path, keep: Path) -> None:
    """Remove images of other environments no process holds, and course copies of graders
    that died without cleaning up."""
    for path in base.iterdir():
        if path.name.startswith("course-"):
            if not _alive(path.name.split("-")[1]):
                remove_tree(path)
            continue
        if path == keep or path.suffix == ".lock" or path.name.startswith("building-"):
            continue
        lock = path.with_suffix(".lock")
        try:
            with open(lock, "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                remove_tree(path)
            lock.unlink()
        except OSError:
            continue


def get_image() -> Image:
    """The image for this process (built on first use; the course part removed at exit)."""
    global _cached
    with _lock:
        if _cached is None:
            base = _base()
            python = _build_python(base)
            course = _build_course(base)
            atexit.register(remove_tree, course)
            if python.parent == base:
                _hold(python)
                _sweep(base, python)
            version = f"python{sys.version_info.major}.{sys.version_info.minor}"
            _cached = Image(python=python / "python", course=course,
                            executable=f"bin/{version}")
        return _cached

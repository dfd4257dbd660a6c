"""Ending what ``make bench`` started when it is interrupted (Ctrl-C or SIGTERM).

A benchmark starts browsers (Lighthouse launches Chromium, in a process group of its
own), book builds (jupyter-book, whose kernels are its children) and temporary folders
(build copies, browser profiles).  Interrupting ``make bench`` must leave none of them
behind.  :class:`Cleanup` keeps the list of folders the run made and, on SIGINT or SIGTERM
(or when called), ends **every process below the benchmark's own**, found by walking
``/proc`` (parent ids), then removes the folders:

* processes are found by ancestry, not by name, so nothing the benchmark did not start is
  touched; the benchmark makes itself a *child subreaper* (Linux ``prctl``), so a browser
  whose launcher died first is re-parented to the benchmark instead of to ``init`` and is
  still found;
* each gets SIGTERM, and SIGKILL if it is still there after a grace period;
* ``TMPDIR`` of every child points into a folder of the run (:meth:`Cleanup.child_tmpdir`),
  so browser profiles and other temporary files of the children go with it.

``tests/benchmarks/test_cleanup.py`` tests this without timing anything.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

_PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


class Interrupted(SystemExit):
    """Raised in the main thread after a signal, once everything has been cleaned up."""


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux); False where the system does not support it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from ``/proc/<pid>/stat``; None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # the command name may hold spaces or ')'
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, finished but not yet reaped, counts as gone)."""
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``: its children, their children, and so on."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[0] != "Z":
                children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _reap(pids: list[int]) -> None:
    """Collect the exit status of those of ``pids`` that are our children and finished
    (our own, or orphans we adopted as subreaper); other processes are left alone."""
    for pid in pids:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)


def end_processes(pids: list[int], grace: float = 5.0) -> list[int]:
    """SIGTERM every pid, SIGKILL those still running after ``grace`` seconds.

    Returns the pids that received SIGKILL.
    """
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while True:
        _reap(pids)
        left = [p for p in pids if alive(p)]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        _reap(left)
        if not any(alive(p) for p in left):
            break
        time.sleep(0.02)
    return left


class Cleanup:
    """The folders and processes one benchmark run is responsible for."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = os.getpid() if pid is None else pid
        self.folders: list[Path] = []
        self.subreaper = False

    def folder(self, prefix: str = "coursekit-bench-") -> Path:
        """A new temporary folder, removed by :meth:`run`."""
        return self.own(Path(tempfile.mkdtemp(prefix=prefix)))

    def own(self, path: Path) -> Path:
        """Remove ``path`` (an existing folder) on cleanup."""
        self.folders.append(Path(path))
        return Path(path)

    def keep(self, path: Path) -> None:
        """Do not remove ``path`` after all (the user asked to keep it)."""
        self.folders = [f for f in self.folders if f != Path(path)]

    def child_tmpdir(self) -> Path:
        """Point the children's ``TMPDIR`` into a folder of this run (browser profiles...)."""
        tempfile.gettempdir()  # this process keeps its own temp dir
        path = self.folder("coursekit-bench-tmp-")
        # traversable (not listable) by others: the grader's sandbox user reaches its image
        # under TMPDIR (coursegrader.image)
        os.chmod(path, 0o711)
        os.environ["TMPDIR"] = str(path)
        return path

    def end_processes(self, grace: float = 5.0) -> list[int]:
        """End every process below this one; return the pids found."""
        pids = descendants(self.pid)
        end_processes(pids, grace)
        return pids

    def remove_folders(self) -> None:
        for path in reversed(self.folders):
            shutil.rmtree(path, ignore_errors=True)
        self.folders = []

    def run(self, grace: float = 5.0) -> list[int]:
        """End the processes, then remove the folders (a browser may still write to one)."""
        pids = self.end_processes(grace)
        self.remove_folders()
        return pids

    def install(self) -> None:
        """Clean up on SIGINT and SIGTERM, then raise :class:`Interrupted` (exit 128 + n)."""
        self.subreaper = become_subreaper()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        for other in (signal.SIGINT, signal.SIGTERM):
            signal.signal(other, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup
        name = signal.Signals(signum).name
        print(f"\n{name}: ending the processes this benchmark started and removing its "
              f"{len(self.folders)} temporary folder(s) ...", file=sys.stderr, flush=True)
        pids = self.run()
        print(f"{name}: ended {len(pids)} process(es); done.", file=sys.stderr, flush=True)
        raise Interrupted(128 + signum)

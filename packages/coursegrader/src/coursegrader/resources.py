"""Per-submission resource limits: a cgroup v2 where the machine delegates one, else rlimits.

:class:`Limits` holds what one submission may use.  They are enforced in layers:

* **cgroup v2** (:class:`CgroupPool`), when the grader can create cgroups with the
  ``memory``, ``pids`` and ``cpu`` controllers (a delegated subtree, e.g. a systemd
  service with ``Delegate=yes``, or a container's own cgroup namespace): one cgroup per
  submission caps the memory of *all* its processes (``memory.max``, no swap), their
  number (``pids.max``) and their CPU share (``cpu.max``); ending it kills everything in
  it (``cgroup.kill``).
* **rlimits**, always, set by the runner inside the sandbox before the kernel starts
  (:func:`apply_rlimits`): address space, CPU time and file size per process, no core
  files, and ``RLIMIT_NPROC`` (counted in the sandbox's own user namespace).
* **the grader's watchdog** (:class:`TreeMonitor`), always: it follows the submission's
  process tree from outside and ends it when the tree as a whole goes over its memory,
  CPU time or CPU share, or when the notebook's time is up, whatever happens inside the
  sandbox (a stopped or traced init included).

The row of ``grades.csv`` says which of these applied (``limits`` column).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["CgroupPool", "Limits", "TreeMonitor", "apply_rlimits", "process_tree"]

MiB = 1024**2


@dataclass(frozen=True)
class Limits:
    """What one submission may use (seconds, bytes, counts, cores).

    ``memory_bytes``, ``cpu_seconds`` and ``cpu_share`` hold for the whole submission
    (every process of it together); ``file_bytes`` for any one file; ``processes`` counts
    processes and threads; ``disk_bytes`` is the size of its working folder and
    ``tmp_bytes`` of its ``/tmp``; ``answer_bytes`` caps one answer as data and
    ``answers_bytes`` all of them; ``max_cells`` the code cells run.
    """

    notebook_seconds: float = 300.0
    cell_seconds: float = 60.0
    memory_bytes: int = 4096 * MiB
    processes: int = 64
    cpu_seconds: float = 600.0
    cpu_share: float = 1.0
    disk_bytes: int = 512 * MiB
    tmp_bytes: int = 128 * MiB
    file_bytes: int = 256 * MiB
    answer_bytes: int = 16 * MiB
    answers_bytes: int = 64 * MiB
    max_cells: int = 2000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{f.name} must be a positive number, got {value!r}.")
        if self.processes < 16:
            raise ValueError(f"Limits.processes must be at least 16 (a kernel and the runner "
                             f"use about a dozen threads), got {self.processes}.")

    def to_json(self) -> dict[str, Any]:
        """The limits as a plain dict (what the runner receives)."""
        return asdict(self)


def apply_rlimits(limits: dict[str, Any]) -> None:
    """Set the per-process limits of the calling process and its future children.

    Called by the runner inside the sandbox, after the user namespace exists, so that
    ``RLIMIT_NPROC`` counts the sandbox's processes only.  The address-space limit leaves
    room for the virtual memory that thread stacks and shared libraries reserve; the
    watchdog and the cgroup limit what is really used.
    """
    def cap(which: int, value: int) -> None:
        soft, hard = resource.getrlimit(which)
        value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
        resource.setrlimit(which, (value, value))

    cap(resource.RLIMIT_AS, limits["memory_bytes"] + 2048 * MiB)
    cap(resource.RLIMIT_CPU, max(1, int(limits["cpu_seconds"])))
    cap(resource.RLIMIT_FSIZE, max(limits["file_bytes"], 2 * limits["answers_bytes"] + 16 * MiB))
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_NPROC, limits["processes"])
    cap(resource.RLIMIT_NOFILE, 1024)


# --- the process tree, seen from the grader --------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = resource.getpagesize()


def _stat(pid: str) -> tuple[int, int, float, int, int] | None:
    """(ppid, session, cpu seconds, threads, rss bytes) of a process, from /proc (world-readable)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    rest = raw[raw.rfind(b")") + 2:].split()
    try:
        return (int(rest[1]), int(rest[3]), (int(rest[11]) + int(rest[12])) / _TICKS,
                int(rest[17]), int(rest[21]) * _PAGE)
    except (IndexError, ValueError):
        return None


def process_tree(root: int) -> dict[int, tuple[float, int, int]]:
    """Every live process descended from ``root`` (itself included): pid -> (cpu s, threads, rss).

    Reads ``/proc/*/stat`` once; processes that a submission re-parents inside its own PID
    namespace stay under its init, so they are found.  Empty where there is no ``/proc``.
    """
    children: dict[int, list[int]] = {}
    info: dict[int, tuple[float, int, int]] = {}
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return {}
    for pid in pids:
        st = _stat(pid)
        if st is None:
            continue
        children.setdefault(st[0], []).append(int(pid))
        info[int(pid)] = (st[2], st[3], st[4])
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in tree or pid not in info:
            continue
        tree[pid] = info[pid]
        todo.extend(children.get(pid, []))
    return tree


def session_members(session: int) -> list[int]:
    """Live processes of a session (what ``--isolation none`` sweeps without a PID namespace)."""
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        st = _stat(pid)
        if st is not None and st[1] == session:
            found.append(int(pid))
    return found


class TreeMonitor:
    """The grader's watchdog for one submission's process tree.

    :meth:`check` is called a few times a second; it returns a reason to stop the
    submission (memory of the whole tree, CPU time, CPU share over a window), or ``""``.
    ``seen`` keeps every pid ever found, for the final sweep.
    """

    WINDOW = 5.0

    def __init__(self, root: int, limits: Limits, *, watch_usage: bool = True) -> None:
        self.root, self.limits, self.watch_usage = root, limits, watch_usage
        self.seen: set[int] = set()
        self.cpu_done = 0.0  # CPU of processes that have ended (as last seen)
        self._last: dict[int, float] = {}
        self._history: list[tuple[float, float]] = []
        self.peak_rss = 0

    def check(self) -> str:
        tree = process_tree(self.root)
        self.seen.update(tree)
        for pid, cpu in list(self._last.items()):
            if pid not in tree:
                self.cpu_done += cpu
                del self._last[pid]
        for pid, (cpu, _threads, _rss) in tree.items():
            self._last[pid] = cpu
        if not self.watch_usage or not tree:
            return ""
        rss = sum(r for _c, _t, r in tree.values())
        self.peak_rss = max(self.peak_rss, rss)
        cpu = self.cpu_done + sum(self._last.values())
        now = time.monotonic()
        self._history.append((now, cpu))
        while self._history and now - self._history[0][0] > self.WINDOW:
            self._history.pop(0)
        if rss > self.limits.memory_bytes:
            return (f"its processes used {rss / MiB:,.0f} MB of memory together, more than "
                    f"the limit of {self.limits.memory_bytes / MiB:,.0f} MB")
        if cpu > self.limits.cpu_seconds:
            return (f"it used {cpu:,.0f} s of CPU time, more than the limit of "
                    f"{self.limits.cpu_seconds:g} s")
        start_t, start_cpu = self._history[0]
        span = now - start_t
        if span >= self.WINDOW * 0.8:
            allowed = 1.25 * self.limits.cpu_share * span + 1.0
            if cpu - start_cpu > allowed:
                return (f"it kept about {(cpu - start_cpu) / span:.1f} CPU cores busy for "
                        f"{span:.0f} s, more than its share of {self.limits.cpu_share:g} "
                        f"core(s)")
        return ""


# --- cgroup v2 --------------------------------------------------------------------------------

_CONTROLLERS = ("memory", "pids", "cpu")


def _cgroup2_mount(mountinfo: str) -> Path | None:
    for line in mountinfo.splitlines():
        left, _, right = line.partition(" - ")
        if right.split(" ")[:1] == ["cgroup2"]:
            return Path(left.split(" ")[4])
    return None


def _own_cgroup(proc_cgroup: str) -> str | None:
    for line in proc_cgroup.splitlines():
        if line.startswith("0::"):
            return line[3:].strip()
    return None


class CgroupPool:
    """One cgroup v2 per submission, under a subtree the grader may manage.

    :meth:`setup` looks for a usable subtree: the grader's own cgroup, if its
    ``cgroup.controllers`` offers memory, pids and cpu, the grader can write it, and no
    other process lives in it (cgroup v2 lets a cgroup with processes hand controllers to
    children only after those processes move into a leaf, so the grader moves *itself*
    into ``<own>/grader`` and enables the controllers).  Anything missing or refused
    leaves the pool unusable (``self.root is None``) with ``self.why`` saying why; the
    grader then relies on rlimits and its watchdog.  ``fs_root`` and ``proc`` exist for
    the tests (a fake cgroup file system).
    """

    def __init__(self, fs_root: Path | None = None, proc: Path = Path("/proc/self")) -> None:
        self.fs_root, self.proc = fs_root, proc
        self.root: Path | None = None
        self.why = "not set up"
        self._n = 0

    def setup(self) -> bool:
        try:
            mount = self.fs_root or _cgroup2_mount((self.proc / "mountinfo").read_text())
            own = _own_cgroup((self.proc / "cgroup").read_text())
        except OSError as err:
            self.why = f"cannot read the process's cgroup ({err.strerror})"
            return False
        if mount is None or own is None:
            self.why = "no cgroup v2 hierarchy is mounted"
            return False
        here = mount / own.lstrip("/")
        try:
            offered = (here / "cgroup.controllers").read_text().split()
        except OSError:
            self.why = f"the grader's cgroup {here} is not readable"
            return False
        missing = [c for c in _CONTROLLERS if c not in offered]
        if missing:
            self.why = (f"the grader's cgroup does not delegate the {', '.join(missing)} "
                        f"controller(s) (it offers: {' '.join(offered) or 'none'})")
            return False
        if not os.access(here / "cgroup.subtree_control", os.W_OK) or not os.access(
                here, os.W_OK):
            self.why = "the grader may not create cgroups under its own (not delegated)"
            return False
        try:
            procs = (here / "cgroup.procs").read_text().split()
            if any(p != str(os.getpid()) for p in procs):
                self.why = ("other processes share the grader's cgroup; run the grader in a "
                            "cgroup of its own (e.g. systemd-run --scope -p Delegate=yes)")
                return False
            leaf = here / "grader"
            leaf.mkdir(exist_ok=True)
            (leaf / "cgroup.procs").write_text(str(os.getpid()))
            (here / "cgroup.subtree_control").write_text(
                " ".join(f"+{c}" for c in _CONTROLLERS))
        except OSError as err:
            self.why = f"could not set up a cgroup subtree ({err.strerror or err})"
            return False
        self.root, self.why = here, ""
        return True

    def create(self, limits: Limits) -> Path:
        """A new cgroup for one submission, with its limits written."""
        assert self.root is not None
        self._n += 1
        path = self.root / f"submission-{os.getpid()}-{self._n}"
        path.mkdir()
        quota = max(1000, int(limits.cpu_share * 100_000))
        for name, value in (("memory.max", str(limits.memory_bytes)), ("memory.swap.max", "0"),
                            ("pids.max", str(limits.processes)),
                            ("cpu.max", f"{quota} 100000")):
            try:
                (path / name).write_text(value)
            except FileNotFoundError:
                if name != "memory.swap.max":  # no swap accounting on this kernel: fine
                    raise
        return path

    @staticmethod
    def peak_memory(path: Path) -> int | None:
        try:
            return int((path / "memory.peak").read_text())
        except (OSError, ValueError):
            return None

    @staticmethod
    def destroy(path: Path, pids: Iterable[int] = ()) -> None:
        """Kill whatever is left in the cgroup, then remove it."""
        try:
            (path / "cgroup.kill").write_text("1")
        except OSError:
            for pid in pids:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
        for _ in range(50):
            try:
                path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.02)

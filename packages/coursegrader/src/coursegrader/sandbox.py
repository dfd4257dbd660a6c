"""Run one submission in its own process, walled off from the grader, with limits.

:func:`execute` copies the notebook into an empty working folder and runs
:mod:`coursegrader.runner` on it:

* with **bubblewrap** (``bwrap``, Debian package ``bubblewrap``) when it is
  installed and works: the process sees only the operating system, the Python
  environment, the ``coursekit`` package and its data, and its own working
  folder.  It has no network, its own process tree, and cannot see the
  autograder, the tests, the reference answers or other submissions;
* otherwise (the documented fallback, ``isolation="none"``), as a plain child
  process in the empty working folder: the limits below still hold, but the
  code can read whatever files the grading user can read.

Either way the process gets a wall-clock limit for the whole notebook, a time
limit per cell (enforced inside the runner), and limits on memory, CPU time
and file size; when it overruns, its whole process tree is killed and the
answers saved after its last finished cell are what it handed in.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["Limits", "RunResult", "bubblewrap_available", "execute"]

_MAX_ANSWER_FILE = 64 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission (seconds, bytes)."""

    notebook_seconds: float = 300.0
    cell_seconds: float = 60.0
    memory_bytes: int = 4 * 1024**3
    cpu_seconds: int = 600
    file_bytes: int = 256 * 1024**2


@dataclass
class RunResult:
    """What a submission handed in, and how its run ended."""

    answers: dict[str, Any]
    status: str  # "finished", "timeout", "killed", "unreadable", "crashed"
    reason: str = ""
    isolation: str = "bubblewrap"
    seconds: float = 0.0
    log: dict[str, Any] = field(default_factory=dict)


def _package_roots() -> list[Path]:
    """Folders the runner needs to import Python, coursekit, the runner and the data (read-only)."""
    import coursegrader
    import coursekit
    from coursekit.data import data_dir
    from coursekit.data.bibliography import references_path

    roots = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(sysconfig.get_paths()["stdlib"]).parent,
             Path(coursekit.__file__).resolve().parent,
             Path(coursegrader.__file__).resolve().parent, data_dir().resolve(),
             references_path().resolve()}
    return sorted(r for r in roots if r.exists())


def _bwrap_command(workdir: Path) -> list[str]:
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for system in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc"):
        if Path(system).exists():
            cmd += ["--ro-bind", system, system]
    for root in _package_roots():
        cmd += ["--ro-bind", str(root), str(root)]
    cmd += ["--bind", str(workdir), "/submission", "--chdir", "/submission",
            "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/submission",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "PYTHONHASHSEED", "0", "--"]
    return cmd


@cache
def bubblewrap_available() -> bool:
    """True if ``bwrap`` is installed and can start a sandbox on this machine."""
    if shutil.which("bwrap") is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run([*_bwrap_command(Path(tmp)), sys.executable, "-I", "-c", "0"],
                                  capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return proc.returncode == 0


def _limit(limits: Limits) -> Any:
    def apply() -> None:  # runs in the child before exec
        for res, value in ((resource.RLIMIT_AS, limits.memory_bytes),
                           (resource.RLIMIT_CPU, limits.cpu_seconds),
                           (resource.RLIMIT_FSIZE, limits.file_bytes),
                           (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(res, (value, value))
    return apply


def _read_answers(path: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    if not path.is_file():
        return {}, {}, "the notebook produced no answers (it stopped before its first cell)"
    if path.stat().st_size > _MAX_ANSWER_FILE:
        return {}, {}, "the answers are too large to grade"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return dict(record.get("answers", {})), dict(record.get("log", {})), ""
    except (ValueError, AttributeError, TypeError):
        return {}, {}, "the saved answers are unreadable (the notebook overwrote them)"


def execute(notebook: Path, names: list[str], limits: Limits | None = None, *,
            isolation: str = "auto") -> RunResult:
    """Run ``notebook`` and return the answer variables ``names`` it left behind (as data).

    ``isolation`` is ``"auto"`` (bubblewrap if available), ``"bubblewrap"`` (fail
    if unavailable) or ``"none"``.
    """
    limits = limits or Limits()
    use_bwrap = {"auto": bubblewrap_available(), "bubblewrap": True, "none": False}[isolation]
    if use_bwrap and not bubblewrap_available():
        raise RuntimeError("bubblewrap (bwrap) is not available: install the Debian package "
                           "'bubblewrap', or grade with isolation='none' (see the README).")
    with tempfile.TemporaryDirectory(prefix="ck-submission-") as tmp:
        work = Path(tmp)
        shutil.copyfile(notebook, work / "submission.ipynb")
        inner = ["-I", "-m", "coursegrader.runner", "submission.ipynb", "answers.json",
                 "--names", ",".join(names), "--cell-timeout", f"{limits.cell_seconds:g}"]
        if use_bwrap:
            cmd = [*_bwrap_command(work), sys.executable, *inner]
            cwd, env = None, None
        else:
            cmd = [sys.executable, *inner]
            cwd = str(work)
            env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "OPENBLAS_NUM_THREADS": "1",
                   "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
        status, reason = "finished", ""
        import time

        started = time.monotonic()
        with open(work / "output.log", "wb") as log_fh:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=log_fh, stderr=subprocess.STDOUT,
                                    preexec_fn=_limit(limits), start_new_session=True)
            try:
                proc.wait(timeout=limits.notebook_seconds)
            except subprocess.TimeoutExpired:
                status = "timeout"
                reason = (f"stopped after the notebook's time limit of "
                          f"{limits.notebook_seconds:g} s")
            finally:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        seconds = time.monotonic() - started
        answers, log, problem = _read_answers(work / "answers.json")
        if status == "finished" and proc.returncode != 0:
            status = "killed"
            sig = -proc.returncode if proc.returncode < 0 else None
            reason = (f"the notebook's process ended abnormally ("
                      f"{'signal ' + signal.Signals(sig).name if sig else 'exit code ' + str(proc.returncode)}"
                      f"; a memory, CPU or file-size limit, or a crash)")
        if log.get("unreadable"):
            status, reason = "unreadable", f"not a readable notebook: {log['unreadable']}"
        elif problem:
            reason = f"{reason}; {problem}" if reason else problem
        return RunResult(answers=answers, status=status, reason=reason,
                         isolation="bubblewrap" if use_bwrap else "none",
                         seconds=round(seconds, 2), log=log)

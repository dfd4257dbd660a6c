"""Run one submission in its own sandbox, unprivileged, with limits; get its answers as data.

:func:`execute` runs :mod:`coursegrader.runner` (a real Jupyter kernel driven by nbclient)
on a notebook, in one of two modes:

``bubblewrap`` (``isolation="auto"`` uses it whenever it works)
    A bubblewrap sandbox (Debian package ``bubblewrap``) started *without privilege*: if
    the grader runs as root it first switches to an unprivileged uid/gid (65534 by
    default) and empties its capability bounding set, so inside the sandbox the code is
    that uid, with no capability at all, in its own user, PID, mount, network, IPC and UTS
    namespaces, unable to create further user namespaces.  It sees the operating system's
    ``/usr``, a read-only image of the Python environment and the course packages at
    neutral paths (``/opt/python``, ``/opt/course``, :mod:`coursegrader.image`), a minimal
    ``/etc``, its notebook in a size-limited working folder ``/submission`` and a
    size-limited ``/tmp`` (both in memory, gone with the sandbox).  No network, no view
    of the grader's files, the tests, the reference answers or other submissions.
``none`` (the fallback where bubblewrap cannot run, e.g. macOS)
    The runner runs as a plain process in a fresh working folder.  As root it still
    switches to the unprivileged uid first.  Where Linux allows it the runner gets its
    own PID namespace (``unshare --user --pid --fork --kill-child``), so everything the
    submission starts ends with it; elsewhere the grader kills its session and every
    process it saw in the submission's tree.  **Files are not isolated**: the code can
    read whatever the grading user can read.  The result says so.

Either way the answers leave as data only, through two files the grader creates in a
private folder and passes to the runner as open file descriptors (the runner is not
dumpable, so the code it runs cannot reach them); the grader reopens them with
``O_NOFOLLOW``, checks that each is a regular file of bounded size, and keeps the newest
complete record.  Limits (:mod:`coursegrader.resources`): a cgroup v2 per submission where
one is delegated, rlimits inside the sandbox, and the grader's watchdog, which ends the
submission at its notebook time (plus a few seconds of grace) whatever state its
processes are in.  The grader refuses to run student code as root.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from coursegrader._host import disk_usage, drain, read_answers
from coursegrader.cleanup import remove_tree
from coursegrader.image import SANDBOX_COURSE, SANDBOX_PYTHON, get_image
from coursegrader.resources import CgroupPool, Limits, TreeMonitor, session_members

__all__ = ["Limits", "RunResult", "bubblewrap_available", "check_privileges", "execute",
           "read_answers", "resolve_isolation", "SANDBOX_UID"]

SANDBOX_UID = 65534
_LAUNCH = str(Path(__file__).with_name("_launch.py"))
_GRACE = 5.0
_BOOT = ("import sys\nif sys.argv[1] != '-': sys.path.insert(0, sys.argv[1])\n"
         "from coursegrader.runner import main\nsys.exit(main(sys.argv[2:]))")
_STATUS_TEXT = {
    "timeout": "stopped at the notebook's time limit of {t:g} s",
    "died": "the kernel stopped in the middle (it crashed, exited, was killed, or ran out "
            "of memory)",
    "error": "the kernel could not be started",
    "unresponsive": "cell {cell} ran past its time limit and the kernel did not respond to the "
                    "interrupt; the run stopped there",
}


@dataclass
class RunResult:
    """What a submission handed in, and how its run ended.

    ``status``: ``finished`` (every cell ran; some may have raised, see ``log``),
    ``timeout``, ``stopped`` (a resource limit), ``died`` (the kernel ended early),
    ``unreadable`` (not a notebook) or ``error`` (the grader could not run it).
    """

    answers: dict[str, Any]
    status: str
    reason: str = ""
    isolation: str = ""
    limits: str = ""
    seconds: float = 0.0
    log: dict[str, Any] = field(default_factory=dict)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _launcher(uid: int | None, cgroup: Path | None, *, no_new_privs: bool = True) -> list[str]:
    config = {"cgroup": str(cgroup) if cgroup else None, "parent": os.getpid(),
              "uid": uid if _is_root() else None, "gid": uid if _is_root() else None,
              "no_new_privs": no_new_privs}
    return [sys.executable, "-I", "-S", _LAUNCH, json.dumps(config), "--"]


def _bwrap_setuid() -> bool:
    path = shutil.which("bwrap")
    return bool(path) and bool(os.stat(path).st_mode & stat.S_ISUID)


def _bwrap_args(uid: int, limits: Limits, notebook_fd: int, notebook_name: str,
                image: Any) -> list[str]:
    args = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns",
            "--uid", str(uid), "--gid", str(uid), "--hostname", "sandbox",
            "--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--proc", "/proc", "--dev", "/dev", "--dir", "/etc"]
    for name in ("passwd", "group", "hosts"):
        args += ["--ro-bind", str(image.course / "etc" / name), f"/etc/{name}"]
    for name in ("ld.so.cache", "localtime", "fonts"):
        if os.path.exists(f"/etc/{name}"):
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    args += ["--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp",
             "--ro-bind", str(image.python), SANDBOX_PYTHON,
             "--ro-bind", str(image.course), SANDBOX_COURSE,
             "--size", str(limits.disk_bytes), "--perms", "0755", "--tmpfs", "/submission",
             "--perms", "0644", "--file", str(notebook_fd), f"/submission/{notebook_name}",
             "--chdir", "/submission", "--clearenv"]
    for key, value in _environment("/submission", f"{SANDBOX_PYTHON}/bin", SANDBOX_COURSE,
                                   f"{SANDBOX_PYTHON}/lib").items():
        args += ["--setenv", key, value]
    return [*args, "--", f"{SANDBOX_PYTHON}/{image.executable}"]


def _environment(home: str, bindir: str, course: str | None,
                 libdir: str | None) -> dict[str, str]:
    """The whole environment of the runner and the kernel (nothing of the grader's)."""
    env = {"PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
           "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "NUMEXPR_MAX_THREADS": "1", "MALLOC_ARENA_MAX": "2",
           "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": f"{home}/.ipython",
           "MPLCONFIGDIR": f"{home}/.config/matplotlib", "TMPDIR": "/tmp"}
    if course:
        env["PYTHONPATH"] = course
    if libdir:
        env["LD_LIBRARY_PATH"] = libdir
    return env


@cache
def bubblewrap_available() -> bool:
    """True if ``bwrap`` can start an unprivileged sandbox here (probed once)."""
    if shutil.which("bwrap") is None or not sys.platform.startswith("linux"):
        return False
    try:
        image = get_image()
        with tempfile.TemporaryFile() as nb:
            cmd = [*_launcher(SANDBOX_UID, None, no_new_privs=not _bwrap_setuid()),
                   *_bwrap_args(SANDBOX_UID, Limits(), nb.fileno(), "probe.ipynb", image),
                   "-I", "-S", "-c", "import os; print(os.getuid(), os.geteuid())"]
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                                  pass_fds=(nb.fileno(),))
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0 and "0" not in proc.stdout.split()


@cache
def _pid_namespace_available(uid: int) -> bool:
    """True if ``unshare`` can give an unprivileged runner its own PID namespace."""
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    try:
        proc = subprocess.run([*_launcher(uid, None), *_unshare_args(), "/bin/true"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def _unshare_args() -> list[str]:
    return ["unshare", "--user", "--map-current-user", "--mount", "--pid", "--fork",
            "--kill-child", "--mount-proc"]


_SYSTEM_READ = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/proc", "/sys"]


@cache
def check_privileges(uid: int = SANDBOX_UID) -> None:
    """Refuse to go on if student code would run as root (raise RuntimeError)."""
    if not _is_root():
        return
    try:
        proc = subprocess.run([*_launcher(uid, None), "id", "-ru"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        raise RuntimeError(f"refusing to grade as root: could not start an unprivileged "
                           f"process ({err})") from None
    if proc.returncode != 0 or proc.stdout.strip() != str(uid):
        raise RuntimeError(f"refusing to grade as root: could not switch to uid {uid} "
                           f"(exit {proc.returncode}: {proc.stderr.strip()[-300:]}). Run the "
                           f"grader as an ordinary user, or where root may change its uid.")


_cgroups = CgroupPool()
_cgroups_lock = threading.Lock()


def _cgroup_pool() -> CgroupPool:
    with _cgroups_lock:
        if _cgroups.why == "not set up":
            _cgroups.setup()
        return _cgroups


def _kill(proc: subprocess.Popen, monitor: TreeMonitor, pidns: bool) -> None:
    """End the submission: the sandbox's outer process, then (without a PID namespace)
    its session and every process seen in its tree."""
    for pid in [proc.pid] + ([] if pidns else sorted(monitor.seen)):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if not pidns:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        for pid in session_members(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def resolve_isolation(isolation: str) -> str:
    """``auto`` -> ``bubblewrap`` where it works, else ``none``."""
    if isolation not in ("auto", "bubblewrap", "none"):
        raise ValueError(f"isolation must be 'auto', 'bubblewrap' or 'none', got {isolation!r}.")
    if isolation == "auto":
        return "bubblewrap" if bubblewrap_available() else "none"
    if isolation == "bubblewrap" and not bubblewrap_available():
        raise RuntimeError("bubblewrap (bwrap) cannot start a sandbox here: install the Debian "
                           "package 'bubblewrap' and allow unprivileged user namespaces, or "
                           "grade with --isolation none (see the README).")
    return isolation


def execute(notebook: Path | bytes, names: list[str], limits: Limits | None = None, *,
            isolation: str = "auto", notebook_name: str = "submission.ipynb",
            uid: int = SANDBOX_UID) -> RunResult:
    """Run ``notebook`` (a path or its bytes) and return the answers ``names`` it left."""
    limits = limits or Limits()
    mode = resolve_isolation(isolation)
    check_privileges(uid)
    data = notebook if isinstance(notebook, bytes) else Path(notebook).read_bytes()
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark: Jupyter's readers refuse it
    pool = _cgroup_pool()
    cgroup = pool.create(limits) if pool.root is not None else None
    limits_text = ("cgroup v2 (memory, processes, CPU share) + rlimits" if cgroup else
                   "rlimits + watchdog (no delegated cgroup v2: " + pool.why + ")")
    scratch = Path(tempfile.mkdtemp(prefix="ck-run-"))
    work: Path | None = None
    started = time.monotonic()
    try:
        answer_fds = [os.open(scratch / f"answers-{k}", os.O_RDWR | os.O_CREAT | os.O_EXCL
                              | getattr(os, "O_NOFOLLOW", 0), 0o600) for k in (0, 1)]
        runner_args = ["--notebook", "", "--answers-fds", ",".join(map(str, answer_fds)),
                       "--names", ",".join(names), "--limits", json.dumps(limits.to_json())]
        pass_fds = list(answer_fds)
        pidns = True
        if mode == "bubblewrap":
            image = get_image()
            nb_path = scratch / "notebook.ipynb"
            nb_path.write_bytes(data)
            nb_fd = os.open(nb_path, os.O_RDONLY)
            pass_fds.append(nb_fd)
            runner_args[1] = f"/submission/{notebook_name}"
            cmd = [*_launcher(uid, cgroup, no_new_privs=not _bwrap_setuid()),
                   *_bwrap_args(uid, limits, nb_fd, notebook_name, image),
                   "-I", "-c", _BOOT, SANDBOX_COURSE, *runner_args, "--ipc", "/tmp/.ck-kernel"]
            env, cwd = {"PATH": "/usr/bin:/bin"}, "/"
            isolation_text = (f"bubblewrap (uid {uid}, no capabilities, no network, "
                              f"own namespaces)")
        else:
            work = Path(tempfile.mkdtemp(prefix="ck-work-"))
            (work / notebook_name).write_bytes(data)
            (work / ".tmp").mkdir()
            runner_args[1] = str(work / notebook_name)
            linux = sys.platform.startswith("linux")
            if linux:  # the image: reachable by the unprivileged uid, and all Landlock allows
                image = get_image()
                python, course, libdir = image.host_python(), str(image.course), str(
                    image.python / "lib")
                read = [*_SYSTEM_READ, str(image.python), course]
                runner_args += ["--ipc", str(work / ".tmp" / "k"),
                                "--landlock-read", os.pathsep.join(read),
                                "--landlock-write", os.pathsep.join([str(work), "/dev/shm"])]
            else:
                python, course, libdir = sys.executable, None, None
            if _is_root():
                for path in (work, work / ".tmp", work / notebook_name):
                    os.chown(path, uid, uid)
            env = _environment(str(work), os.path.dirname(python), course, libdir)
            env["TMPDIR"] = str(work / ".tmp")
            pidns = _pid_namespace_available(uid)
            prefix = _unshare_args() if pidns else []
            cmd = [*_launcher(uid, cgroup), *prefix, python, "-I", "-c", _BOOT,
                   course or "-", *runner_args]
            cwd = str(work)
            who = f"uid {uid}" if _is_root() else "the grading user"
            isolation_text = (f"none: runs as {who}; " +
                              ("own PID namespace" if pidns else
                               "no PID namespace (session and process sweep)"))
        log_bytes = bytearray()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, pass_fds=pass_fds, env=env,
                                    cwd=cwd, start_new_session=True)
        finally:
            for fd in pass_fds:
                os.close(fd)
        drainer = threading.Thread(target=drain, args=(proc.stdout, log_bytes), daemon=True)
        drainer.start()
        monitor = TreeMonitor(proc.pid, limits, watch_usage=cgroup is None)
        deadline = started + limits.notebook_seconds + _GRACE
        stop_reason, status = "", ""
        last_disk = 0.0
        while proc.poll() is None:
            now = time.monotonic()
            if now > deadline:
                status, stop_reason = "timeout", (f"stopped at the notebook's time limit of "
                                                  f"{limits.notebook_seconds:g} s")
                break
            problem = monitor.check()
            if not problem and work is not None and now - last_disk > 2:
                last_disk = now
                if disk_usage(work) > limits.disk_bytes:
                    problem = (f"it wrote more than {limits.disk_bytes / 1024**2:g} MB into "
                               f"its working folder")
            if problem:
                status, stop_reason = "stopped", f"stopped: {problem}"
                break
            time.sleep(0.2)
        monitor.check()
        _kill(proc, monitor, pidns)
        proc.wait()
        if cgroup is not None:
            pool.destroy(cgroup, monitor.seen)
            cgroup = None
        drainer.join(timeout=5)
        seconds = time.monotonic() - started
        record = read_answers(scratch, 2 * limits.answers_bytes + 8 * 1024**2)
        if mode == "none":
            abi = (record or {}).get("log", {}).get("landlock", 0) if isinstance(
                (record or {}).get("log"), dict) else 0
            isolation_text += (f"; files restricted by Landlock (ABI {abi}: reads only the "
                               f"system and Python, writes only its folder, no TCP)" if abi
                               else "; files NOT isolated (no Landlock): it could read "
                                    "whatever the grading user can")
        return _result(record, status, stop_reason, proc.returncode, limits, bytes(log_bytes),
                       isolation_text, limits_text, seconds)
    finally:
        if cgroup is not None:
            pool.destroy(cgroup)
        if work is not None:
            remove_tree(work)
        remove_tree(scratch)


def _result(record: dict[str, Any] | None, status: str, reason: str, returncode: int,
            limits: Limits, output: bytes, isolation: str, limits_text: str,
            seconds: float) -> RunResult:
    answers = record.get("answers", {}) if record else {}
    log = record.get("log", {}) if record else {}
    if not isinstance(answers, dict) or not isinstance(log, dict):
        answers, log = {}, {}
    log["output"] = output.decode("utf-8", "replace")[-4000:]
    if log.get("unreadable"):
        return RunResult({}, "unreadable", f"not a readable notebook: {log['unreadable']}",
                         isolation, limits_text, round(seconds, 2), log)
    if not status:
        stopped = log.get("stopped", "")
        if record is None:
            last = [line for line in log["output"].splitlines() if line.strip()][-1:] or [""]
            status, reason = "error", (f"the grader's runner could not start (exit code "
                                       f"{returncode}): {last[0][:300]}; the grading "
                                       f"environment must hold every package it uses")
        elif not record.get("done"):
            status, reason = "died", ("the grader's runner ended unexpectedly (exit code "
                                      f"{returncode}); answers saved before that still count")
        elif stopped in _STATUS_TEXT:
            status = "timeout" if stopped == "unresponsive" else stopped
            reason = _STATUS_TEXT[stopped].format(t=limits.notebook_seconds,
                                                  cell=log.get("stopped_at", "?"))
        else:
            status = "finished"
    if record is None and status in ("timeout", "stopped"):
        reason += "; it handed in no answers"
    errors = log.get("errors", []) if isinstance(log.get("errors"), list) else []
    if errors and status == "finished":
        reason = f"{len(errors)} cell(s) raised an error (first: cell {errors[0].get('cell')})"
    notes = log.get("notes") if isinstance(log.get("notes"), list) else []
    if notes:
        reason = "; ".join([r for r in [reason] if r] + [str(n) for n in notes[:3]])
    return RunResult(answers, status, reason, isolation, limits_text, round(seconds, 2), log)

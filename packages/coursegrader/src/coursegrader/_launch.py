"""Start one submission's sandbox: join its cgroup, give up every privilege, then exec.

Run by :mod:`coursegrader.sandbox` as ``python -I -S _launch.py CONFIG -- COMMAND ...``
(a file, not a module: ``-S`` keeps the start-up to a few milliseconds, and it runs in a
fresh single-threaded process, never as a ``preexec_fn`` of the threaded grader).  CONFIG is
JSON: ``{"cgroup": path or null, "uid": int or null, "gid": int or null, "no_new_privs":
bool, "parent": pid}``.  In order:

1. join the submission's cgroup (while still allowed to write its ``cgroup.procs``);
2. if started as root: empty the capability bounding set, drop supplementary groups and
   switch to ``uid``/``gid`` for good (real, effective and saved ids), and check that root
   is gone: exit code 97 otherwise, so student code never runs as root;
3. die with the grader (``PR_SET_PDEATHSIG``; set after the switch, which clears it), and
   forbid gaining privileges by exec (``PR_SET_NO_NEW_PRIVS``);
4. exec COMMAND (bubblewrap, ``unshare`` or the runner).

Only the standard library, no ``coursegrader`` import: this file runs before ``site``.
"""

import ctypes
import json
import os
import signal
import sys

EXIT_STILL_ROOT = 97
EXIT_BAD_CONFIG = 98
_PR_SET_PDEATHSIG = 1
_PR_CAPBSET_DROP = 24
_PR_SET_NO_NEW_PRIVS = 38


def _prctl(libc, option: int, arg: int) -> int:
    return libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0),
                      ctypes.c_ulong(0))


def main(argv: list) -> None:
    if len(argv) < 3 or argv[1] != "--":
        sys.exit(EXIT_BAD_CONFIG)
    config = json.loads(argv[0])
    command = argv[2:]
    program = _which(command[0])  # now: after the switch the interpreter's files may be out of reach
    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
    if config.get("cgroup"):
        with open(os.path.join(config["cgroup"], "cgroup.procs"), "w") as fh:
            fh.write(str(os.getpid()))
    uid, gid = config.get("uid"), config.get("gid")
    if os.geteuid() == 0 and uid is not None:
        if libc is not None:
            for cap in range(64):  # the bounding set: no capability can ever come back
                _prctl(libc, _PR_CAPBSET_DROP, cap)
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
    if 0 in os.getresuid() or (uid is not None and os.getuid() != uid):
        sys.exit(EXIT_STILL_ROOT)
    if libc is not None:
        _prctl(libc, _PR_SET_PDEATHSIG, signal.SIGKILL)
        if config.get("no_new_privs", True):
            _prctl(libc, _PR_SET_NO_NEW_PRIVS, 1)
    if config.get("parent") and os.getppid() != config["parent"]:
        sys.exit(EXIT_BAD_CONFIG)  # the grader died before the death signal was armed
    os.execv(program, command)


def _which(name: str) -> str:
    if "/" in name:
        return name
    for folder in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    sys.exit(EXIT_BAD_CONFIG)


if __name__ == "__main__":
    main(sys.argv[1:])

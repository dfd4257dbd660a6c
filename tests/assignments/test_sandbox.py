"""Inside the sandbox, with a real kernel: no privilege, no escape, nothing of the host (issue 22).

A probe notebook tries what the red team did as root: remount the read-only folders and
write the scorer, read a root-only file, look at ``/proc/self/mountinfo``, reach the
network, create a user namespace; and reports what happened in an answer variable.  It
runs through :func:`coursegrader.sandbox.execute` as root and as an ordinary user, with
bubblewrap and with ``--isolation none``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from coursegrader.sandbox import bubblewrap_available

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
SETUPS = [("root", "bubblewrap"), ("root", "none"), ("user", "bubblewrap"), ("user", "none")]

PROBE = r'''
import ctypes, os, socket
import coursekit.grading.reference as _ref
probe = {"ids": list(os.getresuid()) + list(os.getresgid()), "groups": os.getgroups()}
probe["caps"] = {l.split(":")[0]: l.split()[1] for l in open("/proc/self/status")
                 if l.startswith(("Cap", "NoNewPrivs"))}
_libc = ctypes.CDLL(None, use_errno=True)
_targets = ["/", "/usr", os.path.dirname(_ref.__file__), os.path.dirname(os.__file__)]
probe["remount"] = [_libc.mount(None, t.encode(), None, 32 | 4096, None) for t in _targets]
probe["remount"] += [_libc.mount(None, t.encode(), None, 32, None) for t in _targets]
try:
    with open(_ref.__file__, "a") as _fh:
        _fh.write("\n# tampered\n")
    probe["write_scorer"] = "written"
except OSError as _err:
    probe["write_scorer"] = type(_err).__name__
def _read(path):
    try:
        return open(path).read()[:40]
    except OSError as err:
        return type(err).__name__
probe["secret"] = _read(SECRET)
probe["shadow"] = _read("/etc/shadow")
probe["mountinfo"] = open("/proc/self/mountinfo").read()
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=2).close()
    probe["tcp"] = "connected"
except OSError as _err:
    probe["tcp"] = type(_err).__name__
probe["userns"] = _libc.unshare(0x10000000)  # CLONE_NEWUSER
probe["processes"] = len([p for p in os.listdir("/proc") if p.isdigit()])
'''

_EXECUTE = """import json, sys
from pathlib import Path
from coursegrader.sandbox import execute, Limits
from coursekit.grading.values import from_data
a = json.loads(sys.argv[1])
r = execute(Path(a["nb"]).read_bytes(), ["probe"], Limits(notebook_seconds=60, cell_seconds=30),
            isolation=a["isolation"])
print(json.dumps({"status": r.status, "reason": r.reason, "isolation": r.isolation,
                  "probe": from_data(r.answers.get("probe")), "log": r.log}, default=str))
"""


@pytest.fixture(scope="module")
def listener():
    """A TCP port on the host's loopback that a sandbox must not reach."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture(scope="module")
def secret():
    """A file only root (or only the test's user) may read, in a folder anyone may enter."""
    folder = Path(tempfile.mkdtemp(prefix="ck-secret-"))
    os.chmod(folder, 0o755)
    path = folder / "secret"
    path.write_text("the expected answers")
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    yield path
    shutil.rmtree(folder)


@pytest.fixture(scope="module", params=SETUPS, ids=["-".join(s) for s in SETUPS])
def probe(request, ordinary_user, run_python_as, listener, secret, tmp_path_factory):
    who, isolation = request.param
    if isolation == "bubblewrap" and not bubblewrap_available():
        if IN_CI:
            pytest.fail("bubblewrap (bwrap) is required under CI: .ci/run installs it")
        pytest.skip("bubblewrap cannot start a sandbox here")
    code = PROBE.replace("SECRET", repr(str(secret))).replace("PORT", str(listener))
    nb = tmp_path_factory.mktemp("probe") / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), nb)
    out = run_python_as(who, ordinary_user, _EXECUTE, {"nb": "@probe.ipynb",
                                                      "isolation": isolation},
                        {"probe.ipynb": nb})
    result = json.loads(out.strip().splitlines()[-1])
    assert result["status"] == "finished" and not result["log"].get("errors"), result
    return {"who": who, "isolation": isolation, **result["probe"], "row": result}


def test_no_capability_and_an_unprivileged_uid(probe):
    if probe["who"] == "root" or probe["isolation"] == "bubblewrap":
        assert probe["ids"] == [65534] * 6, probe["ids"]
    else:
        assert 0 not in probe["ids"]
    assert 0 not in probe["groups"]
    for name in ("CapInh", "CapPrm", "CapEff", "CapAmb"):
        assert int(probe["caps"][name], 16) == 0, (name, probe["caps"])
    if probe["isolation"] == "bubblewrap":
        assert int(probe["caps"]["CapBnd"], 16) == 0, probe["caps"]
    else:  # a user namespace resets its bounding set; no_new_privs keeps it out of reach
        assert probe["caps"]["NoNewPrivs"] == "1", probe["caps"]


def test_the_remount_escape_fails_and_the_scorer_stays_read_only(probe):
    assert all(r == -1 for r in probe["remount"]), probe["remount"]
    assert probe["write_scorer"] != "written"
    import coursekit.grading.reference

    assert "# tampered" not in Path(coursekit.grading.reference.__file__).read_text()


def test_a_root_only_file_cannot_be_read(probe):
    assert probe["secret"] in ("PermissionError", "FileNotFoundError"), probe["secret"]
    assert probe["shadow"] in ("PermissionError", "FileNotFoundError"), probe["shadow"]


def test_no_network_and_no_new_user_namespace(probe):
    if probe["isolation"] == "bubblewrap" or "Landlock (ABI" in probe["row"]["isolation"] and \
            int(probe["row"]["isolation"].split("ABI ")[1].split(":")[0]) >= 4:
        assert probe["tcp"] != "connected", probe["tcp"]
    if probe["isolation"] == "bubblewrap":
        assert probe["userns"] == -1


def test_the_host_layout_does_not_show(probe):
    if probe["isolation"] != "bubblewrap":
        pytest.skip("--isolation none hides no paths (the README says so)")
    mounts = probe["mountinfo"]
    for host_path in (str(ROOT), "/root", "/home", "/work", tempfile.gettempdir() + "/pytest"):
        assert f" {host_path}" not in mounts and f"{host_path}/" not in mounts, (host_path, mounts)
    assert probe["processes"] <= 10  # its own PID namespace


def test_none_mode_runs_in_its_own_pid_namespace(probe):
    if probe["isolation"] != "none":
        pytest.skip("bubblewrap: see test_the_host_layout_does_not_show")
    if "own PID namespace" in probe["row"]["isolation"]:
        assert probe["processes"] <= 10


def test_a_stopped_sandbox_is_ended_at_its_notebook_time(tmp_path):
    """The watchdog does not rely on the sandbox: even its stopped init ends on time."""
    import signal
    import threading
    import time

    from coursegrader.resources import Limits
    from coursegrader.sandbox import execute

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("import time; time.sleep(3)"),
                                         nbformat.v4.new_code_cell("x = 2")])
    stopped: list[int] = []

    def stop_the_runner() -> None:
        for _ in range(100):
            time.sleep(0.1)
            for pid in (p for p in os.listdir("/proc") if p.isdigit()):
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"from coursegrader.runner import main" in cmd and b"--answers-fds" in cmd:
                    try:
                        os.kill(int(pid), signal.SIGSTOP)
                        stopped.append(int(pid))
                    except OSError:
                        pass
            if stopped:
                return

    thread = threading.Thread(target=stop_the_runner)
    thread.start()
    started = time.monotonic()
    result = execute(nbformat.writes(nb).encode(), ["x"], Limits(notebook_seconds=10,
                                                                 cell_seconds=5))
    thread.join()
    assert stopped, "the runner was not found"
    assert result.status == "timeout" and time.monotonic() - started < 10 + 10, result
    for pid in stopped:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text(
        ).split(")")[1][:3]

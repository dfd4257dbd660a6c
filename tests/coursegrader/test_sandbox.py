"""The host side of the sandbox, without running a kernel (issue 22).

Answers are read from files the grader created, never through a link, never from a FIFO,
never beyond a size; the sandbox's command gives up every privilege; the launcher never
leaves root; Landlock confines ``--isolation none``.  The sandbox with a real kernel is
tested in ``tests/assignments/test_sandbox.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursegrader import sandbox
from coursegrader._landlock import abi_version
from coursegrader.resources import Limits
from coursegrader.sandbox import _result, read_answers

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, seq: int, answers: dict, done: bool = True) -> None:
    path.write_text(json.dumps({"seq": seq, "answers": answers, "log": {}, "done": done}) + "\n")


def test_the_newest_complete_record_wins(tmp_path):
    _write(tmp_path / "answers-0", 4, {"x": 1})
    _write(tmp_path / "answers-1", 5, {"x": 2})
    assert read_answers(tmp_path, 10_000)["answers"] == {"x": 2}
    (tmp_path / "answers-1").write_text('{"seq": 6, "answers": {"x": 3')  # killed mid-write
    assert read_answers(tmp_path, 10_000)["answers"] == {"x": 1}


def test_a_link_a_fifo_or_an_oversized_file_is_never_read(tmp_path):
    secret = tmp_path / "secret"
    _write(secret, 99, {"x": "secret"})
    os.symlink(secret, tmp_path / "answers-0")
    os.mkfifo(tmp_path / "answers-1")
    assert read_answers(tmp_path, 10_000) is None  # and it did not block on the FIFO
    os.unlink(tmp_path / "answers-1")
    _write(tmp_path / "answers-1", 1, {"x": "y" * 20_000})
    assert read_answers(tmp_path, 10_000) is None


def test_run_outcomes_become_statuses_with_reasons():
    limits = Limits(notebook_seconds=30)
    ok = _result({"seq": 3, "done": True, "answers": {"x": 1}, "log": {"errors": []}}, "", "",
                 0, limits, b"", "i", "l", 1.0)
    assert ok.status == "finished" and ok.answers == {"x": 1}
    died = _result({"seq": 3, "done": True, "answers": {}, "log": {"stopped": "died"}}, "", "",
                   0, limits, b"", "i", "l", 1.0)
    assert died.status == "died" and "kernel stopped" in died.reason
    stuck = _result({"seq": 3, "done": True, "answers": {},
                     "log": {"stopped": "unresponsive", "stopped_at": 9}}, "", "", 0, limits,
                    b"", "i", "l", 1.0)
    assert stuck.status == "timeout" and "cell 9" in stuck.reason
    gone = _result({"seq": 3, "done": False, "answers": {"x": 1}, "log": {}}, "", "", -9,
                   limits, b"", "i", "l", 1.0)
    assert gone.status == "died" and gone.answers == {"x": 1}
    late = _result(None, "timeout", "stopped at the notebook's time limit", -9, limits, b"",
                   "i", "l", 31.0)
    assert late.status == "timeout" and "no answers" in late.reason


def test_limits_are_checked():
    with pytest.raises(ValueError, match="memory_bytes"):
        Limits(memory_bytes=0)
    with pytest.raises(ValueError, match="processes"):
        Limits(processes=4)


class _FakeImage:
    python = Path("/tmp/coursegrader-0/image-x/python")
    course = Path("/tmp/coursegrader-0/course-y")
    executable = "bin/python3.11"


def test_the_bubblewrap_command_gives_up_every_privilege_and_hides_the_host():
    args = sandbox._bwrap_args(65534, Limits(), 9, "ch01.ipynb", _FakeImage())
    text = " ".join(args)
    for flag in ("--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop ALL",
                 "--uid 65534", "--gid 65534", "--die-with-parent", "--as-pid-1",
                 "--clearenv", "--new-session"):
        assert flag in text, flag
    assert "--file 9 /submission/ch01.ipynb" in text
    binds = [args[i + 1] for i, a in enumerate(args) if a in ("--ro-bind", "--bind")]
    assert all(b.startswith(("/usr", "/etc/", "/bin", "/lib", "/sbin", "/tmp/coursegrader-0/"))
               for b in binds), binds
    assert str(ROOT) not in text and "--bind " not in text  # nothing writable from the host
    sizes = [args[i + 1] for i, a in enumerate(args) if a == "--size"]
    assert sizes == [str(Limits().tmp_bytes), str(Limits().disk_bytes)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_the_launcher_never_leaves_student_code_root():
    out = subprocess.run([*sandbox._launcher(65534, None), "sh", "-c",
                          "id -u; id -g; id -G; grep -E '^Cap(Prm|Eff|Bnd|Amb)' /proc/self/status"],
                         capture_output=True, text=True, timeout=30)
    lines = out.stdout.split("\n")
    assert out.returncode == 0 and lines[:3] == ["65534", "65534", "65534"], out
    assert all(line.endswith("0000000000000000") for line in lines[3:] if line), lines


@pytest.mark.skipif(abi_version() < 1, reason="the kernel has no Landlock")
def test_landlock_confines_reads_writes_and_tcp(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("expected answers")
    work = tmp_path / "work"
    work.mkdir()
    code = f"""
import os, socket, sys
sys.path.insert(0, {str(ROOT / 'packages' / 'coursegrader' / 'src')!r})
from coursegrader._landlock import restrict
abi = restrict([*{sandbox._SYSTEM_READ!r}, sys.base_prefix, sys.prefix, *sys.path[1:]],
               [{str(work)!r}], ["/dev/null"])
def attempt(f):
    try:
        f(); return "allowed"
    except OSError:
        return "denied"
print(abi)
print(attempt(lambda: open({str(secret)!r}).read()))
print(attempt(lambda: open({str(work / 'f')!r}, "w").write("x")))
print(attempt(lambda: open({str(tmp_path / 'g')!r}, "w").write("x")))
print(attempt(lambda: socket.create_connection(("127.0.0.1", 9), timeout=1)))
"""
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                         timeout=60)
    abi, read_secret, write_work, write_elsewhere, tcp = out.stdout.split()
    assert int(abi) >= 1
    assert (read_secret, write_work, write_elsewhere) == ("denied", "allowed", "denied")
    if int(abi) >= 4:
        assert tcp == "denied"

"""Limits per submission: the watchdog sees the whole process tree; cgroup v2 set-up (issue 22)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursegrader.resources import CgroupPool, Limits, TreeMonitor, process_tree

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

_TREE = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; x = b'1' * (150 * 2**20); time.sleep(60)"])
print(child.pid, flush=True)
time.sleep(60)
"""


@needs_proc
def test_the_watchdog_sees_grandchildren_and_sums_their_memory():
    proc = subprocess.Popen([sys.executable, "-c", _TREE], stdout=subprocess.PIPE, text=True)
    try:
        grandchild = int(proc.stdout.readline())
        time.sleep(1.0)
        tree = process_tree(proc.pid)
        assert {proc.pid, grandchild} <= set(tree)
        monitor = TreeMonitor(proc.pid, Limits(memory_bytes=100 * 2**20))
        assert "memory" in monitor.check()
        assert grandchild in monitor.seen
        assert TreeMonitor(proc.pid, Limits()).check() == ""
    finally:
        for pid in (proc.pid, *process_tree(proc.pid)):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        proc.wait()


@needs_proc
def test_the_watchdog_stops_a_tree_that_takes_more_than_its_cpu_share():
    code = ("import subprocess, sys\nps = [subprocess.Popen([sys.executable, '-c', "
            "'while True: pass']) for _ in range(4)]\nimport time; time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code])
    monitor = TreeMonitor(proc.pid, Limits(cpu_share=0.05))  # caught even on a busy machine
    try:
        reason = ""
        for _ in range(60):
            reason = monitor.check()
            if reason:
                break
            time.sleep(0.25)
        assert "CPU cores busy" in reason
    finally:
        for pid in monitor.seen:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        proc.wait()


def _fake_cgroupfs(tmp_path: Path, controllers: str, others: bool = False) -> tuple[Path, Path]:
    fs = tmp_path / "cgroup"
    own = fs / "user.slice" / "grader"
    own.mkdir(parents=True)
    (own / "cgroup.controllers").write_text(controllers + "\n")
    (own / "cgroup.subtree_control").write_text("")
    (own / "cgroup.procs").write_text(f"{os.getpid()}\n" + ("1\n" if others else ""))
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "cgroup").write_text("0::/user.slice/grader\n")
    (proc / "mountinfo").write_text("")
    return fs, proc


def test_a_delegated_cgroup_gets_one_child_per_submission_with_its_limits(tmp_path):
    fs, proc = _fake_cgroupfs(tmp_path, "cpuset cpu io memory pids")
    pool = CgroupPool(fs_root=fs, proc=proc)
    assert pool.setup(), pool.why
    own = fs / "user.slice" / "grader"
    assert (own / "grader" / "cgroup.procs").read_text() == str(os.getpid())
    assert (own / "cgroup.subtree_control").read_text() == "+memory +pids +cpu"
    limits = Limits(memory_bytes=2**30, processes=80, cpu_share=1.5)
    child = pool.create(limits)
    assert (child / "memory.max").read_text() == str(2**30)
    assert (child / "pids.max").read_text() == "80"
    assert (child / "cpu.max").read_text() == "150000 100000"
    assert (child / "memory.swap.max").read_text() == "0"


@pytest.mark.parametrize("controllers,others,why", [
    ("cpu io", False, "does not delegate the memory, pids controller"),
    ("cpu memory pids", True, "other processes share the grader's cgroup"),
])
def test_without_delegation_the_pool_says_why(tmp_path, controllers, others, why):
    fs, proc = _fake_cgroupfs(tmp_path, controllers, others)
    pool = CgroupPool(fs_root=fs, proc=proc)
    assert not pool.setup() and why in pool.why and pool.root is None

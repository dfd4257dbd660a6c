"""make bench ends what it started and removes its folders when interrupted (issue 21).

Nothing here times anything: the tests start real processes (a "launcher" that starts a
"browser" in a session of its own, as Lighthouse starts Chromium), interrupt, and check
that every process is gone and every folder removed.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

BENCH = ROOT / "benchmarks"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cleanup = _module("cleanup")

# A launcher that starts a long-running "browser" in a new session (its own process group,
# as chrome-launcher does), writes the browser's pid and sleeps.
LAUNCHER = textwrap.dedent("""
    import subprocess, sys, time
    browser = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                               start_new_session=True)
    open(sys.argv[1], "w").write(str(browser.pid))
    time.sleep(600)
""")


def _wait_for(path: Path, proc: subprocess.Popen) -> str:
    """Block until ``path`` has content (the child wrote it) or the child died."""
    while not (path.exists() and path.read_text().strip()):
        if proc.poll() is not None:
            raise AssertionError(f"the child exited early with {proc.returncode}: "
                                 f"{proc.stderr.read() if proc.stderr else ''}")
        os.sched_yield()
    return path.read_text().strip()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_descendants_include_a_browser_in_its_own_session(tmp_path):
    pid_file = tmp_path / "browser.pid"
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(pid_file)])
    try:
        browser = int(_wait_for(pid_file, launcher))
        found = cleanup.descendants(os.getpid())
        assert launcher.pid in found and browser in found
        assert os.getpgid(browser) != os.getpgid(launcher.pid)  # a group of its own
        # end what is below the launcher (not below this test process: other tests' children)
        ended = cleanup.Cleanup(pid=launcher.pid).end_processes(grace=10)
        assert ended == [browser]
        assert not cleanup.alive(browser) and cleanup.alive(launcher.pid)
    finally:
        launcher.kill()
        launcher.wait()


def test_cleanup_removes_its_folders_and_only_them(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(cleanup.tempfile, "tempdir", str(tmp_path))
    c = cleanup.Cleanup()
    made = c.folder()
    (made / "copy" / "deep").mkdir(parents=True)
    kept = c.folder()
    c.keep(kept)
    outside = tmp_path / "not-ours"
    outside.mkdir()
    c.child_tmpdir()
    assert Path(os.environ["TMPDIR"]).parent == tmp_path
    c.run()
    assert not made.exists() and kept.exists() and outside.exists()
    assert not Path(os.environ["TMPDIR"]).exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_browsers_and_removes_the_folders(tmp_path, signum):
    """A stand-in for benchmarks/run.py: installs the cleanup, makes a work folder, starts a
    launcher whose browser runs in a session of its own, and waits; the signal must leave
    no process and no folder behind, and exit with 128 + the signal's number."""
    script = textwrap.dedent(f"""
        import os, subprocess, sys, tempfile
        sys.path.insert(0, {str(BENCH)!r})
        tempfile.tempdir = {str(tmp_path)!r}
        from cleanup import Cleanup, Interrupted
        c = Cleanup()
        c.install()
        work = c.folder()
        (work / "book-0").mkdir()
        tmp = c.child_tmpdir()
        launcher = subprocess.Popen([sys.executable, "-c", {LAUNCHER!r},
                                     str(work / "browser.pid")])
        while not (work / "browser.pid").exists() or not (work / "browser.pid").read_text():
            os.sched_yield()
        print(launcher.pid, (work / "browser.pid").read_text(), work, tmp, flush=True)
        try:
            launcher.wait()
        except Interrupted as stop:
            sys.exit(stop.code)
    """)
    bench = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    line = bench.stdout.readline().split()
    assert len(line) == 4, bench.stderr.read()
    launcher, browser, work, tmp = int(line[0]), int(line[1]), Path(line[2]), Path(line[3])
    assert work.is_dir() and tmp.is_dir() and cleanup.alive(browser)
    bench.send_signal(signum)
    code = bench.wait(timeout=120)  # a safety net for a broken cleanup, not a measurement
    err = bench.stderr.read()
    try:
        assert code == 128 + signum, err
        assert not cleanup.alive(launcher) and not cleanup.alive(browser), err
        assert not work.exists() and not tmp.exists()
        assert "ended" in err and signal.Signals(signum).name in err
    finally:
        for pid in (launcher, browser):
            if cleanup.alive(pid):
                os.kill(pid, signal.SIGKILL)

"""The Gradescope environment is the course's lock (issue 22: otter's was unpinned)."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT
from coursegrader.build import _pins, gradescope_environment
from coursekit import __version__


def test_every_package_is_pinned_to_the_lock_and_python_to_runtime_txt():
    files = gradescope_environment()
    env = yaml.safe_load(files["environment.yml"])
    deps = env["dependencies"]
    python = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    assert deps[0] == f"python={python}" and env["name"] == "otter-env"
    pip = deps[-1]["pip"]
    lock = {p.split("==")[0].lower(): p for p in _pins(ROOT / "requirements-grader.txt")}
    for line in pip[:-1]:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", line), line
        assert lock[line.split("==")[0].lower()] == line
    assert {p.split("==")[0].lower() for p in pip[:-1]} == set(lock) - {"coursekit"}
    assert "otter-grader" in lock and "matplotlib" in lock
    assert re.fullmatch(rf"coursekit @ git\+https://\S+@v{re.escape(__version__)}", pip[-1])
    assert files["requirements.txt"].splitlines() == pip


def test_setup_installs_exactly_that_environment():
    setup = gradescope_environment()["setup.sh"]
    assert "mamba env create -f /autograder/source/environment.yml" in setup
    assert "pip install" not in setup and "playwright" not in setup

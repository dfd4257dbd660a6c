"""Two builds of the book from two clean copies are byte-identical (issue: reproducible builds)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import _clean_copy

pytestmark = pytest.mark.book


def test_two_clean_builds_are_byte_identical(built_book, tmp_path_factory):
    other = tmp_path_factory.mktemp("book-again") / "elsewhere" / "repo"
    _clean_copy(other)
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(other), "--all", "-W", "-n", "--keep-going"],
                          cwd=other, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    first, second = built_book.html, other / "_build" / "html"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    again = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files == again, set(files) ^ set(again)
    # The execution-status page reports each page's run time in that build (by design); its
    # table is written into that page alone, not into the search index (coursebook.refpages).
    varies = {Path("chapters/execution.html")}
    differ = [str(rel) for rel in files if rel not in varies
              and (first / rel).read_bytes() != (second / rel).read_bytes()]
    assert not differ, f"files that differ between two builds: {differ[:20]}"

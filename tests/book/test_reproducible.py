"""Two builds of the book from two clean copies are byte-identical (issue: reproducible builds)."""

from __future__ import annotations

import pytest

from conftest import _clean_copy, build_editions

pytestmark = pytest.mark.book


def test_two_clean_builds_are_byte_identical(built_book, tmp_path_factory):
    other = tmp_path_factory.mktemp("book-again") / "elsewhere" / "repo"
    _clean_copy(other)
    returncode, log = build_editions(other)  # every edition, as make book builds them
    assert returncode == 0, log[-6000:]
    first, second = built_book.html, other / "_build" / "html"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    again = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files == again, set(files) ^ set(again)
    # The execution-status page reports each page's run time in that build (by design); its
    # table is written into that page alone, not into the search index (coursebook.refpages).
    # (in every edition: chapters/execution.html and <language>/chapters/execution.html).
    differ = [str(rel) for rel in files
              if rel.as_posix().split("/")[-2:] != ["chapters", "execution.html"]
              and (first / rel).read_bytes() != (second / rel).read_bytes()]
    assert not differ, f"files that differ between two builds: {differ[:20]}"

"""A submission's folder is removed whatever it holds (issue 22: 3,000 nested folders)."""

from __future__ import annotations

import os

from coursegrader.cleanup import remove_tree


def _deep(top, depth: int) -> None:
    fd = os.open(top, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        with open(os.open("f", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
            fh.write("x")
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(fd)


def test_deeper_than_path_max_and_the_recursion_limit(tmp_path):
    top = tmp_path / "work"
    top.mkdir()
    _deep(top, 3000)
    assert remove_tree(top) and not top.exists()


def test_folders_without_permissions_are_removed(tmp_path):
    top = tmp_path / "work"
    (top / "a" / "b").mkdir(parents=True)
    (top / "a" / "b" / "f").write_text("x")
    os.chmod(top / "a" / "b", 0)
    os.chmod(top / "a", 0)
    assert remove_tree(top) and not top.exists()


def test_links_are_removed_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("x")
    top = tmp_path / "work"
    top.mkdir()
    os.symlink(outside, top / "link")
    os.symlink(outside / "keep", top / "file-link")
    assert remove_tree(top) and not top.exists()
    assert (outside / "keep").read_text() == "x"


def test_a_missing_path_counts_as_removed(tmp_path):
    assert remove_tree(tmp_path / "nothing")

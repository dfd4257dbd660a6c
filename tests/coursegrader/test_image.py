"""Tests for coursegrader.image: the sandbox's Python is a copy of the grading environment
at neutral paths, without the checkout's editable-install hooks, swept when unused."""

from __future__ import annotations

import os
from pathlib import Path

from coursegrader import image


def test_copy_tree_links_files_keeps_symlinks_and_skips(tmp_path):
    src = tmp_path / "src"
    (src / "pkg" / "sub").mkdir(parents=True)
    (src / "pkg" / "mod.py").write_text("x = 1\n")
    (src / "pkg" / "sub" / "deep.py").write_text("y = 2\n")
    (src / "skipme.pth").write_text("/checkout\n")
    os.symlink("pkg/mod.py", src / "link.py")
    image._copy_tree(src, tmp_path / "dst", skip=lambda p: p.suffix == ".pth")
    dst = tmp_path / "dst"
    assert (dst / "pkg" / "sub" / "deep.py").read_text() == "y = 2\n"
    assert os.readlink(dst / "link.py") == "pkg/mod.py"
    assert not (dst / "skipme.pth").exists()
    assert (dst / "pkg" / "mod.py").stat().st_ino == (src / "pkg" / "mod.py").stat().st_ino


def test_copy_tree_is_iterative_for_deep_folders(tmp_path):
    """No RecursionError on deep trees (a submission once made 3,000 nested folders)."""
    deep = tmp_path / "src"
    path = str(deep)
    os.mkdir(path)
    for _ in range(1200):
        path += "/d"
        os.mkdir(path)
    try:
        image._copy_tree(deep, tmp_path / "dst")
        assert os.path.isdir(str(tmp_path / "dst") + "/d" * 1200)
    finally:  # pytest's own clean-up recurses and would fail on such a tree
        image.remove_tree(deep)
        image.remove_tree(tmp_path / "dst")


def test_editable_install_artifacts_are_left_out():
    assert image._is_editable_artifact(Path("site/__editable__.coursekit-0.3.0.pth"))
    assert image._is_editable_artifact(Path("site/_editable_impl_coursekit.py"))
    assert image._is_editable_artifact(Path("site/coursekit-0.3.0.dist-info/direct_url.json"))
    assert not image._is_editable_artifact(Path("site/pandas/direct_url.json"))
    assert not image._is_editable_artifact(Path("site/pandas/__init__.py"))


def test_fingerprint_is_stable_and_names_the_environment(tmp_path):
    a = image._fingerprint(tmp_path / "lib")
    assert a == image._fingerprint(tmp_path / "lib")
    assert a != image._fingerprint(tmp_path / "other")
    assert len(a) == 16


def test_alive_tells_a_living_process_from_a_dead_one():
    assert image._alive(str(os.getpid()))
    assert not image._alive("999999999")


def test_sweep_removes_course_copies_of_dead_graders_and_keeps_the_rest(tmp_path):
    dead = tmp_path / "course-999999999-x"
    live = tmp_path / f"course-{os.getpid()}-x"
    keep = tmp_path / "image-keep"
    for folder in (dead, live, keep):
        (folder / "f").mkdir(parents=True)
    unused = tmp_path / "image-old"
    (unused / "f").mkdir(parents=True)
    image._sweep(tmp_path, keep)
    assert not dead.exists() and live.exists() and keep.exists()
    assert not unused.exists()  # no process holds its lock


def test_a_temporary_folder_the_sandbox_cannot_reach_is_a_clear_error(tmp_path, monkeypatch):
    """A private TMPDIR (mode 0700: macOS, a benchmark's own folder) would hide the image
    from the sandbox's user; the grader says so instead of failing with 'Permission denied'."""
    import pytest

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    monkeypatch.setattr(image.tempfile, "gettempdir", lambda: str(private))
    monkeypatch.setattr(image.os, "geteuid", lambda: 0)  # as root (CI, containers)
    with pytest.raises(RuntimeError, match=r"cannot be reached by the sandbox.*TMPDIR=/tmp"):
        image._base()

"""Every entry of a submissions folder is classified, and only notebooks are read (issue 22)."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursegrader.intake import MAX_NOTEBOOK, display_name, entries, folder_name, notebook_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assignments"))
from submissions import _zip_raw

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@given(st.lists(st.binary(min_size=1, max_size=255).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")), min_size=2,
    max_size=20, unique=True))
def test_results_folders_never_collide(names):
    folders = [folder_name(os.fsdecode(n)) for n in names]
    assert len(set(folders)) == len(folders)
    assert len(set(f.casefold() for f in folders)) == len(folders)  # case-insensitive disks
    assert all(len(f.encode()) < 100 and "/" not in f and not f.startswith(".") for f in folders)


def test_names_that_clean_to_the_same_text_get_different_folders():
    assert folder_name("a b.ipynb") != folder_name("a_b.ipynb")
    assert folder_name("a_b.ipynb-" + folder_name("a b.ipynb").rsplit("-", 1)[1]) != folder_name(
        "a b.ipynb")


def test_display_names_escape_undecodable_bytes_and_control_characters():
    assert display_name(os.fsdecode(b"caf\xe9.ipynb")) == "caf\\xe9.ipynb"
    assert display_name("a\nb.ipynb") == "a\\x0ab.ipynb"
    assert display_name("Ünïcode.ipynb") == "Ünïcode.ipynb"


def test_every_entry_is_listed_even_odd_ones(tmp_path):
    (tmp_path / "a.ipynb").write_bytes(NB)
    (tmp_path / os.fsdecode(b"caf\xe9.ipynb")).write_bytes(NB)
    (tmp_path / ("x" * 250)).write_bytes(NB)
    (tmp_path / "folder").mkdir()
    os.symlink("/nonexistent", tmp_path / "dangling")
    os.mkfifo(tmp_path / "fifo")
    out = tmp_path / "graded"
    out.mkdir()
    listed = [e.name for e in entries(tmp_path, skip=out)]
    assert len(listed) == 6 and "graded" not in listed


@pytest.mark.parametrize("make,why", [
    (lambda p: os.symlink("/etc/passwd", p / "x.ipynb"), "symbolic link"),
    (lambda p: os.symlink(p / "missing", p / "x.ipynb"), "symbolic link"),
    (lambda p: os.mkfifo(p / "x.ipynb"), "FIFO"),
    (lambda p: (p / "x.ipynb").write_bytes(b"\0" * (MAX_NOTEBOOK + 1)), "larger than"),
    (lambda p: (p / "x.txt").write_bytes(NB), "not a notebook"),
    (lambda p: _zip_raw(p / "x.ipynb.zip", "a.ipynb", NB, flags=1), "encrypted"),
    (lambda p: _zip_raw(p / "x.ipynb.zip", "a.ipynb", NB, method=9), "compression method"),
    (lambda p: (p / "x.zip").write_bytes(b"PK\x03\x04garbage"), "damaged or truncated"),
])
def test_entries_that_are_not_notebooks_get_a_reason(tmp_path, make, why):
    make(tmp_path)
    (entry,) = list(tmp_path.iterdir())
    data, reason, _ = notebook_of(str(entry))
    assert data is None and why in reason


def test_a_fifo_is_never_opened(tmp_path):
    """Opening a FIFO would block the grader forever: it is classified from lstat only."""
    os.mkfifo(tmp_path / "x.ipynb")
    assert notebook_of(str(tmp_path / "x.ipynb"))[0] is None


def test_a_zipped_working_folder_counts_as_one_notebook(tmp_path):
    with zipfile.ZipFile(tmp_path / "w.zip", "w") as z:
        z.writestr("work/a.ipynb", NB)
        z.writestr("work/.ipynb_checkpoints/a-checkpoint.ipynb", b"old")
        z.writestr("work/._a.ipynb", b"mac")
        z.writestr("__MACOSX/work/._a.ipynb", b"mac")
    assert notebook_of(str(tmp_path / "w.zip")) == (NB, "", "")


def test_a_zip_with_two_notebooks_is_named_as_such(tmp_path):
    with zipfile.ZipFile(tmp_path / "w.zip", "w") as z:
        z.writestr("a.ipynb", NB)
        z.writestr("b.ipynb", NB)
    data, why, _ = notebook_of(str(tmp_path / "w.zip"))
    assert data is None and "2 notebooks (a.ipynb, b.ipynb)" in why


def test_a_zip_member_larger_than_it_says_is_cut_at_the_limit(tmp_path):
    """A bomb: the size in the header is not trusted (reading stops at the limit)."""
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.ipynb", b"\0" * (MAX_NOTEBOOK + 10))
    data, why, _ = notebook_of(str(tmp_path / "bomb.zip"))
    assert data is None and "larger than" in why


def test_a_folder_with_one_notebook_is_graded_and_says_which(tmp_path):
    (tmp_path / "alice" / "attempt 1").mkdir(parents=True)
    (tmp_path / "alice" / "attempt 1" / "nb.ipynb").write_bytes(NB)
    (tmp_path / "alice" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "alice" / ".ipynb_checkpoints" / "nb-checkpoint.ipynb").write_bytes(NB)
    os.symlink("/etc", tmp_path / "alice" / "etc")
    data, why, note = notebook_of(str(tmp_path / "alice"))
    assert data == NB and why == "" and "attempt 1/nb.ipynb" in note


def test_an_empty_folder_gets_a_reason(tmp_path):
    (tmp_path / "bob").mkdir()
    data, why, _ = notebook_of(str(tmp_path / "bob"))
    assert data is None and "0 notebooks" in why

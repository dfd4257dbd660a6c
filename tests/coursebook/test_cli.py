"""Tests for coursebook.cli: the ``print``, ``release`` and ``release-check`` subcommands on a
small fake repository in ``tmp_path`` (no book build, no LaTeX).  The real release is made
and checked by tests/book/test_published.py; the real files' agreement by
tests/release/test_release.py."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from coursebook import cli
from coursebook.publish import BOOK_NAME

CHANGELOG = """# Changelog

## [Unreleased]

- Nothing yet.

## [0.4.0] - 2027-01-15

### Added

- A Chinese edition.

### Fixed

- A typo.

## [0.3.0] - 2026-12-04

The first release.

[Unreleased]: https://example.org/compare/v0.4.0...HEAD
[0.4.0]: https://example.org/releases/tag/v0.4.0
"""


def _repo(root: Path, version: str = "0.4.0", changelog: str = CHANGELOG,
          cff_version: str = "0.4.0") -> Path:
    (root / "src" / "coursekit").mkdir(parents=True)
    (root / "src" / "coursekit" / "__init__.py").write_text(
        f'"""coursekit."""\n\n__version__ = "{version}"\n', encoding="utf-8")
    (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    (root / "CITATION.cff").write_text(f"cff-version: 1.2.0\nversion: {cff_version}\n",
                                       encoding="utf-8")
    return root


# --- the changelog and the release check ---------------------------------------------------

def test_changelog_section_is_the_body_up_to_the_next_version(tmp_path):
    root = _repo(tmp_path)
    assert cli.changelog_section(root, "0.4.0") == (
        "### Added\n\n- A Chinese edition.\n\n### Fixed\n\n- A typo.")
    assert cli.changelog_section(root, "0.3.0") == "The first release."  # stops at the links
    assert cli.changelog_section(root, "Unreleased") == "- Nothing yet."
    assert cli.changelog_section(root, "0.2.0") == ""


def test_changelog_section_takes_the_version_literally(tmp_path):
    """The version is a literal, not a pattern: '0.4.0' does not match '0x4y0'."""
    root = _repo(tmp_path, changelog="## [0x4y0] - 2027-01-01\n\nwrong\n")
    assert cli.changelog_section(root, "0.4.0") == ""


def test_release_check_accepts_a_matching_tag_or_no_tag(tmp_path, capsys):
    root = _repo(tmp_path)
    assert cli.release_check(root, "v0.4.0") == 0
    assert cli.release_check(root, "") == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("tag, repo, says", [
    ("v0.3.0", {}, "the tag 'v0.3.0' is not 'v0.4.0'"),
    ("0.4.0", {}, "the tag '0.4.0' is not 'v0.4.0'"),
    ("", {"version": "0.5.0"}, "CHANGELOG.md has no '## [0.5.0] - YYYY-MM-DD' section"),
    ("", {"changelog": "## [0.4.0]\n\n- undated\n"}, "no '## [0.4.0] - YYYY-MM-DD' section"),
    ("", {"cff_version": "0.3.0"}, "CITATION.cff says version '0.3.0', not '0.4.0'"),
])
def test_release_check_says_what_differs(tmp_path, capsys, tag, repo, says):
    root = _repo(tmp_path, **repo)
    assert cli.release_check(root, tag) == 1
    assert says in capsys.readouterr().err


# --- the release's files -------------------------------------------------------------------

def _built(root: Path) -> Path:
    build = root / "_build"
    (build / "html" / "chapters").mkdir(parents=True)
    (build / "html" / "index.html").write_text("<html>index</html>", encoding="utf-8")
    (build / "html" / "chapters" / "a.html").write_text("<html>a</html>", encoding="utf-8")
    (build / "editions").mkdir()
    (build / "editions" / f"{BOOK_NAME}.pdf").write_bytes(b"%PDF-1.7 book")
    (build / "editions" / f"{BOOK_NAME}.epub").write_bytes(b"PK epub")
    for name in ("ch01_definitions", "ch02_mechanisms"):
        (build / "assignments" / name).mkdir(parents=True)
        (build / "assignments" / name / "autograder.zip").write_bytes(name.encode())
    (build / "assignments" / "README.txt").write_text("not a bundle", encoding="utf-8")
    return root


def test_release_writes_the_assets_checksums_and_notes(tmp_path, capsys):
    root = _built(_repo(tmp_path))
    assert cli.release(root, "_build/release") == 0
    out = root / "_build" / "release"
    assert sorted(p.name for p in out.iterdir()) == [
        "NOTES.md", "SHA256SUMS", "assignment-ch01_definitions.zip",
        "assignment-ch02_mechanisms.zip", f"{BOOK_NAME}-site.zip", f"{BOOK_NAME}.epub",
        f"{BOOK_NAME}.pdf"]
    with zipfile.ZipFile(out / f"{BOOK_NAME}-site.zip") as z:
        assert z.namelist() == ["chapters/a.html", "index.html"]  # sorted, relative
        assert z.read("index.html") == b"<html>index</html>"
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert [line.split("  ")[1] for line in sums] == sorted(
        p.name for p in out.iterdir() if p.name not in ("SHA256SUMS", "NOTES.md"))
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    notes = (out / "NOTES.md").read_text(encoding="utf-8")
    assert notes.startswith("Industrial Clusters 0.4.0: ")
    assert "### Added\n\n- A Chinese edition." in notes and "first release" not in notes
    assert "7 release files" in capsys.readouterr().out


def test_release_has_each_translated_editions_book(tmp_path, capsys):
    root = _built(_repo(tmp_path))
    (root / "locales" / "zh_CN" / "LC_MESSAGES").mkdir(parents=True)
    assert cli.release(root, "_build/release") == 1  # make site builds them: missing
    assert f"{BOOK_NAME}-zh_CN.pdf (" in capsys.readouterr().err
    zh = root / "_build" / "editions" / "zh_CN"
    zh.mkdir()
    (zh / f"{BOOK_NAME}.pdf").write_bytes(b"%PDF zh")
    (zh / f"{BOOK_NAME}.epub").write_bytes(b"PK zh")
    assert cli.release(root, "_build/release") == 0
    out = root / "_build" / "release"
    assert (out / f"{BOOK_NAME}-zh_CN.pdf").read_bytes() == b"%PDF zh"
    assert (out / f"{BOOK_NAME}-zh_CN.epub").read_bytes() == b"PK zh"
    assert f"{BOOK_NAME}-zh_CN.epub" in (out / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"(and zh_CN: `{BOOK_NAME}-zh_CN.pdf`, `.epub`), and the graded" in (
        out / "NOTES.md").read_text(encoding="utf-8")


def test_release_archives_are_reproducible(tmp_path):
    """Same inputs, same bytes: sorted entries, a fixed timestamp and mode, whatever the
    files' own times; a second release replaces the first (no stale file survives)."""
    root = _built(_repo(tmp_path))
    assert cli.release(root, str(tmp_path / "one")) == 0
    (tmp_path / "one" / "stale.txt").write_text("old", encoding="utf-8")
    for path in (root / "_build" / "html").rglob("*"):
        path.touch()  # a later build: new times, same contents
    assert cli.release(root, str(tmp_path / "two")) == 0
    assert cli.release(root, str(tmp_path / "one")) == 0
    assert not (tmp_path / "one" / "stale.txt").exists()
    assert (tmp_path / "one" / "SHA256SUMS").read_bytes() == (
        tmp_path / "two" / "SHA256SUMS").read_bytes()
    with zipfile.ZipFile(tmp_path / "one" / f"{BOOK_NAME}-site.zip") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_release_names_what_is_missing(tmp_path, capsys):
    root = _repo(tmp_path)
    (root / "_build" / "html").mkdir(parents=True)
    assert cli.release(root, "_build/release") == 1
    err = capsys.readouterr().err
    assert "pdf (" in err and "epub (" in err and "assignments (" in err
    assert "site (" not in err and "run 'make site assignments' first" in err
    assert not (root / "_build" / "release").exists()


# --- print pdf | epub ----------------------------------------------------------------------

def test_print_pdf_without_a_built_pdf_says_to_make_it(tmp_path, capsys):
    assert cli.editions(tmp_path, "pdf") == 1
    assert "run 'make pdf'" in capsys.readouterr().err


def test_print_pdf_refuses_a_pdf_with_problems(tmp_path, capsys, monkeypatch):
    book = tmp_path / "_build" / "latex" / f"{BOOK_NAME}.pdf"
    book.parent.mkdir(parents=True)
    book.write_bytes(b"%PDF")
    monkeypatch.setattr(cli, "check_pdf", lambda path: ["fonts not embedded: ['/Helvetica']"])
    monkeypatch.setattr(cli, "split_book", lambda *a: pytest.fail("split a PDF with problems"))
    assert cli.editions(tmp_path, "pdf") == 1
    assert "the PDF has problems:\n  fonts not embedded" in capsys.readouterr().err


def test_print_pdf_replaces_the_old_chapter_pdfs(tmp_path, capsys, monkeypatch):
    book = tmp_path / "_build" / "latex" / f"{BOOK_NAME}.pdf"
    book.parent.mkdir(parents=True)
    book.write_bytes(b"%PDF")
    out = tmp_path / "_build" / "editions"
    out.mkdir(parents=True)
    (out / "removed-chapter.pdf").write_bytes(b"old")
    (out / f"{BOOK_NAME}.epub").write_bytes(b"kept")
    calls = []

    def split(book_, root, out_, titles=None):
        calls.append((book_, root, out_, titles))
        assert not (out_ / "removed-chapter.pdf").exists()
        return {"book": out_ / f"{BOOK_NAME}.pdf", "chapters/a": out_ / "a.pdf",
                "chapters/b": out_ / "b.pdf"}

    monkeypatch.setattr(cli, "check_pdf", lambda path: [])
    monkeypatch.setattr(cli, "split_book", split)
    assert cli.editions(tmp_path, "pdf") == 0
    assert calls == [(book, tmp_path, out, None)]  # no recorded titles: the sources' headings
    assert (out / f"{BOOK_NAME}.epub").is_file()
    assert capsys.readouterr().out.startswith("2 chapter PDFs and the book in ")


def test_print_pdf_of_a_translated_edition_uses_its_folders_and_its_titles(
        tmp_path, capsys, monkeypatch):
    assert cli.editions(tmp_path, "pdf", "zh_CN") == 1
    assert f"no {tmp_path}/_build/zh_CN/latex/{BOOK_NAME}.pdf: run 'make pdf'" in \
        capsys.readouterr().err
    latex = tmp_path / "_build" / "zh_CN" / "latex"
    latex.mkdir(parents=True)
    (latex / f"{BOOK_NAME}.pdf").write_bytes(b"%PDF")
    (latex / "page-titles.json").write_text('{"chapters/a": "定义与类型"}', encoding="utf-8")
    english = tmp_path / "_build" / "editions"
    english.mkdir(parents=True)
    (english / "a.pdf").write_bytes(b"English")
    calls = []
    monkeypatch.setattr(cli, "check_pdf", lambda path: [])
    monkeypatch.setattr(cli, "split_book", lambda *a: calls.append(a) or {"book": a[2]})
    assert cli.editions(tmp_path, "pdf", "zh_CN") == 0
    assert calls == [(latex / f"{BOOK_NAME}.pdf", tmp_path, english / "zh_CN",
                      {"chapters/a": "定义与类型"})]
    assert (english / "a.pdf").read_bytes() == b"English"  # the English edition's, kept


def test_print_epub_of_a_translated_edition_goes_in_its_folder(tmp_path, capsys, monkeypatch):
    built = tmp_path / "_build" / "zh_CN" / "epub" / "IndustrialClusters.epub"
    built.parent.mkdir(parents=True)
    built.write_bytes(b"PK zh")
    monkeypatch.setattr(cli, "check_epub", lambda path: [])
    assert cli.editions(tmp_path, "epub", "zh_CN") == 0
    assert (tmp_path / "_build" / "editions" / "zh_CN" / f"{BOOK_NAME}.epub").read_bytes() \
        == b"PK zh"
    assert not (tmp_path / "_build" / "editions" / f"{BOOK_NAME}.epub").exists()


def test_print_epub_checks_then_copies_the_epub(tmp_path, capsys, monkeypatch):
    assert cli.editions(tmp_path, "epub") == 1
    assert "run 'make epub'" in capsys.readouterr().err
    built = tmp_path / "_build" / "epub" / "IndustrialClusters.epub"
    built.parent.mkdir(parents=True)
    built.write_bytes(b"PK epub")
    monkeypatch.setattr(cli, "check_epub", lambda path: [f"E{i}" for i in range(50)])
    assert cli.editions(tmp_path, "epub") == 1
    err = capsys.readouterr().err
    assert "  E39\n" in err and "E40" not in err  # the first 40 problems
    target = tmp_path / "_build" / "editions" / f"{BOOK_NAME}.epub"
    assert not target.exists()
    monkeypatch.setattr(cli, "check_epub", lambda path: [])
    assert cli.editions(tmp_path, "epub") == 0
    assert target.read_bytes() == b"PK epub"
    assert "(7 bytes) checked" in capsys.readouterr().out

"""Tests for coursebook.editions on small repositories in ``tmp_path`` (no build): the languages
found, the pages of a table of contents, the pages declared translated, and where editions
go.  The built editions are checked by tests/book/test_editions.py and
tests/book/test_budgets_editions.py; the real catalogues by tests/coursebook/test_i18n.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursebook import editions

BOOK_TOC = """format: jb-book
root: chapters/intro.md
parts:
  - caption: Concepts
    chapters:
      - file: chapters/definitions
        sections:
          - file: chapters/definitions-data.ipynb
          - url: https://example.org
      - file: chapters/mechanisms
  - caption: Reference
    chapters:
      - file: chapters/glossary.rst
      - file: chapters/api
      - file: chapters/api-charts
      - file: chapters/definitions
"""


def _repo(root: Path, toc: str = BOOK_TOC, translated: str | None = None,
          lang: str = "zh_CN") -> Path:
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    (root / "locales" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    if translated is not None:
        (root / "locales" / lang / "TRANSLATED").write_text(translated, encoding="utf-8")
    return root


def test_languages_are_the_folders_with_catalogues(tmp_path):
    assert editions.languages(tmp_path) == []
    _repo(tmp_path, lang="zh_CN")
    _repo(tmp_path, lang="fr")
    (tmp_path / "locales" / "de").mkdir()  # no LC_MESSAGES: not an edition
    (tmp_path / "locales" / "README.md").write_text("how to translate", encoding="utf-8")
    assert editions.languages(tmp_path) == ["fr", "zh_CN"]


def test_toc_pages_are_every_file_in_order_once_without_suffix(tmp_path):
    _repo(tmp_path)
    assert editions.toc_pages(tmp_path) == [
        "chapters/intro", "chapters/definitions", "chapters/definitions-data",
        "chapters/mechanisms", "chapters/glossary", "chapters/api", "chapters/api-charts"]


def test_toc_pages_of_a_book_without_parts(tmp_path):
    _repo(tmp_path, toc="format: jb-book\nroot: index\nchapters:\n  - file: a\n    sections:\n"
                        "      - file: a/b\n  - file: c.md\n")
    assert editions.toc_pages(tmp_path) == ["index", "a", "a/b", "c"]


def test_no_translated_file_declares_nothing(tmp_path):
    _repo(tmp_path)
    assert editions.declared_translated(tmp_path, "zh_CN") == set()
    assert editions.declared_translated(tmp_path, "fr") == set()


def test_declared_pages_are_listed_one_a_line_with_comments(tmp_path):
    _repo(tmp_path, translated="# pages done\nchapters/intro\n\n  chapters/glossary  # reviewed\n")
    assert editions.declared_translated(tmp_path, "zh_CN") == {"chapters/intro",
                                                              "chapters/glossary"}


def test_all_declares_every_page_but_the_api_reference(tmp_path):
    _repo(tmp_path, translated="# done\nall\n")
    assert editions.declared_translated(tmp_path, "zh_CN") == {
        "chapters/intro", "chapters/definitions", "chapters/definitions-data",
        "chapters/mechanisms", "chapters/glossary"}
    assert editions.ENGLISH_BY_DESIGN.match("chapters/api-charts")
    assert not editions.ENGLISH_BY_DESIGN.match("chapters/apis")


def test_declared_pages_must_be_pages_of_the_book(tmp_path):
    _repo(tmp_path, toc="format: jb-book\nroot: chapters/intro\n",
          translated="chapters/intro\nchapters/nope\nchapters/intro.md\n")
    with pytest.raises(ValueError, match=r"\['chapters/intro.md', 'chapters/nope'\] are not "
                                         r"pages of _toc.yml; list document names"):
        editions.declared_translated(tmp_path, "zh_CN")


def test_where_editions_are_built_and_served(tmp_path):
    assert editions.site_dir(tmp_path, "en") == tmp_path / "_build" / "html"
    assert editions.site_dir(tmp_path, "zh_CN") == tmp_path / "_build" / "html" / "zh_CN"
    assert editions.edition_dir(tmp_path, "zh_CN") == tmp_path / "_build" / "zh_CN"
    assert editions.hreflang("pt_BR") == "pt-BR"


def test_an_edition_reuses_the_english_execution_cache(tmp_path):
    overrides = editions._overrides(tmp_path, "zh_CN")
    assert overrides["language"] == "zh_CN"
    assert overrides["epub_language"] == "zh-CN"  # a language tag, as the EPUB wants
    assert overrides["nb_execution_cache_path"] == str(tmp_path / "_build" / ".jupyter_cache")
    assert overrides["external_toc_path"] == (tmp_path / "_toc.yml").as_posix()


def test_build_edition_says_what_is_missing_before_building(tmp_path):
    _repo(tmp_path)
    with pytest.raises(ValueError, match=r"language='fr' has no catalogues: expected a folder "
                                         r".*locales/fr/LC_MESSAGES; languages found: "
                                         r"\['zh_CN'\]"):
        editions.build_edition(tmp_path, "fr")
    with pytest.raises(RuntimeError, match=r"build the English edition first \(make book\)"):
        editions.build_edition(tmp_path, "zh_CN")
    assert not (tmp_path / "_build").exists()


def test_build_edition_builds_the_site_the_latex_or_the_epub_only(tmp_path):
    _repo(tmp_path)
    with pytest.raises(ValueError, match=r"builder='pdf' is not a builder of an edition: use "
                                         r"one of \('html', 'latex', 'epub'\)"):
        editions.build_edition(tmp_path, "zh_CN", builder="pdf")
    assert editions.BUILDERS == ("html", "latex", "epub")
    assert not (tmp_path / "_build").exists()

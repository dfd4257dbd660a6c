"""Tests for coursebook.printed_i18n: the LaTeX of a translated edition (preamble, the words
LaTeX sets itself), the note on a page that falls back to English, and the titles that the
PDF's split uses (small inputs; no book build, no LaTeX).  The Chinese PDF itself is
checked by tests/book/test_published.py."""

from __future__ import annotations

import gettext
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinx
import yaml
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import locale
from sphinx.builders.latex.constants import ADDITIONAL_SETTINGS

from coursebook import printed_i18n
from coursebook.i18n import UI_MESSAGES

ROOT = Path(__file__).resolve().parents[2]

UI_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Chapter {0}"
msgstr "第 {0} 章"

msgid "Part {0}"
msgstr "第 {0} 部分"

msgid "Bibliography"
msgstr "参考文献"

msgid "This page is not translated yet: its text is shown in English."
msgstr "本页尚未翻译，以下正文为英文原文。"

msgid "The API reference stays in English: it is generated from the docstrings of the code, whose names and parameters are English too."
msgstr "API 参考保持英文。"
"""


@pytest.fixture
def book(tmp_path) -> Path:
    """A book of three pages (one declared translated, one not, an API page) with the
    Chinese catalogue of the editions' own words."""
    folder = tmp_path / "locales" / "zh_CN"
    (folder / "LC_MESSAGES").mkdir(parents=True)
    (folder / "LC_MESSAGES" / "coursebook.po").write_text(UI_PO, encoding="utf-8")
    (folder / "TRANSLATED").write_text("chapters/a\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/a\nchapters:\n  - file: chapters/b\n"
        "  - file: chapters/api\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def sphinx_in_chinese(monkeypatch):
    """Sphinx's own catalogue in Chinese, as a build with ``language = zh_CN`` has it."""
    folder = os.path.join(os.path.dirname(sphinx.__file__), "locale")
    translator = gettext.translation("sphinx", folder, ["zh_CN"])
    monkeypatch.setitem(locale.translators, ("general", "sphinx"), translator)


# --- the preamble ----------------------------------------------------------------------------

def _book_preamble() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["latex_elements"]["preamble"]


def test_the_chinese_edition_loads_xecjk_once_and_keeps_the_fonts():
    english = _book_preamble()
    assert english.count("\\usepackage{xeCJK}") == 1  # the English edition needs it there
    sphinx_zh = ADDITIONAL_SETTINGS[("xelatex", "zh")]
    assert sphinx_zh["fontenc"] == "\\usepackage{xeCJK}"  # what Sphinx loads for Chinese
    chinese = printed_i18n.chinese_preamble(english)
    assert "xeCJK}" not in chinese.replace("\\setCJK", "")  # so not again
    for line in ("\\setCJKmainfont{Noto Serif CJK SC}", "\\setCJKsansfont{Noto Sans CJK SC}",
                 "\\setCJKmonofont{Noto Sans Mono CJK SC}"):
        assert line in chinese
    declared = [ln for ln in chinese.splitlines() if ln.startswith("\\xeCJKDeclareCharClass")]
    assert declared == [printed_i18n.CHINESE_LATIN_PUNCTUATION]
    assert '"201C' not in printed_i18n.CHINESE_LATIN_PUNCTUATION  # “ is Chinese punctuation


def test_latex_names_come_from_the_catalogues(book, sphinx_in_chinese):
    tex = printed_i18n.latex_names(book, "zh_CN")
    assert "\\renewcommand{\\contentsname}{目录}" in tex  # Sphinx's own "Contents"
    assert "\\renewcommand{\\bibname}{参考文献}" in tex
    assert "\\renewcommand{\\partname}{第}" in tex
    assert "\\thepart\\nobreakspace 部分}" in tex
    assert "\\CNV\\FmN{第}\\space\\CNoV\\thechapter\\space\\CNV\\FmN{章}" in tex
    assert tex.count("\\patchcmd{") == 3  # \@part and hyperref's and nameref's wrappers
    # Sphinx's running header: "第 1 章 定义与类型" (its \@chappos, as for Japanese)
    assert "\\def\\@chappos{章}" in tex and "\\renewcommand{\\chaptername}{第}" in tex


def test_latex_names_without_a_translation_stay_english(tmp_path):
    tex = printed_i18n.latex_names(tmp_path, "zh_CN")  # no catalogue at all
    assert "\\renewcommand{\\partname}{Part}" in tex and "{\\bibname}{Bibliography}" in tex
    assert "\\CNV\\FmN{Chapter}\\space\\CNoV\\thechapter\n" in tex  # nothing after the number
    assert "@chappos" not in tex


def _config(language: str | None, engine: str = "xelatex") -> SimpleNamespace:
    return SimpleNamespace(language=language, latex_engine=engine,
                           latex_elements={"papersize": "a4paper", "preamble": _book_preamble()})


def test_latex_language_changes_only_a_translated_editions_latex(book, sphinx_in_chinese):
    app = SimpleNamespace(srcdir=str(book))
    for language in ("en", None):
        config = _config(language)
        before = dict(config.latex_elements)
        printed_i18n.latex_language(app, config)
        assert config.latex_elements == before
    config = _config("zh_CN")
    configured = config.latex_elements
    printed_i18n.latex_language(app, config)
    preamble = config.latex_elements["preamble"]
    assert preamble.startswith(printed_i18n.chinese_preamble(_book_preamble()))
    assert preamble.endswith(printed_i18n.latex_names(book, "zh_CN"))
    assert config.latex_elements["papersize"] == "a4paper"
    assert configured["preamble"] == _book_preamble()  # the configured dict is not changed
    other = _config("zh_CN", engine="lualatex")
    printed_i18n.latex_language(app, other)
    assert "\\usepackage{xeCJK}" in other.latex_elements["preamble"]  # only for xelatex


def test_the_editions_words_are_messages_of_coursebook_po():
    for message in ("Chapter {0}", "Part {0}", "Bibliography",
                    "Interactive in the online edition; printed at {0}."):
        assert message in UI_MESSAGES


# --- the note on a page in English, the titles ------------------------------------------------

def _page(title: str = "A page") -> nodes.document:
    doc = new_document("p", get_default_settings(Parser))
    section = nodes.section("", nodes.title("", title), nodes.paragraph("", "Text."))
    doc += section
    return doc


def _app(book: Path, builder: str = "latex", language: str = "zh_CN") -> SimpleNamespace:
    return SimpleNamespace(srcdir=str(book), builder=SimpleNamespace(name=builder),
                           config=SimpleNamespace(language=language))


@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_a_page_not_translated_opens_with_the_sites_note_in_print(book, builder):
    doc = _page()
    printed_i18n.print_note(_app(book, builder), doc, "chapters/b")
    section = doc.children[0]
    assert [type(c).__name__ for c in section.children] == ["title", "note", "paragraph"]
    assert section.children[1].astext() == "本页尚未翻译，以下正文为英文原文。"
    api = _page()
    printed_i18n.print_note(_app(book, builder), api, "chapters/api")
    assert api.children[0].children[1].astext() == "API 参考保持英文。"


@pytest.mark.parametrize("builder, language, page", [
    ("latex", "zh_CN", "chapters/a"),   # declared translated
    ("html", "zh_CN", "chapters/b"),    # the site has its own note (coursebook.i18n)
    ("latex", "en", "chapters/b"),      # the English edition
])
def test_no_note_where_the_page_is_translated_or_the_builder_is_not_print(
        book, builder, language, page):
    doc = _page()
    before = doc.pformat()
    printed_i18n.print_note(_app(book, builder, language), doc, page)
    assert doc.pformat() == before


def test_the_latex_builders_whole_book_gets_each_pages_note(book):
    """The LaTeX builder resolves the book as one tree: the root page, and each other page
    in a ``start_of_file`` node (here inside the root page's section, as Sphinx nests it)."""
    from sphinx import addnodes

    doc = _page("Root, declared translated")
    root = doc.children[0]
    for name in ("chapters/b", "chapters/api"):
        included = addnodes.start_of_file(docname=name)
        included += nodes.section("", nodes.title("", name), nodes.paragraph("", "Text."))
        root += included
    printed_i18n.print_note(_app(book), doc, "chapters/a")
    notes = [(n.parent["names"] or [n.parent.children[0].astext()], n.astext())
             for n in doc.findall(nodes.note)]
    assert notes == [(["chapters/b"], "本页尚未翻译，以下正文为英文原文。"),
                     (["chapters/api"], "API 参考保持英文。")]
    for section in list(doc.findall(nodes.section))[1:]:
        assert [type(c).__name__ for c in section.children] == ["title", "note", "paragraph"]
    assert not any(isinstance(c, nodes.note) for c in root.children)


def test_a_page_without_a_section_gets_the_note_first(book):
    doc = new_document("p", get_default_settings(Parser))
    doc += nodes.paragraph("", "Text.")
    printed_i18n.print_note(_app(book), doc, "chapters/b")
    assert isinstance(doc.children[0], nodes.note)


def test_page_titles_are_written_as_built_in_the_tables_order(book, tmp_path):
    titles = {"chapters/api": nodes.title("", "", nodes.Text("API: "),
                                          nodes.literal("", "ck.*")),
              "chapters/a": nodes.title("", "定义与类型"), "genindex": nodes.title("", "索引")}
    app = SimpleNamespace(srcdir=str(book), outdir=str(tmp_path / "latex"),
                          builder=SimpleNamespace(name="latex"),
                          env=SimpleNamespace(titles=titles))
    (tmp_path / "latex").mkdir()
    printed_i18n.write_page_titles(app, None)
    written = (tmp_path / "latex" / "page-titles.json").read_text(encoding="utf-8")
    assert json.loads(written) == {"chapters/a": "定义与类型", "chapters/api": "API: ck.*"}
    assert list(json.loads(written)) == ["chapters/a", "chapters/api"]
    assert "定义与类型" in written  # readable, not \\u escapes
    (tmp_path / "latex" / "page-titles.json").unlink()
    for builder, error in (("html", None), ("latex", RuntimeError("failed"))):
        app.builder.name = builder
        printed_i18n.write_page_titles(app, error)
        assert not (tmp_path / "latex" / "page-titles.json").exists()

"""Tests for coursebook.i18n_doctrees on small docutils trees and stand-in Sphinx objects (no
build): glue roles in a translated message, translated toctree captions, and a Chinese
glossary sorted by pinyin.  The built Chinese edition is checked by
tests/book/test_editions.py (its glossary order, its glued numbers)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import addnodes

from coursebook import i18n_doctrees

# --- glue roles in a translated message ----------------------------------------------------


class _Role:
    """The little of myst-nb's glue roles the subclass relies on: ``document``, ``text``
    and ``run``, which here returns the text it would look up."""

    def __init__(self, document: nodes.document, text: str) -> None:
        self.document, self.text = document, text

    def run(self) -> str:
        return self.text


def _message(page: bool = False, env: bool = True) -> nodes.document:
    """The document a role runs in: a translated message's own (``page=False``) or the
    page's, which myst-nb marks with its renderer."""
    settings = get_default_settings(Parser)
    if env:
        settings.env = SimpleNamespace(docname="chapters/intro",
                                       doc2path=lambda doc, base=True: f"{doc}.md")
    document = new_document("message", settings)
    if page:
        document["nb_renderer"] = object()
    return document


@pytest.mark.parametrize("text, looked_up", [
    ("n_works", "/chapters/intro.md::n_works:s"),  # myst-nb's default format
    ("share:.1%", "/chapters/intro.md::share:.1%"),
])
def test_a_text_role_in_a_message_reads_the_pages_glue(text, looked_up):
    role = i18n_doctrees._glue_from_page(_Role, True)
    assert role(_message(), text).run() == looked_up


def test_other_glue_roles_in_a_message_read_the_pages_glue():
    role = i18n_doctrees._glue_from_page(_Role, False)
    assert role(_message(), "fig_growth").run() == "/chapters/intro.md::fig_growth"


@pytest.mark.parametrize("document, text", [
    (_message(page=True), "n_works"),  # the page itself: myst-nb finds it
    (_message(), "/chapters/other.md::n_works:s"),  # already another page's
    (_message(env=False), "n_works"),  # outside Sphinx
])
def test_glue_roles_are_unchanged_where_myst_nb_finds_the_value(document, text):
    for text_role in (True, False):
        assert i18n_doctrees._glue_from_page(_Role, text_role)(document, text).run() == text


def test_glue_roles_are_registered_over_myst_nbs_own():
    from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole

    added = []
    app = SimpleNamespace(registry=SimpleNamespace(domains={"glue": object()}),
                          add_role_to_domain=lambda domain, name, role, override=False:
                          added.append((domain, name, type(role), override)))
    i18n_doctrees.glue_roles(app, None)
    assert [(d, n, o) for d, n, _, o in added] == [("glue", "text", True), ("glue", "", True),
                                                   ("glue", "any", True)]
    assert issubclass(added[0][2], PasteTextRole)
    assert added[0][2].__name__ == "PasteTextRoleFromPage"
    assert all(issubclass(cls, PasteRoleAny) for _, _, cls, _ in added[1:])
    app.registry.domains = {}  # myst-nb's glue not loaded: nothing to override
    i18n_doctrees.glue_roles(app, None)
    assert len(added) == 3


# --- toctree captions ----------------------------------------------------------------------

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Concepts and mechanisms"
msgstr "概念与机制"

#, fuzzy
msgid "The case"
msgstr "案例（待审）"

msgid "Reference"
msgstr ""
"""


def _toctrees() -> nodes.document:
    doc = new_document("p", get_default_settings(Parser))
    for caption in ("Concepts and mechanisms", "The case", "Reference", None):
        node = addnodes.toctree()
        if caption:
            node["caption"] = node["rawcaption"] = caption
        doc += node
    return doc


def _app(srcdir: Path, language: str | None) -> SimpleNamespace:
    return SimpleNamespace(srcdir=str(srcdir), config=SimpleNamespace(language=language),
                           env=SimpleNamespace(docname="chapters/intro"))


def test_toctree_captions_are_translated_from_the_root_pages_catalogue(tmp_path):
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "chapters" / "intro.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    doc = _toctrees()
    i18n_doctrees.translate_toctrees(_app(tmp_path, "zh_CN"), doc)
    trees = list(doc.findall(addnodes.toctree))
    assert [t.get("caption") for t in trees] == ["概念与机制", "The case", "Reference", None]
    assert [t.get("translated", False) for t in trees] == [True, False, False, False]


def test_the_pdfs_part_titles_are_translated_with_the_captions(tmp_path):
    """sphinx-jupyterbook-latex copies a toctree's caption to its wrapper when the root page
    is read, before the captions are translated; the LaTeX builder makes parts of those."""
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "chapters" / "intro.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    doc = new_document("p", get_default_settings(Parser))
    for caption in ("Concepts and mechanisms", "Reference"):
        wrapper = nodes.compound(classes=["toctree-wrapper"], caption=caption)
        wrapper += addnodes.toctree(caption=caption, rawcaption=caption)
        doc += wrapper
    i18n_doctrees.translate_toctrees(_app(tmp_path, "zh_CN"), doc)
    assert [w.get("caption") for w in doc.findall(nodes.compound)] == [
        "概念与机制", "Reference"]  # "Reference" has no translation in PO


def test_glued_text_missing_in_the_latex_builders_whole_book_is_by_page(tmp_path, caplog):
    """The LaTeX builder resolves the book as one tree (each page in a ``start_of_file``):
    a glued name without a translation is reported for its own page, if declared."""
    from coursebook import i18n

    folder = tmp_path / "locales" / "zh_CN"
    (folder / "LC_MESSAGES").mkdir(parents=True)
    (folder / "LC_MESSAGES" / "charts.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Hamburg"\nmsgstr "汉堡"\n', encoding="utf-8")
    (folder / "TRANSLATED").write_text("chapters/intro\nchapters/c\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: chapters/intro\nchapters:\n"
                                       "  - file: chapters/b\n  - file: chapters/c\n",
                                       encoding="utf-8")
    book = new_document("p", get_default_settings(Parser))
    book += nodes.paragraph("", "", nodes.inline("", "Hamburg", classes=["pasted-text"]))
    for name, glued in (("chapters/b", "Essen"), ("chapters/c", "Bottrop")):
        page = addnodes.start_of_file(docname=name)
        page += nodes.paragraph("", "", nodes.inline("", glued, classes=["pasted-text"]))
        book += page
    app = SimpleNamespace(srcdir=str(tmp_path), config=SimpleNamespace(language="zh_CN"))
    with caplog.at_level("WARNING"):
        i18n.glued_text(app, book, "chapters/intro")
    assert book.astext().startswith("汉堡")
    assert caplog.text.count("is declared translated") == 1
    assert "chapters/c is declared translated" in caplog.text and "'Bottrop'" in caplog.text
    assert "Essen" not in caplog.text  # chapters/b is not declared: English, quietly


def _cited_twice() -> nodes.document:
    """A translated paragraph citing one work twice, as Sphinx leaves it: both references
    got ``id2`` (each message is parsed on its own); an exercise's fixed id repeats too."""
    doc = new_document("p", get_default_settings(Parser))
    para = nodes.paragraph()
    shared = ["id2"]  # the Locale transform leaves the two nodes one list
    for _ in range(2):
        para += nodes.inline(classes=["bibtex-citation"])
        para[-1]["ids"] = shared
    doc += nodes.section("", para, ids=["id1"])
    doc += [nodes.section(ids=["exercise-content"]), nodes.section(ids=["exercise-content"])]
    doc += nodes.inline(ids=["id0"])
    return doc


def test_a_translated_page_has_no_repeated_automatic_id(tmp_path):
    doc = _cited_twice()
    i18n_doctrees.unique_ids(_app(tmp_path, "zh_CN"), doc)
    ids = [i for n in doc.findall(nodes.Element) for i in n.get("ids", [])]
    assert ids == ["id1", "id2", "id3", "exercise-content", "exercise-content", "id0"]
    assert doc.ids["id3"] is list(doc.findall(nodes.inline))[1]
    english = _cited_twice()
    i18n_doctrees.unique_ids(_app(tmp_path, "en"), english)
    assert [i for n in english.findall(nodes.inline) for i in n["ids"]] == ["id2", "id2", "id0"]


@pytest.mark.parametrize("language", ["en", None, "fr"])
def test_toctree_captions_stay_english_without_a_catalogue(tmp_path, language):
    doc = _toctrees()
    i18n_doctrees.translate_toctrees(_app(tmp_path, language), doc)
    assert [t.get("caption") for t in doc.findall(addnodes.toctree)] == [
        "Concepts and mechanisms", "The case", "Reference", None]


# --- glossary order ------------------------------------------------------------------------

@pytest.mark.parametrize("term, definition, language, key", [
    ("区位商（Location quotient）", "拼音：qūwèishāng。某一产业…", "zh_CN", "quweishang"),
    ("绿色", "拼音： lǜ sè。颜色", "zh", "luse"),  # spaces, ü and tone marks go
    ("Location quotient", "A ratio of shares.", "zh_CN", "locationquotient"),  # no reading
    ("Location quotient", "拼音：qūwèishāng。", "fr_FR", "locationquotient"),  # not Chinese
])
def test_reading_key_is_the_toneless_pinyin_or_the_term(term, definition, language, key):
    assert i18n_doctrees.reading_key(term, definition, language) == key


ENTRIES = [("集聚经济", "拼音：jíjù jīngjì。"), ("产业集群", "拼音：chǎnyè jíqún。"),
           ("区位商", "拼音：qūwèishāng。"), ("HHI", "赫芬达尔指数。")]


def _glossary(sorted_: bool = True) -> nodes.document:
    doc = new_document("p", get_default_settings(Parser))
    dlist = nodes.definition_list()
    for term, definition in ENTRIES:
        dlist += nodes.definition_list_item(
            "", nodes.term("", term), nodes.definition("", nodes.paragraph("", definition)))
    glossary = addnodes.glossary()
    if sorted_:
        glossary["sorted"] = True
    glossary += dlist
    doc += glossary
    return doc


def _terms(doc: nodes.document) -> list[str]:
    return [t.astext() for t in doc.findall(nodes.term)]


def test_a_sorted_chinese_glossary_is_in_pinyin_order():
    doc = _glossary()
    i18n_doctrees.sort_glossaries(_app(Path("."), "zh_CN"), doc)
    assert _terms(doc) == ["产业集群", "HHI", "集聚经济", "区位商"]  # chanye, hhi, jiju, quweishang
    dlist = next(doc.findall(nodes.definition_list))
    assert all(item.parent is dlist for item in dlist.children)


@pytest.mark.parametrize("language, sorted_", [("zh_CN", False), ("en", True), ("fr", True),
                                               (None, True)])
def test_other_glossaries_keep_their_order(language, sorted_):
    doc = _glossary(sorted_)
    i18n_doctrees.sort_glossaries(_app(Path("."), language), doc)
    assert _terms(doc) == [t for t, _ in ENTRIES]


def test_table_cells_get_their_tables_source_so_they_are_translated():
    """The cells of a table parsed inside a directive get the table's source and line
    (see the workaround's canary in tests/coursebook/test_workarounds.py)."""
    from docutils import nodes
    from docutils.utils import new_document
    from sphinx.util.nodes import is_translatable

    from coursebook.i18n_doctrees import TableCellSource

    doc = new_document("page.md")
    cell = nodes.paragraph("Macro", "Macro")
    table = nodes.table("", nodes.tgroup("", nodes.tbody("", nodes.row("", nodes.entry("", cell)))))
    table.source, table.line = "/book/chapters/page.md", 51
    doc += table
    assert not is_translatable(cell)
    TableCellSource(doc).apply()
    assert is_translatable(cell) and (cell.source, cell.line) == ("/book/chapters/page.md", 51)

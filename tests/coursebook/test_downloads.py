"""Tests for coursebook.downloads on stand-in Sphinx objects (no book build): which editions
are found, the download menu's links, the copy into the site, the notebooks' context and the
glued values read from a small jupyter-cache.  The built site's menu and executed notebooks
are checked by tests/book/test_published.py."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from coursebook import downloads
from coursebook.notebooks import CONTEXT_FILE, Context
from coursebook.publish import BOOK_NAME

BOOK_PDF, BOOK_EPUB = f"{BOOK_NAME}.pdf", f"{BOOK_NAME}.epub"


def _editions(srcdir: Path, *names: str) -> Path:
    folder = srcdir / downloads.EDITIONS
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(name.encode())
    return folder


def _app(srcdir: Path, builder: str = "html", **config) -> SimpleNamespace:
    return SimpleNamespace(srcdir=str(srcdir), outdir=str(srcdir / "_build" / "html"),
                           doctreedir=str(srcdir / "_build" / ".doctrees"),
                           builder=SimpleNamespace(name=builder),
                           config=SimpleNamespace(**{"html_context": {}, **config}))


# --- which editions exist ------------------------------------------------------------------

def test_editions_found_are_the_pdfs_and_epubs_sorted(tmp_path):
    assert downloads.editions_found(tmp_path) == []  # no _build/editions: none
    folder = _editions(tmp_path, BOOK_PDF, "tiexi.pdf", BOOK_EPUB, "notes.txt")
    (folder / "stale.pdf.tmp").write_bytes(b"")
    assert downloads.editions_found(tmp_path) == sorted([BOOK_EPUB, BOOK_PDF, "tiexi.pdf"])


def test_record_editions_keeps_the_rest_of_the_html_context(tmp_path):
    _editions(tmp_path, "tiexi.pdf")
    configured = {"theme_flag": True}
    config = SimpleNamespace(html_context=configured)
    downloads.record_editions(_app(tmp_path), config)
    assert config.html_context == {"theme_flag": True, "coursebook_editions": ["tiexi.pdf"]}
    assert configured == {"theme_flag": True}  # the configured dict is not changed in place
    empty = SimpleNamespace(html_context=None)
    downloads.record_editions(_app(tmp_path / "none"), empty)
    assert empty.html_context == {"coursebook_editions": []}


# --- the download menu ---------------------------------------------------------------------

THEME_BUTTONS = [
    {"type": "link", "url": "../_sources/chapters/tiexi.md", "text": ".md",
     "label": "download-source-button"},
    {"type": "javascript", "javascript": "window.print()", "text": ".pdf",
     "label": "download-pdf-button"},
]


def _page(pagename: str, found: list[str], builder: str = "html") -> dict:
    """Run the hook on a page whose theme made the usual download group; return it."""
    app = SimpleNamespace(builder=SimpleNamespace(name=builder),
                          config=SimpleNamespace(html_context={"coursebook_editions": found}))
    group = {"type": "group", "label": "download-buttons", "buttons": list(THEME_BUTTONS)}
    context = {"header_buttons": [{"label": "fullscreen-button"}, group],
               "pathto": lambda target, resource: f"../{target}" + ("" if resource else ".html")}
    downloads.edition_links(app, pagename, "page.html", context, None)
    return group


def test_a_chapter_links_its_pdf_instead_of_print_to_pdf_and_the_whole_book():
    group = _page("chapters/tiexi", [BOOK_EPUB, BOOK_PDF, "tiexi.pdf", "intro.pdf"])
    labels = [b["label"] for b in group["buttons"]]
    assert labels == ["download-source-button", "download-page-pdf", "download-book-pdf",
                      "download-book-epub"]
    page, book, epub = group["buttons"][1:]
    assert (page["url"], page["text"], page["icon"], page["tooltip"]) == (
        "../editions/tiexi.pdf", "PDF (this page)", "fas fa-file-pdf", "Download PDF (this page)")
    assert (book["url"], epub["url"]) == (f"../editions/{BOOK_PDF}", f"../editions/{BOOK_EPUB}")
    assert all(b["type"] == "link" for b in group["buttons"][1:])


def test_a_translated_pages_menu_links_its_editions_files_in_its_language(tmp_path):
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "coursebook.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "PDF (this page)"\nmsgstr "PDF（本页）"\n\n'
                  'msgid "PDF (whole book)"\nmsgstr "PDF（全书）"\n\n'
                  'msgid "Download {0}"\nmsgstr "下载{0}"\n', encoding="utf-8")
    _editions(tmp_path, BOOK_PDF, BOOK_EPUB, "tiexi.pdf")  # the English edition's
    zh = downloads.editions_folder(tmp_path, "zh_CN")
    assert zh == tmp_path / downloads.EDITIONS / "zh_CN"
    zh.mkdir()
    for name in (BOOK_PDF, "tiexi.pdf"):
        (zh / name).write_bytes(f"zh {name}".encode())
    config = SimpleNamespace(html_context={}, language="zh_CN")
    app = _app(tmp_path, language="zh_CN")
    downloads.record_editions(app, config)
    assert config.html_context["coursebook_editions"] == [BOOK_PDF, "tiexi.pdf"]
    app.config.html_context = config.html_context
    group = {"type": "group", "label": "download-buttons", "buttons": list(THEME_BUTTONS)}
    context = {"header_buttons": [group],
               "pathto": lambda target, resource: f"../{target}" + ("" if resource else ".html")}
    downloads.edition_links(app, "chapters/tiexi", "page.html", context, None)
    page, book = group["buttons"][1:]
    assert (page["url"], page["text"], page["tooltip"]) == (
        "../editions/tiexi.pdf", "PDF（本页）", "下载PDF（本页）")  # in zh_CN/editions/
    assert (book["url"], book["text"]) == (f"../editions/{BOOK_PDF}", "PDF（全书）")
    downloads.copy_editions(app, None)
    site = Path(app.outdir) / "editions"
    assert sorted(p.name for p in site.iterdir()) == [BOOK_PDF, "tiexi.pdf"]
    assert (site / "tiexi.pdf").read_bytes() == b"zh tiexi.pdf"  # not the English one


def test_a_page_without_its_own_pdf_keeps_print_to_pdf():
    group = _page("search", [BOOK_PDF])
    assert [b["label"] for b in group["buttons"]] == [
        "download-source-button", "download-pdf-button", "download-book-pdf"]


def test_only_the_editions_built_are_linked():
    assert [b["label"] for b in _page("chapters/tiexi", [BOOK_EPUB])["buttons"]] == [
        "download-source-button", "download-pdf-button", "download-book-epub"]
    assert _page("chapters/tiexi", [])["buttons"] == THEME_BUTTONS  # make book alone: none
    assert _page("chapters/tiexi", ["tiexi.pdf"], builder="epub")["buttons"] == THEME_BUTTONS


def test_a_page_named_like_the_book_gets_no_this_page_link():
    group = _page(BOOK_NAME, [BOOK_PDF])
    assert [b["label"] for b in group["buttons"]] == [
        "download-source-button", "download-pdf-button", "download-book-pdf"]


def test_a_page_without_a_download_group_is_left_alone():
    app = SimpleNamespace(builder=SimpleNamespace(name="html"),
                          config=SimpleNamespace(html_context={"coursebook_editions": [BOOK_PDF]}))
    context = {"header_buttons": [{"label": "fullscreen-button"}]}
    downloads.edition_links(app, "chapters/a", "page.html", context, None)
    assert context == {"header_buttons": [{"label": "fullscreen-button"}]}


# --- the copy into the site ----------------------------------------------------------------

def test_copy_editions_puts_exactly_the_recorded_editions_in_the_site(tmp_path):
    _editions(tmp_path, BOOK_PDF, "tiexi.pdf", "new-since-config.pdf")
    app = _app(tmp_path, html_context={"coursebook_editions": [BOOK_PDF, "tiexi.pdf"]})
    site = Path(app.outdir) / "editions"
    site.mkdir(parents=True)
    (site / "removed.pdf").write_bytes(b"old")
    downloads.copy_editions(app, None)
    assert sorted(p.name for p in site.iterdir()) == [BOOK_PDF, "tiexi.pdf"]
    assert (site / "tiexi.pdf").read_bytes() == b"tiexi.pdf"
    app.config.html_context = {"coursebook_editions": []}
    downloads.copy_editions(app, None)
    assert not site.exists()  # no editions built: no folder, no dead link


@pytest.mark.parametrize("builder, error", [("epub", None), ("html", RuntimeError("failed"))])
def test_copy_editions_only_after_a_good_html_build(tmp_path, builder, error):
    _editions(tmp_path, BOOK_PDF)
    app = _app(tmp_path, builder=builder, html_context={"coursebook_editions": [BOOK_PDF]})
    downloads.copy_editions(app, error)
    assert not (Path(app.outdir) / "editions").exists()


# --- the notebooks' context ----------------------------------------------------------------

def _domain(**attributes) -> SimpleNamespace:
    return SimpleNamespace(**attributes)


def _context_app(srcdir: Path, **config) -> SimpleNamespace:
    """An app whose environment knows two pages, four labels and two equations."""
    std = _domain(
        anonlabels={"tab-x": ("chapters/a", "tab-x"), "ex-z": ("chapters/a", "ex-z"),
                    "sec-y": ("chapters/b", "sec-y"), "code-q": ("chapters/b", "code-q")},
        labels={"sec-y": ("chapters/b", "sec-y", "Why clusters"),
                "genindex": ("genindex", "", "Index"), "untitled": ("chapters/b", "u", "")})
    math = _domain(equations={"eq-w": ("chapters/a", 4), "eq-v": ("chapters/b", 1)})
    env = SimpleNamespace(
        toc_fignumbers={"chapters/a": {"table": {"tab-x": (2, 1)}, "exercise": {"ex-z": (2, 3)},
                                       "displaymath": {"equation-eq-w": (2, 4)}},
                        "chapters/b": {"code-block": {"code-q": (1,)}}},
        titles={"chapters/a": SimpleNamespace(astext=lambda: "Growth"),
                "chapters/b": SimpleNamespace(astext=lambda: "Mechanisms")},
        get_domain={"std": std, "math": math}.__getitem__)
    app = _app(srcdir, **{"html_theme_options": {}, "html_baseurl": "",
                          "numfig_format": {"table": "Table %s", "exercise": "Exercise %s"},
                          "nb_execution_cache_path": "", **config})
    app.env = env
    return app


def test_context_numbers_refs_and_equations_as_the_book_does(tmp_path):
    ctx = downloads.collect_context(_context_app(tmp_path, html_baseurl="https://x.org/book"))
    assert ctx.baseurl == "https://x.org/book/"
    assert ctx.refs == {
        "code-q": {"doc": "chapters/b", "anchor": "code-q", "title": None,
                   "number": "Code-block 1"},  # no numfig_format entry: the type's name
        "ex-z": {"doc": "chapters/a", "anchor": "ex-z", "title": None, "number": "Exercise 2.3"},
        "genindex": {"doc": "genindex", "anchor": "", "number": None, "title": "Index"},
        "sec-y": {"doc": "chapters/b", "anchor": "sec-y", "title": "Why clusters",
                  "number": None},
        "tab-x": {"doc": "chapters/a", "anchor": "tab-x", "title": None, "number": "Table 2.1"},
        "untitled": {"doc": "chapters/b", "anchor": "u", "number": None, "title": None}}
    assert list(ctx.refs) == sorted(ctx.refs)
    assert ctx.equations == {"eq-v": "1", "eq-w": "2.4"}  # chapter numbers where Sphinx has them
    assert ctx.titles == {"chapters/a": "Growth", "chapters/b": "Mechanisms"}
    assert ctx.glue == {}  # no execution cache


def test_context_baseurl_is_the_published_site_of_the_repository(tmp_path):
    app = _context_app(tmp_path, html_theme_options={
        "repository_url": "https://github.com/Industrial-Clusters/course"})
    assert downloads.collect_context(app).baseurl == (
        "https://industrial-clusters.github.io/course/")
    assert downloads.collect_context(_context_app(tmp_path)).baseurl == ""


PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Growth

There are {glue:text}`n` regions in {glue:text}`who`.

```{code-cell} ipython3
print("hello")
```
"""


def _glue_output(name: str, text: str, hidden: bool = True) -> dict:
    prefix = "application/papermill.record/" if hidden else ""
    return nbformat.v4.new_output("display_data", data={prefix + "text/plain": text},
                                  metadata={"scrapbook": {"name": name, "mime_prefix": prefix}})


def _cached_book(srcdir: Path, cache: Path) -> None:
    """Executed notebooks in a jupyter-cache, as myst-nb leaves them: ``chapters/a`` (glued
    values and a printed line), ``chapters/gone`` (no page any more) and one outside the
    book."""
    from jupyter_cache import get_cache

    v4 = nbformat.v4
    jc = get_cache(str(cache))
    executed = {
        srcdir / "chapters" / "a.ipynb": v4.new_notebook(cells=[v4.new_code_cell(
            'print("hello")', execution_count=1,
            outputs=[_glue_output("who", "'Texas'", hidden=False), _glue_output("n", "42"),
                     v4.new_output("stream", name="stdout", text="hello\n")])]),
        srcdir / "chapters" / "gone.ipynb": v4.new_notebook(cells=[v4.new_code_cell(
            "1", execution_count=1, outputs=[_glue_output("g", "1")])]),
        srcdir.parent / "outside.ipynb": v4.new_notebook(cells=[v4.new_code_cell(
            "2", execution_count=1, outputs=[_glue_output("o", "2")])]),
    }
    for path, nb in executed.items():
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        jc.add_nb_to_project(str(path))
        jc.cache_notebook_file(str(path), check_validity=False)
    (srcdir / "chapters" / "a.md").write_text(PAGE, encoding="utf-8")
    (srcdir / "references.bib").write_text("", encoding="utf-8")


def test_glued_values_come_from_the_builds_execution_cache(tmp_path):
    srcdir = tmp_path / "book"
    _cached_book(srcdir, srcdir / "_build" / ".jupyter_cache")  # the default place
    ctx = downloads.collect_context(_context_app(srcdir))
    assert ctx.glue == {"chapters/a": {"n": "42", "who": "'Texas'"}, "chapters/gone": {"g": "1"}}
    elsewhere = _context_app(srcdir, nb_execution_cache_path="cache")
    assert downloads.collect_context(elsewhere).glue == {}  # configured, relative, empty
    _cached_book(tmp_path / "other", srcdir / "cache")
    assert downloads.collect_context(elsewhere).glue == {}  # a cache of another book


def test_write_context_writes_the_context_and_each_pages_executed_notebook(tmp_path):
    srcdir = tmp_path / "book"
    _cached_book(srcdir, srcdir / "_build" / ".jupyter_cache")
    app = _context_app(srcdir, html_baseurl="https://x.org/")
    downloads.write_context(app, None)
    saved = Context.load(srcdir / CONTEXT_FILE)
    assert saved == downloads.collect_context(app)
    sources = srcdir / "_build" / "html" / "_sources" / "chapters"
    assert sorted(p.name for p in sources.iterdir()) == ["a.ipynb"]  # no page, no notebook
    nb = nbformat.read(sources / "a.ipynb", as_version=4)
    text = json.dumps(nb.cells)
    assert "There are 42 regions in Texas." in text and "scrapbook" not in text
    (code,) = [c for c in nb.cells if c.cell_type == "code"]
    assert code.source == 'print("hello")' and [o.get("text") for o in code.outputs] == ["hello\n"]


def test_write_context_only_after_a_good_html_build(tmp_path):
    for builder, error in (("latex", None), ("html", RuntimeError("failed"))):
        app = _context_app(tmp_path)
        app.builder.name = builder
        downloads.write_context(app, error)
    assert not (tmp_path / CONTEXT_FILE).exists()


def test_a_translated_edition_leaves_the_english_context_alone(tmp_path):
    """The Colab copies are English: a translated edition, built after the English one from
    the same folder (``make book``), must not replace their context with its own numbers
    ("表 1.1") and titles; it still writes its pages' executed notebooks."""
    srcdir = tmp_path / "book"
    _cached_book(srcdir, srcdir / "_build" / ".jupyter_cache")
    english = _context_app(srcdir, html_baseurl="https://x.org/", language="en")
    downloads.write_context(english, None)
    before = (srcdir / CONTEXT_FILE).read_bytes()
    chinese = _context_app(srcdir, html_baseurl="https://x.org/", language="zh_CN",
                           numfig_format={"table": "表 %s"},  # the English cache, as
                           nb_execution_cache_path=str(  # coursebook.editions sets it
                               srcdir / "_build" / ".jupyter_cache"))
    chinese.outdir = str(srcdir / "_build" / "zh_CN" / "html")
    downloads.write_context(chinese, None)
    assert (srcdir / CONTEXT_FILE).read_bytes() == before
    assert (Path(chinese.outdir) / "_sources" / "chapters" / "a.ipynb").is_file()

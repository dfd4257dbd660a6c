"""Tests for coursebook.sphinxext: the page hooks of the book's Sphinx extension, on
stand-in Sphinx objects (no book build; tests/book builds the book)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from docutils.core import publish_doctree

from coursebook import sphinxext


class _App:
    """The little of Sphinx's application object the hooks and ``setup`` use."""

    def __init__(self, **config) -> None:
        self.config = SimpleNamespace(project="Industrial Clusters", **config)
        self.js: list[tuple] = []
        self.connected: list[tuple[str, object, int]] = []  # (event, hook, priority)
        self.css: list[str] = []
        self.directives: dict[str, type] = {}
        self.post_transforms: list[type] = []
        self.transforms: list[type] = []

    def add_js_file(self, filename, priority=500, **attributes):
        self.js.append((filename, priority, attributes))

    def connect(self, event, fn, priority=500):
        self.connected.append((event, fn, priority))

    def add_css_file(self, filename):
        self.css.append(filename)

    def add_directive(self, name, cls, override=False):
        assert name not in self.directives or override, f"directive {name} registered twice"
        self.directives[name] = cls

    def add_post_transform(self, transform):
        self.post_transforms.append(transform)

    def add_transform(self, transform):
        self.transforms.append(transform)

    def priority(self, event, fn) -> int:
        """The priority ``fn`` was connected to ``event`` with (it must be, once)."""
        found = [p for e, f, p in self.connected if (e, f) == (event, fn)]
        assert len(found) == 1, f"{fn.__name__} is connected to {event} {len(found)} times"
        return found[0]


def _script(filename=None, **attributes):
    return SimpleNamespace(filename=filename, attributes=attributes, priority=500)


def test_scripts_registered_twice_are_dropped_keeping_the_order():
    scripts = [_script("a.js"), _script(None, body="const THEBE_JS_URL = 1"), _script("b.js"),
               _script(None, body="const THEBE_JS_URL = 1"), _script("a.js", defer="defer")]
    context = {"script_files": scripts}
    sphinxext.dedupe_scripts(_App(), "p", "page.html", context, None)
    assert [(s.filename, s.attributes) for s in context["script_files"]] == [
        ("a.js", {}), (None, {"body": "const THEBE_JS_URL = 1"}), ("b.js", {}),
        ("a.js", {"defer": "defer"})]


def test_bibliography_entries_become_list_items():
    context = {"body": '<div role="list"><div class="citation" role="doc-biblioentry">x</div>'}
    sphinxext.citation_list_roles(_App(), "p", "page.html", context, None)
    assert 'role="listitem"' in context["body"] and "doc-biblioentry" not in context["body"]


def test_pages_without_a_document_get_a_meta_description():
    """sphinxext-opengraph describes every page built from a document; the search and index
    pages (templates only) get one from their title and the book's."""
    doctree = publish_doctree("Clusters are groups of firms. " * 10)
    page = {"metatags": "", "meta": {}, "title": "Definitions"}
    sphinxext.meta_description(_App(), "chapters/definitions", "page.html", page, doctree)
    assert page["metatags"] == ""  # left to sphinxext-opengraph
    index = {"metatags": "", "meta": {}, "title": "<b>Index</b>"}
    sphinxext.meta_description(_App(), "index", "page.html", index, None)
    assert 'content="Index (Industrial Clusters)."' in index["metatags"]
    search = {"metatags": ""}
    sphinxext.meta_description(_App(), "search", "page.html", search, None)
    assert 'content="Search the pages of Industrial Clusters."' in search["metatags"]
    kept = {"metatags": '<meta name="description" content="mine" />'}
    sphinxext.meta_description(_App(), "search", "page.html", kept, None)
    assert kept["metatags"].count('name="description"') == 1


@pytest.mark.parametrize("url,expected", [
    ("https://github.com/industrial-clusters/course", "https://industrial-clusters.github.io/course/"),
    ("https://github.com/Owner/book.git", "https://owner.github.io/book/"),
    ("https://gitlab.com/a/b", ""),
])
def test_open_graph_site_url_comes_from_the_repository_url(url, expected):
    assert sphinxext.site_url(url) == expected


def test_pages_without_maths_load_no_mathjax_and_pages_with_maths_load_it_lazily():
    def page(body):
        scripts = [_script("_static/mathjax/tex-chtml.js"), _script(None, body="window.MathJax = {}"),
                   _script("doctools.js")]
        return {"script_files": scripts, "body": body}

    app = _App(mathjax_path="mathjax/tex-chtml.js")
    plain = page("<p>No formula here.</p>")
    sphinxext.lazy_mathjax(app, "p", "page.html", plain, None)
    assert [s.filename for s in plain["script_files"]] == ["doctools.js"] and app.js == []
    maths = page('<span class="math">\\(x\\)</span>')
    sphinxext.lazy_mathjax(app, "p", "page.html", maths, None)
    loader, pending = app.js
    assert loader[0] == "coursekit-math.js" and loader[2]["data-mathjax"] == "mathjax/startup.js"
    assert loader[2]["data-load"] == " ".join(sphinxext.MATHJAX_COMPONENTS)
    assert pending == (None, sphinxext.EARLY_PRIORITY + 1, {"body": sphinxext.PENDING_MATH})


def test_auto_colour_mode_is_resolved_before_the_first_paint():
    app = _App()
    sphinxext.resolve_auto_theme(app, "p", "page.html", {"script_files": []}, None)
    assert app.js == [(None, sphinxext.EARLY_PRIORITY, {"body": sphinxext.RESOLVE_AUTO_THEME})]
    sphinxext.resolve_auto_theme(app, "p", "page.html", {}, None)  # not an HTML page
    assert len(app.js) == 1


def test_setup_connects_the_hooks_and_is_parallel_safe(tmp_path, monkeypatch):
    from coursebook import downloads, i18n, i18n_doctrees, mathbox, printed, printed_i18n, refpages

    monkeypatch.setattr(sphinxext, "_kernel_profile", lambda app: None)
    app = _App()
    meta = sphinxext.setup(app)
    assert meta["parallel_read_safe"] and meta["parallel_write_safe"]
    assert app.css == ["coursekit.css"]
    hooks = {
        "config-inited": [sphinxext._prepare_static, sphinxext._drop_stale_outputs,
                          sphinxext._open_graph_defaults, downloads.record_editions,
                          printed.set_version, i18n._templates, i18n._chinese_search,
                          i18n_doctrees.glue_roles, printed_i18n.latex_language],
        "builder-inited": [printed.no_launch_buttons_in_epub],
        "doctree-read": [i18n.note_edition_files, i18n_doctrees.translate_toctrees,
                         i18n_doctrees.sort_glossaries, i18n_doctrees.unique_ids],
        "env-check-consistency": [i18n.check_translated],
        "doctree-resolved": [printed.epub_xhtml, printed.drop_solutions, i18n.glued_text,
                             printed_i18n.print_note],
        "html-page-context": [sphinxext._add_page_assets, sphinxext.dedupe_scripts,
                              sphinxext.citation_list_roles, sphinxext.lazy_mathjax,
                              sphinxext.meta_description, mathbox.reserve_math,
                              sphinxext.resolve_auto_theme, refpages.fill_execution_status,
                              downloads.edition_links, printed.epub_page,
                              i18n.add_edition_links, i18n.translated_page],
        "build-finished": [sphinxext._refresh_static, downloads.write_context,
                           downloads.copy_editions, sphinxext._optimize_pages,
                           printed_i18n.write_page_titles],
    }
    for event, fns in hooks.items():
        for fn in fns:
            app.priority(event, fn)  # connected, once
    assert sorted((e, f.__qualname__) for e, f, _ in app.connected) == sorted(
        (e, f.__qualname__) for e, fns in hooks.items() for f in fns), "a hook is not checked"
    assert app.directives == {"coursekit-datasets": refpages.DatasetsDirective,
                              "coursekit-citation": refpages.CitationDirective,
                              "coursekit-execution-status": refpages.ExecutionStatusDirective}
    assert app.post_transforms == [printed.StaticCharts]
    assert app.transforms == [i18n_doctrees.TableCellSource]
    page = "html-page-context"
    # the order the hooks' docstrings rely on
    assert app.priority(page, downloads.edition_links) > 501  # after the theme's buttons
    assert app.priority(page, sphinxext.dedupe_scripts) < 500  # before scripts are read
    assert (app.priority(page, sphinxext.lazy_mathjax)
            < app.priority(page, sphinxext.resolve_auto_theme)
            < app.priority(page, i18n.translated_page)
            < app.priority(page, printed.epub_page))
    assert app.priority(page, printed.epub_page) == max(p for e, _, p in app.connected
                                                        if e == page)  # every script added
    assert all(app.priority("build-finished", sphinxext._optimize_pages) > p
               for e, f, p in app.connected
               if e == "build-finished" and f is not sphinxext._optimize_pages)  # after copies
    assert app.priority("doctree-read", i18n_doctrees.translate_toctrees) > 500  # after toc
    assert app.priority("doctree-resolved", printed.epub_xhtml) > 500  # after sphinx-thebe

"""Translated editions: what changes in a page's document tree (:mod:`coursebook.i18n`).

* glued numbers in a translated message (myst-nb's glue roles, read from the page's cache);
* glued *text* (the name of a sector, a region, a country that a page computed) in the
  edition's language, from the charts' catalogue, where the same names are translated for
  the charts' labels (:func:`glue_text_messages`, :func:`translate_glued_text`);
* the table of contents' captions, translated from the root page's catalogue;
* the cells of a table written inside a ``{table}`` directive made translatable
  (:class:`TableCellSource`);
* a sorted glossary ordered by its translated entries' reading (pinyin for Chinese).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from coursebook.editions import SOURCE_LANGUAGE

__all__ = ["READING", "TableCellSource", "glue_roles", "glue_text_messages", "reading_key", "sort_glossaries",
           "translate_glued_text", "translate_toctrees"]

_LETTER = re.compile(r"[^\W\d_]")


def _is_text(value: str) -> bool:
    """Words, not a number written as text (``"1.2e-05"``, ``"nan"``)."""
    try:
        float(value.replace(",", ""))
    except ValueError:
        return bool(_LETTER.search(value))
    return False


def _glue_from_page(role_class: type, text_role: bool) -> type:
    """myst-nb's glue role, made to work in a translated message.

    Sphinx parses a message's translation as a document of its own, which does not hold
    the page's notebook, so ``{glue:text}`n_works``` finds no value there.  In that case
    (and only then) this role reads the key from the page's own glue cache, through
    myst-nb's cross-document form ``/<page source>::key`` (resolved after parsing, from
    the cache myst-nb wrote for the page); the number is the one the page glued.
    """

    class GlueFromPage(role_class):  # type: ignore[misc, valid-type]
        def run(self):
            settings = self.document.settings
            env = getattr(settings, "env", None)
            if env is not None and "nb_renderer" not in self.document and "::" not in self.text:
                page = f"/{env.doc2path(env.docname, False)}"
                if text_role:  # key[:format]; myst-nb reads "page::key:format"
                    key, _, fmt = self.text.partition(":")
                    self.text = f"{page}::{key}:{fmt or 's'}"
                else:
                    self.text = f"{page}::{self.text}"
            return super().run()

    GlueFromPage.__name__ = f"{role_class.__name__}FromPage"
    return GlueFromPage


def glue_roles(app: Any, config: Any) -> None:
    """Register the glue roles of :func:`_glue_from_page` (config-inited)."""
    from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole

    if "glue" in app.registry.domains:
        app.add_role_to_domain("glue", "text", _glue_from_page(PasteTextRole, True)(), override=True)
        for name in ("", "any"):
            app.add_role_to_domain("glue", name, _glue_from_page(PasteRoleAny, False)(), override=True)


def glue_text_messages(glue: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The text values glued into pages, as messages (numbers as ``{0}``) -> their pages.

    ``glue`` is the build context's page -> name -> ``text/plain`` (a string's repr).

    >>> glue_text_messages({"chapters/a": {"top": "'Hamburg'", "n": "16", "y": "'G-I'",
    ...                                    "p": "'1.2e-05'"},
    ...                     "chapters/b": {"land": "'Hamburg'", "cls": "'Class 2'"}})
    {'Hamburg': ['chapters/a', 'chapters/b'], 'G-I': ['chapters/a'], 'Class {0}': ['chapters/b']}
    """
    import ast

    from coursebook.charttext import template

    out: dict[str, list[str]] = {}
    for page, values in glue.items():
        for plain in values.values():
            try:
                value = ast.literal_eval(plain)
            except (ValueError, SyntaxError):
                continue
            if isinstance(value, str) and _is_text(value):
                where = out.setdefault(template(value)[0], [])
                if page not in where:
                    where.append(page)
    return out


def translate_glued_text(doctree: Any, lookup: Any,
                         page: Any = None) -> list[str] | dict[str, list[str]]:
    """Replace the glued text of ``doctree`` (myst-nb's ``pasted-text`` inlines) by its
    translation from ``lookup`` (message -> translation or None), numbers kept; return the
    messages that had none (by page, ``page(node)``, when ``page`` is given).

    >>> from docutils import nodes
    >>> para = nodes.paragraph("", "", nodes.inline("Hamburg", "Hamburg", classes=["pasted-text"]),
    ...                        nodes.inline("0.25", "0.25", classes=["pasted-text"]),
    ...                        nodes.inline("Class 2", "Class 2", classes=["pasted-text"]))
    >>> translate_glued_text(para, {"Hamburg": "汉堡"}.get), para.astext()
    (['Class {0}'], '汉堡0.25Class 2')
    """
    from docutils import nodes

    from coursebook.charttext import fill, template

    missing: dict[str, list[str]] = {}
    for node in list(doctree.findall(nodes.inline)):
        text = node.astext()
        if "pasted-text" not in node.get("classes", []) or not _is_text(text):
            continue
        message, numbers = template(text)
        translation = lookup(message)
        if translation:
            node.children = []
            node += nodes.Text(fill(translation, numbers))
            continue
        found = missing.setdefault(page(node) if page else "", [])
        if message not in found:
            found.append(message)
    return missing if page else missing.get("", [])


def page_of(node: Any, default: str) -> str:
    """The page a node of a resolved doctree comes from.  The LaTeX builder resolves the
    whole book as one tree, each page in a ``start_of_file`` node that names it; other
    builders resolve one page (``default``) at a time.

    >>> from sphinx import addnodes
    >>> page = addnodes.start_of_file(docname="chapters/b")
    >>> page += nodes.paragraph("", "text")
    >>> root = nodes.section("", page)
    >>> page_of(page[0], "chapters/a"), page_of(root, "chapters/a")
    ('chapters/b', 'chapters/a')
    """
    from sphinx import addnodes

    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return str(parent.get("docname", default))
        parent = parent.parent
    return default


class TableCellSource(SphinxTransform):
    """Give the cells of a table their table's source, so Sphinx extracts and translates them.

    Workaround: MyST sets ``source`` on a ``table`` node but not on its cells' paragraphs;
    a table at the top level of a page gets the document's source, but one parsed inside a
    directive (``{table}``, a tab) does not, so Sphinx's ``is_translatable`` skips every
    cell: they are missing from the catalogues and stay English in a translated edition,
    with no warning (executablebooks/sphinx-design#234, whose pull request #306 names the
    cause; canary: ``tests/coursebook/test_workarounds.py::
    test_myst_still_leaves_table_cells_without_source``).  Runs before Sphinx's Locale
    transform (priority 20).
    """

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            owner = table if table.source else next(
                (a for a in _ancestors(table) if getattr(a, "source", None)), None)
            if owner is None:
                continue
            for node in table.findall(nodes.TextElement):
                if not node.source:
                    node.source, node.line = owner.source, node.line or owner.line


def _ancestors(node: Any) -> Any:
    while node.parent is not None:
        node = node.parent
        yield node


def translate_toctrees(app: Any, doctree: Any) -> None:
    """Translate the captions of the table of contents (the sidebar's and the PDF's part
    titles).

    sphinx-external-toc inserts the toctrees when a page has been read, after Sphinx's
    Locale transform, so their captions (extracted into the root page's catalogue like
    any message) are translated here, from the same catalogue.
    """
    from sphinx import addnodes

    language = app.config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return
    from coursebook.i18n import catalogue

    entries = catalogue(app.srcdir, language, app.env.docname) or {}
    for node in doctree.findall(addnodes.toctree):
        caption = node.get("rawcaption") or node.get("caption")
        if caption and entries.get(caption):
            shown = node.get("caption")
            node["caption"] = entries[caption]
            node["translated"] = True
            wrapper = node.parent
            if wrapper is not None and wrapper.get("caption") == shown:
                # sphinx-jupyterbook-latex copied it to the wrapper: the PDF's part title
                wrapper["caption"] = entries[caption]


_AUTO_ID = re.compile(r"^id\d+$")


def unique_ids(app: Any, doctree: Any) -> None:
    """Give each node of a translated page its own automatic id (``id2``...).

    Sphinx parses every translated message on its own, so the ids that docutils numbers
    while parsing (a citation's ``id2``) can repeat on a page when one message cites the
    same work twice; an EPUB with a repeated id is invalid (epubcheck RSC-005), and HTML
    anchors become ambiguous.  A repeated automatic id gets a new, unused one.
    """
    if (app.config.language or SOURCE_LANGUAGE) == SOURCE_LANGUAGE:
        return
    seen: set[str] = set()
    elements = list(doctree.findall(nodes.Element))
    taken = {i for node in elements for i in node.get("ids", [])}
    counter = 0
    for node in elements:
        ids = list(node.get("ids", []))  # a new list: translated nodes may share one
        for k, ident in enumerate(ids):
            if ident in seen and _AUTO_ID.match(ident):
                while f"id{counter}" in taken:
                    counter += 1
                ids[k] = f"id{counter}"
                taken.add(ids[k])
                doctree.ids[ids[k]] = node
            seen.add(ids[k])
        if ids != node.get("ids", []):
            node["ids"] = ids


#: How a translated glossary entry gives its reading, which orders a ``:sorted:`` glossary
#: in languages whose dictionaries sort by reading (Chinese: by pinyin).
READING = {"zh": re.compile(r"^\s*拼音：\s*([^。]+)")}


def reading_key(term: str, definition: str, language: str) -> str:
    """Sort key of a translated glossary entry: its reading without tone marks (pinyin for
    Chinese, from the definition's first words ``拼音：…。``), else its term.

    >>> reading_key("区位商（Location quotient）", "拼音：qūwèishāng。某一产业…", "zh_CN")
    'quweishang'
    """
    import unicodedata

    pattern = READING.get(language.split("_")[0])
    m = pattern.match(definition) if pattern else None
    text = m.group(1) if m else term
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^\w]", "", plain.lower())


def sort_glossaries(app: Any, doctree: Any) -> None:
    """Order the entries of a sorted glossary by their translated reading (pinyin).

    Sphinx sorts a ``:sorted:`` glossary by its terms' text; translated Chinese terms then
    come in code-point order, which no reader uses.
    """
    from docutils import nodes
    from sphinx import addnodes

    language = app.config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or language.split("_")[0] not in READING:
        return
    for glossary in doctree.findall(addnodes.glossary):
        if not glossary.get("sorted"):
            continue
        for dlist in glossary.findall(nodes.definition_list):
            items = [c for c in dlist.children if isinstance(c, nodes.definition_list_item)]
            def key(item: Any) -> str:
                terms = [c for c in item.children if isinstance(c, nodes.term)]
                defs = [c for c in item.children if isinstance(c, nodes.definition)]
                return reading_key(terms[0].astext() if terms else "",
                                   defs[0].astext() if defs else "", language)
            dlist.children = sorted(items, key=key)

"""The PDF and EPUB editions in another language: LaTeX in the edition's language, notes.

Loaded by :mod:`coursebook.sphinxext`.  A translated edition's PDF and EPUB are built like
its site (:func:`coursebook.editions.build_edition` with the ``latex`` or ``epub``
builder): Sphinx reads the same catalogues, so the text, titles and table of contents
are translated, and :class:`coursebook.printed.StaticCharts` translates each chart's text
before drawing it.  This module adds what the LaTeX needs besides the text:

* :func:`latex_language` (``config-inited``): the words LaTeX sets itself (the table of
  contents' title, "Chapter 1", "Part I", the bibliography's title) from the catalogues —
  Sphinx's own for "Contents", ``coursebook.po`` for the rest — and, for Chinese with
  xelatex, the preamble of the English edition without its ``\\usepackage{xeCJK}`` (Sphinx
  loads xeCJK itself for Chinese: once is enough) and with Chinese punctuation set as
  Chinese (the English edition keeps curly quotes, dashes and the ellipsis in the Latin
  font, which Chinese text must not);
* :func:`print_note` (``doctree-resolved``): the note the site shows on a page that is not
  translated yet (or on the API reference, English by design) opens it in print too;
* :func:`write_page_titles` (``build-finished``): every page's title as built, beside the
  ``.tex``, so that ``python -m coursebook print pdf`` finds the chapters in the PDF's
  outline in any language (:func:`coursebook.publish.split_book`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes

__all__ = ["PRINT_MESSAGES", "chinese_preamble", "latex_names", "latex_language",
           "print_note", "write_page_titles"]

#: The printed editions' words, messages of ``coursebook.po`` (:data:`coursebook.i18n.
#: UI_MESSAGES`): the line under a chart drawn at its sliders' defaults
#: (:class:`coursebook.printed.StaticCharts`), the LaTeX headings (``{0}`` is the number),
#: the bibliography's title, and the download menu's entries for the editions
#: (:func:`coursebook.downloads.edition_links`; ``{0}`` is an entry's text).
PRINTED_AT = "Interactive in the online edition; printed at {0}."
CHAPTER = "Chapter {0}"
PART = "Part {0}"
BIBLIOGRAPHY = "Bibliography"
PAGE_PDF = "PDF (this page)"
BOOK_PDF = "PDF (whole book)"
BOOK_EPUB = "EPUB (whole book)"
DOWNLOAD = "Download {0}"
PRINT_MESSAGES = (PRINTED_AT, CHAPTER, PART, BIBLIOGRAPHY, PAGE_PDF, BOOK_PDF, BOOK_EPUB,
                  DOWNLOAD)

_XECJK = re.compile(r"^[ \t]*\\usepackage(\[[^\]]*\])?\{xeCJK\}[ \t]*\n?", re.M)
_CHAR_CLASS = re.compile(r"^[ \t]*\\xeCJKDeclareCharClass\{Default\}\{[^}]*\}[ \t]*\n?", re.M)
#: In Chinese text, only the en dash (ranges: 1929–2024) and the single quotes (an
#: apostrophe in a Latin name) stay in the Latin font; “”, —— and …… are Chinese.
CHINESE_LATIN_PUNCTUATION = r'\xeCJKDeclareCharClass{Default}{"2013,"2018,"2019}'


def chinese_preamble(preamble: str) -> str:
    r"""The book's LaTeX preamble for a Chinese edition (see the module docstring).

    >>> english = ("\\usepackage{xeCJK}\n\\setCJKmainfont{Noto Serif CJK SC}\n"
    ...            '\\xeCJKDeclareCharClass{Default}{"2013,"2014,"201C}\n')
    >>> print(chinese_preamble(english))
    \setCJKmainfont{Noto Serif CJK SC}
    \xeCJKDeclareCharClass{Default}{"2013,"2018,"2019}
    """
    text = _CHAR_CLASS.sub("", _XECJK.sub("", preamble))
    return text.rstrip("\n") + "\n" + CHINESE_LATIN_PUNCTUATION


def _tex(text: str) -> str:
    from sphinx.util.texescape import escape

    return escape(text, "xelatex")


def _around(message: str) -> tuple[str, str]:
    """A heading message split at its number: ``"第 {0} 章"`` -> ``("第", "章")``."""
    before, _, after = message.partition("{0}")
    return before.strip(), after.strip()


def latex_names(srcdir: str | Path, language: str) -> str:
    r"""LaTeX that names the book's parts in ``language``: the contents' title (Sphinx's
    catalogue), chapter and part headings and the bibliography (``coursebook.po``).

    Headings are those of Sphinx's ``fncychap`` style for languages other than English
    (``Sonny``) and of the ``report`` class; a message's ``{0}`` is the number.
    """
    from sphinx.locale import get_translation

    from coursebook.i18n import _ui

    sphinx_text = get_translation("sphinx")  # Sphinx's own catalogue, as sphinx.locale._

    chapter = [_tex(x) for x in _around(_ui(srcdir, language, CHAPTER))]
    part = [_tex(x) for x in _around(_ui(srcdir, language, PART))]
    contents = _tex(str(sphinx_text("Contents")))
    bibliography = _tex(_ui(srcdir, language, BIBLIOGRAPHY))
    after = f"\\nobreakspace {part[1]}" if part[1] else ""
    # Sphinx's running header reads "\@chapapp \thechapter \@chappos title" when there is a
    # \@chappos (as for Japanese): "第 1 章 …"
    chappos = f"\\def\\@chappos{{{chapter[1]}}}" if chapter[1] else ""
    return "\n".join([
        "% The book's own words in the edition's language (coursebook.printed_i18n)",
        "\\makeatletter",
        "\\@ifpackageloaded{fncychap}{\\renewcommand{\\DOCH}{\\raggedleft",
        f"  \\CNV\\FmN{{{chapter[0]}}}\\space\\CNoV\\thechapter"
        + (f"\\space\\CNV\\FmN{{{chapter[1]}}}" if chapter[1] else ""),
        "  \\par\\nobreak\\vskip 40\\p@}}{}",
        "\\usepackage{etoolbox}",
        # the part heading's number, not its table of contents entry: report's \@part,
        # inside the wrappers of hyperref and nameref (only the one holding it matches)
        *(f"\\patchcmd{{{macro}}}{{\\partname\\nobreakspace\\thepart}}"
          f"{{\\partname\\nobreakspace\\thepart{after}}}{{}}{{}}"
          for macro in ("\\NR@part", "\\H@old@part", "\\@part")),
        chappos,
        "\\makeatother",
        # after babel's \captions<language> and sphinx-jupyterbook-latex's "Contents"
        f"\\AtBeginDocument{{\\renewcommand{{\\contentsname}}{{{contents}}}%",
        f"  \\renewcommand{{\\partname}}{{{part[0]}}}%",
        f"  \\renewcommand{{\\chaptername}}{{{chapter[0]}}}%",
        f"  \\renewcommand{{\\bibname}}{{{bibliography}}}}}",
    ])


def latex_language(app: Any, config: Any) -> None:
    """``config-inited``: the LaTeX of a translated edition (see the module docstring)."""
    language = config.language or "en"
    if language == "en":
        return
    elements = dict(config.latex_elements or {})
    preamble = str(elements.get("preamble", ""))
    if language.startswith("zh") and config.latex_engine == "xelatex":
        preamble = chinese_preamble(preamble)
    elements["preamble"] = preamble.rstrip("\n") + "\n" + latex_names(app.srcdir, language)
    config.latex_elements = elements


def print_note(app: Any, doctree: Any, docname: str) -> None:
    """``doctree-resolved``: open a page of a translated PDF or EPUB with the note its site
    page has (:func:`coursebook.i18n.edition_note`), after the page's title.

    The EPUB builder resolves each page's doctree; the LaTeX builder resolves the whole
    book at once (``docname`` is the root page), each page in a ``start_of_file`` node
    that names it.
    """
    from sphinx import addnodes

    from coursebook.printed import PRINT_BUILDERS

    if app.builder.name not in PRINT_BUILDERS:
        return
    pages = list(doctree.findall(addnodes.start_of_file))
    for page in pages:
        _add_note(app, page, page.get("docname", ""))
    if not pages or docname not in {p.get("docname") for p in pages}:
        _add_note(app, doctree, docname)


def _add_note(app: Any, page: Any, docname: str) -> None:
    from coursebook.i18n import edition_note

    text = edition_note(app, docname)
    if text is None:
        return
    note = nodes.note("", nodes.paragraph("", text), classes=["coursekit-edition-note"])
    # the page's own first section (not one of a page included in it)
    section = next((s for s in page.findall(nodes.section) if _page_of(s, page) is page),
                   None)
    if section is None:
        page.insert(0, note)
        return
    title = next((i for i, c in enumerate(section.children) if isinstance(c, nodes.title)), -1)
    section.insert(title + 1, note)


def _page_of(node: Any, top: Any) -> Any:
    """The innermost ``start_of_file`` around ``node`` (``top`` if there is none)."""
    from sphinx import addnodes

    parent = node.parent
    while parent is not None and parent is not top:
        if isinstance(parent, addnodes.start_of_file):
            return parent
        parent = parent.parent
    return top


def write_page_titles(app: Any, exception: Exception | None) -> None:
    """``build-finished``: ``page-titles.json`` (page name -> title as built, in the table
    of contents' order) beside the LaTeX builder's ``.tex``."""
    if exception is not None or app.builder.name != "latex":
        return
    from coursebook.editions import toc_pages
    from coursebook.publish import TITLES_FILE, _plain_title

    titles = {page: _plain_title(app.env.titles[page].astext())
              for page in toc_pages(app.srcdir) if page in app.env.titles}
    (Path(app.outdir) / TITLES_FILE).write_text(
        json.dumps(titles, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

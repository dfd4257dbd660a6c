"""The book's editions: one source, one configuration, one execution, several languages.

The English edition is the source (``jupyter-book build .`` writes it to ``_build/html``).
Every translation has a folder ``locales/<language>/LC_MESSAGES/`` of gettext catalogues,
one per page (``gettext_compact = False``), plus ``charts.po`` for the text of the charts
(:mod:`coursebook.i18n`).  :func:`build_edition` builds a translated edition with Jupyter
Book's own Sphinx entry point from the same ``_config.yml``, overriding only

* ``language`` (Sphinx then reads the page catalogues and the search index splits words
  the language's way), and
* ``nb_execution_cache_path``: the English edition's jupyter-cache.  Pages are cached by
  their code alone, and the code is the same in every edition, so no page runs again:
  every output, chart and glued number is the one the English build computed.

The edition is built in ``_build/<language>/`` (its own doctrees and executed notebooks)
and copied to ``_build/html/<language>/``, so the site holds every edition under one root.
Its PDF and EPUB are built the same way with the ``latex`` and ``epub`` builders, into
``_build/<language>/latex`` and ``_build/<language>/epub`` (``make pdf``, ``make epub``;
:mod:`coursebook.printed`), and finished into ``_build/editions/<language>/``.

``make locales`` (:func:`update_catalogues`) extracts the messages of the English pages
(``sphinx-build -b gettext`` through the same entry point) and of the built English charts,
and merges them into every language's catalogues with ``sphinx-intl``.

Which pages of a language are *declared translated* is written in
``locales/<language>/TRANSLATED`` (one page per line, or ``all``).  In a declared page,
every message must be translated (the build warns otherwise, and the book builds with
``-W``); other pages fall back to English under a visible note.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

__all__ = ["BUILDERS", "SOURCE_LANGUAGE", "build_edition", "declared_translated", "edition_dir",
           "hreflang", "languages", "site_dir", "toc_pages", "update_catalogues"]

SOURCE_LANGUAGE = "en"
LOCALES = "locales"
#: Pages that stay English in every edition, by design (their text is the code's
#: docstrings); the translated editions say so on them.
ENGLISH_BY_DESIGN = re.compile(r"^chapters/api(-[a-z]+)?$")


def languages(root: str | Path) -> list[str]:
    """The translated editions: every ``locales/<language>/LC_MESSAGES`` folder.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "locales" / "zh_CN" / "LC_MESSAGES").mkdir(parents=True)
    >>> languages(d)
    ['zh_CN']
    """
    folder = Path(root) / LOCALES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir())


def hreflang(language: str) -> str:
    """The language tag of ``language`` for HTML (``lang``, ``hreflang``).

    >>> hreflang("zh_CN"), hreflang("en")
    ('zh-CN', 'en')
    """
    return language.replace("_", "-")


def site_dir(root: str | Path, language: str) -> Path:
    """Where an edition lives in the built site (``_build/html[/<language>]``)."""
    html = Path(root) / "_build" / "html"
    return html if language == SOURCE_LANGUAGE else html / language


def edition_dir(root: str | Path, language: str) -> Path:
    """Where a translated edition is built (``_build/<language>``: html, doctrees...)."""
    return Path(root) / "_build" / language


def toc_pages(root: str | Path) -> list[str]:
    """Every page of ``_toc.yml`` (document names, without suffix), in order."""
    import yaml

    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))

    def files(entries: list[dict]) -> list[str]:
        out: list[str] = []
        for entry in entries or []:
            if "file" in entry:
                out.append(re.sub(r"\.(md|ipynb|rst)$", "", entry["file"]))
            out += files(entry.get("sections", [])) + files(entry.get("chapters", []))
        return out

    pages = [re.sub(r"\.(md|ipynb|rst)$", "", toc["root"])] + files(toc.get("chapters", []))
    for part in toc.get("parts", []):
        pages += files(part.get("chapters", []))
    return list(dict.fromkeys(pages))


def declared_translated(root: str | Path, language: str) -> set[str]:
    """Pages declared translated in ``locales/<language>/TRANSLATED``.

    One document name per line (``chapters/intro``), ``#`` comments; the single word
    ``all`` declares every page of the table of contents except the API reference
    (:data:`ENGLISH_BY_DESIGN`).
    """
    path = Path(root) / LOCALES / language / "TRANSLATED"
    if not path.is_file():
        return set()
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8")
             .splitlines()]
    names = {line for line in lines if line}
    if "all" in names:
        return {p for p in toc_pages(root) if not ENGLISH_BY_DESIGN.match(p)}
    unknown = names - set(toc_pages(root))
    if unknown:
        raise ValueError(f"{path}: {sorted(unknown)} are not pages of _toc.yml; list document "
                         "names such as 'chapters/intro' (or the single word 'all')")
    return names


def _overrides(root: Path, language: str) -> dict:
    return {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,  # what jupyter-book's command line passes
        "language": language,
        "epub_language": hreflang(language),  # the EPUB's metadata wants "zh-CN"
        # the English edition's cache: same code, so nothing is executed again
        "nb_execution_cache_path": str(root / "_build" / ".jupyter_cache"),
    }


def _write_redirect(html: Path, root: Path) -> None:
    """The edition's ``index.html``: the one-line redirect ``jupyter-book build`` writes."""
    from jupyter_book.sphinx import REDIRECT_TEXT

    first = toc_pages(root)[0]
    (html / "index.html").write_text(REDIRECT_TEXT.format(first_page=f"{first}.html"),
                                     encoding="utf-8")


#: The builders of a translated edition: the site, and the PDF (LaTeX) and EPUB editions
#: (``make pdf``/``make epub``, :mod:`coursebook.printed`).
BUILDERS = ("html", "latex", "epub")


def build_edition(root: str | Path, language: str, *, builder: str = "html",
                  force_all: bool = False, strict: bool = True, nitpicky: bool = True,
                  keep_going: bool = True) -> int:
    """Build the ``language`` edition with ``builder``; return the exit status.

    Jupyter Book's own Sphinx entry point (``jupyter_book.sphinx.build_sphinx``, what
    ``jupyter-book build`` calls) with the book's ``_config.yml`` and the overrides of
    :func:`_overrides`; ``strict``, ``nitpicky`` and ``keep_going`` are ``-W``, ``-n``
    and ``--keep-going``.  The output goes to ``_build/<language>/<builder>`` (one
    doctree folder, ``_build/<language>/.doctrees``, for the three builders); the HTML
    edition is then put in the site (``_build/html/<language>``), the LaTeX sources are
    left for xelatex and the EPUB for ``python -m coursebook print epub``.
    """
    from jupyter_book.sphinx import build_sphinx

    if builder not in BUILDERS:
        raise ValueError(f"builder={builder!r} is not a builder of an edition: use one of "
                         f"{BUILDERS}")
    root = Path(root).resolve()
    if language not in languages(root):
        raise ValueError(f"language={language!r} has no catalogues: expected a folder "
                         f"{root / LOCALES / language / 'LC_MESSAGES'}; languages found: "
                         f"{languages(root)}")
    if not (root / "_build" / ".jupyter_cache").is_dir():
        raise RuntimeError("build the English edition first (make book): the translated "
                           "editions reuse its executed pages")
    out = edition_dir(root, language) / builder
    if builder == "epub" and out.exists():
        shutil.rmtree(out)  # the EPUB lists every file of its folder: start from an empty one
    overrides = _overrides(root, language)
    if nitpicky:
        overrides["nitpicky"] = True
    result = build_sphinx(root, out, noconfig=True, path_config=str(root / "_config.yml"),
                          confoverrides=overrides, builder=builder, warningiserror=strict,
                          keep_going=keep_going, force_all=force_all, freshenv=force_all)
    if result != 0:
        return 1
    if builder != "html":
        return 0
    _write_redirect(out, root)
    _redirect_complete(out)
    target = site_dir(root, language)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(out, target)
    return 0


def _redirect_complete(html: Path) -> None:
    """Give the edition's root redirect the same complete page as the English one."""
    from coursebook import delivery

    index = html / "index.html"
    full = delivery.redirect_page(index.read_text(encoding="utf-8"), "index.html", html)
    if full is not None:
        index.write_text(full, encoding="utf-8")


def gettext_dir(root: str | Path) -> Path:
    """Where ``make locales`` writes the message templates (``.pot``)."""
    return Path(root) / "_build" / "gettext" / "pot"


def extract_messages(root: str | Path) -> int:
    """``sphinx-build -b gettext`` of the book (same entry point, configuration and cache):
    one ``.pot`` per page, ``charts.pot`` from the built English charts and
    ``coursebook.pot`` (the editions' notes), and one ``notebooks/<name>.pot`` per
    assignment's student notebook."""
    from jupyter_book.sphinx import build_sphinx

    from coursebook import i18n

    root = Path(root).resolve()
    pot = gettext_dir(root)
    overrides = _overrides(root, SOURCE_LANGUAGE)
    result = build_sphinx(root, pot, noconfig=True, path_config=str(root / "_config.yml"),
                          confoverrides=overrides, builder="gettext",
                          doctreedir=pot.parent / ".doctrees", warningiserror=True,
                          keep_going=True)
    if result != 0:
        return 1
    (pot / "sphinx.pot").unlink(missing_ok=True)  # the themes' own strings: they ship theirs
    english = site_dir(root, SOURCE_LANGUAGE)
    if not english.is_dir():
        raise RuntimeError("build the English edition first (make book): chart strings are "
                           "extracted from its charts")
    from coursebook.notebooks import CONTEXT_FILE, Context

    context = root / CONTEXT_FILE
    glue = Context.load(context).glue if context.is_file() else {}
    i18n.write_chart_template(english, pot / "charts.pot", glue)
    from coursebook.translated_notebooks import write_templates

    write_templates(root, pot)  # the assignments' student notebooks
    return 0


def update_catalogues(root: str | Path) -> int:
    """``make locales``: extract the messages, then merge them into every language's
    catalogues with ``sphinx-intl update`` (translations kept, changed messages fuzzy)."""
    import subprocess
    import sys

    root = Path(root).resolve()
    if extract_messages(root):
        return 1
    langs = languages(root)
    if not langs:
        return 0
    args = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(gettext_dir(root)),
            "-d", str(root / LOCALES), "-w", "0"]
    for lang in langs:
        args += ["-l", lang]
    return subprocess.run(args, check=False).returncode

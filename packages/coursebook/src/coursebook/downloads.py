"""What a page offers for download, and what the build tells the notebooks.

Loaded by :mod:`coursebook.sphinxext` for HTML builds:

* when the build finishes, :func:`write_context` collects what the notebooks need from
  the build (section titles, table, exercise and equation numbers, glued values from the
  build's own execution cache) into ``_build/coursebook/context.json``
  (:class:`coursebook.notebooks.Context`), and :func:`write_executed_notebooks` writes each
  page's **executed notebook** (:func:`coursebook.notebooks.executed_notebook`) where the
  theme's download menu links its ``.ipynb``: ``_sources/<page>.ipynb``;
* every page's download menu (sphinx-book-theme's "Download this page") gets the
  **editions** that ``make pdf`` and ``make epub`` left in ``_build/editions`` (a
  translated edition's in ``_build/editions/<language>``): the page's own PDF, the whole
  book as PDF and as EPUB, in the page's language (:func:`edition_links`); the files are
  copied into the edition's ``editions/`` folder.  A build without editions (``make book``
  alone) links none, so no link is ever dead.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat

from coursebook.notebooks import CONTEXT_FILE, Citations, Context, executed_notebook, published_url
from coursebook.publish import BOOK_NAME

__all__ = ["EDITIONS", "collect_context", "edition_links", "editions_folder",
           "editions_found", "write_context", "write_executed_notebooks"]

#: Where ``make pdf`` and ``make epub`` leave the editions, relative to the book (a
#: translated edition's in ``<language>/`` under it).
EDITIONS = Path("_build") / "editions"


def editions_folder(srcdir: Path, language: str | None = None) -> Path:
    """Where the PDF and EPUB of the ``language`` edition are (English: :data:`EDITIONS`).

    >>> editions_folder(Path("/b"), "zh_CN").as_posix(), editions_folder(Path("/b")).as_posix()
    ('/b/_build/editions/zh_CN', '/b/_build/editions')
    """
    folder = Path(srcdir) / EDITIONS
    return folder if language in (None, "", "en") else folder / language


def editions_found(srcdir: Path, language: str | None = None) -> list[str]:
    """The edition files present (sorted names), recorded in ``html_context`` so that a
    build whose editions changed rewrites every page's download menu."""
    folder = editions_folder(srcdir, language)
    return sorted(p.name for p in folder.glob("*") if p.suffix in (".pdf", ".epub")) \
        if folder.is_dir() else []


def record_editions(app: Any, config: Any) -> None:
    """``config-inited``: remember which editions exist (see :func:`editions_found`)."""
    context = dict(config.html_context or {})
    context["coursebook_editions"] = editions_found(Path(app.srcdir),
                                                    getattr(config, "language", None))
    config.html_context = context


def edition_links(app: Any, pagename: str, templatename: str, context: dict,
                  doctree: Any) -> None:
    """Add the page's PDF, the book's PDF and the EPUB of the page's edition (its language)
    to the download menu, if built; their texts from ``coursebook.po``."""
    if app.builder.name != "html":
        return
    found = set(app.config.html_context.get("coursebook_editions", []))
    group = next((b for b in context.get("header_buttons", [])
                  if b.get("label") == "download-buttons"), None)
    if group is None or not found:
        return
    from coursebook.i18n import _ui
    from coursebook.printed_i18n import BOOK_EPUB, BOOK_PDF, DOWNLOAD, PAGE_PDF

    language = getattr(app.config, "language", None) or "en"

    def words(message: str) -> str:
        return _ui(getattr(app, "srcdir", "."), language, message)

    pathto = context["pathto"]
    extra = []
    own = f"{Path(pagename).name}.pdf"
    if own in found and own != f"{BOOK_NAME}.pdf":
        extra.append((words(PAGE_PDF), own, "fas fa-file-pdf", "download-page-pdf"))
    if f"{BOOK_NAME}.pdf" in found:
        extra.append((words(BOOK_PDF), f"{BOOK_NAME}.pdf", "fas fa-book",
                      "download-book-pdf"))
    if f"{BOOK_NAME}.epub" in found:
        extra.append((words(BOOK_EPUB), f"{BOOK_NAME}.epub", "fas fa-book",
                      "download-book-epub"))
    buttons = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"] \
        if any(e[3] == "download-page-pdf" for e in extra) else list(group["buttons"])
    for text, name, icon, label in extra:
        buttons.append({"type": "link", "url": pathto(f"editions/{name}", 1), "text": text,
                        "icon": icon, "tooltip": words(DOWNLOAD).replace("{0}", text),
                        "label": label})
    group["buttons"] = buttons


def copy_editions(app: Any, exception: Exception | None) -> None:
    """``build-finished``: copy the edition's files into the site's ``editions/`` folder
    (a translated edition's site is ``<language>/`` in the site, so its files are in
    ``<language>/editions/``)."""
    if exception is not None or app.builder.name != "html":
        return
    names = app.config.html_context.get("coursebook_editions", [])
    target = Path(app.outdir) / "editions"
    if target.is_dir():
        shutil.rmtree(target)
    if names:
        target.mkdir(parents=True)
        source = editions_folder(Path(app.srcdir), getattr(app.config, "language", None))
        for name in names:
            shutil.copyfile(source / name, target / name)


def collect_context(app: Any) -> Context:
    """The :class:`~coursebook.notebooks.Context` of this build (see the module docstring)."""
    env = app.env
    repo = (app.config.html_theme_options or {}).get("repository_url", "")
    baseurl = app.config.html_baseurl or (published_url(repo) if repo else "")
    if baseurl and not baseurl.endswith("/"):
        baseurl += "/"
    numfig = app.config.numfig_format or {}
    fignumbers = env.toc_fignumbers

    def number_of(doc: str, labelid: str) -> str | None:
        for figtype, ids in fignumbers.get(doc, {}).items():
            if labelid in ids:
                fmt = numfig.get(figtype) or (figtype.capitalize() + " %s")
                return str(fmt) % ".".join(map(str, ids[labelid]))
        return None

    std = env.get_domain("std")
    refs: dict[str, dict[str, Any]] = {}
    for name, (doc, labelid) in std.anonlabels.items():
        refs[name] = {"doc": doc, "anchor": labelid, "title": None,
                      "number": number_of(doc, labelid)}
    for name, (doc, labelid, title) in std.labels.items():
        refs.setdefault(name, {"doc": doc, "anchor": labelid, "number": None})
        refs[name]["title"] = str(title) if title else None
    math = env.get_domain("math")
    equations = {}
    for label, (doc, eqno) in math.equations.items():
        numbers = fignumbers.get(doc, {}).get("displaymath", {}).get(f"equation-{label}")
        equations[label] = ".".join(map(str, numbers)) if numbers else str(eqno)
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    return Context(baseurl=baseurl, refs=dict(sorted(refs.items())),
                   equations=dict(sorted(equations.items())),
                   glue=_glued_values(app), titles=dict(sorted(titles.items())))


def _cache(app: Any) -> Any:
    from jupyter_cache import get_cache

    path = getattr(app.config, "nb_execution_cache_path", "") or ""
    folder = Path(path) if path else Path(app.outdir).parent / ".jupyter_cache"
    if not folder.is_absolute():
        folder = Path(app.srcdir) / folder
    return get_cache(str(folder)) if folder.is_dir() else None


def _executed(app: Any) -> dict[str, Any]:
    """The build's executed notebook (code cells, from jupyter-cache) of every page, by name."""
    cache = _cache(app)
    if cache is None:
        return {}
    src = Path(app.srcdir).resolve()
    out = {}
    for record in cache.list_project_records():
        path = Path(record.uri).resolve()
        if not path.is_relative_to(src):
            continue
        cached = cache.get_cached_project_nb(record.pk)
        if cached is not None:
            name = path.relative_to(src).with_suffix("").as_posix()
            out[name] = cache.get_cache_bundle(cached.pk).nb
    return out


def _glued_values(app: Any) -> dict[str, dict[str, str]]:
    glue: dict[str, dict[str, str]] = {}
    for name, nb in sorted(_executed(app).items()):
        values = {}
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("scrapbook")
                if meta:
                    prefix = meta.get("mime_prefix", "")
                    text = output.get("data", {}).get(prefix + "text/plain")
                    if text is not None:
                        values[meta["name"]] = text
        glue[name] = dict(sorted(values.items()))
    return glue


def write_context(app: Any, exception: Exception | None) -> None:
    """``build-finished``: the context for ``python -m coursebook notebooks`` and the
    executed notebooks of the pages (see the module docstring).

    Only the English edition writes the context: the Colab copies are English, and a
    translated edition (built after it from the same folder, :mod:`coursebook.editions`)
    would otherwise leave its own numbers and titles ("表 1.1") in them.
    """
    from coursebook.editions import SOURCE_LANGUAGE

    if exception is not None or app.builder.name != "html":
        return
    ctx = collect_context(app)
    if (getattr(app.config, "language", None) or SOURCE_LANGUAGE) == SOURCE_LANGUAGE:
        ctx.dump(Path(app.srcdir) / CONTEXT_FILE)
    write_executed_notebooks(app, ctx)


def write_executed_notebooks(app: Any, ctx: Context) -> None:
    """Each code page's executed notebook at ``_sources/<page>.ipynb`` (the theme's
    ``.ipynb`` download)."""
    executed = _executed(app)
    cites = Citations(Path(app.srcdir) / "references.bib")
    charts = Path(app.doctreedir).parent / "coursebook-charts"
    for name, nb in sorted(executed.items()):
        page = Path(app.srcdir) / f"{name}.md"
        if not page.is_file():
            continue
        out = executed_notebook(page, nb, ctx, cites, charts)
        target = Path(app.outdir) / "_sources" / f"{name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(nbformat.writes(out) + "\n", encoding="utf-8")

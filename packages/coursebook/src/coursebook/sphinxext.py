"""Sphinx extension that makes the built book work offline and load fast on a phone.

Listed in ``_config.yml`` under ``sphinx.extra_extensions`` (as
``coursebook.sphinxext``), it

* before any page executes, points the pages' kernels at an IPython profile that loads
  :mod:`coursebook.kernel`, so that every Altair chart is drawn by the offline renderer
  (:mod:`coursebook.renderer`) while ``import coursekit`` itself knows nothing of the book;
* writes the Vega / Vega-Lite / vega-embed bundle (from ``vl-convert``, matched
  to the installed Altair) once into ``_static/``; pages that contain a chart get a
  small loader (``static/coursekit-charts.js``) that fetches the bundle only when a
  chart is about to scroll into view;
* loads MathJax only on pages with maths, and only when a formula is about to scroll
  into view (``static/coursekit-math.js``), without its 0.4 MB contextual menu, and
  reserves each formula's typeset size so that typesetting moves nothing
  (:mod:`coursebook.mathbox`);
* leaves each page's ``<meta name="description">`` and Open Graph tags to
  ``sphinxext-opengraph`` (its site URL derived from ``repository.url``), and gives one to
  the pages it skips (search, index);
* when the build finishes, rewrites what every page loads
  (:mod:`coursebook.delivery`): one shared, purged stylesheet instead of eleven,
  the theme's Font Awesome icons as CSS instead of its 1.49 MB script
  (:mod:`coursebook.icons`), no render-blocking script, search scripts on the
  search page only, Thebe only where there is a "Live code" button;
* adds the course stylesheet (``coursebook/static/coursekit.css``);
* writes each page's executed notebook for download and links the PDF and EPUB editions
  from the download menu (:mod:`coursebook.downloads`); draws charts as vector images for
  the LaTeX and EPUB builders (:mod:`coursebook.printed`);
* works around three upstream bugs, each named where it is handled and each with
  a test (``tests/book/test_workarounds.py``) that fails once upstream fixes it,
  so the workaround can go.

MathJax 3 itself is served offline by the ``sphinx-mathjax-offline`` extension (also
listed in ``_config.yml``).  The page-weight budgets are checked by
``tests/book/test_budgets.py`` and measured by ``make bench`` (Lighthouse).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from coursebook import i18n
from coursebook.mathbox import reserve_math

__all__ = ["setup"]

STATIC = Path(__file__).resolve().parent / "static"
_GENERATED_SUBDIR = "coursekit-static"


def _generated_dir(app: Any) -> Path:
    return Path(app.doctreedir).parent / _GENERATED_SUBDIR


def _prepare_static(app: Any, config: Any) -> None:
    """Put the chart bundle and our static files in a build folder on the static path.

    The folder is inside the build directory (``_build/coursekit-static``) and is named by
    a path relative to the book, so the configuration hash in ``.buildinfo`` does not
    depend on where the repository, or the installed package, lives (builds are
    byte-identical across clones).
    """
    from coursebook.renderer import vega_bundle_filename, vega_bundle_source

    generated = _generated_dir(app)
    generated.mkdir(parents=True, exist_ok=True)
    bundle = generated / vega_bundle_filename()
    ours = {f.name for f in STATIC.iterdir() if f.is_file()}
    for stale in generated.iterdir():  # only the current bundle and our static files live here
        if stale.is_file() and stale != bundle and stale.name not in ours:
            stale.unlink()
    for f in STATIC.iterdir():  # copied in, so the config names one folder inside the book
        if f.is_file():
            shutil.copyfile(f, generated / f.name)
    if not bundle.is_file():
        bundle.write_text(vega_bundle_source(), encoding="utf-8")
    # A path relative to the book: the configuration hash in .buildinfo must not depend on
    # where the repository or the package is (builds are byte-identical across clones).
    entry = os.path.relpath(generated, app.srcdir)
    if entry not in [str(p) for p in config.html_static_path]:
        config.html_static_path.append(entry)


#: The IPython profile every page's kernel starts with while the book builds: it loads
#: :mod:`coursebook.kernel`, which draws Altair charts with the offline renderer.
KERNEL_CONFIG = ('c.InteractiveShellApp.extensions = ["coursebook.kernel"]\n'
                 "from coursebook.kernel import quiet_tcp_warning\n"
                 "quiet_tcp_warning()  # why: coursebook.kernel.quiet_tcp_warning\n")


def _kernel_profile(app: Any) -> None:
    """Point the build's kernels (started by myst-nb, which inherit this environment) at a
    profile that loads :mod:`coursebook.kernel`; the profile lives in the build folder."""
    ipython_dir = Path(app.doctreedir).parent / "coursebook-ipython"
    config = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    if not config.is_file() or config.read_text(encoding="utf-8") != KERNEL_CONFIG:
        config.write_text(KERNEL_CONFIG, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(ipython_dir.resolve())


def _drop_stale_outputs(app: Any, config: Any) -> None:
    """Clear the execution cache if a different chart renderer filled it.

    Pages are executed once and their outputs cached by jupyter-cache, keyed on their code
    only; a chart output holds the markup of the renderer that drew it.  When
    :data:`coursebook.renderer.RENDERER_VERSION` changes, the cache is cleared (the
    pages execute again, once) so that no page keeps an older chart markup.
    """
    from coursebook.renderer import RENDERER_VERSION

    cache = getattr(config, "nb_execution_cache_path", "") or ""
    path = Path(cache) if cache else Path(app.outdir).parent / ".jupyter_cache"
    if not path.is_absolute():
        path = Path(app.srcdir) / path
    stamp = path / "coursekit-renderer-version"
    if path.is_dir() and (not stamp.is_file()
                          or stamp.read_text(encoding="utf-8").strip() != RENDERER_VERSION):
        from jupyter_cache import get_cache

        get_cache(str(path)).clear_cache()
    path.mkdir(parents=True, exist_ok=True)
    stamp.write_text(RENDERER_VERSION + "\n", encoding="utf-8")


def _refresh_static(app: Any, exception: Exception | None) -> None:
    """Copy our static files again at the end of every build.

    Sphinx copies static files only when it writes pages, and does not overwrite a file that
    already exists in ``_static``; without this an incremental build keeps an old stylesheet.
    """
    out_static = Path(app.outdir) / "_static"
    if exception is None and out_static.is_dir():
        for ours in STATIC.iterdir():
            if ours.is_file():
                shutil.copyfile(ours, out_static / ours.name)


def _add_page_assets(app: Any, pagename: str, templatename: str, context: dict,
                     doctree: Any) -> None:
    """Give pages that show a chart the chart loader (which fetches the bundle when needed)."""
    from coursebook.renderer import vega_bundle_filename

    if 'class="coursekit-chart"' in context.get("body", ""):
        app.add_js_file("coursekit-charts.js", priority=200, defer="defer",
                        **{"data-bundle": vega_bundle_filename()})


#: MathJax components loaded by ``coursekit-math.js`` instead of the combined
#: ``tex-chtml.js`` (1.16 MB): the same TeX input (with autoload for further packages),
#: CommonHTML output and assistive MathML for screen readers, without ``ui/menu``.
MATHJAX_COMPONENTS = ("input/tex", "output/chtml", "a11y/assistive-mml")
#: Priority of the two inline scripts that must run before the first paint: the theme's
#: colour mode (this), then the pending-maths flag (this + 1); ahead of every other script.
EARLY_PRIORITY = -2
PENDING_MATH = 'document.documentElement.setAttribute("data-coursekit-math","pending")'
_MATH_IN_BODY = re.compile(r'class="[^"]*\bmath\b|\\\(|\\\[|\$\$')


def lazy_mathjax(app: Any, pagename: str, templatename: str, context: dict,
                 doctree: Any) -> None:
    """Replace Sphinx's MathJax script by ``coursekit-math.js``, or drop it without maths.

    Sphinx adds MathJax to every page its math domain marks, and myst-nb marks every
    notebook page; a page whose HTML has no formula gets neither MathJax nor its
    configuration.  On the others the loader fetches MathJax's ``startup.js`` with
    :data:`MATHJAX_COMPONENTS` when the first formula nears the screen.
    """
    scripts = context.get("script_files")
    path = getattr(app.config, "mathjax_path", "") or ""
    if not scripts or not path:
        return
    names = {path, posixpath.join("_static", path)}  # Sphinx files local scripts under _static
    index = [i for i, js in enumerate(scripts) if str(getattr(js, "filename", "")) in names]
    if not index:
        return
    has_math = bool(_MATH_IN_BODY.search(context.get("body", "")))
    config = [i for i, js in enumerate(scripts) if not getattr(js, "filename", None)
              and str((getattr(js, "attributes", {}) or {}).get("body", "")).startswith(
                  "window.MathJax")]
    if not has_math:
        for i in sorted(index + config, reverse=True):
            del scripts[i]
        return
    startup = posixpath.join(posixpath.dirname(path), "startup.js") if path.endswith(
        ("tex-chtml.js", "tex-mml-chtml.js")) and _is_local(path) else None
    if startup is None:  # a CDN or a custom MathJax: leave it alone (tests forbid CDNs)
        return
    priority = scripts[index[0]].priority
    for i in sorted(index, reverse=True):
        del scripts[i]
    # Sphinx's public per-page API (add_js_file during html-page-context); the page's
    # scripts are sorted by priority afterwards, so the loader takes MathJax's place.
    app.add_js_file("coursekit-math.js", priority=priority, defer="defer",
                    **{"data-mathjax": posixpath.relpath(startup, "."),
                       "data-load": " ".join(MATHJAX_COMPONENTS)})
    scripts.insert(index[0], scripts.pop())  # where MathJax was, among equal priorities
    # Before the first paint: formulas wait for MathJax in boxes of their typeset size
    # (coursekit.css, coursebook.mathbox); coursekit-math.js sets "typeset" when done.
    app.add_js_file(None, priority=EARLY_PRIORITY + 1, body=PENDING_MATH)


#: pydata-sphinx-theme defines its colours for ``data-theme`` "light", "dark" or absent,
#: but its inline script sets "auto" (our ``default_mode``) on a first visit, and only its
#: deferred script resolves that.  Until then borders are ``none``: when it runs, every
#: ``code`` literal gains its 1 px border and the text below moves (Lighthouse CLS 0.11 on
#: the ``ck.charts`` page).  This resolves "auto" as the theme's ``setTheme`` does, before
#: the first paint.  Upstream behaviour checked by ``tests/book/test_workarounds.py``.
RESOLVE_AUTO_THEME = ('(function(d){if(d.dataset.theme==="auto")d.dataset.theme=matchMedia('
                      '"(prefers-color-scheme: dark)").matches?"dark":"light"})'
                      '(document.documentElement)')


def resolve_auto_theme(app: Any, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    """Resolve the theme's "auto" colour mode before the first paint (see above)."""
    if context.get("script_files") is not None:
        app.add_js_file(None, priority=EARLY_PRIORITY, body=RESOLVE_AUTO_THEME)


def _is_local(url: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.I)


def meta_description(app: Any, pagename: str, templatename: str, context: dict,
                     doctree: Any) -> None:
    """A ``<meta name="description">`` for the pages that have no document.

    ``sphinxext-opengraph`` (listed in ``_config.yml``) writes the description and the Open
    Graph tags of every page built from a document, but not of the search and index pages,
    which Sphinx renders from templates alone (its ``html-page-context`` handler skips a page
    without a doctree); Lighthouse's SEO audit asks every page for one.  This fills the gap
    from the page's title and the book's.
    """
    import html

    tags = context.get("metatags", "") or ""
    if doctree is not None or re.search(r"""<meta\s[^>]*name=["']description["']""", tags):
        return
    project = str(context.get("docstitle") or app.config.project or "").strip()
    if pagename == "search":
        text = f"Search the pages of {project}."
    elif pagename == "genindex":
        text = f"Index of {project}: every term and function, linked to where it is defined."
    else:
        title = re.sub(r"<[^>]+>", "", str(context.get("title") or "")).strip()
        text = f"{title} ({project})." if title else f"{project}."
    content = html.escape(text, quote=True)
    context["metatags"] = tags + f'\n<meta name="description" content="{content}" />'


def site_url(repository_url: str) -> str:
    """Where GitHub Pages publishes a repository's site (the Open Graph ``og:url`` base).

    >>> site_url("https://github.com/industrial-clusters/course")
    'https://industrial-clusters.github.io/course/'
    >>> site_url("https://example.org/book")
    ''
    """
    m = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repository_url or "")
    return f"https://{m.group(1).lower()}.github.io/{m.group(2)}/" if m else ""


def _open_graph_defaults(app: Any, config: Any) -> None:
    """Derive ``ogp_site_url`` from the one repository URL (``repository.url`` in
    ``_config.yml``), so that a fork changes nothing else."""
    if hasattr(config, "ogp_site_url") and not config.ogp_site_url:
        options = config.html_theme_options or {}
        config.ogp_site_url = site_url(str(options.get("repository_url", "")))


def _optimize_pages(app: Any, exception: Exception | None) -> None:
    """Rewrite what every built page loads (:mod:`coursebook.delivery`)."""
    from sphinx.util import logging

    from coursebook import delivery, icons

    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return  # not the EPUB builder, whose format is "html" too
    logger = logging.getLogger(__name__)
    options = getattr(app.builder, "theme_options", None) or app.config.html_theme_options or {}
    search_as_you_type = str(options.get("search_as_you_type", "")).lower() in ("true", "1")
    try:
        report = delivery.optimize_site(Path(app.outdir),
                                        Path(app.doctreedir) / "coursekit-delivery.json",
                                        search_as_you_type=search_as_you_type)
    except (icons.IconError, RuntimeError) as err:
        logger.warning("coursekit: could not optimise the pages: %s", err,
                       type="coursekit", subtype="delivery")
        return
    logger.info("coursekit: %d pages (%d rewritten), stylesheet %s, %d icons",
                report.pages, report.rewritten,
                ", ".join(f"{k} ({v:,} B)" for k, v in report.bundles.items()),
                len(report.icons))


def dedupe_scripts(app: Any, pagename: str, templatename: str, context: dict,
                   doctree: Any) -> None:
    """Drop scripts registered twice.

    Upstream bug (executablebooks/sphinx-thebe 0.3.1 with Sphinx 7.4 and Jupyter Book
    1.0.4; no report found in sphinx-thebe's tracker): sphinx-thebe registers its
    inline configuration script (``const THEBE_JS_URL = ...``) in the
    ``env-before-read-docs`` event, after the HTML builder has set up its script list,
    and every page then carries it twice; the second ``const`` is a page error
    ("Identifier 'THEBE_JS_URL' has already been declared").  The test
    ``tests/book/test_workarounds.py::test_sphinx_thebe_still_duplicates_its_config``
    builds a bare book without this hook and fails once the duplicate is gone, so
    that this workaround can be removed.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (str(getattr(js, "filename", js) or ""),
               tuple(sorted((k, str(v)) for k, v in attrs.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def citation_list_roles(app: Any, pagename: str, templatename: str, context: dict,
                        doctree: Any) -> None:
    """Mark bibliography entries as list items.

    Upstream bug: docutils' HTML5 writer (0.21) writes citations as
    ``<div role="list" class="citation-list">`` holding ``<div class="citation"
    role="doc-biblioentry">``.  DPUB-ARIA 1.1 deprecated ``doc-biblioentry``
    because it is not a valid child of a list (w3c/dpub-aria#22, w3c/aria#2452),
    so axe-core reports the list as lacking list items (aria-required-children,
    critical).  ``tests/book/test_workarounds.py::test_docutils_still_writes_doc_biblioentry``
    renders a citation with plain docutils and fails once docutils stops writing
    ``doc-biblioentry`` there, so that this workaround can be removed.
    """
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx (called by Sphinx, not by users)."""
    _kernel_profile(app)
    app.connect("config-inited", _prepare_static)
    app.connect("config-inited", _drop_stale_outputs)
    app.connect("config-inited", _open_graph_defaults)
    app.connect("build-finished", _refresh_static)
    # Reference pages generated from the repository's records (coursebook.refpages).
    from coursebook import refpages

    app.add_directive("coursekit-datasets", refpages.DatasetsDirective)
    app.add_directive("coursekit-citation", refpages.CitationDirective)
    app.add_directive("coursekit-execution-status", refpages.ExecutionStatusDirective)
    app.connect("html-page-context", refpages.fill_execution_status)
    # Downloads (coursebook.downloads): executed notebooks, the notebooks' context, editions.
    from coursebook import downloads

    app.connect("config-inited", downloads.record_editions)
    app.connect("html-page-context", downloads.edition_links, priority=502)  # after the theme's
    app.connect("build-finished", downloads.write_context)
    app.connect("build-finished", downloads.copy_editions)
    app.connect("build-finished", _optimize_pages, priority=900)  # after every copy
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", dedupe_scripts, priority=1)
    app.connect("html-page-context", citation_list_roles)
    app.connect("html-page-context", lazy_mathjax, priority=600)  # after sphinx.ext.mathjax
    app.connect("html-page-context", meta_description)
    app.connect("html-page-context", reserve_math)
    # After lazy_mathjax: both insert at the top, so the colour mode comes first in <head>.
    app.connect("html-page-context", resolve_auto_theme, priority=700)
    app.add_css_file("coursekit.css")
    i18n.setup(app)  # the editions: language switcher, translated chart text, drift checks
    # The PDF and EPUB editions (coursebook.printed): charts as vector images, no solutions.
    from coursebook.printed import (
        StaticCharts,
        drop_solutions,
        epub_page,
        epub_xhtml,
        no_launch_buttons_in_epub,
        set_version,
    )

    app.add_post_transform(StaticCharts)
    app.connect("doctree-resolved", epub_xhtml, priority=900)  # after sphinx-thebe's scripts
    app.connect("html-page-context", epub_page, priority=990)  # after every script is added
    app.connect("doctree-resolved", drop_solutions)
    app.connect("builder-inited", no_launch_buttons_in_epub)
    app.connect("config-inited", set_version)
    # ... in a translated edition (coursebook.printed_i18n): LaTeX words, notes, titles.
    from coursebook import printed_i18n

    app.connect("config-inited", printed_i18n.latex_language)
    app.connect("doctree-resolved", printed_i18n.print_note)
    app.connect("build-finished", printed_i18n.write_page_titles)
    # env_version: pages written by an older version of this extension are re-read.
    return {"version": "0.4", "env_version": 6, "parallel_read_safe": True,
            "parallel_write_safe": True}

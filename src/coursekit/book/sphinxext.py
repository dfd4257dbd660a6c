"""Sphinx extension that makes the built book work with no internet connection.

Listed in ``_config.yml`` under ``sphinx.extra_extensions`` (as
``coursekit.book.sphinxext``), it

* sets ``COURSEKIT_BOOK_BUILD=1`` before any page executes, so that
  :mod:`coursekit.charts` renders every Altair chart through the offline
  renderer (:mod:`coursekit.book.renderer`);
* writes the Vega / Vega-Lite / vega-embed bundle (from ``vl-convert``, matched
  to the installed Altair) once into ``_static/``; pages that contain a chart get a
  small loader (``static/coursekit-charts.js``) that fetches the bundle only when a
  chart is about to scroll into view;
* adds the course stylesheet (``coursekit/book/static/coursekit.css``);
* works around two upstream bugs, each named where it is handled and each with
  a test (``tests/book/test_workarounds.py``) that fails once upstream fixes it,
  so the workaround can go.

MathJax 3 is served offline by the ``sphinx-mathjax-offline`` extension (also
listed in ``_config.yml``), not by this one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["setup"]

STATIC = Path(__file__).resolve().parent / "static"
_GENERATED_SUBDIR = "coursekit-static"


def _generated_dir(app: Any) -> Path:
    return Path(app.doctreedir).parent / _GENERATED_SUBDIR


def _prepare_static(app: Any, config: Any) -> None:
    """Write the chart bundle into a build folder and put it and our static files on the path."""
    from coursekit.book.renderer import vega_bundle_filename, vega_bundle_source

    generated = _generated_dir(app)
    generated.mkdir(parents=True, exist_ok=True)
    bundle = generated / vega_bundle_filename()
    for stale in generated.iterdir():  # only the current bundle lives here (no shadowing files)
        if stale.is_file() and stale != bundle:
            stale.unlink()
    if not bundle.is_file():
        bundle.write_text(vega_bundle_source(), encoding="utf-8")
    # Relative paths: the configuration hash in .buildinfo must not depend on where the
    # repository is checked out (builds are byte-identical across clones).
    for folder in (STATIC, generated):
        entry = os.path.relpath(folder, app.srcdir)
        if entry not in [str(p) for p in config.html_static_path]:
            config.html_static_path.append(entry)


def _stable_notebook_ids(app: Any, exception: Exception | None) -> None:
    """Give the downloadable notebooks (``_sources/**/*.ipynb``) deterministic cell ids.

    jupytext gives cells random ids when it turns a MyST page into a notebook, so two builds
    of the same book would differ; the ids carry no meaning.
    """
    import json

    if exception is not None:
        return
    for path in sorted((Path(app.outdir) / "_sources").rglob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb.get("cells", [])):
            if "id" in cell:
                cell["id"] = f"cell-{i:03d}"
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")


def _drop_stale_outputs(app: Any, config: Any) -> None:
    """Clear the execution cache if a different chart renderer filled it.

    Pages are executed once and their outputs cached by jupyter-cache, keyed on their code
    only; a chart output holds the markup of the renderer that drew it.  When
    :data:`coursekit.book.renderer.RENDERER_VERSION` changes, the cache is cleared (the
    pages execute again, once) so that no page keeps an older chart markup.
    """
    from coursekit.book.renderer import RENDERER_VERSION

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
    import shutil

    out_static = Path(app.outdir) / "_static"
    if exception is None and out_static.is_dir():
        for ours in STATIC.iterdir():
            if ours.is_file():
                shutil.copyfile(ours, out_static / ours.name)


def _add_page_assets(app: Any, pagename: str, templatename: str, context: dict,
                     doctree: Any) -> None:
    """Give pages that show a chart the chart loader (which fetches the bundle when needed)."""
    from coursekit.book.renderer import vega_bundle_filename

    if 'class="coursekit-chart"' in context.get("body", ""):
        app.add_js_file("coursekit-charts.js", priority=200, defer="defer",
                        **{"data-bundle": vega_bundle_filename()})



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
    os.environ["COURSEKIT_BOOK_BUILD"] = "1"
    app.connect("config-inited", _prepare_static)
    app.connect("config-inited", _drop_stale_outputs)
    app.connect("build-finished", _refresh_static)
    app.connect("build-finished", _stable_notebook_ids)
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", dedupe_scripts, priority=1)
    app.connect("html-page-context", citation_list_roles)
    app.add_css_file("coursekit.css")
    # env_version: pages written by an older version of this extension are re-read.
    return {"version": "0.3", "env_version": 3, "parallel_read_safe": True,
            "parallel_write_safe": True}

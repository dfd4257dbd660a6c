"""Sphinx extension that makes the built book work with no internet connection.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``, it

* sets ``COURSEKIT_BOOK_BUILD=1`` before any page executes, so that
  :mod:`coursekit.charts` renders every Altair chart through the offline
  renderer (a ``<div>`` and a call to the local ``vegaEmbed``);
* writes the Vega / Vega-Lite / vega-embed bundle (from ``vl-convert``, matched
  to the installed Altair) once into ``_static/`` and adds it only to pages that
  contain a chart;
* copies MathJax 3 (from the ``django-static-mathjax`` wheel, which has no
  dependencies) into ``_static/mathjax`` and points Sphinx at it, instead of
  the default CDN;
* adds the course stylesheet (chart containers that fit a phone's width).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

__all__ = ["setup"]

_STATIC_SUBDIR = "coursekit-static"
_MATHJAX_PARTS = ("tex-chtml.js", "output/chtml", "input/tex", "ui", "a11y", "adaptors")

_CSS = """\
/* coursekit: charts and wide tables scroll inside their own box on small screens */
.coursekit-chart-wrapper { width: 100%; max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1rem; }
.coursekit-chart { width: 100%; min-width: 280px; }
.coursekit-chart .vega-embed { width: 100%; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
/* Wide tables scroll inside the theme's own wrappers (MyST tables: .pst-scrollable-table-container,
   notebook outputs: .cell_output > .output), which the theme makes keyboard-focusable when they
   overflow (axe: scrollable-region-focusable); the table itself must not become the scroll box. */
.bd-article .pst-scrollable-table-container, .bd-article div.cell_output > .output,
.bd-article .table-wrapper { max-width: 100%; overflow-x: auto; }
/* Links on the tinted admonition backgrounds (exercises, notes) need 4.5:1 contrast in light mode */
html[data-theme="light"] .bd-article .admonition a:not(.headerlink) { color: #1160d0; }
"""


def _static_dir(app: Any) -> Path:
    return Path(app.doctreedir).parent / _STATIC_SUBDIR


def _prepare_static(app: Any, config: Any) -> None:
    """Write the chart bundle, MathJax and CSS into a folder on ``html_static_path``."""
    from coursekit.charts import vega_bundle_filename, vega_bundle_source

    static = _static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    bundle = static / vega_bundle_filename()
    if not bundle.is_file():
        for old in static.glob("coursekit-vega-*.js"):
            old.unlink()
        bundle.write_text(vega_bundle_source(), encoding="utf-8")
    (static / "coursekit.css").write_text(_CSS, encoding="utf-8")

    mathjax_target = static / "mathjax"
    if not (mathjax_target / "tex-chtml.js").is_file():
        source = _mathjax_source()
        for part in _MATHJAX_PARTS:
            src = source / part
            dst = mathjax_target / part
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    config.mathjax_path = "mathjax/tex-chtml.js"
    if str(static) not in [str(p) for p in config.html_static_path]:
        config.html_static_path.append(str(static))


def _mathjax_source() -> Path:
    try:
        import mathjax  # the django-static-mathjax distribution
    except ModuleNotFoundError as err:  # pragma: no cover - install problem
        raise RuntimeError(
            "MathJax for offline pages comes from the 'django-static-mathjax' package; "
            "install the book requirements with `make book` or `pip install -r requirements.txt`."
        ) from err
    return Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"


def _add_page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Load the chart bundle only on pages that show a chart."""
    from coursekit.charts import vega_bundle_filename

    if "coursekit-chart" in context.get("body", ""):
        app.add_js_file(vega_bundle_filename(), priority=200)


def _dedupe_scripts(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Drop scripts registered twice (Jupyter Book 1.0 adds the Thebe and toggle-button
    configuration snippets twice, and the second ``const THEBE_JS_URL`` is a page error)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (str(getattr(js, "filename", js) or ""), tuple(sorted((k, str(v)) for k, v in attrs.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def _citation_list_roles(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Mark bibliography entries as list items.

    docutils writes citations as ``<div role="list" class="citation-list">`` holding
    ``<div class="citation" role="doc-biblioentry">``; that DPUB role is deprecated in ARIA 1.2,
    so axe-core reports the list as lacking list items (aria-required-children, critical).
    """
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx (called by Sphinx, not by users)."""
    os.environ["COURSEKIT_BOOK_BUILD"] = "1"
    app.connect("config-inited", _prepare_static)
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", _dedupe_scripts, priority=1)
    app.connect("html-page-context", _citation_list_roles)
    app.add_css_file("coursekit.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

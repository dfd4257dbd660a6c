"""The course's Altair set-up: one theme, an offline renderer and chart helpers.

Importing :mod:`coursekit` registers and enables the ``coursekit`` theme
(readable system fonts, the Okabe–Ito colour-blind-safe palette, sizes that
fit a phone).  When the book is being built (the Sphinx extension
:mod:`coursekit.sphinxext` sets ``COURSEKIT_BOOK_BUILD=1``), the offline
renderer is enabled too: each chart becomes a ``<div>`` plus a few lines of
script that call ``vegaEmbed`` from the book's own ``_static/`` bundle, so no
page loads anything from a CDN.  In Jupyter, JupyterLab and Colab, Altair's
default renderer is kept, which those front-ends draw with their own copy of
Vega.

Every chart helper returns an :class:`altair.Chart` (or layered chart) with a
``description``, which the renderer exposes to screen readers.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
from typing import Any

import altair as alt

__all__ = [
    "COURSE_PALETTE",
    "COURSE_FONT",
    "THEME_NAME",
    "RENDERER_NAME",
    "course_theme",
    "register_theme",
    "enable_offline",
    "offline_renderer",
    "vega_bundle_filename",
    "vega_bundle_source",
    "timeline_chart",
    "lq_heatmap",
    "lorenz_chart",
    "ranking_chart",
    "wiggle_chart",
    "wiggle_slider_chart",
    "tomahawk_chart",
    "adjustment_chart",
]

#: Okabe & Ito (2008) colour-blind-safe palette, black last.
COURSE_PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
COURSE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"
THEME_NAME = "coursekit"
RENDERER_NAME = "coursekit-offline"

#: Environment variable set by :mod:`coursekit.sphinxext` while the book builds.
BOOK_BUILD_ENV = "COURSEKIT_BOOK_BUILD"


def course_theme() -> dict[str, Any]:
    """The course theme as an Altair/Vega-Lite config dict.

    >>> cfg = course_theme()["config"]
    >>> cfg["range"]["category"][0]
    '#0072B2'
    """
    return {
        "config": {
            "font": COURSE_FONT,
            "background": "#ffffff",  # readable in the site's dark mode too
            "view": {"continuousWidth": 320, "continuousHeight": 240, "stroke": None},
            "range": {"category": COURSE_PALETTE, "ordinal": {"scheme": "viridis"},
                      "ramp": {"scheme": "viridis"}, "heatmap": {"scheme": "viridis"}},
            # In the browser, titles never run past the chart's box (a phone is 390 px wide):
            # Vega shortens them with an ellipsis to the container's width; static exports
            # (no container, so the limit is NaN) keep them whole.
            "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start", "offset": 8,
                      "subtitleFontSize": 12, "subtitleColor": "#444444",
                      "limit": {"expr": "max(containerSize()[0] - 16, 0)"}},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222222",
                     "titleColor": "#222222", "gridColor": "#e6e6e6", "labelLimit": 180},
            "axisX": {"titleLimit": {"expr": "max(containerSize()[0] - 100, 0)"}},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "labelLimit": 200},
            "header": {"labelFontSize": 12, "titleFontSize": 13},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 50, "filled": True},
            "text": {"fontSize": 12},
            "autosize": {"type": "fit", "contains": "padding"},
        }
    }


def register_theme(enable: bool = True) -> None:
    """Register the ``coursekit`` theme with Altair (and enable it by default)."""
    alt.theme.register(THEME_NAME, enable=enable)(lambda: alt.theme.ThemeConfig(course_theme()))


# --- offline rendering ---------------------------------------------------------------

_counter = itertools.count(1)


def vega_bundle_source() -> str:
    """JavaScript bundle of Vega, Vega-Lite and vega-embed matching Altair's schema.

    Built offline by ``vl-convert`` (the bundle ships inside its wheel) for the
    Vega-Lite version of the installed Altair; it defines ``window.vegaEmbed``.
    """
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    bundle = vlc.javascript_bundle(vl_version=vl_version_for_vl_convert())
    # Wrapped in a function so the bundle's top-level names (e.g. `_`) cannot clash with
    # other scripts on the page; it publishes window.vegaEmbed / vega / vegaLite itself.
    return "(function () {\n" + bundle + "\n})();\n"


def vega_bundle_filename() -> str:
    """File name of the bundle in ``_static/``, versioned so browsers never use a stale one.

    >>> vega_bundle_filename().startswith("coursekit-vega-")
    True
    """
    import vl_convert as vlc

    return f"coursekit-vega-{alt.SCHEMA_VERSION}-vlc{vlc.__version__}.js"


def offline_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """Altair renderer: a chart ``<div>`` and a call to the locally served ``vegaEmbed``.

    The element id is derived from the spec and a per-session counter, so builds
    are reproducible.  The chart's ``description`` becomes the container's
    ``aria-label`` and a visually hidden caption for screen readers.
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()[:10]
    div_id = f"ck-chart-{digest}-{next(_counter)}"
    description = spec.get("description") or _title_text(spec) or "Chart"
    label = html.escape(str(description), quote=True)
    # A JSON string cannot contain "</" safely inside <script>; escape it.
    safe = payload.replace("</", "<\\/")
    markup = (
        f'<div class="coursekit-chart-wrapper">'
        f'<div id="{div_id}" class="coursekit-chart" role="figure" aria-label="{label}"></div>'
        f'<p class="coursekit-chart-description visually-hidden">{label}</p>'
        f"<noscript>This chart needs JavaScript: {label}</noscript></div>\n"
        f'<script type="text/javascript">(function () {{\n'
        f"  var spec = {safe};\n"
        f"  function show() {{\n"
        f'    var el = document.getElementById("{div_id}");\n'
        f"    if (!window.vegaEmbed) {{ el.textContent = 'Chart library not loaded: ' + "
        f"{json.dumps(str(description))}; return; }}\n"
        f'    window.vegaEmbed(el, spec, {{renderer: "svg", actions: false}})'
        f".catch(function (err) {{ el.textContent = 'Chart failed to render: ' + err; }});\n"
        f"  }}\n"
        f'  if (document.readyState === "loading") {{ '
        f'document.addEventListener("DOMContentLoaded", show); }} else {{ show(); }}\n'
        f"}})();</script>"
    )
    return {"text/html": markup, "text/plain": f"<Chart: {description}>"}


def _title_text(spec: dict[str, Any]) -> str | None:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else None


def enable_offline() -> None:
    """Render every chart through :func:`offline_renderer` (used by the book build)."""
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, offline_renderer)
    alt.renderers.enable(RENDERER_NAME)


register_theme()
if os.environ.get(BOOK_BUILD_ENV) == "1":
    enable_offline()

from coursekit.charts.coreperiphery import (  # noqa: E402
    adjustment_chart,
    tomahawk_chart,
    wiggle_chart,
    wiggle_slider_chart,
)
from coursekit.charts.measures import lorenz_chart, lq_heatmap, ranking_chart  # noqa: E402
from coursekit.charts.timeline import timeline_chart  # noqa: E402

"""Offline chart rendering for the book build (not loaded by ``import coursekit``).

While the book builds, every page's kernel loads the IPython extension
:mod:`coursebook.kernel` (the Sphinx extension :mod:`coursebook.sphinxext` points the
kernels at an IPython profile that lists it), which calls :func:`enable_offline`: each
Altair chart then becomes a ``<div>`` (showing the chart's
description until it is drawn) plus its spec as JSON; the page's small chart loader
(``static/coursekit-charts.js``) fetches the book's own ``_static/`` Vega bundle when
a chart is about to scroll into view, so no page loads anything from a CDN and pages
whose charts are never reached never load the bundle.  In Jupyter, JupyterLab and Colab, Altair's
default renderer is kept, which those front-ends draw with their own Vega.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
from typing import Any

import altair as alt

__all__ = [
    "RENDERER_NAME",
    "RENDERER_VERSION",
    "enable_offline",
    "reserved_height",
    "offline_renderer",
    "vega_bundle_filename",
    "vega_bundle_source",
    "vl_version",
]

RENDERER_NAME = "coursekit-offline"

#: Changes whenever the markup :func:`offline_renderer` writes changes.  Executed pages
#: are cached (jupyter-cache) with the markup of the renderer that ran them; the Sphinx
#: extension clears that cache when this version differs from the one recorded in it.
RENDERER_VERSION = "3"

_counter = itertools.count(1)


def vl_version() -> str:
    """The installed Altair's Vega-Lite version as ``vl-convert`` names it (``"v6_1"``).

    From the public ``alt.SCHEMA_VERSION`` (``"v6.1.0"``), as Altair computes it for its own
    calls to ``vl-convert``.

    >>> import re
    >>> bool(re.fullmatch(r"v\\d+_\\d+", vl_version()))
    True
    """
    return "_".join(alt.SCHEMA_VERSION.split(".")[:2])


def vega_bundle_source() -> str:
    """JavaScript bundle of Vega, Vega-Lite and vega-embed matching Altair's schema.

    Built offline by ``vl-convert`` (the bundle ships inside its wheel) for the
    Vega-Lite version of the installed Altair; it defines ``window.vegaEmbed``.
    """
    import vl_convert as vlc

    bundle = vlc.javascript_bundle(vl_version=vl_version())
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
    """Altair renderer: a chart ``<div>`` and its spec, drawn later by ``coursekit-charts.js``.

    The element id is derived from the spec and a per-session counter, so builds are
    reproducible.  The chart's ``description`` becomes the container's ``aria-label`` and a
    caption that is shown in the chart's place until the chart is drawn (then kept for
    screen readers only).  The spec follows as ``<script type="application/json">``, which
    the browser does not run; the page's chart loader (added by
    :mod:`coursebook.sphinxext` to pages with a chart) fetches the Vega bundle when a
    chart is about to scroll into view and draws it there.  The box keeps the chart's
    height meanwhile (:func:`reserved_height`), so nothing moves when it is drawn.
    """
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()[:10]
    div_id = f"ck-chart-{digest}-{next(_counter)}"
    description = spec.get("description") or _title_text(spec) or "Chart"
    label = html.escape(str(description), quote=True)
    height = reserved_height(spec)
    style = f' style="--ck-height:{height}px;min-height:{height}px"' if height else ""
    markup = (
        f'<div class="coursekit-chart-wrapper">'
        f'<div id="{div_id}" class="coursekit-chart" role="figure" aria-label="{label}"{style}>'
        f'<p class="coursekit-chart-description">{label}</p></div>'
        f"<noscript>This chart needs JavaScript: {label}</noscript></div>\n"
        f'<script type="application/json" id="{div_id}-spec" class="coursekit-chart-spec">'
        f"{_script_safe(payload)}</script>"
    )
    return {"text/html": markup, "text/plain": f"<Chart: {description}>"}


#: Font in which :func:`reserved_height` measures a chart's drawn height.
MEASURE_FONT = "DejaVu Sans, sans-serif"

#: Height of one row of bound inputs (a slider) under a chart, in CSS pixels.
BINDING_ROW_PX = 26


def reserved_height(spec: dict[str, Any]) -> int | None:
    """Pixels to reserve for a chart before it is drawn, or None if unknown.

    The course theme sizes charts with ``autosize: fit-x``: the width is the page's, and
    the title, axes and legend add to the plot's ``height``.  The drawn height is therefore
    measured once, at build time, by drawing the chart to SVG with ``vl-convert`` (at a
    phone's width, 342 px, for charts as wide as their container: the height does not
    depend on it).  If that is not possible, a numeric top-level ``height`` is used.  Each
    parameter bound to an input adds a row of controls below the chart.

    >>> reserved_height({"height": 300, "params": [{"name": "T", "bind": {"input": "range"}}]})
    326
    >>> reserved_height({"vconcat": []}) is None
    True
    """
    bound = sum(1 for p in spec.get("params", []) if isinstance(p, dict) and p.get("bind"))
    height = _drawn_height(spec)
    if height is None:
        height = spec.get("height")
        if not isinstance(height, (int, float)) or isinstance(height, bool) or height <= 0:
            return None
    return int(round(height)) + BINDING_ROW_PX * bound


def _drawn_height(spec: dict[str, Any]) -> float | None:
    """Height of the chart drawn to SVG by vl-convert, or None if it cannot be drawn."""
    if not any(spec.get(key) for key in ("mark", "layer", "hconcat", "vconcat", "concat",
                                         "facet", "repeat")):
        return None
    try:
        import vl_convert as vlc

        sized = {**spec, "width": 342} if spec.get("width") == "container" else dict(spec)
        # Measured in DejaVu Sans, the font a Linux browser gives ``system-ui``: the widest
        # of the common sans fonts, so rotated axis labels are never taller than reserved.
        sized["config"] = {**spec.get("config", {}), "font": MEASURE_FONT}
        svg = vlc.vegalite_to_svg(json.dumps(sized))
    except Exception:  # any failure falls back to the spec's height
        return None
    match = re.search(r'<svg[^>]*?\sheight="([0-9.]+)"', svg)
    return float(match.group(1)) if match else None


def _script_safe(js: str) -> str:
    """JSON text made safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators.

    >>> _script_safe('"</script><!--"')
    '"<\\\\/script>\\\\u003c!--"'
    """
    return (js.replace("</", "<\\/").replace("<!--", "\\u003c!--")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


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

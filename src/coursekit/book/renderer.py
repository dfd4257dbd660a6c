"""Offline chart rendering for the book build (not loaded by ``import coursekit``).

While the book builds, the Sphinx extension :mod:`coursekit.book.sphinxext`
sets ``COURSEKIT_BOOK_BUILD=1``; :mod:`coursekit.charts` then calls
:func:`enable_offline`, and each chart becomes a ``<div>`` plus a few lines of
script that call ``vegaEmbed`` from the book's own ``_static/`` bundle, so no
page loads anything from a CDN.  In Jupyter, JupyterLab and Colab, Altair's
default renderer is kept, which those front-ends draw with their own Vega.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
from typing import Any

import altair as alt

__all__ = [
    "BOOK_BUILD_ENV",
    "RENDERER_NAME",
    "enable_offline",
    "offline_renderer",
    "vega_bundle_filename",
    "vega_bundle_source",
]

RENDERER_NAME = "coursekit-offline"

#: Environment variable set by :mod:`coursekit.book.sphinxext` while the book builds.
BOOK_BUILD_ENV = "COURSEKIT_BOOK_BUILD"

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
    safe = _script_safe(payload)
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
        f"{_script_safe(json.dumps(str(description)))}; return; }}\n"
        f'    window.vegaEmbed(el, spec, {{renderer: "svg", actions: false}})'
        f".catch(function (err) {{ el.textContent = 'Chart failed to render: ' + err; }});\n"
        f"  }}\n"
        f'  if (document.readyState === "loading") {{ '
        f'document.addEventListener("DOMContentLoaded", show); }} else {{ show(); }}\n'
        f"}})();</script>"
    )
    return {"text/html": markup, "text/plain": f"<Chart: {description}>"}


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

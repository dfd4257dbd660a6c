"""The course's one Altair theme: system fonts, the Okabe–Ito palette, phone-sized charts.

Importing :mod:`coursekit.charts` (which ``import coursekit`` does) registers
and enables it.

>>> import altair as alt
>>> import coursekit  # noqa: F401
>>> alt.theme.active
'coursekit'
"""

from __future__ import annotations

from typing import Any

import altair as alt

from coursekit._validation import check_bool

__all__ = ["COURSE_PALETTE", "COURSE_FONT", "THEME_NAME", "RULE_STYLES", "EVENT_LABEL_SIZE",
           "course_theme", "register_theme"]

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

#: Named mark styles (Vega-Lite ``config.style``) for the rules charts draw: ``"reference"``
#: for a reference value (``= 1``: the average, the nation's level; ``= 0``), ``"event"`` for
#: a dated (or otherwise marked) vertical line and ``"event-label"`` for its label.  A chart
#: draws such a rule with ``mark_rule(style="reference")``, never with its own colour and
#: dashes, so every chart of the course draws them alike.
RULE_STYLES: dict[str, dict[str, Any]] = {
    "reference": {"color": "#808080", "strokeDash": [4, 4], "strokeWidth": 1},
    "event": {"color": "#808080", "strokeDash": [2, 3], "strokeWidth": 1},
    "event-label": {"align": "left", "dx": 3, "color": "#222222"},
}
#: Font size of an event's label.  Vega-Lite ranks the theme's ``text`` config above a named
#: style, so a style cannot set it: labels pass ``fontSize=EVENT_LABEL_SIZE`` themselves.
EVENT_LABEL_SIZE = 11


def course_theme() -> dict[str, Any]:
    """The course theme as an Altair/Vega-Lite config dict.

    >>> cfg = course_theme()["config"]
    >>> cfg["range"]["category"][0]
    '#0072B2'
    >>> sorted(cfg["style"])
    ['event', 'event-label', 'reference']
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
            # axis titles never run past the plot (the "width"/"height" signals of the view)
            "axisX": {"titleLimit": {"expr": "max(width, 40)"}},
            "axisY": {"titleLimit": {"expr": "max(height, 40)"}},
            # one entry per row: a row of entries is wider than a phone
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "labelLimit": 200, "columns": 1},
            "header": {"labelFontSize": 12, "titleFontSize": 13},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 50, "filled": True},
            "text": {"fontSize": 12},
            "style": {name: dict(props) for name, props in RULE_STYLES.items()},
            # fit the width of the page; the height is the plot's own (titles, axes and legends
            # add to it instead of squeezing it); the page reserves the drawn height before
            # the chart is drawn (coursebook.renderer.reserved_height)
            "autosize": {"type": "fit-x", "contains": "padding"},
        }
    }


def register_theme(enable: bool = True) -> None:
    """Register the ``coursekit`` theme with Altair (and enable it by default).

    >>> register_theme("no")
    Traceback (most recent call last):
    ...
    TypeError: 'enable' must be True or False, got 'no' of type str.
    """
    enable = check_bool(enable, "enable")
    alt.theme.register(THEME_NAME, enable=enable)(lambda: alt.theme.ThemeConfig(course_theme()))

"""What every chart helper shares: one calling style and input checks.

Every helper in :mod:`coursekit.charts` takes its data (or model) first and the
keywords ``title=``, ``source=`` and ``description=``: the title, a source line
shown under it, and the text that screen readers announce (a helper writes a
description from the data when none is given).
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_scalar
from coursekit.charts._text import PHONE_TEXT_PX, wrap_to_width

__all__: list[str] = []  # private helpers


def chart_title(title: str, source: str | None, subtitle: str | None = None,
                width: int = 44, phone: bool = False) -> alt.TitleParams:
    """Title, optional subtitle and source line, wrapped to fit a phone screen.

    Lines hold ``width`` characters of the title (1.3 times as many of the subtitle and
    source); with ``phone=True`` they are wrapped by their drawn width instead, to what
    the theme's title limit leaves on a phone (no line is shortened with an ellipsis).
    """
    if not isinstance(title, str):
        raise TypeError(f"'title' must be a string, got {_show(title)}.")
    for value, name in ((source, "source"), (subtitle, "subtitle")):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"'{name}' must be a string (or None), got {_show(value)}.")
    if phone:
        lines = wrap_to_width(title, PHONE_TEXT_PX, 15, bold=True)
        sub = [line for text in (subtitle, source) if text
               for line in wrap_to_width(text, PHONE_TEXT_PX, 12)]
        return alt.TitleParams(text=lines[0] if len(lines) == 1 else lines, subtitle=sub,
                               anchor="start")
    lines = textwrap.wrap(title, width) or [""]
    sub = [] if subtitle is None else textwrap.wrap(subtitle, int(width * 1.3))
    sub += textwrap.wrap(source, int(width * 1.3)) if source else []
    return alt.TitleParams(text=lines[0] if len(lines) == 1 else lines, subtitle=sub,
                           anchor="start")


def check_description(description: Any) -> str | None:
    """A description must be text (or None: the helper writes one)."""
    if description is not None and (not isinstance(description, str) or not description.strip()):
        raise TypeError(
            f"'description' must be a non-empty string (what a screen reader announces), "
            f"got {_show(description)}."
        )
    return description


def check_data(obj: Any, name: str, kind: type) -> None:
    """``obj`` must be a non-empty pandas object of type ``kind``."""
    if not isinstance(obj, kind):
        raise TypeError(f"'{name}' must be a pandas {kind.__name__}, got {type(obj).__name__}.")
    if obj.empty:
        raise ValueError(f"'{name}' is empty; nothing to plot.")


def check_count(value: Any, name: str, low: int, high: int = 100_000) -> int:
    """A whole number of points, bars, pixels or grid steps in ``[low, high]``."""
    return int(check_scalar(value, name, low=low, high=high, integer=True))


def finish(chart: alt.TopLevelMixin, *, title: str, source: str | None,
           description: str | None, default_description: str,
           subtitle: str | None = None, phone: bool = False, **props: Any) -> Any:
    """Attach the title block, the description and sizing properties to a chart.

    ``phone=True`` wraps the title block to a phone's width by its drawn width.
    """
    check_description(description)
    width = props.get("width")
    # A chart of fixed width wraps its title to that width (about 8.8 px a character at the
    # theme's 15 px bold title font); charts as wide as their container use the default.
    wrap = max(16, int((width - 10) / 8.8)) if isinstance(width, int) and width < 400 else 44
    return chart.properties(title=chart_title(title, source, subtitle, width=wrap, phone=phone),
                            description=description or default_description, **props)


def finite_frame(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    """Columns to be plotted must be numeric and finite (Vega drops NaN silently)."""
    from coursekit._validation import as_float_array

    for col in columns:
        as_float_array(frame[col], f"{name}[{col!r}]")


def index_years(frame: pd.DataFrame, name: str) -> np.ndarray:
    """The index of a frame of yearly values, as whole years (no duplicates)."""
    index = frame.index
    if isinstance(index, pd.MultiIndex) or not pd.api.types.is_numeric_dtype(index) \
            or pd.api.types.is_bool_dtype(index):
        raise TypeError(f"'{name}' must be indexed by years (numbers), got the index "
                        f"{_show(list(index))}.")
    years = as_float_array(pd.Series(index), name)
    if pd.Index(years).has_duplicates:
        raise ValueError(f"'{name}' has repeated years in its index.")
    if not all(float(y).is_integer() and abs(y) < 1e5 for y in years):
        raise ValueError(f"'{name}' must be indexed by whole years, got {_show(list(index))}.")
    return years

def column_labels(frame: pd.DataFrame, name: str) -> list[str]:
    """Column names as text, each once."""
    labels = [str(c) for c in frame.columns]
    if len(set(labels)) != len(labels):
        raise ValueError(f"'{name}' has repeated column names {_show(labels)}.")
    return labels

def require_columns(frame: pd.DataFrame, name: str, needed: list[str], made_by: str) -> None:
    """The frame has the columns a coursekit function writes; else say which made it."""
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"'{name}' lacks column(s) {missing}; pass the output of {made_by}.")

def node_series(values: Any, name: str, nodes: list[str]) -> pd.Series | None:
    """Optional per-node values (Series or dict) covering every node."""
    if values is None:
        return None
    if isinstance(values, dict):
        values = pd.Series(values)
    if not isinstance(values, pd.Series):
        raise TypeError(f"'{name}' must be a Series or dict keyed by node label, got "
                        f"{type(values).__name__}.")
    missing = [n for n in nodes if n not in values.index]
    if missing:
        raise ValueError(f"'{name}' has no value for node(s) {_show(missing, 120)}.")
    return values


#: An axis drawn as nothing (diagrams and maps whose coordinates carry no unit).
NO_AXIS = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)

"""Charts of regional panels over time: convergence, lines over time, sector structure.

Each helper takes a frame of values by year (or the incomes and two dates of
:func:`coursekit.beta_convergence`) and the keywords ``title=``, ``source=`` and
``description=``.  :func:`lines_chart` draws any series over time (dispersion, relative
income, specialisation, linkage indices), with reference and event rules in the styles
of the course theme.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import (
    _show,
    as_float_array,
    check_bool,
    check_not_categorical,
    check_scalar,
)
from coursekit._validation import shares as row_shares
from coursekit.charts._common import (
    check_count,
    check_data,
    column_labels,
    finish,
    index_years,
)
from coursekit.charts._text import PHONE_CHART_PX, text_width, wrap_to_width
from coursekit.charts.theme import EVENT_LABEL_SIZE
from coursekit.panels.convergence import beta_convergence

__all__ = ["convergence_chart", "lines_chart", "sector_structure_chart"]

#: A legend's symbol and the gap to its label, in pixels.
_SYMBOL_PX = 20
#: Widest line of a wrapped legend label: a phone's chart width less the y axis (at most
#: 80 px wide with its title and labels), the symbol and the padding.
_LEGEND_LINE_PX = PHONE_CHART_PX - 80 - _SYMBOL_PX - 10


def convergence_chart(
    incomes: pd.DataFrame,
    start: float,
    end: float,
    *,
    groups: pd.Series | None = None,
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Scatter of mean annual growth against initial income, with the fitted Barro line.

    Initial income is on a log axis, so the regression of
    :func:`coursekit.beta_convergence` is a straight line.

    Parameters
    ----------
    incomes : DataFrame
        Regions × years income levels (see :func:`coursekit.beta_convergence`).
    start, end : int or float
        The two years compared.
    groups : Series, optional
        Region -> group label, used for the colours (e.g. BEA region, East/West).
    title, source, description : str
        Chart title, a source line shown under it, and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *JPE* 100(2), 223–251.

    Examples
    --------
    >>> y = pd.DataFrame({2000: [1.0, 2.0, 4.0], 2010: [2.0, 3.0, 5.0]}, index=list("abc"))
    >>> spec = convergence_chart(y, 2000, 2010).to_dict()
    >>> len(spec["layer"]), spec["width"]
    (2, 'container')
    """
    res = beta_convergence(incomes, start, end)
    data = pd.DataFrame({
        "region": incomes.index.astype(str),
        "initial": incomes[start].to_numpy(dtype=float),
        "growth": np.log(incomes[end].to_numpy(dtype=float) / incomes[start].to_numpy(
            dtype=float)) / res.years,
    })
    if groups is not None:
        if not isinstance(groups, pd.Series):
            raise TypeError(f"'groups' must be a pandas Series region -> group, got "
                            f"{type(groups).__name__}.")
        missing = [r for r in incomes.index if r not in groups.index]
        if missing:
            raise ValueError(f"'groups' has no group for regions {_show(missing)}.")
        data["group"] = [str(groups[r]) for r in incomes.index]
    x = np.array([data["initial"].min(), data["initial"].max()])
    line = pd.DataFrame({"initial": x, "growth": res.intercept + res.slope * np.log(x)})
    # Axes fit the data: a log axis left to Vega's "nice" rounding runs from one power of ten
    # to the next (100-10,000 for incomes of 270-1,350), and a growth axis from 0.
    x_domain = [float(x[0]) / 1.1, float(x[1]) * 1.1]
    enc = {"x": alt.X("initial:Q", title=f"Income in {start:g} (log scale)",
                      scale=alt.Scale(type="log", domain=x_domain, nice=False),
                      axis=alt.Axis(format=",.0f", tickCount=6)),
           "y": alt.Y("growth:Q", title=f"Mean annual growth {start:g}–{end:g}",
                      scale=alt.Scale(zero=False), axis=alt.Axis(format=".1%"))}
    tips = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("initial:Q", format=",.0f"),
            alt.Tooltip("growth:Q", format=".2%")]
    if groups is not None:
        enc["color"] = alt.Color("group:N", title=None, legend=alt.Legend(
            orient="bottom", columns=2, labelLimit=140))  # two columns fit a phone
        tips.append(alt.Tooltip("group:N", title="Group"))
    points = alt.Chart(data).mark_circle(size=45, opacity=0.8).encode(**enc, tooltip=tips)
    fit = alt.Chart(line).mark_line(color="black", strokeDash=[5, 3]).encode(
        x="initial:Q", y="growth:Q")
    sub = (f"Fitted slope b = {res.slope:.4f} (s.e. {res.se_slope:.4f}), β = {res.speed:.4f} "
           f"per year, n = {res.n}")
    verdict = "poorer regions grew faster (convergence)" if res.slope < 0 else \
        "richer regions grew faster (divergence)"
    desc = (f"Scatter plot of {res.n} regions: income in {start:g} on a log scale against mean "
            f"annual growth of income from {start:g} to {end:g}, with the fitted regression "
            f"line (slope {res.slope:.4f}, implied speed of convergence {res.speed:.4f} per "
            f"year): {verdict}.")
    title = f"β-convergence, {start:g}–{end:g}" if title is None else title
    return finish(alt.layer(points, fit), title=title,
                  subtitle=sub, source=source, description=description,
                  default_description=desc, width="container", height=320)


def _legend_labels(names: list[str]) -> alt.Legend:
    """A legend below the plot whose long labels wrap to fit a phone.

    A legend below the plot starts at the plot's left edge, after the y axis, and Vega
    shortens a label longer than ``labelLimit`` with an ellipsis.  A label wider than a
    phone leaves it (:data:`_LEGEND_LINE_PX`) is drawn on two or more even lines on every
    screen: Vega sizes the legend before it knows the plot's width, so a wrap that depended
    on the width would overflow the chart's reserved height.
    """
    need = {n: round(text_width(n, 12) + _SYMBOL_PX, 1) for n in names}
    lines = {n: wrap_to_width(n, _LEGEND_LINE_PX, 12, balanced=True) for n in names}
    long = {n: lines[n] for n in names if len(lines[n]) > 1}
    extra: dict[str, Any] = {}
    if long:  # Vega draws a label given as a list of lines on several lines
        extra["labelExpr"] = f"{json.dumps(long, ensure_ascii=False)}[datum.label] || datum.label"
    return alt.Legend(orient="bottom", columns=1, labelLimit=max(need.values()) + 10, **extra)


def _number(value: float, value_format: str) -> str:
    """A value as the tooltips show it (d3 and Python share the common formats)."""
    try:
        return format(value, value_format)
    except ValueError:
        return f"{value:.3g}"


def lines_chart(
    values: pd.DataFrame | pd.Series,
    *,
    reference: float | None = None,
    events: Mapping[Any, str] | None = None,
    value_title: str | None = None,
    value_format: str = ".3f",
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
    height: int = 300,
) -> alt.LayerChart:
    """Lines of one or several series over time, each over its own years.

    Series may cover different years (one from 1929, another from three benchmark
    years): missing values are gaps, not zeros, and every observed point is drawn.  A
    reference value (``1``: the nation's level, an LQ of 1) is drawn as a rule in the
    theme's ``"reference"`` style and dated events as vertical rules in its ``"event"``
    style.  The title, the source line and the legend wrap to fit a phone (390 px).

    Parameters
    ----------
    values : DataFrame or Series
        Years in the index, one column per series (e.g. the output of
        :func:`coursekit.relative_per_capita`, :func:`coursekit.sigma_convergence` or a
        region's row of :func:`coursekit.location_quotient` for each year), NaN where a
        series has no value; a Series is one series.  Name the columns as the legend
        should show them.
    reference : float, optional
        Value drawn as a reference rule (e.g. 1).
    events : dict, optional
        Year -> label, drawn as labelled vertical rules (e.g. ``{2003: "2003"}``).
    value_title : str, optional
        Axis title; default: the Series' name, or ``"Value"``.
    value_format : str
        d3 format of the values in the tooltips, e.g. ``".3f"`` or ``".1%"``.
    title, source, description : str
        Chart title (default: from ``value_title``), a source line and screen-reader
        text.
    height : int
        Pixel height of the plot (the legend and the title block add to it).

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> r = pd.DataFrame({"A": [1.2, 1.0, None], "B": [None, 0.9, 0.8]}, index=[1990, 2000, 2010])
    >>> spec = lines_chart(r, reference=1.0, events={2003: "2003"}).to_dict()
    >>> spec["width"], [layer["mark"]["style"] for layer in spec["layer"][2:]]
    ('container', ['reference', 'event', 'event-label'])
    """
    if isinstance(values, pd.Series):
        name = values.name if values.name is not None else (value_title or "value")
        values = values.to_frame(str(name))
    check_data(values, "values", pd.DataFrame)
    index_years(values, "values")
    values = values.sort_index()
    years = index_years(values, "values")
    names = column_labels(values, "values")
    check_not_categorical(values, "values")
    numbers = as_float_array(values.fillna(0.0), "values", ndim=2)
    missing = values.isna().to_numpy()
    empty = [n for n, col in zip(names, missing.T, strict=True) if col.all()]
    if empty:
        raise ValueError(f"'values' has columns without any value: {_show(empty)}.")
    if value_title is None:
        value_title = names[0] if len(names) == 1 else "Value"
    for text, arg in ((value_title, "value_title"), (value_format, "value_format")):
        if not isinstance(text, str):
            raise TypeError(f"'{arg}' must be a string, got {_show(text)}.")
    if reference is not None:
        reference = check_scalar(reference, "reference")
    if events is not None and not isinstance(events, Mapping):
        raise TypeError(f"'events' must be a dict year -> label, got {_show(events)}.")
    height = check_count(height, "height", 100, 2000)
    long = pd.DataFrame([(y, n, v) for i, y in enumerate(years) for j, n in enumerate(names)
                         if not missing[i, j] for v in [numbers[i, j]]],
                        columns=["year", "series", "value"])
    many = len(names) > 1
    enc: dict[str, Any] = {
        "x": alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        "y": alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False)),
        "tooltip": [alt.Tooltip("series:N", title="Series"), alt.Tooltip("year:Q", format="d"),
                    alt.Tooltip("value:Q", format=value_format, title=value_title)],
    }
    if many:
        enc["color"] = alt.Color("series:N", title=None, sort=names, legend=_legend_labels(names))
    layers: list[Any] = [
        alt.Chart(long).mark_line(strokeWidth=2).encode(**enc),
        alt.Chart(long).mark_point(filled=True, size=40).encode(
            **enc, **({"shape": alt.Shape("series:N", sort=names, legend=None)} if many else {})),
    ]
    if reference is not None:
        layers.append(alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
            style="reference").encode(y="ref:Q"))
    if events:
        ev = pd.DataFrame({"year": [check_scalar(y, "events") for y in events],
                           "label": [str(v) for v in events.values()]})
        layers += [alt.Chart(ev).mark_rule(style="event").encode(x="year:Q"),
                   alt.Chart(ev).mark_text(style="event-label", y=8,
                                           fontSize=EVENT_LABEL_SIZE).encode(
                       x="year:Q", text="label:N")]
    parts = []
    for n in names:
        s = long[long["series"] == n]
        first, last = (_number(s["value"].iloc[k], value_format) for k in (0, -1))
        parts.append(f"{n + ': ' if many else ''}{first} in {s['year'].iloc[0]:g}, "
                     f"{last} in {s['year'].iloc[-1]:g}")
    rule = "" if reference is None else f", with a dashed line at {reference:g}"
    what = value_title if value_title[1:2].isupper() else value_title[:1].lower() + value_title[1:]
    desc = (f"Line chart of {what}{f' for {len(names)} series' if many else ''}, "
            f"{years.min():g} to {years.max():g}{rule}. " + "; ".join(parts) + ".")
    title = f"{value_title} over time" if title is None else title
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=desc, phone=True, width="container", height=height)


def sector_structure_chart(
    values: pd.DataFrame,
    *,
    normalise: bool = True,
    value_title: str = "Share of value added",
    title: str = "Sector structure over time",
    source: str | None = None,
    description: str | None = None,
) -> alt.Chart:
    """Stacked bars of a region's sector shares, one bar per year.

    Parameters
    ----------
    values : DataFrame
        Years in the index, one column per sector (e.g. value added of the primary,
        secondary and tertiary sectors), non-negative; stacked in column order.
    normalise : bool, default True
        Divide each year by its total, so that the bars show shares; ``False`` if the
        values are shares already (each year must then add up to 1).
    value_title : str
        Axis title.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.Chart

    Examples
    --------
    >>> v = pd.DataFrame({"industry": [6.0, 5.0], "services": [4.0, 5.0]}, index=[2002, 2011])
    >>> sector_structure_chart(v).to_dict()["mark"]["type"]
    'bar'
    """
    check_data(values, "values", pd.DataFrame)
    index_years(values, "values")
    values = values.sort_index()
    years = index_years(values, "values")
    names = column_labels(values, "values")
    numbers = as_float_array(values, "values", ndim=2)
    if (numbers < 0).any():
        raise ValueError("'values' has negative entries; sector values and shares are >= 0.")
    totals = numbers.max(axis=1)
    if (totals <= 0).any():
        raise ValueError(f"'values' has a year with a zero total: "
                         f"{years[totals <= 0][0]:g}; drop it.")
    if check_bool(normalise, "normalise"):
        shares = row_shares(numbers, axis=1)  # no overflow in the totals of huge values
    elif not np.allclose(numbers.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("With normalise=False each year of 'values' must add up to 1 (shares); "
                         "pass normalise=True to divide by the totals.")
    else:
        shares = numbers
    if not isinstance(value_title, str):
        raise TypeError(f"'value_title' must be a string, got {_show(value_title)}.")
    long = pd.DataFrame({"year": np.repeat(years, len(names)).astype(int).astype(str),
                         "sector": np.tile(names, len(years)),
                         "order": np.tile(np.arange(len(names)), len(years)),
                         "share": shares.ravel()})
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("share:Q", title=value_title, stack="zero", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("sector:N", title=None, sort=names, legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("sector:N", title="Sector"),
                 alt.Tooltip("share:Q", format=".1%", title=value_title)],
    )
    first, last = shares[0], shares[-1]
    desc = (f"Stacked bars of {value_title.lower()} by sector ({', '.join(names)}), "
            f"{years.min():g} to {years.max():g}. {names[0]}: {first[0]:.0%} in {years[0]:g}, "
            f"{last[0]:.0%} in {years[-1]:g}; {names[-1]}: {first[-1]:.0%} and {last[-1]:.0%}.")
    return finish(chart, title=title, source=source, description=description,
                  default_description=desc, width="container", height=300)

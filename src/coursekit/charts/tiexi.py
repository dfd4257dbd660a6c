"""Charts for chapter 7 (Tiexi and three old industrial regions).

- :func:`relative_income_chart` — several regions' income (or output) per head relative to
  their nation over time, each series from its own source and years (gaps allowed);
- :func:`sector_structure_chart` — a region's sector shares year by year, as stacked bars.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_bool, check_scalar
from coursekit.charts._common import chart_title, check_data, finish

__all__ = ["relative_income_chart", "sector_structure_chart"]


def _years(frame: pd.DataFrame, name: str) -> np.ndarray:
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


def _labels(frame: pd.DataFrame, name: str) -> list[str]:
    labels = [str(c) for c in frame.columns]
    if len(set(labels)) != len(labels):
        raise ValueError(f"'{name}' has repeated column names {_show(labels)}.")
    return labels


def relative_income_chart(
    relative: pd.DataFrame,
    *,
    reference: float = 1.0,
    events: dict[float, str] | None = None,
    value_title: str = "Per head, relative to the nation",
    title: str = "Old industrial regions against their nations",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Lines of regions' income per head relative to their nation, each over its own years.

    Series may cover different years (one from 1929, another from three benchmark
    years): missing values are gaps, not zeros, and every observed point is drawn.

    Parameters
    ----------
    relative : DataFrame
        Years in the index, one column per series (e.g. the output of
        :func:`coursekit.relative_per_capita` for each region, joined with ``pd.concat``);
        NaN where a series has no value.  Name the columns with their source, since each
        series may come from a different one.
    reference : float
        Value drawn as a dashed rule (1: the nation's level).
    events : dict, optional
        Year -> label, drawn as labelled vertical rules.
    value_title : str
        Axis title.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> r = pd.DataFrame({"A": [1.2, 1.0, None], "B": [None, 0.9, 0.8]}, index=[1990, 2000, 2010])
    >>> relative_income_chart(r, events={2003: "2003"}).to_dict()["width"]
    'container'
    """
    check_data(relative, "relative", pd.DataFrame)
    _years(relative, "relative")
    relative = relative.sort_index()
    years = _years(relative, "relative")
    names = _labels(relative, "relative")
    values = as_float_array(relative.fillna(0.0), "relative", ndim=2)
    missing = relative.isna().to_numpy()
    if (values[~missing] <= 0).any():
        raise ValueError("'relative' must be positive (a ratio of incomes per head).")
    empty = [n for n, col in zip(names, missing.T, strict=True) if col.all()]
    if empty:
        raise ValueError(f"'relative' has columns without any value: {_show(empty)}.")
    reference = check_scalar(reference, "reference", low=0, low_inclusive=False)
    if not isinstance(value_title, str):
        raise TypeError(f"'value_title' must be a string, got {_show(value_title)}.")
    if events is not None and not isinstance(events, dict):
        raise TypeError(f"'events' must be a dict year -> label, got {_show(events)}.")
    rows = [(y, n, v) for i, y in enumerate(years) for j, n in enumerate(names)
            if not missing[i, j] for v in [values[i, j]]]
    long = pd.DataFrame(rows, columns=["year", "series", "value"])
    enc = {
        "x": alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        "y": alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False)),
        "color": alt.Color("series:N", title=None, sort=names,
                           legend=alt.Legend(orient="bottom", columns=1, labelLimit=600)),
        "tooltip": [alt.Tooltip("series:N", title="Series"), alt.Tooltip("year:Q", format="d"),
                    alt.Tooltip("value:Q", format=".3f", title=value_title)],
    }
    lines = alt.Chart(long).mark_line(strokeWidth=2).encode(**enc)
    points = alt.Chart(long).mark_point(filled=True, size=40).encode(
        **enc, shape=alt.Shape("series:N", sort=names, legend=None))
    rule = alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
        strokeDash=[4, 4], color="gray").encode(y="ref:Q")
    layers: list[Any] = [rule, lines, points]
    if events:
        ev = pd.DataFrame({"year": [check_scalar(y, "events") for y in events],
                           "label": [str(v) for v in events.values()]})
        layers += [alt.Chart(ev).mark_rule(strokeDash=[2, 3], color="gray").encode(x="year:Q"),
                   alt.Chart(ev).mark_text(align="left", dx=3, y=8, fontSize=11).encode(
                       x="year:Q", text="label:N")]
    parts = []
    for n in names:
        s = long[long["series"] == n]
        parts.append(f"{n}: {s['value'].iloc[0]:.2f} in {s['year'].iloc[0]:g}, "
                     f"{s['value'].iloc[-1]:.2f} in {s['year'].iloc[-1]:g}")
    desc = (f"Line chart of {value_title.lower()} for {len(names)} series, with a dashed line at "
            f"{reference:g}. " + "; ".join(parts) + ".")
    # the height holds the plot, the legend (one row per series) and the title block
    heading = chart_title(title, source)
    n_lines = len(np.atleast_1d(heading.text)) + len(heading.subtitle or [])
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=desc, width="container",
                  height=300 + 22 * len(names) + 16 * n_lines)


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
    _years(values, "values")
    values = values.sort_index()
    years = _years(values, "values")
    names = _labels(values, "values")
    numbers = as_float_array(values, "values", ndim=2)
    if (numbers < 0).any():
        raise ValueError("'values' has negative entries; sector values and shares are >= 0.")
    totals = numbers.sum(axis=1)
    if (totals <= 0).any():
        raise ValueError(f"'values' has a year with a zero total: "
                         f"{years[totals <= 0][0]:g}; drop it.")
    if check_bool(normalise, "normalise"):
        shares = numbers / totals[:, None]
    elif not np.allclose(totals, 1.0, atol=1e-6):
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

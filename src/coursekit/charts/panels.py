"""Charts of regional panels over time: convergence, dispersion, relative income, structure.

Each helper takes a frame of values by year (or the incomes and two dates of
:func:`coursekit.beta_convergence`) and the keywords ``title=``, ``source=`` and
``description=``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import (
    _show,
    as_float_array,
    check_bool,
    check_scalar,
)
from coursekit.charts._common import (
    chart_title,
    check_data,
    column_labels,
    finish,
    index_years,
)
from coursekit.panels.convergence import beta_convergence

__all__ = ["convergence_chart", "sigma_chart", "specialisation_chart", "relative_income_chart", "sector_structure_chart"]


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


def sigma_chart(
    sigma: pd.Series | pd.DataFrame,
    *,
    title: str = "σ-convergence: dispersion of log income",
    source: str | None = None,
    description: str | None = None,
    events: dict[float, str] | None = None,
) -> alt.LayerChart:
    """Line chart of σ (standard deviation of log income) over time.

    Parameters
    ----------
    sigma : Series or DataFrame
        Output of :func:`coursekit.sigma_convergence` (indexed by year), or a DataFrame
        with one such column per panel (e.g. "all counties", "West", "East").
    title, source, description : str
        Chart title, a source line and screen-reader text.
    events : dict, optional
        Year -> label, drawn as labelled vertical rules (e.g. ``{1980: "1980"}``).

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> s = pd.Series([0.3, 0.25, 0.2], index=[2000, 2001, 2002], name="sigma")
    >>> sigma_chart(s, events={2001: "reform"}).to_dict()["width"]
    'container'
    """
    if isinstance(sigma, pd.Series):
        sigma = sigma.to_frame(sigma.name if sigma.name is not None else "sigma")
    check_data(sigma, "sigma", pd.DataFrame)
    years = index_years(sigma, "sigma")
    values = as_float_array(sigma, "sigma", ndim=2)
    if (values < 0).any():
        raise ValueError("'sigma' has negative values; a standard deviation is >= 0.")
    long = pd.DataFrame({"year": np.repeat(years, sigma.shape[1]), "sigma": values.ravel(),
                         "panel": np.tile(sigma.columns.astype(str), len(years))})
    many = sigma.shape[1] > 1
    line = alt.Chart(long).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("sigma:Q", title="σ of log income", scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("sigma:Q", format=".3f"),
                 alt.Tooltip("panel:N", title="Panel")],
        **({"color": alt.Color("panel:N", title=None, sort=None,
                               legend=alt.Legend(orient="bottom"))} if many else {}),
    )
    layers: list[Any] = [line]
    if events is not None:
        if not isinstance(events, dict):
            raise TypeError(f"'events' must be a dict year -> label, got {_show(events)}.")
    if events:
        ev = pd.DataFrame({"year": [check_scalar(y, "events") for y in events],
                           "label": [str(v) for v in events.values()]})
        layers += [alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="gray").encode(x="year:Q"),
                   alt.Chart(ev).mark_text(align="left", dx=3, y=10, fontSize=11).encode(
                       x="year:Q", text="label:N")]
    first, last = long.groupby("panel", sort=False)["sigma"].agg(["first", "last"]).iloc[0]
    panels = f" for {', '.join(sigma.columns.astype(str))}" if many else ""
    desc = (f"Line chart of the standard deviation of log income across regions, "
            f"{years.min():g} to {years.max():g}{panels}. "
            f"{'The first panel' if many else 'It'} moves from {first:.3f} to {last:.3f}.")
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=desc, width="container", height=280)


def specialisation_chart(
    values: pd.DataFrame,
    *,
    reference: float = 1.0,
    value_title: str = "Revealed advantage (LQ)",
    title: str = "Specialisation over time",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Lines of a region's specialisation indices (e.g. RTA or LQ) over time.

    Parameters
    ----------
    values : DataFrame
        Years in the index, one column per field or industry (e.g. Finland's row of
        :func:`coursekit.location_quotient` for each year).
    reference : float
        Value drawn as a dashed rule (1: as specialised as the whole).
    value_title : str
        Axis title.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> v = pd.DataFrame({"telecom": [3.0, 2.0], "chemistry": [0.5, 0.6]}, index=[2000, 2010])
    >>> specialisation_chart(v).to_dict()["width"]
    'container'
    """
    check_data(values, "values", pd.DataFrame)
    years = index_years(values, "values")
    numbers = as_float_array(values, "values", ndim=2)
    if (numbers < 0).any():
        raise ValueError("'values' has negative entries; specialisation indices are >= 0.")
    reference = check_scalar(reference, "reference")
    if not isinstance(value_title, str):
        raise TypeError(f"'value_title' must be a string, got {_show(value_title)}.")
    long = pd.DataFrame({"year": np.repeat(years, values.shape[1]), "value": numbers.ravel(),
                         "field": np.tile(values.columns.astype(str), len(years))})
    line = alt.Chart(long).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title=value_title),
        color=alt.Color("field:N", title=None, sort=None,
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=300)),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("field:N", title="Field"),
                 alt.Tooltip("value:Q", format=".2f", title=value_title)],
    )
    rule = alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
        strokeDash=[4, 4], color="gray").encode(y="ref:Q")
    peak = long.loc[long["value"].idxmax()]
    desc = (f"Line chart of {value_title} for {', '.join(values.columns.astype(str))}, "
            f"{years.min():g} to {years.max():g}, with a dashed line at {reference:g}. Highest: "
            f"{peak['field']} in {peak['year']:g} ({peak['value']:.2f}).")
    return finish(alt.layer(rule, line), title=title, source=source, description=description,
                  default_description=desc, width="container", height=300)


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
    index_years(relative, "relative")
    relative = relative.sort_index()
    years = index_years(relative, "relative")
    names = column_labels(relative, "relative")
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
    index_years(values, "values")
    values = values.sort_index()
    years = index_years(values, "values")
    names = column_labels(values, "values")
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

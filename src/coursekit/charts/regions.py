"""Charts of region × industry measures: LQ heat map, Lorenz curve, rankings, shift-share, entry.

Each helper takes the output of a :mod:`coursekit.regions` function (data first) and the
keywords ``title=``, ``source=`` and ``description=``, and returns an Altair chart in the
course theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import (
    _show,
    as_float_array,
    check_bool,
    check_columns,
    check_scalar,
    check_text,
)
from coursekit.charts._common import (
    check_count,
    check_data,
    finish,
    finite_frame,
    require_columns,
)

__all__ = ["lq_heatmap_chart", "lorenz_chart", "ranking_chart", "shift_share_chart", "density_entry_chart"]


def lq_heatmap_chart(
    lq: pd.DataFrame,
    *,
    title: str = "Location quotients",
    source: str | None = None,
    description: str | None = None,
    height: int | None = None,
) -> alt.Chart:
    """Heat map of a regions × industries location-quotient table.

    Colour is on a log scale centred on LQ = 1 (diverging: blue below, red
    above), so 0.5 and 2 are equally far from "as specialised as the nation".
    Zero LQs are drawn grey.  Hover for exact values.

    Parameters
    ----------
    lq : DataFrame
        Output of :func:`coursekit.location_quotient` (regions in rows).
    title, source, description : str
        Chart title, a source line shown under it, and screen-reader text.
    height : int, optional
        Pixel height; default 16 px per region.

    Returns
    -------
    altair.Chart

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
    *The Manchester School*, 33(2), 99–123.
    """
    check_data(lq, "lq", pd.DataFrame)
    values = as_float_array(lq, "lq", ndim=2)
    if (values < 0).any():
        raise ValueError("'lq' has negative values; location quotients are >= 0. "
                         "Pass the output of ck.location_quotient(M).")
    height = 16 * lq.shape[0] if height is None else check_count(height, "height", 20)
    rname = lq.index.name or "region"
    iname = lq.columns.name or "industry"
    long = lq.rename_axis(index="region", columns="industry").stack().rename("lq").reset_index()
    long["region"] = long["region"].astype(str)
    long["industry"] = long["industry"].astype(str)
    long["lq"] = long["lq"].astype(float)
    long["lq_pos"] = long["lq"].where(long["lq"] > 0)
    top = long.loc[long["lq"].idxmax()]
    default = (
        f"Heat map of location quotients, {lq.shape[0]} {rname} values by {lq.shape[1]} "
        f"{iname} values. Red cells are above 1 (more specialised than the whole), blue "
        f"below 1. Highest: {top['industry']} in {top['region']}, LQ {top['lq']:.2f}."
    )
    chart = alt.Chart(long).mark_rect().encode(
        x=alt.X("industry:N", title=str(iname),
                axis=alt.Axis(labelAngle=-90, labelLimit=150, labelFontSize=10)),
        y=alt.Y("region:N", title=str(rname), sort=list(map(str, lq.index))),
        color=alt.Color("lq_pos:Q", title="LQ",
                        scale=alt.Scale(type="log", scheme="redblue", reverse=True, domainMid=1)),
        tooltip=[alt.Tooltip("region:N", title=str(rname)),
                 alt.Tooltip("industry:N", title=str(iname)),
                 alt.Tooltip("lq:Q", title="LQ", format=".2f")],
    )
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container", height=height)


def lorenz_chart(
    curve: pd.DataFrame,
    *,
    title: str = "Lorenz curve",
    source: str | None = None,
    description: str | None = None,
    height: int = 320,
) -> alt.LayerChart:
    """Lorenz curve(s) from :func:`coursekit.lorenz_curve`, with the 45° line.

    Parameters
    ----------
    curve : DataFrame
        Columns ``industry``, ``region``, ``cum_total_share``,
        ``cum_industry_share`` (one or several industries).
    title, source, description : str
        Chart title, a source line and screen-reader text.
    height : int
        Pixel height.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.
    """
    check_data(curve, "curve", pd.DataFrame)
    needed = ["industry", "region", "cum_total_share", "cum_industry_share"]
    missing = [c for c in needed if c not in curve.columns]
    if missing:
        raise ValueError(
            f"'curve' lacks column(s) {missing}; pass the output of ck.lorenz_curve(M, ...)."
        )
    height = check_count(height, "height", 50)
    data = curve[needed].copy()
    for col in ("cum_total_share", "cum_industry_share"):
        shares = as_float_array(data[col], f"curve[{col!r}]")
        if (shares < -1e-9).any() or (shares > 1 + 1e-9).any():
            raise ValueError(f"'curve[{col!r}]' must hold cumulative shares in [0, 1]; "
                             f"pass the output of ck.lorenz_curve(M, ...).")
    data["industry"] = data["industry"].astype(str)
    data["region"] = data["region"].astype(object).where(data["region"].notna(), "").astype(str)
    inds = list(dict.fromkeys(data["industry"]))
    default = (
        "Lorenz curve of " + ", ".join(inds) + ": regions ordered from lowest to highest "
        "location quotient; horizontal axis cumulative share of total employment, vertical "
        "axis cumulative share of the industry's employment. The further the curve sags "
        "below the diagonal, the more concentrated the industry."
    )
    diag = pd.DataFrame({"cum_total_share": [0.0, 1.0], "cum_industry_share": [0.0, 1.0]})
    line = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("cum_total_share:Q", title="Cumulative share of all jobs",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("cum_industry_share:Q", title="Cumulative share of industry jobs",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("industry:N", title="Industry",
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=150)),
        order="cum_total_share:Q",
        tooltip=[alt.Tooltip("industry:N"),
                 alt.Tooltip("region:N", title="Last region added"),
                 alt.Tooltip("cum_total_share:Q", format=".1%", title="Cum. total share"),
                 alt.Tooltip("cum_industry_share:Q", format=".1%", title="Cum. industry share")],
    )
    equal = alt.Chart(diag).mark_line(strokeDash=[4, 4], color="gray").encode(
        x="cum_total_share:Q", y="cum_industry_share:Q")
    return finish(alt.layer(equal, line), title=title, source=source, description=description,
                  default_description=default, width="container", height=height)


def ranking_chart(
    values: pd.Series,
    *,
    title: str = "Ranking",
    source: str | None = None,
    description: str | None = None,
    value_title: str | None = None,
    top: int | None = None,
    reference: float | None = None,
    value_format: str = ".2f",
) -> alt.Chart:
    """Horizontal bar chart ranking the entries of a Series (largest at the top).

    A map-free way to show, e.g., the Krugman index by region or the locational
    Gini by industry.

    Parameters
    ----------
    values : Series
        Numbers indexed by label (e.g. :func:`coursekit.krugman_index` output).
    title, source, description : str
        Chart title, a source line and screen-reader text.
    value_title : str, optional
        Axis title for the values (default: the Series' name).
    top : int, optional
        Show only the ``top`` largest values (at least 1).
    reference : float, optional
        Draw a vertical rule at this value (e.g. 1 for location quotients).
    value_format : str
        d3 format for tooltips and the description, e.g. ``".2f"``.

    Returns
    -------
    altair.Chart or altair.LayerChart

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.
    """
    check_data(values, "values", pd.Series)
    numbers = as_float_array(values, "values", ndim=1)
    if top is not None:
        top = check_count(top, "top", 1)
    if reference is not None:
        reference = check_scalar(reference, "reference")
    try:
        format(1.5, value_format)
    except (TypeError, ValueError):
        raise ValueError(f"'value_format' must be a format such as '.2f' or '.1%', "
                         f"got {_show(value_format)}.") from None
    order = np.argsort(-numbers, kind="stable")
    if top is not None:
        order = order[:top]
    label = values.index.name or "label"
    vname = str(value_title or values.name or "value")
    data = pd.DataFrame({"label": values.index[order].astype(str), "value": numbers[order]})
    default = (
        f"Bar chart ranking {len(data)} {label} values by {vname}, largest first: "
        f"{data['label'].iloc[0]} ({data['value'].iloc[0]:{value_format}}) at the top, "
        f"{data['label'].iloc[-1]} ({data['value'].iloc[-1]:{value_format}}) at the bottom."
    )
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("value:Q", title=vname),
        y=alt.Y("label:N", title=None, sort=list(data["label"]), axis=alt.Axis(labelLimit=180)),
        tooltip=[alt.Tooltip("label:N", title=str(label)),
                 alt.Tooltip("value:Q", title=vname, format=value_format)],
    )
    chart = bars
    if reference is not None:
        rule = alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
            style="reference").encode(x="ref:Q")
        chart = alt.layer(bars, rule)
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container", height=20 * len(data))


_COMPONENT_NAMES = {"national_share": "National share", "industry_mix": "Industry mix",
                    "regional_share": "Regional share", "competitive": "Competitive effect",
                    "allocation": "Allocation effect"}


def shift_share_chart(
    components: pd.DataFrame,
    *,
    parts: Sequence[str] = ("national_share", "industry_mix", "regional_share"),
    per_start: bool = False,
    unit: str = "employees",
    title: str = "Shift-share components",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Stacked bars of shift-share components per region, with their total as a dot.

    The dot is the actual change when the three classical components are stacked,
    and otherwise the sum of the parts shown (e.g. the net total shift for
    ``parts=("industry_mix", "regional_share")``); regions are sorted by it.

    Parameters
    ----------
    components : DataFrame
        Output of :func:`coursekit.shift_share` or :func:`coursekit.dynamic_shift_share`
        (one row per region), or of :func:`coursekit.esteban_marquillas` with
        ``parts=("competitive", "allocation")``.
    parts : sequence of str
        Which component columns to stack.
    per_start : bool, default False
        Divide by each region's start value (components as shares of it), so that
        regions of different size can be compared.
    unit : str
        What the numbers count (axis title), e.g. ``"employees"``.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Dunn, E. S., Jr. (1960). A statistical and analytical technique for regional analysis.
    *Papers and Proceedings of the Regional Science Association*, 6(1), 97–112.
    """
    check_data(components, "components", pd.DataFrame)
    if isinstance(parts, str) or not isinstance(parts, Sequence) or not parts:
        raise TypeError(f"'parts' must be a list of component columns, got {_show(parts)}.")
    parts = [check_text(p, "parts", list(_COMPONENT_NAMES)) for p in parts]
    per = check_bool(per_start, "per_start")
    check_text(unit, "unit")
    has_actual = "actual_change" in components.columns
    check_columns(components, "components", [*parts, *(["start"] if per else [])])
    if components.index.nlevels != 1:
        raise ValueError("'components' must have one row per region; pass the regional "
                         "result, not by_industry=True or by_period=True.")
    finite_frame(components, [*parts, *(["actual_change"] if has_actual else [])], "components")
    frame = components.copy()
    if per:
        start = as_float_array(frame["start"], "components['start']")
        if (start <= 0).any():
            raise ValueError("'components' has a region with start value 0; per_start=True "
                             "divides by it. Drop the region or use per_start=False.")
        cols = [*parts, *(["actual_change"] if has_actual else [])]
        frame[cols] = frame[cols].div(start, axis=0)
    regions = frame.index.astype(str)
    complete = has_actual and set(parts) == {"national_share", "industry_mix", "regional_share"}
    dot = frame["actual_change"] if complete else frame[parts].sum(axis=1)
    dot_name = "Actual change" if complete else "Sum of the parts shown"
    order = list(regions[np.argsort(-dot.to_numpy(), kind="stable")])
    long = frame[parts].set_axis(regions).rename_axis("region").reset_index().melt(
        id_vars="region", var_name="component", value_name="value")
    long["component"] = long["component"].map(_COMPONENT_NAMES)
    fmt = ".1%" if per else ",.0f"
    axis_fmt = ".0%" if per else ",.0f"
    axis_title = f"Change as a share of the start ({unit})" if per else f"Change ({unit})"
    names = [_COMPONENT_NAMES[p] for p in parts]
    bars = alt.Chart(long).mark_bar().encode(
        y=alt.Y("region:N", title=None, sort=order, axis=alt.Axis(labelLimit=160)),
        x=alt.X("value:Q", title=axis_title, stack="zero", axis=alt.Axis(format=axis_fmt)),
        color=alt.Color("component:N", title=None, sort=names),
        order=alt.Order("component:N", sort="ascending"),
        tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("component:N"),
                 alt.Tooltip("value:Q", format=fmt)],
    )
    layers: list[Any] = [bars]
    if len(parts) > 1 or complete:
        dots = pd.DataFrame({"region": regions, "value": dot.to_numpy()})
        layers.append(alt.Chart(dots).mark_point(shape="diamond", filled=True, color="black",
                                                 size=50).encode(
            y=alt.Y("region:N", sort=order), x="value:Q",
            tooltip=[alt.Tooltip("region:N", title="Region"),
                     alt.Tooltip("value:Q", title=dot_name, format=fmt)]))
    layers.append(alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(style="reference").encode(
        x="zero:Q"))
    best = order[0]
    default = (
        f"Stacked bars of the shift-share components ({', '.join(names).lower()}) for "
        f"{len(regions)} regions" + (", as shares of each region's start value" if per else "")
        + f"; regions sorted by the {dot_name.lower()}, largest first ({best})"
        + (", shown as a black diamond." if len(parts) > 1 or complete else ".")
    )
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width="container",
                  height=max(120, 18 * len(regions)))


def density_entry_chart(
    by_bin: pd.DataFrame,
    *,
    title: str = "Entry into new fields by relatedness density",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Entry rate by density quantile, with the overall rate as a dashed rule.

    Parameters
    ----------
    by_bin : DataFrame
        ``ck.relatedness_entry(...).by_bin`` (``density_low``, ``density_high``,
        ``candidates``, ``entries``, ``entry_rate``).
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Hidalgo, C. A. et al. (2018). The principle of relatedness. In *Unifying Themes in
    Complex Systems IX*, Springer. doi:10.1007/978-3-319-96661-8_46
    """
    check_data(by_bin, "by_bin", pd.DataFrame)
    needed = ["density_low", "density_high", "candidates", "entries", "entry_rate"]
    require_columns(by_bin, "by_bin", needed, "ck.relatedness_entry(...).by_bin")
    finite_frame(by_bin, needed, "by_bin")
    data = by_bin[needed].astype(float).reset_index(drop=True)
    if (data["entry_rate"] < 0).any() or (data["entry_rate"] > 1).any() \
            or (data["candidates"] <= 0).any():
        raise ValueError("'by_bin' must hold entry rates in [0, 1] and positive candidate "
                         "counts; pass ck.relatedness_entry(...).by_bin.")
    data["bin"] = [f"Q{i + 1}: {lo:.2f}–{hi:.2f}" for i, (lo, hi) in
                   enumerate(zip(data["density_low"], data["density_high"], strict=True))]
    overall = float(data["entries"].sum() / data["candidates"].sum())
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("bin:N", title="Relatedness density (quantile: range)", sort=None,
                axis=alt.Axis(labelAngle=0, labelLimit=90)),
        y=alt.Y("entry_rate:Q", title="Share of candidates entered", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("bin:N", title="density"), alt.Tooltip("candidates:Q"),
                 alt.Tooltip("entries:Q"), alt.Tooltip("entry_rate:Q", format=".1%")])
    rule = alt.Chart(pd.DataFrame({"rate": [overall]})).mark_rule(
        style="reference").encode(y="rate:Q")
    rates = ", ".join(f"{r:.0%}" for r in data["entry_rate"])
    default = (f"Bar chart of the share of absent fields that were entered, by quantile of "
               f"relatedness density from lowest to highest: {rates}; dashed line: overall "
               f"rate {overall:.0%}.")
    return finish(alt.layer(bars, rule), title=title, source=source, description=description,
                  default_description=default, width="container", height=260)

"""Charts for chapter 1: location-quotient heat map, Lorenz curve, ranking bars.

Each helper takes the output of a coursekit measure and returns an
:class:`altair.Chart` with a title, an optional source line and a
``description`` (the text screen readers announce).  Widths are responsive
(``"container"``) so the charts fit a phone screen.

>>> import pandas as pd
>>> import coursekit as ck
>>> M = ck.employment_matrix(
...     pd.DataFrame({"r": ["a", "a", "b"], "i": ["x", "y", "x"], "e": [1, 2, 3]}),
...     region="r", industry="i", value="e")
>>> spec = lq_heatmap_chart(ck.location_quotient(M)).to_dict()
>>> spec["mark"]["type"], spec["width"]
('rect', 'container')
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_scalar
from coursekit.charts._common import check_count, check_data, finish

__all__ = ["lq_heatmap_chart", "lorenz_chart", "ranking_chart"]


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
            strokeDash=[4, 4], color="gray").encode(x="ref:Q")
        chart = alt.layer(bars, rule)
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container", height=20 * len(data))

"""Charts for chapter 1: location-quotient heat map, Lorenz curve, ranking bars.

Each helper takes the output of a :mod:`coursekit.measures` function and
returns an :class:`altair.Chart` with a title, an optional source line and a
``description`` (the text screen readers announce).  Widths are responsive
(``"container"``) so the charts fit a phone screen.

>>> import coursekit as ck
>>> M = ck.employment_matrix(
...     pd.DataFrame({"r": ["a", "a", "b"], "i": ["x", "y", "x"], "e": [1, 2, 3]}),
...     region="r", industry="i", value="e")
>>> spec = lq_heatmap(ck.location_quotient(M)).to_dict()
>>> spec["mark"]["type"], spec["width"]
('rect', 'container')
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

__all__ = ["lq_heatmap", "lorenz_chart", "ranking_chart"]


def _title(title: str, source: str | None, width: int = 44) -> alt.TitleParams:
    """Title and source line, wrapped so that they fit a phone screen."""
    lines = textwrap.wrap(title, width) or [""]
    sub = textwrap.wrap(source, int(width * 1.3)) if source else []
    return alt.TitleParams(
        text=lines[0] if len(lines) == 1 else lines, subtitle=sub, anchor="start"
    )


def _check_frame(obj: Any, name: str, kind: type) -> None:
    if not isinstance(obj, kind):
        raise TypeError(f"'{name}' must be a pandas {kind.__name__}, got {type(obj).__name__}.")
    if obj.empty:
        raise ValueError(f"'{name}' is empty; nothing to plot.")


def lq_heatmap(
    lq: pd.DataFrame,
    *,
    title: str = "Location quotients",
    description: str | None = None,
    source: str | None = None,
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
    title, description, source : str
        Chart title, screen-reader text and a source line shown as subtitle.
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
    _check_frame(lq, "lq", pd.DataFrame)
    rname = lq.index.name or "region"
    iname = lq.columns.name or "industry"
    long = lq.rename_axis(index="region", columns="industry").stack().rename("lq").reset_index()
    long["region"] = long["region"].astype(str)
    long["industry"] = long["industry"].astype(str)
    long["lq_pos"] = long["lq"].where(long["lq"] > 0)
    if description is None:
        top = long.loc[long["lq"].idxmax()]
        description = (
            f"Heat map of location quotients, {lq.shape[0]} {rname} values by {lq.shape[1]} "
            f"{iname} values. Red cells are above 1 (more specialised than the whole), blue "
            f"below 1. Highest: {top['industry']} in {top['region']}, LQ {top['lq']:.2f}."
        )
    return (
        alt.Chart(long, title=_title(title, source), description=description)
        .mark_rect()
        .encode(
            x=alt.X(
                "industry:N",
                title=iname,
                axis=alt.Axis(labelAngle=-90, labelLimit=150, labelFontSize=10),
            ),
            y=alt.Y("region:N", title=rname, sort=list(map(str, lq.index))),
            color=alt.Color(
                "lq_pos:Q",
                title="LQ",
                scale=alt.Scale(type="log", scheme="redblue", reverse=True, domainMid=1),
            ),
            tooltip=[
                alt.Tooltip("region:N", title=rname),
                alt.Tooltip("industry:N", title=iname),
                alt.Tooltip("lq:Q", title="LQ", format=".2f"),
            ],
        )
        .properties(width="container", height=height or 16 * lq.shape[0])
    )


def lorenz_chart(
    curve: pd.DataFrame,
    *,
    title: str = "Lorenz curve",
    description: str | None = None,
    source: str | None = None,
    height: int = 320,
) -> alt.Chart:
    """Lorenz curve(s) from :func:`coursekit.lorenz_curve`, with the 45° line.

    Parameters
    ----------
    curve : DataFrame
        Columns ``industry``, ``region``, ``cum_total_share``,
        ``cum_industry_share`` (one or several industries).
    title, description, source : str
        Chart title, screen-reader text and a source line.
    height : int
        Pixel height.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.
    """
    _check_frame(curve, "curve", pd.DataFrame)
    needed = ["industry", "region", "cum_total_share", "cum_industry_share"]
    missing = [c for c in needed if c not in curve.columns]
    if missing:
        raise ValueError(
            f"'curve' lacks column(s) {missing}; pass the output of ck.lorenz_curve(M, ...)."
        )
    data = curve[needed].copy()
    data["industry"] = data["industry"].astype(str)
    data["region"] = data["region"].astype(object).where(data["region"].notna(), "")
    data["region"] = data["region"].astype(str)
    inds = list(dict.fromkeys(data["industry"]))
    if description is None:
        description = (
            "Lorenz curve of " + ", ".join(inds) + ": regions ordered from lowest to highest "
            "location quotient; horizontal axis cumulative share of total employment, vertical "
            "axis cumulative share of the industry's employment. The further the curve sags "
            "below the diagonal, the more concentrated the industry."
        )
    diag = pd.DataFrame({"cum_total_share": [0.0, 1.0], "cum_industry_share": [0.0, 1.0]})
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "cum_total_share:Q",
                title="Cumulative share of all jobs",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y(
                "cum_industry_share:Q",
                title="Cumulative share of industry jobs",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color("industry:N", title="Industry", legend=alt.Legend(orient="bottom", columns=2, labelLimit=150)),
            order="cum_total_share:Q",
            tooltip=[
                alt.Tooltip("industry:N"),
                alt.Tooltip("region:N", title="Last region added"),
                alt.Tooltip("cum_total_share:Q", format=".1%", title="Cum. total share"),
                alt.Tooltip("cum_industry_share:Q", format=".1%", title="Cum. industry share"),
            ],
        )
    )
    equal = (
        alt.Chart(diag)
        .mark_line(strokeDash=[4, 4], color="gray")
        .encode(x="cum_total_share:Q", y="cum_industry_share:Q")
    )
    return alt.layer(equal, line, title=_title(title, source), description=description).properties(
        width="container", height=height
    )


def ranking_chart(
    values: pd.Series,
    *,
    title: str = "Ranking",
    value_title: str | None = None,
    description: str | None = None,
    source: str | None = None,
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
    title, value_title, description, source : str
        Chart title, axis title for the values, screen-reader text, source line.
    top : int, optional
        Show only the ``top`` largest values.
    reference : float, optional
        Draw a vertical rule at this value (e.g. 1 for location quotients).
    value_format : str
        d3 format for tooltips.

    Returns
    -------
    altair.Chart or altair.LayerChart

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.
    """
    _check_frame(values, "values", pd.Series)
    s = values.sort_values(ascending=False)
    if top is not None:
        s = s.head(int(top))
    label = s.index.name or "label"
    vname = value_title or values.name or "value"
    data = pd.DataFrame({"label": s.index.astype(str), "value": np.asarray(s, dtype=float)})
    if description is None:
        description = (
            f"Bar chart ranking {len(data)} {label} values by {vname}, largest first: "
            f"{data['label'].iloc[0]} ({data['value'].iloc[0]:{value_format}}) at the top, "
            f"{data['label'].iloc[-1]} ({data['value'].iloc[-1]:{value_format}}) at the bottom."
        )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=str(vname)),
            y=alt.Y("label:N", title=None, sort=list(data["label"]), axis=alt.Axis(labelLimit=180)),
            tooltip=[
                alt.Tooltip("label:N", title=str(label)),
                alt.Tooltip("value:Q", title=str(vname), format=value_format),
            ],
        )
    )
    props = {"width": "container", "height": 20 * len(data)}
    if reference is None:
        return bars.properties(title=_title(title, source), description=description, **props)
    rule = (
        alt.Chart(pd.DataFrame({"ref": [float(reference)]}))
        .mark_rule(strokeDash=[4, 4], color="gray")
        .encode(x="ref:Q")
    )
    return alt.layer(bars, rule, title=_title(title, source), description=description).properties(
        **props
    )

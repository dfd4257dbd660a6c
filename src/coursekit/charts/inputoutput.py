"""Charts for chapter 5: the linkage quadrant, multiplier bars and cluster templates.

>>> import coursekit as ck
>>> lk = ck.linkages([[150, 500], [200, 100]], [1000, 2000])
>>> spec = linkage_quadrant_chart(lk, label="all").to_dict()
>>> [layer["mark"]["type"] for layer in spec["layer"]]
['rule', 'rule', 'point', 'text']
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_scalar, check_text
from coursekit.charts._common import check_count, check_data, finish
from coursekit.ioclusters import ClusterTemplates
from coursekit.iolinkages import SECTOR_TYPES

__all__ = ["linkage_quadrant_chart", "multiplier_chart", "cluster_chart"]

#: Colours of the four sector types (Okabe–Ito): key, backward, forward, weak.
_TYPE_COLOURS = ["#D55E00", "#0072B2", "#009E73", "#999999"]


def linkage_quadrant_chart(
    linkages: pd.DataFrame,
    *,
    title: str = "Backward and forward linkages",
    source: str | None = None,
    description: str | None = None,
    label: str | list[str] = "key",
    max_labels: int = 10,
    height: int = 360,
) -> alt.LayerChart:
    """Scatter of the backward against the forward linkage index, with key sectors marked.

    The rules at 1 divide the plane into Hirschman's four quadrants: key sectors
    (top right), backward-oriented (bottom right), forward-oriented (top left) and
    weak sectors (bottom left).

    Parameters
    ----------
    linkages : DataFrame
        Output of :func:`coursekit.linkages` (``backward_index``, ``forward_index``,
        ``sector_type``; sectors in the index).
    title, source, description : str
        Chart title, a source line and screen-reader text.
    label : {"key", "all", "none"} or list of str
        Which points get a text label: key sectors, every sector, none, or the
        sectors named in a list.
    max_labels : int, default 10
        With ``"key"`` or ``"all"``, label at most this many points (those with the
        largest sum of the two indices), so that labels stay readable.
    height : int
        Pixel height.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. North-Holland.
    Hirschman, A. O. (1958). *The Strategy of Economic Development*. Yale UP.
    """
    check_data(linkages, "linkages", pd.DataFrame)
    needed = ["backward_index", "forward_index", "sector_type"]
    missing = [c for c in needed if c not in linkages.columns]
    if missing:
        raise ValueError(f"'linkages' lacks column(s) {missing}; pass the output of "
                         f"ck.linkages(Z, x).")
    if isinstance(label, list):
        if not label or not all(isinstance(s, str) for s in label):
            raise TypeError(f"'label' must be 'key', 'all', 'none' or a non-empty list of "
                            f"sector names, got {_show(label)}.")
        unknown = sorted(set(label) - set(linkages.index.astype(str)))
        if unknown:
            raise ValueError(f"'label' names sectors not in 'linkages': {_show(unknown)}.")
    else:
        check_text(label, "label", ("key", "all", "none"))
    max_labels = check_count(max_labels, "max_labels", 0)
    height = check_count(height, "height", 100)
    data = pd.DataFrame({
        "sector": linkages.index.astype(str),
        "backward_index": as_float_array(linkages["backward_index"], "linkages['backward_index']"),
        "forward_index": as_float_array(linkages["forward_index"], "linkages['forward_index']"),
        "sector_type": linkages["sector_type"].astype(str).to_numpy(),
    })
    odd = sorted(set(data["sector_type"]) - set(SECTOR_TYPES))
    if odd:
        raise ValueError(f"'linkages' has unknown sector types {_show(odd)}; pass the output "
                         f"of ck.linkages(Z, x).")
    keys = data.loc[data["sector_type"] == "key sector", "sector"].tolist()
    default = (
        f"Scatter plot of {len(data)} sectors: backward linkage index on the horizontal axis, "
        f"forward linkage index on the vertical axis, both 1 on average. "
        f"{len(keys)} key sector(s) (both above 1)"
        + (f": {', '.join(keys[:8])}{', ...' if len(keys) > 8 else ''}." if keys else ".")
    )
    scale_x = alt.Scale(zero=False, nice=True)
    scale_y = alt.Scale(zero=False, nice=True)
    one = pd.DataFrame({"one": [1.0]})
    vline = alt.Chart(one).mark_rule(strokeDash=[4, 4], color="gray").encode(x="one:Q")
    hline = alt.Chart(one).mark_rule(strokeDash=[4, 4], color="gray").encode(y="one:Q")
    points = alt.Chart(data).mark_point(filled=True, size=70).encode(
        x=alt.X("backward_index:Q", title="Backward linkage index", scale=scale_x),
        y=alt.Y("forward_index:Q", title="Forward linkage index", scale=scale_y),
        color=alt.Color("sector_type:N", title="Sector type",
                        scale=alt.Scale(domain=SECTOR_TYPES, range=_TYPE_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[alt.Tooltip("sector:N", title="Sector"),
                 alt.Tooltip("backward_index:Q", title="Backward index", format=".3f"),
                 alt.Tooltip("forward_index:Q", title="Forward index", format=".3f"),
                 alt.Tooltip("sector_type:N", title="Type")],
    )
    if isinstance(label, list):
        shown = data[data["sector"].isin(label)]
    else:
        pool = {"all": data, "key": data[data["sector_type"] == "key sector"],
                "none": data.iloc[0:0]}[label]
        top = (pool["backward_index"] + pool["forward_index"]).sort_values(ascending=False)
        shown = pool.loc[top.index[:max_labels]]
    text = alt.Chart(shown).mark_text(align="left", dx=6, dy=-6, fontSize=11).encode(
        x="backward_index:Q", y="forward_index:Q", text="sector:N")
    return finish(alt.layer(vline, hline, points, text), title=title, source=source,
                  description=description, default_description=default,
                  width="container", height=height)


def multiplier_chart(
    values: pd.Series | pd.DataFrame,
    *,
    title: str = "Multipliers",
    source: str | None = None,
    description: str | None = None,
    value_title: str | None = None,
    top: int | None = None,
    reference: float | None = 1.0,
    value_format: str = ".3f",
) -> alt.LayerChart | alt.Chart:
    """Horizontal bars of multipliers (or linkage indices) by sector, largest first.

    A Series gives one bar per sector; a DataFrame gives a group of bars per sector,
    one per column (e.g. two years, or output and employment multipliers), sorted by
    the first column.

    Parameters
    ----------
    values : Series or DataFrame
        Numbers indexed by sector (e.g. :func:`coursekit.output_multipliers`).
    title, source, description : str
        Chart title, a source line and screen-reader text.
    value_title : str, optional
        Axis title (default: the Series' name, or "value").
    top : int, optional
        Show only the ``top`` sectors with the largest (first-column) values.
    reference : float or None, default 1.0
        Draw a rule at this value (1: the average of a normalised index); None for none.
    value_format : str
        d3 format for tooltips and the description.

    Returns
    -------
    altair.LayerChart or altair.Chart

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 6.
    """
    if isinstance(values, pd.Series):
        frame = values.to_frame(name=str(values.name if values.name is not None else "value"))
    elif isinstance(values, pd.DataFrame):
        frame = values
    else:
        raise TypeError(f"'values' must be a pandas Series or DataFrame, got "
                        f"{type(values).__name__}.")
    check_data(frame, "values", pd.DataFrame)
    numbers = as_float_array(frame, "values", ndim=2)
    try:
        format(1.5, value_format)
    except (TypeError, ValueError):
        raise ValueError(f"'value_format' must be a format such as '.3f', got "
                         f"{_show(value_format)}.") from None
    if reference is not None:
        reference = check_scalar(reference, "reference")
    if value_title is not None and not isinstance(value_title, str):
        raise TypeError(f"'value_title' must be a string (or None), got {_show(value_title)}.")
    order = np.argsort(-numbers[:, 0], kind="stable")
    if top is not None:
        order = order[:check_count(top, "top", 1)]
    labels = frame.index.astype(str)[order]
    series = [str(c) for c in frame.columns]
    long = pd.DataFrame({
        "sector": np.repeat(labels, len(series)),
        "series": np.tile(series, len(order)),
        "value": numbers[order].ravel(),
    })
    vname = str(value_title or (series[0] if len(series) == 1 else "value"))
    first = long[long["series"] == series[0]]
    default = (
        f"Bar chart of {vname} for {len(order)} sectors, largest first: "
        f"{first['sector'].iloc[0]} ({first['value'].iloc[0]:{value_format}}) at the top, "
        f"{first['sector'].iloc[-1]} ({first['value'].iloc[-1]:{value_format}}) at the bottom"
        + (f"; bars for {', '.join(series)}." if len(series) > 1 else ".")
    )
    enc = {
        "x": alt.X("value:Q", title=vname),
        "y": alt.Y("sector:N", title=None, sort=list(labels), axis=alt.Axis(labelLimit=180)),
        "tooltip": [alt.Tooltip("sector:N", title="Sector"), alt.Tooltip("series:N", title="Series"),
                    alt.Tooltip("value:Q", title=vname, format=value_format)],
    }
    if len(series) > 1:
        enc["color"] = alt.Color("series:N", title=None, sort=series,
                                 legend=alt.Legend(orient="bottom"))
        enc["yOffset"] = alt.YOffset("series:N", sort=series)
    chart = alt.Chart(long).mark_bar().encode(**enc)
    if reference is not None:
        rule = alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
            strokeDash=[4, 4], color="gray").encode(x="ref:Q")
        chart = alt.layer(chart, rule)
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container",
                  height=(10 + 8 * len(series)) * len(order))


def cluster_chart(
    templates: ClusterTemplates,
    *,
    title: str = "Cluster templates",
    source: str | None = None,
    description: str | None = None,
    clusters: list[int] | None = None,
) -> alt.Chart:
    """Heat map of cluster membership: sectors (rows) by cluster (columns), coloured by loading.

    Only memberships at or above the templates' threshold are drawn; a sector's
    primary cluster is drawn solid, secondary memberships faded.  Sectors are sorted
    by primary cluster, then by loading.

    Parameters
    ----------
    templates : coursekit.ClusterTemplates
        Output of :func:`coursekit.cluster_templates`.
    title, source, description : str
        Chart title, a source line and screen-reader text.
    clusters : list of int, optional
        Show only these clusters (and their members).

    Returns
    -------
    altair.Chart

    References
    ----------
    Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates.
    *Regional Studies*, 34(1), 1–19.
    """
    members = getattr(templates, "members", None)
    if not isinstance(members, pd.DataFrame) or not {"cluster", "sector", "loading",
                                                     "primary"} <= set(members.columns):
        raise TypeError(f"'templates' must be the output of ck.cluster_templates(Z), got "
                        f"{type(templates).__name__}.")
    data = members.copy()
    if clusters is not None:
        if not isinstance(clusters, (list, tuple)) or not clusters or not all(
                isinstance(c, (int, np.integer)) and not isinstance(c, bool) for c in clusters):
            raise TypeError(f"'clusters' must be a non-empty list of cluster numbers, got "
                            f"{_show(clusters)}.")
        unknown = sorted(set(clusters) - set(data["cluster"]))
        if unknown:
            raise ValueError(f"'clusters' names {unknown}, which have no members; the "
                             f"clusters are {sorted(set(data['cluster']))}.")
        data = data[data["cluster"].isin(clusters)]
    if data.empty:
        raise ValueError("'templates' has no cluster members to draw.")
    data["sector"] = data["sector"].astype(str)
    firsts = data[data["primary"]].sort_values(["cluster", "loading"], ascending=[True, False])
    order = list(dict.fromkeys(firsts["sector"].tolist() + data["sector"].tolist()))
    data["membership"] = np.where(data["primary"], "primary", "secondary")
    data["cluster"] = data["cluster"].astype(int)
    n_clusters = data["cluster"].nunique()
    default = (
        f"Heat map of {n_clusters} input-output cluster templates (columns) and their "
        f"{len(order)} member sectors (rows); darker cells have higher loadings, faded cells "
        f"are secondary memberships. Cluster 1 is led by {firsts['sector'].iloc[0]}."
        if not firsts.empty else f"Heat map of {n_clusters} cluster templates."
    )
    chart = alt.Chart(data).mark_rect().encode(
        x=alt.X("cluster:O", title="Cluster", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sector:N", title=None, sort=order, axis=alt.Axis(labelLimit=180)),
        color=alt.Color("loading:Q", title="Loading", scale=alt.Scale(scheme="blues")),
        opacity=alt.Opacity("membership:N", scale=alt.Scale(domain=["primary", "secondary"],
                                                             range=[1.0, 0.45]),
                            title="Membership", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("sector:N", title="Sector"), alt.Tooltip("cluster:O"),
                 alt.Tooltip("loading:Q", format=".2f"), alt.Tooltip("membership:N")],
    )
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container", height=14 * len(order))

"""Charts of input–output analysis: linkage quadrant, multipliers, cluster templates, network.

Each helper takes the output of a :mod:`coursekit.inputoutput` function and returns a
chart in the course theme.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import (
    _show,
    as_float_array,
    check_scalar,
    check_text,
)
from coursekit.charts._common import (
    NO_AXIS,
    check_count,
    check_data,
    finish,
)
from coursekit.inputoutput.clusters import ClusterTemplates
from coursekit.inputoutput.linkages import SECTOR_TYPES

__all__ = ["linkage_quadrant_chart", "multiplier_chart", "cluster_chart", "network_chart"]


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
    vline = alt.Chart(one).mark_rule(style="reference").encode(x="one:Q")
    hline = alt.Chart(one).mark_rule(style="reference").encode(y="one:Q")
    points = alt.Chart(data).mark_point(filled=True, size=70).encode(
        x=alt.X("backward_index:Q", title="Backward linkage index", scale=scale_x),
        y=alt.Y("forward_index:Q", title="Forward linkage index", scale=scale_y),
        color=alt.Color("sector_type:N", title="Sector type",
                        scale=alt.Scale(domain=SECTOR_TYPES, range=_TYPE_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=140)),
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
            style="reference").encode(x="ref:Q")
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
        # two legends side by side are wider than a phone: the gradient goes on top
        color=alt.Color("loading:Q", title="Loading", scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(orient="top", direction="horizontal")),
        opacity=alt.Opacity("membership:N", scale=alt.Scale(domain=["primary", "secondary"],
                                                             range=[1.0, 0.45]),
                            title="Membership", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("sector:N", title="Sector"), alt.Tooltip("cluster:O"),
                 alt.Tooltip("loading:Q", format=".2f"), alt.Tooltip("membership:N")],
    )
    return finish(chart, title=title, source=source, description=description,
                  default_description=default, width="container", height=14 * len(order))


def network_chart(
    graph: nx.Graph,
    *,
    groups: pd.Series | None = None,
    sizes: pd.Series | None = None,
    labels: pd.Series | None = None,
    n_labels: int = 12,
    seed: int = 1,
    title: str = "Input–output network",
    source: str | None = None,
    description: str | None = None,
    height: int = 440,
) -> alt.LayerChart:
    """A network drawn with a seeded spring layout: links as lines, nodes as dots.

    Linked industries are pulled together and unlinked ones pushed apart
    (Fruchterman–Reingold, networkx's ``spring_layout`` with a fixed seed, so the
    drawing is the same on every build).  Dots can be coloured by group (e.g. the
    communities of :func:`coursekit.io_communities`) and sized by a centrality;
    the ``n_labels`` largest dots are labelled, the others on hover.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        E.g. :func:`coursekit.io_network`; the ``weight`` of an edge sets its width.
    groups, sizes, labels : Series, optional
        Indexed by the nodes: a group for the colour, a number for the dot's area and
        a display label (default: the node names).
    n_labels : int, default 12
        How many of the largest dots get a text label.
    seed : int, default 1
        Seed of the layout.
    title, source, description : str
        Chart title, a source line and screen-reader text.
    height : int
        Pixel height.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by force-directed
    placement. *Software: Practice and Experience*, 21(11), 1129–1164.
    """
    from coursekit.charts._geometry import graph_frames

    n_labels = check_count(n_labels, "n_labels", 0, 2_000)
    seed = check_count(seed, "seed", 0, 2**32 - 1)
    height = check_count(height, "height", 100, 3_000)
    nodes, edges = graph_frames(graph, groups, sizes, labels, seed)
    if "size" not in nodes:
        nodes["size"] = 1.0
    nodes["show"] = ""
    top = nodes["size"].rank(method="first", ascending=False) <= n_labels
    nodes.loc[top, "show"] = nodes.loc[top, "label"]
    xy = {"x": alt.X("x:Q", axis=NO_AXIS, scale=alt.Scale(zero=False, padding=20)),
          "y": alt.Y("y:Q", axis=NO_AXIS, scale=alt.Scale(zero=False, padding=20))}
    wmax = float(edges["weight"].max()) if len(edges) else 1.0
    lines = alt.Chart(edges.assign(width=0.5 + 3 * edges["weight"] / (wmax or 1.0))).mark_rule(
        color="#888888", opacity=0.45).encode(
        **xy, x2="x2:Q", y2="y2:Q", strokeWidth=alt.StrokeWidth("width:Q", legend=None),
        tooltip=[alt.Tooltip("source:N", title="From"), alt.Tooltip("target:N", title="To"),
                 alt.Tooltip("weight:Q", title="Weight", format=".3f")])
    colour = (alt.Color("group:N", title="Group", sort=nodes.attrs["group_order"])
              if "group" in nodes else alt.value("#0072B2"))
    tips = [alt.Tooltip("label:N", title="Node"), alt.Tooltip("size:Q", title="Size",
                                                              format=".3f")]
    if "group" in nodes:
        tips.append(alt.Tooltip("group:N", title="Group"))
    dots = alt.Chart(nodes).mark_circle(opacity=0.9, stroke="white", strokeWidth=0.5).encode(
        **xy, color=colour, size=alt.Size("size:Q", legend=None, scale=alt.Scale(range=[30, 600])),
        tooltip=tips)
    text = alt.Chart(nodes).mark_text(fontSize=10, dy=-10).encode(**xy, text="show:N")
    groups_text = (f", in {nodes['group'].nunique()} groups" if "group" in nodes else "")
    default = (
        f"Network drawing of {len(nodes)} nodes and {len(edges)} links{groups_text}; "
        f"larger dots have larger values. Labelled: "
        + ", ".join(nodes.loc[top].sort_values("size", ascending=False)["label"]) + "."
    )
    return finish(alt.layer(lines, dots, text), title=title, source=source,
                  description=description, default_description=default, width="container",
                  height=height)

"""Maps of regions and industries in two dimensions: the CA map and the technology space.

Both place labelled points whose coordinates carry no unit (correspondence-analysis axes,
a force-directed layout of :func:`coursekit.proximity_network`), so they share the label
placement of :mod:`coursekit.charts._geometry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from coursekit._deprecation import REMOVED_IN, renamed_keywords, warn_deprecated
from coursekit._validation import (
    _show,
    check_text,
)
from coursekit.charts._common import (
    check_count,
    check_data,
    finish,
    finite_frame,
    node_series,
    require_columns,
)
from coursekit.charts._geometry import place_labels, square_domains
from coursekit.regions.correspondence import CorrespondenceAnalysis

__all__ = ["ca_biplot_chart", "technology_network_chart"]


def ca_biplot_chart(
    ca: CorrespondenceAnalysis,
    *,
    dims: Sequence[int] = (1, 2),
    map: str = "symmetric",
    row_title: str = "Rows",
    column_title: str = "Columns",
    labels: str = "all",
    title: str = "Correspondence analysis map",
    source: str | None = None,
    description: str | None = None,
    size: int = 320,
) -> alt.LayerChart:
    """Map of a correspondence analysis: rows (circles) and columns (triangles).

    In the *symmetric* map (R ``ca``'s default) rows and columns are both in
    principal coordinates: distances between rows, and between columns, show how
    different their profiles are; a row and a column are not compared by distance
    but by direction from the origin (the average profile).  In a
    ``"rowprincipal"`` map the columns are in standard coordinates (the vertices a
    row profile averages over); ``"colprincipal"`` the other way round.  Both axes
    have the same scale.

    Parameters
    ----------
    ca : coursekit.CorrespondenceAnalysis
        Output of :func:`coursekit.correspondence_analysis` with at least two axes.
    dims : tuple of int
        The two axes to draw, numbered from 1 (default: the first two).
    map : {"symmetric", "rowprincipal", "colprincipal"}
        Which coordinates to use.
    row_title, column_title : str
        Legend names of the rows and of the columns (e.g. "Land", "Section").
    labels : {"all", "contributing"}
        Label every point, or only those whose contribution to one of the two axes is
        above the average of their set (1/I for rows, 1/J for columns): the points that
        make the map (Greenacre 2017, ch. 11); the others are named on hover.
    title, source, description : str
        Chart title, a source line and screen-reader text.
    size : int
        Width and height in pixels (the map is square).

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.), chs. 8–9.
    """
    if not isinstance(ca, CorrespondenceAnalysis):
        raise TypeError(f"'ca' must be the result of ck.correspondence_analysis, got "
                        f"{type(ca).__name__}.")
    check_text(map, "map", ("symmetric", "rowprincipal", "colprincipal"))
    check_text(labels, "labels", ("all", "contributing"))
    for text, name in ((row_title, "row_title"), (column_title, "column_title")):
        check_text(text, name)
    n_dims = len(ca.principal_inertias)
    if isinstance(dims, str) or not isinstance(dims, Sequence) or len(dims) != 2:
        raise TypeError(f"'dims' must be a pair of axis numbers such as (1, 2), got {_show(dims)}.")
    d1, d2 = (check_count(d, "dims", 1, max(n_dims, 1)) for d in dims)
    if n_dims < 2 or d1 == d2:
        raise ValueError(f"'dims' must name two different axes of the {n_dims} the analysis "
                         f"has; a map needs two (got {_show(tuple(dims))}).")
    size = check_count(size, "size", 120, 2000)
    row_xy = ca.row_coordinates if map != "colprincipal" else ca.row_standard_coordinates
    col_xy = ca.column_coordinates if map != "rowprincipal" else ca.column_standard_coordinates
    names = [f"Dim {d1}", f"Dim {d2}"]
    share = ca.principal_inertias / ca.total_inertia
    parts = []
    for kind, xy, mass, cos2, ctr in (
            (row_title, row_xy, ca.row_masses, ca.row_cos2, ca.row_contributions),
            (column_title, col_xy, ca.column_masses, ca.column_cos2, ca.column_contributions)):
        shown = xy.index.astype(str)
        if labels == "contributing":
            strong = (ctr[names] > 1.0 / len(ctr)).any(axis=1).to_numpy()
            shown = shown.where(strong, "")
        parts.append(pd.DataFrame({
            "label": xy.index.astype(str), "kind": kind, "text": shown,
            "x": xy[names[0]].to_numpy(), "y": xy[names[1]].to_numpy(),
            "mass": mass.to_numpy(), "quality": cos2[names].sum(axis=1).to_numpy()}))
    data = pd.concat(parts, ignore_index=True)
    xdom, ydom = square_domains(data["x"].to_numpy(), data["y"].to_numpy())
    axis_titles = [f"{n} ({share[n]:.1%} of inertia)" for n in names]
    enc = {"x": alt.X("x:Q", title=axis_titles[0], scale=alt.Scale(domain=xdom, nice=False)),
           "y": alt.Y("y:Q", title=axis_titles[1], scale=alt.Scale(domain=ydom, nice=False))}
    kinds = [row_title, column_title]
    points = alt.Chart(data).mark_point(filled=True, size=70, opacity=0.9).encode(
        **enc,
        color=alt.Color("kind:N", title=None, sort=kinds),
        shape=alt.Shape("kind:N", title=None, sort=kinds,
                        scale=alt.Scale(range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("label:N", title="Point"), alt.Tooltip("kind:N", title="Set"),
                 alt.Tooltip("x:Q", title=names[0], format=".3f"),
                 alt.Tooltip("y:Q", title=names[1], format=".3f"),
                 alt.Tooltip("mass:Q", title="Mass", format=".3f"),
                 alt.Tooltip("quality:Q", title="Quality (cos² on the map)", format=".2f")],
    )
    data = place_labels(data, xdom, size)
    text = [alt.Chart(data).transform_filter(alt.datum.side == side).mark_text(
                align=align, dx=dx, dy=-6, fontSize=11, lineBreak="\n").encode(
                **enc, text="text:N", color=alt.Color("kind:N", sort=kinds, legend=None))
            for side, align, dx in (("right", "left", 6), ("left", "right", -6))]
    axes = pd.DataFrame({"zero": [0.0]})
    rules = [alt.Chart(axes).mark_rule(style="reference").encode(**{ax: "zero:Q"})
             for ax in ("x", "y")]
    far = data.assign(dist=np.hypot(data["x"], data["y"])).nlargest(3, "dist")["label"]
    default = (
        f"Correspondence analysis map ({map}) of {len(row_xy)} {row_title.lower()} and "
        f"{len(col_xy)} {column_title.lower()} on axes {d1} and {d2}, which show "
        f"{share[names].sum():.1%} of the total inertia. Farthest from the centre: "
        + ", ".join(far) + "."
    )
    return finish(alt.layer(*rules, points, *text), title=title, source=source,
                  description=description, default_description=default, width=size,
                  height=size)


def _proximity_edges(graph: Any) -> tuple[pd.DataFrame, list[str]]:
    """The links of a proximity graph as a table, in :func:`coursekit.proximity_network`'s
    order (tree links first, strongest first, ties in node order), and its isolated nodes."""
    if isinstance(graph, pd.DataFrame):
        check_data(graph, "graph", pd.DataFrame)
        require_columns(graph, "graph", ["source", "target", "proximity"],
                        "ck.proximity_network(...)")
        warn_deprecated("technology_network_chart() takes the graph of ck.proximity_network; "
                        "an edge table is deprecated and will be removed in coursekit "
                        f"{REMOVED_IN}. Pass the graph itself.")
        return graph, []
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"'graph' must be a networkx graph such as ck.proximity_network(phi), "
                        f"got {type(graph).__name__}.")
    if graph.number_of_edges() == 0:
        raise ValueError("'graph' has no edges; nothing to draw.")
    order = {node: k for k, node in enumerate(graph.nodes)}
    rows = []
    for u, v, attrs in graph.edges(data=True):
        u, v = (u, v) if order[u] <= order[v] else (v, u)
        rows.append((u, v, attrs.get("proximity", attrs.get("weight", 1.0)),
                     attrs.get("kind", "tree"), order[u], order[v]))
    edges = pd.DataFrame(rows, columns=["source", "target", "proximity", "kind", "i", "j"])
    finite_frame(edges, ["proximity"], "graph")
    edges = edges.assign(tree=edges["kind"] != "tree", neg=-edges["proximity"].astype(float))
    edges = edges.sort_values(["tree", "neg", "i", "j"], kind="stable")
    isolated = [str(n) for n in nx.isolates(graph)]
    return edges[["source", "target", "proximity", "kind"]].reset_index(drop=True), isolated


@renamed_keywords(edges="graph")
def technology_network_chart(
    graph: nx.Graph,
    *,
    groups: Any = None,
    highlight: Any = None,
    labels: Any = None,
    seed: int = 7,
    title: str = "Technology space",
    source: str | None = None,
    description: str | None = None,
    height: int = 420,
) -> alt.LayerChart:
    """A proximity network, laid out by networkx (Kamada–Kawai on the spanning tree).

    Parameters
    ----------
    graph : networkx.Graph
        Output of :func:`coursekit.proximity_network`: edges with the attributes
        ``proximity`` (else ``weight``) and ``kind`` (``"tree"`` links are laid out,
        the others drawn).  An edge table (``source``, ``target``, ``proximity``,
        ``kind``) is still accepted, with a :class:`FutureWarning`, until coursekit 0.4;
        ``edges=`` is the deprecated keyword name.
    groups : Series or dict, optional
        A group per node (e.g. the WIPO sector of each field), shown by colour.
    highlight : Series or dict of bool, optional
        Nodes to draw large and filled (e.g. the fields where a country has RTA >= 1);
        the others are drawn as small rings.
    labels : Series or dict, optional
        Short label per node, shown next to it (default: the node names).
    seed : int
        Seed of the starting layout (``spring_layout``) that the Kamada–Kawai layout of
        the tree refines; the same seed gives the same picture.
    title, source, description : str
        Chart title, a source line and screen-reader text.
    height : int
        Pixel height.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product
    space conditions the development of nations. *Science*, 317(5837), 482–487.
    """
    edges, isolated = _proximity_edges(graph)
    finite_frame(edges, ["proximity"], "graph")
    seed = check_count(seed, "seed", 0, 2**31 - 1)
    height = check_count(height, "height", 100)
    graph = nx.Graph()
    for s, t, w in zip(edges["source"], edges["target"], edges["proximity"], strict=True):
        graph.add_edge(str(s), str(t), weight=float(w))
    graph.add_nodes_from(isolated)
    nodes = sorted(graph.nodes)
    groups = node_series(groups, "groups", nodes)
    highlight = node_series(highlight, "highlight", nodes)
    labels = node_series(labels, "labels", nodes)
    # Lay out the spanning tree only (its links are the skeleton), then draw every link:
    # the extra links of a dense core would otherwise pull its nodes on top of each other.
    skeleton = graph
    if "kind" in edges.columns and (edges["kind"] == "tree").any():
        tree = edges[edges["kind"] == "tree"]
        skeleton = nx.Graph(list(zip(tree["source"].astype(str), tree["target"].astype(str),
                                     strict=True)))
        skeleton.add_nodes_from(nodes)
    start = nx.spring_layout(skeleton, seed=seed, iterations=50)
    pos = nx.kamada_kawai_layout(skeleton, pos=start) if nx.is_connected(skeleton) else start
    node = pd.DataFrame({"node": nodes, "x": [float(pos[n][0]) for n in nodes],
                         "y": [float(pos[n][1]) for n in nodes],
                         "degree": [graph.degree[n] for n in nodes]})
    node["label"] = node["node"] if labels is None else [str(labels[n]) for n in nodes]
    node["group"] = "all" if groups is None else [str(groups[n]) for n in nodes]
    node["highlight"] = True if highlight is None else [bool(highlight[n]) for n in nodes]
    link = pd.DataFrame({"x": [pos[str(s)][0] for s in edges["source"]],
                         "y": [pos[str(s)][1] for s in edges["source"]],
                         "x2": [pos[str(t)][0] for t in edges["target"]],
                         "y2": [pos[str(t)][1] for t in edges["target"]],
                         "proximity": edges["proximity"].astype(float).to_numpy()})
    bare = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    rules = alt.Chart(link).mark_rule(color="#9a9a9a").encode(
        x=alt.X("x:Q", axis=bare), y=alt.Y("y:Q", axis=bare), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("proximity:Q", scale=alt.Scale(range=[0.5, 3]),
                                    legend=None),
        tooltip=[alt.Tooltip("proximity:Q", format=".2f")])
    color = alt.Color("group:N", title=None, legend=None if groups is None else
                      alt.Legend(orient="bottom", columns=2, labelLimit=140))
    points = alt.Chart(node).mark_point(filled=True, opacity=1).encode(
        x="x:Q", y="y:Q", color=color,
        size=alt.condition("datum.highlight", alt.value(170), alt.value(45)),
        shape=alt.condition("datum.highlight", alt.value("circle"), alt.value("diamond")),
        tooltip=[alt.Tooltip("node:N", title="node"), alt.Tooltip("group:N"),
                 alt.Tooltip("highlight:N", title="highlighted"), alt.Tooltip("degree:Q")])
    text = alt.Chart(node).mark_text(align="left", dx=7, fontSize=9, color="#333333").encode(
        x="x:Q", y="y:Q", text="label:N")
    n_hi = int(node["highlight"].sum())
    default = (f"Network of {len(nodes)} nodes and {len(edges)} links (maximum spanning tree "
               f"plus the strongest other links); nodes close together are often present "
               f"together. {n_hi} highlighted node(s)"
               + (": " + ", ".join(node.loc[node["highlight"], "label"]) if 0 < n_hi < 15 else "")
               + ".")
    return finish(alt.layer(rules, points, text), title=title, source=source,
                  description=description, default_description=default, width="container",
                  height=height)

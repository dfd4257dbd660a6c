"""Charts for chapter 6 (levels and methods): CA map, shift-share bars, networks, diagrams.

- :func:`ca_biplot_chart` — the map of a correspondence analysis (rows and columns);
- :func:`shift_share_chart` — the components of a shift-share analysis per region;
- :func:`network_chart` — an input–output network drawn with a seeded spring layout;
- :func:`concept_map_chart` — boxes and arrows at given positions (a diagram).

>>> import coursekit as ck
>>> ca = ck.correspondence_analysis([[4, 2, 3], [4, 3, 7], [25, 10, 12]])
>>> ca_biplot_chart(ca).to_dict()["layer"][0]["mark"]["type"]
'rule'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_bool, check_columns, check_text
from coursekit.charts._common import check_count, check_data, finish, finite_frame
from coursekit.charts._methods_geometry import place_labels, square_domains
from coursekit.correspondence import CorrespondenceAnalysis

__all__ = ["ca_biplot_chart", "shift_share_chart", "network_chart", "concept_map_chart"]

_NO_AXIS = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)


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
    rules = [alt.Chart(axes).mark_rule(color="#999999", strokeDash=[3, 3]).encode(**{ax: "zero:Q"})
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
    layers.append(alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#666666").encode(
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
    from coursekit.charts._methods_geometry import graph_frames

    n_labels = check_count(n_labels, "n_labels", 0, 2_000)
    seed = check_count(seed, "seed", 0, 2**32 - 1)
    height = check_count(height, "height", 100, 3_000)
    nodes, edges = graph_frames(graph, groups, sizes, labels, seed)
    if "size" not in nodes:
        nodes["size"] = 1.0
    nodes["show"] = ""
    top = nodes["size"].rank(method="first", ascending=False) <= n_labels
    nodes.loc[top, "show"] = nodes.loc[top, "label"]
    xy = {"x": alt.X("x:Q", axis=_NO_AXIS, scale=alt.Scale(zero=False, padding=20)),
          "y": alt.Y("y:Q", axis=_NO_AXIS, scale=alt.Scale(zero=False, padding=20))}
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


def concept_map_chart(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    box: tuple[float, float] = (0.26, 0.09),
    title: str = "Concept map",
    source: str | None = None,
    description: str | None = None,
    width: int = 320,
    height: int = 420,
) -> alt.LayerChart:
    """A diagram of boxes (at given positions) joined by arrows.

    Parameters
    ----------
    nodes : DataFrame
        Columns ``node`` (unique name), ``label`` (text in the box; ``"\\n"`` breaks
        lines), ``x`` and ``y`` (centre of the box) and optionally ``group`` (colour)
        and ``detail`` (shown on hover).
    edges : DataFrame
        Columns ``source`` and ``target`` (node names) and optionally ``label``
        (shown on hover over the arrow's middle).
    box : tuple of float
        Width and height of every box, in the units of ``x`` and ``y``.
    title, source, description : str
        Chart title, a source line and screen-reader text.
    width, height : int
        Pixel size (fixed, so that arrows point where they should).

    Returns
    -------
    altair.LayerChart
    """
    from coursekit.charts._methods_geometry import check_diagram, diagram_frames

    check_data(nodes, "nodes", pd.DataFrame)
    box_wh = check_diagram(nodes, edges, box)
    width, height = check_count(width, "width", 100, 3_000), check_count(height, "height", 100, 3_000)
    boxes, segs, xdom, ydom = diagram_frames(nodes, edges, box_wh, width, height)
    boxes["text"] = boxes["label"].astype(str)
    has_group = "group" in boxes
    if "detail" not in boxes:
        boxes["detail"] = boxes["text"].str.replace("\n", " ")
    enc = {"x": alt.X("x:Q", axis=_NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
           "y": alt.Y("y:Q", axis=_NO_AXIS, scale=alt.Scale(domain=ydom, nice=False))}
    rects = alt.Chart(boxes).mark_rect(cornerRadius=6, opacity=0.25, stroke="#333333",
                                       strokeOpacity=0.8).encode(
        x=alt.X("x0:Q", axis=_NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)), x2="x1:Q",
        y=alt.Y("y0:Q", axis=_NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)), y2="y1:Q",
        color=alt.Color("group:N", title=None) if has_group else alt.value("#56B4E9"),
        tooltip=[alt.Tooltip("detail:N", title="What")])
    text = alt.Chart(boxes).mark_text(fontSize=11, lineBreak="\n", baseline="middle").encode(
        **enc, text="text:N")
    layers: list[Any] = [rects, text]
    if len(segs):
        segs["label"] = segs["label"].fillna("").astype(str)
        layers.insert(0, alt.Chart(segs).mark_rule(color="#444444", strokeWidth=1.3).encode(
            **enc, x2="x2:Q", y2="y2:Q"))
        layers.append(alt.Chart(segs).mark_point(shape="triangle-up", filled=True, size=60,
                                                 color="#444444", opacity=1).encode(
            x=alt.X("x2:Q", axis=_NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
            y=alt.Y("y2:Q", axis=_NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)),
            angle=alt.Angle("angle:Q", scale=None)))
        layers.append(alt.Chart(segs).mark_circle(size=120, opacity=0).encode(
            x=alt.X("mx:Q", axis=_NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
            y=alt.Y("my:Q", axis=_NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)),
            tooltip=[alt.Tooltip("source:N", title="From"), alt.Tooltip("target:N", title="To"),
                     alt.Tooltip("label:N", title="How")]))
    flat = boxes["text"].str.replace("\n", " ")
    links = [f"{a} to {b}" for a, b in zip(segs.get("source", []), segs.get("target", []),
                                          strict=True)]
    default = (f"Diagram of {len(boxes)} boxes ({'; '.join(flat)}) joined by {len(links)} "
               f"arrows" + (f": {'; '.join(links)}." if links else "."))
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width=width, height=height)

"""Charts for chapter 4: technology network, entry by relatedness, absorptive capacity, games.

Each helper takes the output of a coursekit function (data first) and the
keywords ``title=``, ``source=`` and ``description=``.

>>> import coursekit as ck
>>> spec = cooperation_chart(ck.grim_trigger_values(5, 3, 1, [0.0, 0.5, 0.9])).to_dict()
>>> spec["layer"][0]["mark"]["type"]
'line'
"""

from __future__ import annotations

from typing import Any

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import _show, check_scalar, check_text
from coursekit.charts._common import check_count, check_data, finish, finite_frame

__all__ = ["absorptive_chart", "cooperation_chart", "density_entry_chart", "replicator_chart",
           "technology_network_chart"]


def _columns(frame: pd.DataFrame, name: str, needed: list[str], made_by: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"'{name}' lacks column(s) {missing}; pass the output of {made_by}.")


def _node_series(values: Any, name: str, nodes: list[str]) -> pd.Series | None:
    if values is None:
        return None
    if isinstance(values, dict):
        values = pd.Series(values)
    if not isinstance(values, pd.Series):
        raise TypeError(f"'{name}' must be a Series or dict keyed by node label, got "
                        f"{type(values).__name__}.")
    missing = [n for n in nodes if n not in values.index]
    if missing:
        raise ValueError(f"'{name}' has no value for node(s) {_show(missing, 120)}.")
    return values


def technology_network_chart(
    edges: pd.DataFrame,
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
    edges : DataFrame
        Output of :func:`coursekit.proximity_network` (``source``, ``target``,
        ``proximity``, ``kind``).
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
    check_data(edges, "edges", pd.DataFrame)
    _columns(edges, "edges", ["source", "target", "proximity"], "ck.proximity_network(...)")
    finite_frame(edges, ["proximity"], "edges")
    seed = check_count(seed, "seed", 0, 2**31 - 1)
    height = check_count(height, "height", 100)
    graph = nx.Graph()
    for s, t, w in zip(edges["source"], edges["target"], edges["proximity"], strict=True):
        graph.add_edge(str(s), str(t), weight=float(w))
    nodes = sorted(graph.nodes)
    groups = _node_series(groups, "groups", nodes)
    highlight = _node_series(highlight, "highlight", nodes)
    labels = _node_series(labels, "labels", nodes)
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
                      alt.Legend(orient="bottom", columns=2))
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
    _columns(by_bin, "by_bin", needed, "ck.relatedness_entry(...).by_bin")
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
        strokeDash=[4, 4], color="black").encode(y="rate:Q")
    rates = ", ".join(f"{r:.0%}" for r in data["entry_rate"])
    default = (f"Bar chart of the share of absent fields that were entered, by quantile of "
               f"relatedness density from lowest to highest: {rates}; dashed line: overall "
               f"rate {overall:.0%}.")
    return finish(alt.layer(bars, rule), title=title, source=source, description=description,
                  default_description=default, width="container", height=260)


_ABSORPTIVE_Y = {"gamma": "Absorptive capacity γ", "stock": "Knowledge stock z",
                 "marginal_rd": "Marginal product of own R&D ∂z/∂M",
                 "marginal_spillover": "∂z/∂θ", "cross_spillover": "∂²z/∂M∂θ"}


_ABSORPTIVE_TITLE = {"gamma": "Absorptive capacity and own R&D",
                     "stock": "Knowledge stock and own R&D",
                     "marginal_rd": "The return to own R&D",
                     "marginal_spillover": "The value of spillovers",
                     "cross_spillover": "Spillovers and the return to R&D"}


def absorptive_chart(
    statics: pd.DataFrame,
    *,
    y: str = "gamma",
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
) -> alt.Chart:
    """One line per difficulty of learning β: a quantity of the model against own R&D.

    Parameters
    ----------
    statics : DataFrame
        Output of :func:`coursekit.absorptive_statics`.
    y : str
        Column to plot: ``"gamma"``, ``"stock"``, ``"marginal_rd"``,
        ``"marginal_spillover"`` or ``"cross_spillover"``.
    title, source, description : str
        Chart title (default from ``y``), a source line and screen-reader text.

    Returns
    -------
    altair.Chart

    References
    ----------
    Cohen, W. M. & Levinthal, D. A. (1990). Absorptive capacity: a new perspective on
    learning and innovation. *Administrative Science Quarterly*, 35(1), 128–152.
    """
    check_data(statics, "statics", pd.DataFrame)
    y = check_text(y, "y", list(_ABSORPTIVE_Y))
    _columns(statics, "statics", ["own_rd", "beta", y], "ck.absorptive_statics(...)")
    finite_frame(statics, ["own_rd", "beta", y], "statics")
    data = statics[["own_rd", "beta", y]].astype(float).copy()
    data["learning"] = "β = " + data["beta"].map("{:g}".format)
    betas = ", ".join(f"{b:g}" for b in sorted(data["beta"].unique()))
    label = _ABSORPTIVE_Y[y]
    default = (f"Line chart of {label} against the firm's own R&D, one line per difficulty of "
               f"learning β ({betas}); Cohen and Levinthal's knowledge-stock model with the "
               f"course's functional form for absorptive capacity.")
    chart = alt.Chart(data).mark_line().encode(
        x=alt.X("own_rd:Q", title="Own R&D M"),
        y=alt.Y(f"{y}:Q", title=label),
        color=alt.Color("learning:N", title="Difficulty of learning", sort=None),
        tooltip=[alt.Tooltip("own_rd:Q", format=".2f"), alt.Tooltip(f"{y}:Q", format=".3f"),
                 alt.Tooltip("learning:N")])
    if title is None:
        title = _ABSORPTIVE_TITLE[y]
    return finish(chart, title=title, source=source,
                  description=description, default_description=default, width="container",
                  height=260)


def cooperation_chart(
    values: pd.DataFrame,
    *,
    title: str = "When co-operation pays: grim trigger",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Average payoffs of co-operating and of defecting against the discount factor.

    Parameters
    ----------
    values : DataFrame
        Output of :func:`coursekit.grim_trigger_values` (its ``attrs["threshold"]``
        is drawn as a vertical rule when present).
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.
    """
    check_data(values, "values", pd.DataFrame)
    _columns(values, "values", ["delta", "cooperate", "deviate"], "ck.grim_trigger_values(...)")
    finite_frame(values, ["delta", "cooperate", "deviate"], "values")
    long = values[["delta", "cooperate", "deviate"]].melt(
        "delta", var_name="strategy", value_name="payoff")
    long["strategy"] = long["strategy"].map({"cooperate": "co-operate for ever",
                                             "deviate": "defect now, punished after"})
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("delta:Q", title="Discount factor δ (chance of meeting again)",
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("payoff:Q", title="Average payoff per round"),
        color=alt.Color("strategy:N", title=None, sort=None),
        tooltip=[alt.Tooltip("delta:Q", format=".2f"), alt.Tooltip("payoff:Q", format=".3f"),
                 "strategy:N"])
    threshold = values.attrs.get("threshold")
    layers: list[Any] = [lines]
    text = ""
    if threshold is not None:
        threshold = check_scalar(threshold, "values.attrs['threshold']", low=0.0, high=1.0)
        layers.append(alt.Chart(pd.DataFrame({"delta": [threshold]})).mark_rule(
            strokeDash=[4, 4], color="black").encode(x="delta:Q"))
        text = f" They cross at δ* = {threshold:.2f}: above it co-operation is sustainable."
    default = ("Line chart of the average payoff per round of co-operating for ever and of "
               "defecting now and being punished for ever after, against the discount factor."
               + text)
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width="container", height=260)


def replicator_chart(
    paths: pd.DataFrame,
    *,
    title: str = "Replicator dynamics",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Share of the first strategy over time, one line per start, with the rest point.

    Parameters
    ----------
    paths : DataFrame
        Output of :func:`coursekit.replicator_path` (``x0``, ``t``, ``share``); its
        ``attrs["rest_point"]`` is drawn as a dashed line when it lies in (0, 1).
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Knight, V. & Campbell, J. (2018). Nashpy: a Python library for the computation of
    Nash equilibria. *Journal of Open Source Software*, 3(30), 904.
    """
    check_data(paths, "paths", pd.DataFrame)
    _columns(paths, "paths", ["x0", "t", "share"], "ck.replicator_path(...)")
    finite_frame(paths, ["x0", "t", "share"], "paths")
    data = paths[["x0", "t", "share"]].astype(float).copy()
    if (data["share"] < 0).any() or (data["share"] > 1).any():
        raise ValueError("'paths' shares must lie in [0, 1]; pass ck.replicator_path(...).")
    data["start"] = "x₀ = " + data["x0"].map("{:.2f}".format)
    name = str(paths.attrs.get("strategy", "strategy 1"))
    lines = alt.Chart(data).mark_line().encode(
        x=alt.X("t:Q", title="time"),
        y=alt.Y("share:Q", title=f"Share playing {name}", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("start:N", title="Start", sort=None, legend=alt.Legend(columns=3)),
        tooltip=[alt.Tooltip("t:Q", format=".1f"), alt.Tooltip("share:Q", format=".3f"),
                 "start:N"])
    layers: list[Any] = [lines]
    rest = paths.attrs.get("rest_point")
    extra = ""
    if isinstance(rest, (int, float)) and np.isfinite(rest) and 0 < rest < 1:
        layers.append(alt.Chart(pd.DataFrame({"share": [float(rest)]})).mark_rule(
            strokeDash=[4, 4], color="black").encode(y="share:Q"))
        extra = f" Dashed line: the interior rest point {rest:.2f}."
    ends = data.groupby("start", sort=False)["share"].last()
    default = (f"Line chart of the share of the population playing {name} over time, from "
               + ", ".join(f"{k} (ends at {v:.2f})" for k, v in ends.items()) + "." + extra)
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width="container", height=260)

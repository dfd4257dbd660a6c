"""Geometry for the network and diagram charts: layouts, edge segments, arrow heads."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_columns

__all__: list[str] = []  # private helpers


def square_domains(x: np.ndarray, y: np.ndarray, pad: float = 0.12) -> tuple[list, list]:
    """Equal spans on both axes (one unit is as long across as up), with a margin."""
    span = max(np.ptp(x), np.ptp(y), 1e-12) * (1 + 2 * pad)
    cx, cy = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    return [cx - span / 2, cx + span / 2], [cy - span / 2, cy + span / 2]


def graph_frames(graph: Any, groups: Any, sizes: Any, labels: Any,
                 seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables of a graph laid out by a seeded spring layout."""
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"'graph' must be a networkx graph (e.g. ck.io_network(A)), got "
                        f"{type(graph).__name__}.")
    if graph.number_of_nodes() == 0:
        raise ValueError("'graph' has no nodes; nothing to draw.")
    if graph.number_of_nodes() > 2_000:
        raise ValueError(f"'graph' has {graph.number_of_nodes():,} nodes; a chart can show at "
                         f"most 2,000.")
    nodes = list(graph.nodes())
    undirected = nx.Graph()
    undirected.add_nodes_from(nodes)
    for u, v, w in graph.edges(data="weight", default=1.0):
        if u != v:
            old = undirected.get_edge_data(u, v, {"weight": 0.0})["weight"]
            undirected.add_edge(u, v, weight=old + float(w))
    pos = nx.spring_layout(undirected, weight="weight", seed=seed)
    frame = pd.DataFrame({"node": nodes, "label": [str(n) for n in nodes],
                          "x": [float(pos[n][0]) for n in nodes],
                          "y": [float(pos[n][1]) for n in nodes]})
    for values, name in ((groups, "groups"), (sizes, "sizes"), (labels, "labels")):
        if values is None:
            continue
        if not isinstance(values, pd.Series):
            raise TypeError(f"'{name}' must be a Series indexed by the graph's nodes, got "
                            f"{type(values).__name__}.")
        missing = [n for n in nodes if n not in values.index]
        if missing:
            raise ValueError(f"'{name}' has no value for the node(s) {_show(missing[:5])}; "
                             f"index it by the graph's nodes.")
        column = values.loc[nodes]
        if name == "sizes":
            size = as_float_array(column, "sizes")
            if (size < 0).any():
                raise ValueError("'sizes' must be >= 0 (they set the area of the dots).")
            frame["size"] = size
        elif name == "groups":
            frame["group"] = column.astype(str).to_numpy()
            try:  # legend in the groups' own order (0, 1, 2, ... not "0", "1", "10")
                ordered = sorted(pd.unique(column))
            except TypeError:
                ordered = list(pd.unique(column))
            frame.attrs["group_order"] = [str(g) for g in ordered]
        else:
            frame["label"] = column.astype(str).to_numpy()
    where = dict(zip(nodes, range(len(nodes)), strict=True))
    rows = [(where[u], where[v], float(w)) for u, v, w in graph.edges(data="weight", default=1.0)
            if u != v]
    k = np.array([r[:2] for r in rows], dtype=int).reshape(-1, 2)
    edges = pd.DataFrame({
        "source": frame["label"].to_numpy()[k[:, 0]], "target": frame["label"].to_numpy()[k[:, 1]],
        "x": frame["x"].to_numpy()[k[:, 0]], "y": frame["y"].to_numpy()[k[:, 0]],
        "x2": frame["x"].to_numpy()[k[:, 1]], "y2": frame["y"].to_numpy()[k[:, 1]],
        "weight": [r[2] for r in rows]})
    return frame, edges


def check_diagram(nodes: pd.DataFrame, edges: Any, box: Any) -> tuple[float, float]:
    """Columns, unique node names, known edge ends and a positive box size (returned)."""
    check_columns(nodes, "nodes", ["node", "label", "x", "y"])
    check_columns(edges, "edges", ["source", "target"])
    dup = nodes["node"][nodes["node"].duplicated()]
    if len(dup):
        raise ValueError(f"'nodes' has duplicate names {_show(list(dup))}.")
    unknown = sorted(set(edges["source"]).union(edges["target"]) - set(nodes["node"]), key=str)
    if unknown:
        raise ValueError(f"'edges' names node(s) {_show(unknown[:5])} that are not in 'nodes'.")
    if isinstance(box, str) or not isinstance(box, Sequence) or len(box) != 2:
        raise TypeError(f"'box' must be a pair (width, height), got {_show(box)}.")
    width, height = (float(v) for v in as_float_array(list(box), "box"))
    if min(width, height) <= 0:
        raise ValueError(f"'box' sizes must be > 0, got {_show(box)}.")
    return width, height


def diagram_frames(nodes: pd.DataFrame, edges: pd.DataFrame, box: tuple[float, float],
                   width: int, height: int) -> tuple[pd.DataFrame, pd.DataFrame, list, list]:
    """Boxes, edge segments ending at the target's box, and arrow-head angles on screen."""
    half_w, half_h = box[0] / 2, box[1] / 2
    x = as_float_array(nodes["x"], "nodes['x']")
    y = as_float_array(nodes["y"], "nodes['y']")
    boxes = nodes.assign(x=x, y=y, x0=x - half_w, x1=x + half_w, y0=y - half_h, y1=y + half_h)
    xdom = [float(boxes["x0"].min()) - 0.02, float(boxes["x1"].max()) + 0.02]
    ydom = [float(boxes["y0"].min()) - 0.02, float(boxes["y1"].max()) + 0.02]
    sx, sy = width / (xdom[1] - xdom[0]), height / (ydom[1] - ydom[0])
    at = boxes.set_index("node")[["x", "y"]]
    segs = []
    for row in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = at.loc[row.source], at.loc[row.target]
        dx, dy = x1 - x0, y1 - y0
        # leave the source box and stop at the target box
        t_out = min(half_w / abs(dx) if dx else np.inf, half_h / abs(dy) if dy else np.inf)
        t_in = 1 - t_out
        sx0, sy0 = x0 + t_out * dx, y0 + t_out * dy
        ex, ey = x0 + t_in * dx, y0 + t_in * dy
        angle = 90.0 - np.degrees(np.arctan2(dy * sy, dx * sx))  # clockwise from up, on screen
        segs.append({"source": row.source, "target": row.target,
                     "label": getattr(row, "label", ""), "x": sx0, "y": sy0, "x2": ex,
                     "y2": ey, "mx": (sx0 + ex) / 2, "my": (sy0 + ey) / 2,
                     "angle": float(angle % 360)})
    return boxes, pd.DataFrame(segs), xdom, ydom


def place_labels(data: pd.DataFrame, xdom: list, size: int) -> pd.DataFrame:
    """Point labels wrapped to 16 characters a line, each on the side of its point with room.

    A label goes right of its point unless it would run past the plot's right edge and there
    is more room on the left (estimated at 6.2 px a character of the 11 px label font, on a
    plot about ``size - 45`` px wide: the y axis takes the rest). Adds a ``side`` column.

    >>> d = pd.DataFrame({"x": [0.0, 0.95], "text": ["a", "Trade, transport & hospitality"]})
    >>> out = place_labels(d, [0.0, 1.0], 320)
    >>> out["side"].tolist(), out["text"][1]
    (['right', 'left'], 'Trade, transport\\n& hospitality')
    """
    out = data.copy()
    out["text"] = [textwrap.fill(t, 16) for t in out["text"]]
    longest = out["text"].map(lambda t: max((len(x) for x in t.split("\n")), default=0))
    plot_px = max(size - 45, 1)
    pos = (out["x"] - xdom[0]) / (xdom[1] - xdom[0]) * plot_px
    room_right = plot_px - pos - 6 - 6.2 * longest
    out["side"] = np.where((room_right < 0) & (pos > plot_px - pos), "left", "right")
    return out

"""Diagrams of ideas rather than data: the timeline of the literature and concept maps."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._validation import (
    check_columns,
    check_scalar,
)
from coursekit.charts._common import (
    NO_AXIS,
    check_count,
    check_data,
    finish,
)

__all__ = ["timeline_chart", "concept_map_chart"]


@renamed_keywords(start_year="start")
def timeline_chart(
    references: pd.DataFrame,
    *,
    start: int = 1900,
    title: str = "The works this course covers",
    source: str | None = None,
    description: str | None = None,
) -> alt.Chart:
    """Strip plot of works by year, coloured by the wave of cluster theory.

    Parameters
    ----------
    references : DataFrame
        Output of :func:`coursekit.load_references` (columns ``key``, ``year``,
        ``authors``, ``title``, ``wave``).
    start : int, default 1900
        Works before this year are left out (the classics stay in the bibliography);
        ``start_year`` is its deprecated keyword name.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.Chart

    Examples
    --------
    >>> refs = pd.DataFrame({"key": ["a"], "year": [1991], "authors": ["Krugman"],
    ...                      "title": ["Geography and Trade"],
    ...                      "wave": ["New economic geography, competitiveness and innovation"]})
    >>> timeline_chart(refs).to_dict()["mark"]["type"]
    'circle'
    """
    check_columns(references, "references", ["key", "year", "authors", "title", "wave"])
    start = int(check_scalar(start, "start", integer=True))
    data = references[references["year"] >= start].copy()
    if data.empty:
        raise ValueError(
            f"No references from {start} on; lower 'start' (got {start})."
        )
    data["label"] = data["authors"] + " (" + data["year"].astype(str) + ")"
    # Works of the same year are stacked, so the chart is identical on every build.
    data["stack"] = data.groupby("year").cumcount() + 1
    waves = list(dict.fromkeys(data.sort_values("year")["wave"]))
    n = len(data)
    first, last = int(data["year"].min()), int(data["year"].max())
    default = (
        f"Timeline of the {n} works in the course bibliography from {first} to {last}, "
        f"coloured by wave of cluster theory: " + "; ".join(waves) + "."
    )
    chart = alt.Chart(data).mark_circle(size=90, opacity=0.8).encode(
        x=alt.X("year:Q", title="Year of publication", scale=alt.Scale(zero=False),
                axis=alt.Axis(format="d", tickMinStep=10)),
        y=alt.Y("stack:Q", title="Works that year", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("wave:N", title="Wave", sort=waves, legend=alt.Legend(
            orient="bottom", direction="vertical", labelLimit=0,
            # Long wave names break into lines of at most 34 characters, so that every
            # label is read whole on a phone (a label of one line would be cut with "…").
            labelExpr=_wrap_expr(waves, 34))),
        tooltip=[alt.Tooltip("label:N", title="Work"), alt.Tooltip("title:N", title="Title")],
    )
    return finish(chart, title=title, subtitle="One dot per work, stacked by year; hover for details",
                  source=source, description=description, default_description=default,
                  width="container", height=160)


def _wrap_expr(labels: list[str], width: int) -> str:
    """A Vega expression giving each label as lines of at most ``width`` characters.

    >>> _wrap_expr(["short", "a longer label here"], 10)
    "({'short': ['short'], 'a longer label here': ['a longer', 'label here']})[datum.label] || datum.label"
    """
    import textwrap

    def quote(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    pairs = ", ".join(f"{quote(label)}: [{', '.join(quote(line) for line in textwrap.wrap(label, width))}]"
                      for label in labels)
    return f"({{{pairs}}})[datum.label] || datum.label"


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
    from coursekit.charts._geometry import check_diagram, diagram_frames

    check_data(nodes, "nodes", pd.DataFrame)
    box_wh = check_diagram(nodes, edges, box)
    width, height = check_count(width, "width", 100, 3_000), check_count(height, "height", 100, 3_000)
    boxes, segs, xdom, ydom = diagram_frames(nodes, edges, box_wh, width, height)
    boxes["text"] = boxes["label"].astype(str)
    has_group = "group" in boxes
    if "detail" not in boxes:
        boxes["detail"] = boxes["text"].str.replace("\n", " ")
    enc = {"x": alt.X("x:Q", axis=NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
           "y": alt.Y("y:Q", axis=NO_AXIS, scale=alt.Scale(domain=ydom, nice=False))}
    rects = alt.Chart(boxes).mark_rect(cornerRadius=6, opacity=0.25, stroke="#333333",
                                       strokeOpacity=0.8).encode(
        x=alt.X("x0:Q", axis=NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)), x2="x1:Q",
        y=alt.Y("y0:Q", axis=NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)), y2="y1:Q",
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
            x=alt.X("x2:Q", axis=NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
            y=alt.Y("y2:Q", axis=NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)),
            angle=alt.Angle("angle:Q", scale=None)))
        layers.append(alt.Chart(segs).mark_circle(size=120, opacity=0).encode(
            x=alt.X("mx:Q", axis=NO_AXIS, scale=alt.Scale(domain=xdom, nice=False)),
            y=alt.Y("my:Q", axis=NO_AXIS, scale=alt.Scale(domain=ydom, nice=False)),
            tooltip=[alt.Tooltip("source:N", title="From"), alt.Tooltip("target:N", title="To"),
                     alt.Tooltip("label:N", title="How")]))
    flat = boxes["text"].str.replace("\n", " ")
    links = [f"{a} to {b}" for a, b in zip(segs.get("source", []), segs.get("target", []),
                                          strict=True)]
    default = (f"Diagram of {len(boxes)} boxes ({'; '.join(flat)}) joined by {len(links)} "
               f"arrows" + (f": {'; '.join(links)}." if links else "."))
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width=width, height=height)

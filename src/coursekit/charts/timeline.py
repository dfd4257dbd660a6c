"""Timeline of the works the course covers (drawn from ``references.bib``)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from coursekit._validation import check_columns, check_scalar
from coursekit.charts._common import finish

__all__ = ["timeline_chart"]


def timeline_chart(
    references: pd.DataFrame,
    *,
    start_year: int = 1900,
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
    start_year : int, default 1900
        Works before this year are left out (the classics stay in the bibliography).
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
    start_year = int(check_scalar(start_year, "start_year", integer=True))
    data = references[references["year"] >= start_year].copy()
    if data.empty:
        raise ValueError(
            f"No references from {start_year} on; lower 'start_year' (got {start_year})."
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
        color=alt.Color("wave:N", title="Wave", sort=waves,
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("label:N", title="Work"), alt.Tooltip("title:N", title="Title")],
    )
    return finish(chart, title=title, subtitle="One dot per work, stacked by year; hover for details",
                  source=source, description=description, default_description=default,
                  width="container", height=160)

"""Charts of the models of innovation and co-operation: absorptive capacity, games.

Each helper takes the frame a :mod:`coursekit.models` function returns
(:func:`coursekit.absorptive_statics`, :func:`coursekit.grim_trigger_values`,
:func:`coursekit.replicator_path`) and returns a chart in the course theme.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import check_scalar, check_text
from coursekit.charts._common import (
    check_data,
    finish,
    finite_frame,
    require_columns,
)

__all__ = ["absorptive_chart", "cooperation_chart", "replicator_chart"]


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
    require_columns(statics, "statics", ["own_rd", "beta", y], "ck.absorptive_statics(...)")
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
    require_columns(values, "values", ["delta", "cooperate", "deviate"], "ck.grim_trigger_values(...)")
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
            style="reference").encode(x="delta:Q"))
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
    require_columns(paths, "paths", ["x0", "t", "share"], "ck.replicator_path(...)")
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
            style="reference").encode(y="share:Q"))
        extra = f" Dashed line: the interior rest point {rest:.2f}."
    ends = data.groupby("start", sort=False)["share"].last()
    default = (f"Line chart of the share of the population playing {name} over time, from "
               + ", ".join(f"{k} (ends at {v:.2f})" for k, v in ends.items()) + "." + extra)
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=default, width="container", height=260)

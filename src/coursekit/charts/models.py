"""Charts of the geography models: core–periphery (wiggle, tomahawk, adjustment) and growth.

Every helper takes a model (:class:`coursekit.CorePeriphery` or
:class:`coursekit.GrowthAgglomeration`), computes what it draws from the model's
own methods and returns a chart in the course theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_bounded_array, check_scalar
from coursekit.charts._common import (
    check_count,
    check_data,
    finish,
)
from coursekit.charts.theme import EVENT_LABEL_SIZE
from coursekit.models.coreperiphery import BlackHoleError, CorePeriphery
from coursekit.models.growth import GrowthAgglomeration

__all__ = ["wiggle_chart", "wiggle_slider_chart", "tomahawk_chart", "adjustment_chart", "growth_rate_chart", "take_off_chart"]


_LAM_AXIS = alt.Axis(title="λ (region 1's share of manufacturing workers)", format=".1f")


_GAP_AXIS = alt.Axis(title="ω₁ − ω₂ (real-wage gap)", format=".3f")


def _check_model(model: CorePeriphery) -> None:
    if not isinstance(model, CorePeriphery):
        raise TypeError(f"'model' must be a coursekit.CorePeriphery, got {type(model).__name__}.")


def _T_values(values: Sequence[float], name: str, model: CorePeriphery) -> np.ndarray:
    T = np.atleast_1d(as_float_array(values, name)).ravel()
    if T.size == 0:
        raise ValueError(f"'{name}' is empty; pass at least one transport cost T >= 1.")
    if T.size > 2_000:
        raise ValueError(f"'{name}' has {T.size} values; a chart needs at most 2,000.")
    if (T < 1).any() or (T > model.T_max).any():
        bad = T[(T < 1) | (T > model.T_max)][0]
        raise ValueError(f"'{name}' must hold transport costs in [1, {model.T_max:.3g}] "
                         f"(T = 1 is free trade), got {bad:g}.")
    return T


def _subtitle(model: CorePeriphery) -> str:
    return f"σ = {model.sigma:g}, μ = {model.mu:g}"


def _zero_rule() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(style="reference").encode(y="y:Q")


def wiggle_chart(
    model: CorePeriphery,
    T_values: Sequence[float] = (1.5, 1.7, 2.0),
    *,
    n_lam: int = 101,
    title: str = "The wiggle diagram: real-wage gap against λ",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Real-wage gap ω₁ − ω₂ against λ, one line per transport cost T.

    Where a line slopes upward through zero the equilibrium is unstable (a
    small move of workers raises the gap and attracts more).

    >>> from coursekit import CorePeriphery
    >>> spec = wiggle_chart(CorePeriphery(5, 0.4), [1.5, 2.0], n_lam=11).to_dict()
    >>> spec["title"]["text"], spec["width"]
    ('The wiggle diagram: real-wage gap against λ', 'container')
    """
    _check_model(model)
    T = _T_values(T_values, "T_values", model)
    lam = np.linspace(0.0, 1.0, check_count(n_lam, "n_lam", 3, high=2_000))
    gap = model.real_wage_gap(lam[:, None], T[None, :])
    data = pd.DataFrame({
        "lam": np.repeat(lam, T.size),
        "gap": gap.ravel(),
        "T": np.tile(T, lam.size),
    })
    data["label"] = "T = " + data["T"].map("{:.2f}".format)
    lines = alt.Chart(data).mark_line(strokeWidth=2.5).encode(
        x=alt.X("lam:Q", axis=_LAM_AXIS),
        y=alt.Y("gap:Q", axis=_GAP_AXIS),
        color=alt.Color("label:N", title="Transport cost", sort=None),
        strokeDash=alt.StrokeDash("label:N", title="Transport cost", sort=None),
        tooltip=[alt.Tooltip("T:Q", format=".2f"), alt.Tooltip("lam:Q", format=".2f"),
                 alt.Tooltip("gap:Q", format=".4f")],
    )
    desc = (
        f"Line chart of the real-wage gap between region 1 and region 2 against region 1's "
        f"share of manufacturing workers, for sigma={model.sigma:g}, mu={model.mu:g} and "
        f"transport costs {', '.join(f'{t:.2f}' for t in T)}. Every curve passes through zero "
        f"at one half; where it slopes upward there, workers are drawn into the larger region."
    )
    return finish(alt.layer(_zero_rule(), lines), title=title, subtitle=_subtitle(model),
                  source=source, description=description, default_description=desc,
                  width="container", height=300)


def wiggle_slider_chart(
    model: CorePeriphery,
    T_min: float = 1.3,
    T_max: float = 2.2,
    n_T: int = 19,
    *,
    n_lam: int = 51,
    T_init: float | None = None,
    title: str = "Move the slider: the wiggle diagram as T changes",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Interactive wiggle diagram: a slider picks T and the curve redraws.

    The gap is precomputed on ``n_T`` values of T times ``n_lam`` values of λ;
    an Altair parameter bound to a range input (``alt.binding_range``) filters
    the data, so the chart works in a static HTML page with no kernel.  The
    y axis is fixed so that the curve's movement is visible.

    >>> from coursekit import CorePeriphery
    >>> spec = wiggle_slider_chart(CorePeriphery(5, 0.4), n_T=5, n_lam=11).to_dict()
    >>> spec["params"][0]["bind"]["input"]
    'range'
    """
    _check_model(model)
    T_min = check_scalar(T_min, "T_min", low=1.0, high=model.T_max)
    T_max = check_scalar(T_max, "T_max", low=1.0, high=model.T_max)
    if not T_min < T_max:
        raise ValueError(f"'T_min' must be below 'T_max', got T_min={T_min:g}, T_max={T_max:g}.")
    n_T = check_count(n_T, "n_T", 2, high=500)
    T = np.round(np.linspace(T_min, T_max, n_T), 4)
    step = float(np.round(T[1] - T[0], 4))
    if step <= 0:
        raise ValueError(f"'T_min' and 'T_max' are too close for {n_T} slider steps "
                         f"(rounded to 4 decimals); widen the range or lower 'n_T'.")
    if T_init is not None:
        T_init = check_scalar(T_init, "T_init", low=T_min, high=T_max)
    lam = np.linspace(0.0, 1.0, check_count(n_lam, "n_lam", 3, high=2_000))
    gap = model.real_wage_gap(lam[:, None], T[None, :])
    data = pd.DataFrame({"lam": np.repeat(lam, T.size), "gap": gap.ravel(),
                         "T": np.tile(T, lam.size)})
    init = float(T[np.argmin(np.abs(T - (T_init if T_init is not None else T[T.size // 2])))])
    slider = alt.binding_range(min=float(T[0]), max=float(T[-1]), step=step,
                               name="Transport cost T ")
    t_param = alt.param(name="T_sel", value=init, bind=slider)
    lim = float(np.max(np.abs(gap))) * 1.05 or 1.0
    line = alt.Chart(data).mark_line(strokeWidth=3).encode(
        x=alt.X("lam:Q", axis=_LAM_AXIS),
        y=alt.Y("gap:Q", axis=_GAP_AXIS, scale=alt.Scale(domain=[-lim, lim])),
        tooltip=[alt.Tooltip("lam:Q", format=".2f"), alt.Tooltip("gap:Q", format=".4f")],
    ).transform_filter(f"abs(datum.T - T_sel) < {step / 2}")
    desc = (
        f"Interactive line chart of the real-wage gap against region 1's share of manufacturing "
        f"workers for sigma={model.sigma:g}, mu={model.mu:g}. A slider sets the transport cost "
        f"T between {T[0]:.2f} and {T[-1]:.2f}; at low T the curve slopes upward through "
        f"one half (agglomeration), at high T downward (dispersion)."
    )
    return finish(alt.layer(_zero_rule(), line).add_params(t_param), title=title,
                  subtitle=_subtitle(model), source=source, description=description,
                  default_description=desc, width="container", height=300)


def tomahawk_chart(
    model: CorePeriphery,
    T_values: Sequence[float] | None = None,
    *,
    n_lam: int = 101,
    title: str = "The tomahawk diagram",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Tomahawk diagram: long-run equilibria of λ against T, stable solid, unstable open.

    The break point :math:`T_B` and sustain point :math:`T_S` are drawn as
    labelled vertical rules (omitted, and said so in the description, when
    the no-black-hole condition fails).

    >>> from coursekit import CorePeriphery
    >>> spec = tomahawk_chart(CorePeriphery(5, 0.4), [1.4, 1.7, 2.0]).to_dict()
    >>> len(spec["layer"]), spec["width"]
    (3, 'container')
    """
    _check_model(model)
    T = np.linspace(1.05, 2.5, 150) if T_values is None else _T_values(T_values, "T_values", model)
    df = model.tomahawk(T, n_lam=n_lam)
    df["Equilibrium"] = np.where(df["stable"], "stable", "unstable")
    points = alt.Chart(df).mark_point(size=18, filled=True).encode(
        x=alt.X("T:Q", title="Transport cost T", scale=alt.Scale(zero=False)),
        y=alt.Y("lam:Q", title="λ (region 1's share of manufacturing)"),
        color=alt.Color("Equilibrium:N", scale=alt.Scale(domain=["stable", "unstable"])),
        shape=alt.Shape("Equilibrium:N", scale=alt.Scale(domain=["stable", "unstable"],
                                                         range=["circle", "cross"])),
        tooltip=[alt.Tooltip("T:Q", format=".3f"), alt.Tooltip("lam:Q", format=".3f"),
                 "Equilibrium:N"],
    )
    try:
        tb, ts = model.break_point(), model.sustain_point()
        marks = pd.DataFrame({"T": [tb, ts], "ypix": [12, 28],
                              "label": [f"break point T_B = {tb:.3f}", f"sustain point T_S = {ts:.3f}"]})
        extra = (f" The break point T_B = {tb:.3f} (symmetric equilibrium unstable below it) and the "
                 f"sustain point T_S = {ts:.3f} (full agglomeration sustainable below it) are "
                 f"marked by vertical lines.")
    except BlackHoleError:
        marks = pd.DataFrame({"T": [], "ypix": [], "label": []})
        extra = (" The no-black-hole condition fails, so there is no break or sustain point: "
                 "full agglomeration is stable at every T.")
    rules = alt.Chart(marks).mark_rule(style="event").encode(x="T:Q")
    labels = alt.Chart(marks).mark_text(style="event-label", fontSize=EVENT_LABEL_SIZE).encode(
        x="T:Q", y=alt.Y("ypix:Q", scale=None), text="label:N"
    )
    desc = (f"Tomahawk diagram for sigma={model.sigma:g}, mu={model.mu:g}: long-run equilibrium "
            f"shares of manufacturing in region 1 against transport cost T, stable ones as "
            f"filled circles, unstable ones as crosses." + extra)
    # no empty layers in the black-hole case: an empty mark group has no accessible name
    layers = [points, rules, labels] if len(marks) else [points]
    return finish(alt.layer(*layers), title=title, subtitle=_subtitle(model), source=source,
                  description=description, default_description=desc, width="container",
                  height=320)


def adjustment_chart(
    paths: pd.DataFrame,
    *,
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
) -> alt.Chart:
    """Paths λ(t) of the adjustment dynamics, one line per starting share.

    Parameters
    ----------
    paths : DataFrame
        Output of :meth:`coursekit.CorePeriphery.simulate` (columns ``lam0``, ``t``,
        ``lam``); the model's parameters, which it records in ``paths.attrs``,
        label the chart.
    title, source, description : str
        Chart title (default: "Adjustment dynamics at T = ..."), a source line and
        screen-reader text.

    Returns
    -------
    altair.Chart

    Examples
    --------
    >>> from coursekit import CorePeriphery
    >>> paths = CorePeriphery(5, 0.4).simulate([0.4, 0.6], T=1.5, n_steps=20)
    >>> spec = adjustment_chart(paths).to_dict()
    >>> spec["mark"]["type"], spec["title"]["text"]
    ('line', 'Adjustment dynamics at T = 1.5')
    """
    check_data(paths, "paths", pd.DataFrame)
    missing = {"lam0", "t", "lam"} - set(paths.columns)
    if missing:
        raise ValueError(f"'paths' lacks column(s) {sorted(missing)}; pass the output of "
                         f"CorePeriphery.simulate(...).")
    data = paths[["lam0", "t", "lam"]].copy()
    for col in ("lam0", "t", "lam"):
        as_float_array(data[col], f"paths[{col!r}]")
    data["start"] = "λ₀ = " + data["lam0"].map("{:.2f}".format)
    p = paths.attrs
    starts = ", ".join(f"{x:.2f}" for x in sorted(data["lam0"].unique()))
    params = ", ".join(f"{k}={p[k]:g}" for k in ("sigma", "mu", "T", "gamma") if k in p)
    desc = (f"Line chart of region 1's manufacturing share over time under the adjustment "
            f"dynamics{' (' + params + ')' if params else ''}, from starting shares {starts}.")
    if title is None:
        title = f"Adjustment dynamics at T = {p['T']:g}" if "T" in p else "Adjustment dynamics"
    sub = "dλ/dt = γ(ω₁ − ω̄)λ" + (f", γ = {p['gamma']:g}" if "gamma" in p else "")
    chart = alt.Chart(data).mark_line(strokeWidth=2).encode(
        x=alt.X("t:Q", title="time t"),
        y=alt.Y("lam:Q", title="λ(t)", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("start:N", title="Start", sort=None, legend=alt.Legend(columns=3)),
        tooltip=[alt.Tooltip("t:Q", format=".1f"), alt.Tooltip("lam:Q", format=".3f"), "start:N"],
    )
    return finish(chart, title=title, subtitle=sub, source=source, description=description,
                  default_description=desc, width="container", height=280)


def _check_growth(model: Any) -> GrowthAgglomeration:
    if not isinstance(model, GrowthAgglomeration):
        raise TypeError(f"'model' must be a coursekit.GrowthAgglomeration, got "
                        f"{type(model).__name__}.")
    return model


def _growth_subtitle(m: GrowthAgglomeration) -> str:
    return f"L = {m.L:g}, ρ = {m.rho:g}, μ = {m.mu:g}, σ = {m.sigma:g}, δ = {m.delta:g}"


def growth_rate_chart(
    model: GrowthAgglomeration,
    lam_values: Sequence[float] = (0.25, 0.5, 1.0),
    *,
    n_points: int = 101,
    title: str = "Growth and the location of industry",
    source: str | None = None,
    description: str | None = None,
) -> alt.Chart:
    """Steady-state growth against the North's share of firms, one line per λ.

    The other parameters are those of ``model``; :math:`\\lambda = 1` (global
    spillovers) gives a flat line.

    Examples
    --------
    >>> spec = growth_rate_chart(GrowthAgglomeration(), [0.5, 1.0], n_points=11).to_dict()
    >>> spec["mark"]["type"], spec["width"]
    ('line', 'container')
    """
    m = _check_growth(model)
    lams = check_bounded_array(lam_values, "lam_values", 1e-6, 1.0).ravel()
    if not 1 <= lams.size <= 10:
        raise ValueError(f"'lam_values' must hold 1 to 10 values, got {lams.size}.")
    s = np.linspace(0, 1, check_count(n_points, "n_points", 3, high=2_000))
    frames = []
    for lam in lams:
        other = GrowthAgglomeration(m.L, m.rho, m.mu, m.sigma, float(lam), m.delta)
        frames.append(pd.DataFrame({"s_K": s, "g": other.growth_rate(s), "lam": lam,
                                    "label": f"λ = {lam:g}"}))
    data = pd.concat(frames, ignore_index=True)
    chart = alt.Chart(data).mark_line(strokeWidth=2.5).encode(
        x=alt.X("s_K:Q", title="s_K (North's share of firms and capital)"),
        y=alt.Y("g:Q", title="Steady-state growth rate g", axis=alt.Axis(format=".1%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("label:N", title="Spillovers", sort=None),
        strokeDash=alt.StrokeDash("label:N", title="Spillovers", sort=None),
        tooltip=[alt.Tooltip("s_K:Q", format=".2f"), alt.Tooltip("g:Q", format=".2%"),
                 alt.Tooltip("label:N", title="λ")],
    )
    desc = (f"Line chart of the steady-state growth rate against the North's share of firms "
            f"for spillover parameters lambda = {', '.join(f'{v:g}' for v in lams)}. With "
            f"local spillovers (lambda below 1) growth is lowest when firms are evenly split "
            f"and highest when they are all in one region; with lambda = 1 it does not depend "
            f"on location.")
    return finish(chart, title=title, subtitle=_growth_subtitle(m), source=source,
                  description=description, default_description=desc, width="container",
                  height=300)


def take_off_chart(
    model: GrowthAgglomeration,
    phi_values: Sequence[float] | None = None,
    *,
    show: str = "growth",
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """The growth take-off: growth (or industry's location) as trade freeness rises.

    ``show="growth"`` draws the growth rate along the path of
    :meth:`coursekit.GrowthAgglomeration.take_off`; ``show="share"`` draws every steady state of
    the North's share (stable filled, unstable crosses), like a tomahawk diagram.  The
    break and sustain points are labelled vertical rules.

    Examples
    --------
    >>> spec = take_off_chart(GrowthAgglomeration(), [0.2, 0.253, 0.3]).to_dict()
    >>> len(spec["layer"]), spec["width"]
    (3, 'container')
    """
    m = _check_growth(model)
    if not isinstance(show, str) or show not in ("growth", "share"):
        raise ValueError(f"'show' must be 'growth' or 'share', got {_show(show)}.")
    pb, ps = m.break_point(), m.sustain_point()
    if phi_values is None:
        phi = np.unique(np.concatenate([np.linspace(0.02, 0.98, 49),
                                        np.linspace(max(pb, 1e-3), ps, 21)]))
    else:
        phi = check_bounded_array(phi_values, "phi_values", 1e-12, 1.0).ravel()
        if not 1 <= phi.size <= 2_000:
            raise ValueError(f"'phi_values' must hold 1 to 2,000 values, got {phi.size}.")
    x = alt.X("phi:Q", title="Trade freeness φ = τ^(1−σ)", scale=alt.Scale(domain=[0, 1]))
    if show == "growth":
        data = m.take_off(phi)
        main = alt.Chart(data).mark_line(point=True, strokeWidth=2).encode(
            x=x, y=alt.Y("g:Q", title="Growth rate g", axis=alt.Axis(format=".1%")),
            tooltip=[alt.Tooltip("phi:Q", format=".3f"), alt.Tooltip("s_K:Q", format=".3f"),
                     alt.Tooltip("g:Q", format=".2%"), "stage:N"])
        what = "the growth rate along the path of the economy (industry stays dispersed, " \
               "then concentrates in the North)"
    else:
        data = m.steady_states(phi)
        data["Steady state"] = np.where(data["stable"], "stable", "unstable")
        main = alt.Chart(data).mark_point(size=18, filled=True).encode(
            x=x, y=alt.Y("s_K:Q", title="s_K (North's share of firms)"),
            color=alt.Color("Steady state:N", scale=alt.Scale(domain=["stable", "unstable"])),
            shape=alt.Shape("Steady state:N", scale=alt.Scale(domain=["stable", "unstable"],
                                                              range=["circle", "cross"])),
            tooltip=[alt.Tooltip("phi:Q", format=".3f"), alt.Tooltip("s_K:Q", format=".3f"),
                     "Steady state:N"])
        what = "every steady state of the North's share of firms, stable ones filled"
    marks = pd.DataFrame({"phi": [pb, ps], "ypix": [12, 28],
                          "label": [f"break point φ_B = {pb:.3f}", f"sustain point φ_S = {ps:.3f}"]})
    rules = alt.Chart(marks).mark_rule(style="event").encode(x="phi:Q")
    # Labels sit on the side of the rule that has room, so that they never leave the plot
    # (text outside it shifts the whole chart left on a phone).
    left = marks[marks["phi"] < 0.5]
    labels = alt.layer(*[
        alt.Chart(part).mark_text(style="event-label", align=align, dx=dx,
                                  fontSize=EVENT_LABEL_SIZE).encode(
            x="phi:Q", y=alt.Y("ypix:Q", scale=None), text="label:N")
        for part, align, dx in ((left, "left", 4), (marks.drop(left.index), "right", -4))
        if len(part)])
    desc = (f"Chart against trade freeness phi of {what}, for lambda = {m.lam:g}. The break "
            f"point phi_B = {pb:.3f} and the sustain point phi_S = {ps:.3f} are marked by "
            f"vertical lines; growth is higher once industry has concentrated.")
    if title is None:
        title = "The growth take-off" if show == "growth" else "Steady states of the location of firms"
    return finish(alt.layer(main, rules, labels), title=title,
        subtitle=f"λ = {m.lam:g}; " + _growth_subtitle(m), source=source, description=description,
        default_description=desc, width="container", height=300)

"""Charts for chapter 3 (growth): convergence, dispersion, the growth models, specialisation.

- :func:`convergence_chart` — growth against initial income across regions, with the
  fitted Barro regression line;
- :func:`sigma_chart` — σ (dispersion of log income) over time, one line per panel;
- :func:`growth_rate_chart` — the steady-state growth rate against the North's share of
  firms for several degrees of spillover localisation;
- :func:`take_off_chart` — growth (or the location of industry) as trade gets freer;
- :func:`specialisation_chart` — a region's revealed specialisation (e.g. RTA) over time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_bounded_array, check_scalar
from coursekit.charts._common import check_count, check_data, finish
from coursekit.convergence import beta_convergence
from coursekit.growth import GrowthAgglomeration

__all__ = ["convergence_chart", "sigma_chart", "growth_rate_chart", "take_off_chart",
           "specialisation_chart"]


def _check_model(model: Any) -> GrowthAgglomeration:
    if not isinstance(model, GrowthAgglomeration):
        raise TypeError(f"'model' must be a coursekit.GrowthAgglomeration, got "
                        f"{type(model).__name__}.")
    return model


def _years(frame: pd.DataFrame, name: str) -> np.ndarray:
    if not pd.api.types.is_numeric_dtype(frame.index) or pd.api.types.is_bool_dtype(frame.index):
        raise TypeError(f"'{name}' must be indexed by years (numbers), got the index "
                        f"{_show(list(frame.index))}.")
    return as_float_array(pd.Series(frame.index), name)


def _subtitle(m: GrowthAgglomeration) -> str:
    return f"L = {m.L:g}, ρ = {m.rho:g}, μ = {m.mu:g}, σ = {m.sigma:g}, δ = {m.delta:g}"


def convergence_chart(
    incomes: pd.DataFrame,
    start: float,
    end: float,
    *,
    groups: pd.Series | None = None,
    title: str | None = None,
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Scatter of mean annual growth against initial income, with the fitted Barro line.

    Initial income is on a log axis, so the regression of
    :func:`coursekit.beta_convergence` is a straight line.

    Parameters
    ----------
    incomes : DataFrame
        Regions × years income levels (see :func:`coursekit.beta_convergence`).
    start, end : int or float
        The two years compared.
    groups : Series, optional
        Region -> group label, used for the colours (e.g. BEA region, East/West).
    title, source, description : str
        Chart title, a source line shown under it, and screen-reader text.

    Returns
    -------
    altair.LayerChart

    References
    ----------
    Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *JPE* 100(2), 223–251.

    Examples
    --------
    >>> y = pd.DataFrame({2000: [1.0, 2.0, 4.0], 2010: [2.0, 3.0, 5.0]}, index=list("abc"))
    >>> spec = convergence_chart(y, 2000, 2010).to_dict()
    >>> len(spec["layer"]), spec["width"]
    (2, 'container')
    """
    res = beta_convergence(incomes, start, end)
    data = pd.DataFrame({
        "region": incomes.index.astype(str),
        "initial": incomes[start].to_numpy(dtype=float),
        "growth": np.log(incomes[end].to_numpy(dtype=float) / incomes[start].to_numpy(
            dtype=float)) / res.years,
    })
    if groups is not None:
        if not isinstance(groups, pd.Series):
            raise TypeError(f"'groups' must be a pandas Series region -> group, got "
                            f"{type(groups).__name__}.")
        missing = [r for r in incomes.index if r not in groups.index]
        if missing:
            raise ValueError(f"'groups' has no group for regions {_show(missing)}.")
        data["group"] = [str(groups[r]) for r in incomes.index]
    x = np.array([data["initial"].min(), data["initial"].max()])
    line = pd.DataFrame({"initial": x, "growth": res.intercept + res.slope * np.log(x)})
    enc = {"x": alt.X("initial:Q", title=f"Income in {start:g} (log scale)",
                      scale=alt.Scale(type="log", zero=False)),
           "y": alt.Y("growth:Q", title=f"Mean annual growth {start:g}–{end:g}",
                      axis=alt.Axis(format=".1%"))}
    tips = [alt.Tooltip("region:N", title="Region"), alt.Tooltip("initial:Q", format=",.0f"),
            alt.Tooltip("growth:Q", format=".2%")]
    if groups is not None:
        enc["color"] = alt.Color("group:N", title=None, legend=alt.Legend(orient="bottom",
                                                                          columns=3))
        tips.append(alt.Tooltip("group:N", title="Group"))
    points = alt.Chart(data).mark_circle(size=45, opacity=0.8).encode(**enc, tooltip=tips)
    fit = alt.Chart(line).mark_line(color="black", strokeDash=[5, 3]).encode(
        x="initial:Q", y="growth:Q")
    sub = (f"Fitted slope b = {res.slope:.4f} (s.e. {res.se_slope:.4f}), β = {res.speed:.4f} "
           f"per year, n = {res.n}")
    verdict = "poorer regions grew faster (convergence)" if res.slope < 0 else \
        "richer regions grew faster (divergence)"
    desc = (f"Scatter plot of {res.n} regions: income in {start:g} on a log scale against mean "
            f"annual growth of income from {start:g} to {end:g}, with the fitted regression "
            f"line (slope {res.slope:.4f}, implied speed of convergence {res.speed:.4f} per "
            f"year): {verdict}.")
    title = f"β-convergence, {start:g}–{end:g}" if title is None else title
    return finish(alt.layer(points, fit), title=title,
                  subtitle=sub, source=source, description=description,
                  default_description=desc, width="container", height=320)


def sigma_chart(
    sigma: pd.Series | pd.DataFrame,
    *,
    title: str = "σ-convergence: dispersion of log income",
    source: str | None = None,
    description: str | None = None,
    events: dict[float, str] | None = None,
) -> alt.LayerChart:
    """Line chart of σ (standard deviation of log income) over time.

    Parameters
    ----------
    sigma : Series or DataFrame
        Output of :func:`coursekit.sigma_convergence` (indexed by year), or a DataFrame
        with one such column per panel (e.g. "all counties", "West", "East").
    title, source, description : str
        Chart title, a source line and screen-reader text.
    events : dict, optional
        Year -> label, drawn as labelled vertical rules (e.g. ``{1980: "1980"}``).

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> s = pd.Series([0.3, 0.25, 0.2], index=[2000, 2001, 2002], name="sigma")
    >>> sigma_chart(s, events={2001: "reform"}).to_dict()["width"]
    'container'
    """
    if isinstance(sigma, pd.Series):
        sigma = sigma.to_frame(sigma.name if sigma.name is not None else "sigma")
    check_data(sigma, "sigma", pd.DataFrame)
    years = _years(sigma, "sigma")
    values = as_float_array(sigma, "sigma", ndim=2)
    if (values < 0).any():
        raise ValueError("'sigma' has negative values; a standard deviation is >= 0.")
    long = pd.DataFrame({"year": np.repeat(years, sigma.shape[1]), "sigma": values.ravel(),
                         "panel": np.tile(sigma.columns.astype(str), len(years))})
    many = sigma.shape[1] > 1
    line = alt.Chart(long).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("sigma:Q", title="σ of log income", scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("sigma:Q", format=".3f"),
                 alt.Tooltip("panel:N", title="Panel")],
        **({"color": alt.Color("panel:N", title=None, sort=None,
                               legend=alt.Legend(orient="bottom"))} if many else {}),
    )
    layers: list[Any] = [line]
    if events is not None:
        if not isinstance(events, dict):
            raise TypeError(f"'events' must be a dict year -> label, got {_show(events)}.")
    if events:
        ev = pd.DataFrame({"year": [check_scalar(y, "events") for y in events],
                           "label": [str(v) for v in events.values()]})
        layers += [alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="gray").encode(x="year:Q"),
                   alt.Chart(ev).mark_text(align="left", dx=3, y=10, fontSize=11).encode(
                       x="year:Q", text="label:N")]
    first, last = long.groupby("panel", sort=False)["sigma"].agg(["first", "last"]).iloc[0]
    panels = f" for {', '.join(sigma.columns.astype(str))}" if many else ""
    desc = (f"Line chart of the standard deviation of log income across regions, "
            f"{years.min():g} to {years.max():g}{panels}. "
            f"{'The first panel' if many else 'It'} moves from {first:.3f} to {last:.3f}.")
    return finish(alt.layer(*layers), title=title, source=source, description=description,
                  default_description=desc, width="container", height=280)


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
    m = _check_model(model)
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
    return finish(chart, title=title, subtitle=_subtitle(m), source=source,
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
    m = _check_model(model)
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
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="black").encode(x="phi:Q")
    labels = alt.Chart(marks).mark_text(align="right", dx=-4, fontSize=11).encode(
        x="phi:Q", y=alt.Y("ypix:Q", scale=None), text="label:N")
    desc = (f"Chart against trade freeness phi of {what}, for lambda = {m.lam:g}. The break "
            f"point phi_B = {pb:.3f} and the sustain point phi_S = {ps:.3f} are marked by "
            f"vertical lines; growth is higher once industry has concentrated.")
    if title is None:
        title = "The growth take-off" if show == "growth" else "Steady states of the location of firms"
    return finish(alt.layer(main, rules, labels), title=title,
        subtitle=f"λ = {m.lam:g}; " + _subtitle(m), source=source, description=description,
        default_description=desc, width="container", height=300)


def specialisation_chart(
    values: pd.DataFrame,
    *,
    reference: float = 1.0,
    value_title: str = "Revealed advantage (LQ)",
    title: str = "Specialisation over time",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Lines of a region's specialisation indices (e.g. RTA or LQ) over time.

    Parameters
    ----------
    values : DataFrame
        Years in the index, one column per field or industry (e.g. Finland's row of
        :func:`coursekit.location_quotient` for each year).
    reference : float
        Value drawn as a dashed rule (1: as specialised as the whole).
    value_title : str
        Axis title.
    title, source, description : str
        Chart title, a source line and screen-reader text.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> v = pd.DataFrame({"telecom": [3.0, 2.0], "chemistry": [0.5, 0.6]}, index=[2000, 2010])
    >>> specialisation_chart(v).to_dict()["width"]
    'container'
    """
    check_data(values, "values", pd.DataFrame)
    years = _years(values, "values")
    numbers = as_float_array(values, "values", ndim=2)
    if (numbers < 0).any():
        raise ValueError("'values' has negative entries; specialisation indices are >= 0.")
    reference = check_scalar(reference, "reference")
    if not isinstance(value_title, str):
        raise TypeError(f"'value_title' must be a string, got {_show(value_title)}.")
    long = pd.DataFrame({"year": np.repeat(years, values.shape[1]), "value": numbers.ravel(),
                         "field": np.tile(values.columns.astype(str), len(years))})
    line = alt.Chart(long).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title=value_title),
        color=alt.Color("field:N", title=None, sort=None,
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=200)),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("field:N", title="Field"),
                 alt.Tooltip("value:Q", format=".2f", title=value_title)],
    )
    rule = alt.Chart(pd.DataFrame({"ref": [reference]})).mark_rule(
        strokeDash=[4, 4], color="gray").encode(y="ref:Q")
    peak = long.loc[long["value"].idxmax()]
    desc = (f"Line chart of {value_title} for {', '.join(values.columns.astype(str))}, "
            f"{years.min():g} to {years.max():g}, with a dashed line at {reference:g}. Highest: "
            f"{peak['field']} in {peak['year']:g} ({peak['value']:.2f}).")
    return finish(alt.layer(rule, line), title=title, source=source, description=description,
                  default_description=desc, width="container", height=300)

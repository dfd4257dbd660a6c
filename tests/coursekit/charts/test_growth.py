"""Tests for the growth chart helpers (chapter 3), through their Vega-Lite specs."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit.charts import (
    convergence_chart,
    growth_rate_chart,
    sigma_chart,
    specialisation_chart,
    take_off_chart,
)

M = ck.GrowthAgglomeration()
Y = pd.DataFrame({2000: [1.0, 2.0, 4.0, 3.0], 2010: [2.0, 3.0, 5.0, 4.0]}, index=list("abcd"))


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


@pytest.mark.parametrize("make", [
    lambda: convergence_chart(Y, 2000, 2010),
    lambda: sigma_chart(ck.sigma_convergence(Y), events={2005: "event"}),
    lambda: growth_rate_chart(M, [0.5, 1.0], n_points=11),
    lambda: take_off_chart(M, [0.2, 0.253, 0.3]),
    lambda: take_off_chart(M, [0.2, 0.253, 0.3], show="share"),
    lambda: specialisation_chart(pd.DataFrame({"x": [2.0, 1.0]}, index=[2000, 2010])),
])
def test_every_chart_has_title_description_and_container_width(make):
    chart = make()
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()
    assert spec["title"]["text"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    json.dumps(spec)


def test_convergence_chart_draws_the_fitted_line_of_beta_convergence():
    """The dashed line is a + b ln y at the smallest and largest initial incomes."""
    res = ck.beta_convergence(Y, 2000, 2010)
    spec = convergence_chart(Y, 2000, 2010, groups=pd.Series(list("xxyy"), index=Y.index)).to_dict()
    rows = [r for r in _data(spec) if "region" not in r]
    assert [r["growth"] for r in rows] == pytest.approx(
        [res.intercept + res.slope * np.log(1.0), res.intercept + res.slope * np.log(4.0)])
    assert f"{res.slope:.4f}" in spec["description"]
    assert {r["group"] for r in _data(spec) if "group" in r} == {"x", "y"}
    with pytest.raises(ValueError, match="'groups' has no group"):
        convergence_chart(Y, 2000, 2010, groups=pd.Series({"a": "x"}))


def test_growth_rate_chart_global_spillovers_line_is_flat():
    spec = growth_rate_chart(M, [0.5, 1.0], n_points=11).to_dict()
    flat = [r["g"] for r in _data(spec) if r["lam"] == 1.0]
    assert max(flat) - min(flat) < 1e-12
    assert "lambda = 0.5, 1" in spec["description"]


def test_take_off_chart_marks_break_and_sustain_points():
    spec = take_off_chart(M, [0.2, 0.253, 0.3]).to_dict()
    labels = [r["label"] for r in _data(spec) if "label" in r]
    assert labels == [f"break point φ_B = {M.break_point():.3f}",
                      f"sustain point φ_S = {M.sustain_point():.3f}"]
    stages = {r["stage"] for r in _data(spec) if "stage" in r}
    assert stages == {"dispersed", "take-off", "core-periphery"}
    with pytest.raises(ValueError, match="'show' must be"):
        take_off_chart(M, show="both")


def test_sigma_and_specialisation_charts_take_several_panels():
    two = pd.DataFrame({"West": [0.3, 0.2], "East": [0.2, 0.1]}, index=[2000, 2014])
    spec = sigma_chart(two).to_dict()
    assert {r["panel"] for r in _data(spec) if "panel" in r} == {"West", "East"}
    spec = specialisation_chart(two, reference=1.0, value_title="RTA").to_dict()
    assert "West in 2000 (0.30)" in spec["description"]
    with pytest.raises(TypeError, match="'values' must be indexed by years"):
        specialisation_chart(two.rename(index=str))


def test_convergence_chart_axes_fit_the_data():
    """Issue 24: the log axis spans the incomes (padded 10 %), not 100-10,000, and the growth
    axis does not start at 0."""
    spec = convergence_chart(Y, 2000, 2010).to_dict()
    enc = spec["layer"][0]["encoding"]
    low, high = enc["x"]["scale"]["domain"]
    assert enc["x"]["scale"]["nice"] is False
    assert low == pytest.approx(Y[2000].min() / 1.1) and high == pytest.approx(Y[2000].max() * 1.1)
    assert enc["y"]["scale"]["zero"] is False

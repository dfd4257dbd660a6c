"""Tests for coursekit.charts.panels (convergence, sigma, specialisation, relative income
and sector structure charts), through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit.charts import (
    convergence_chart,
    relative_income_chart,
    sector_structure_chart,
    sigma_chart,
    specialisation_chart,
)

Y = pd.DataFrame({2000: [1.0, 2.0, 4.0, 3.0], 2010: [2.0, 3.0, 5.0, 4.0]}, index=list("abcd"))
REL = pd.DataFrame({"Ruhr (counties)": [0.86, 0.83, np.nan],
                    "Lorraine (benchmarks)": [np.nan, 0.80, 0.76]}, index=[1992, 2000, 2010])
VA = pd.DataFrame({"primary": [1.0, 1.0], "secondary": [5.0, 6.0], "tertiary": [4.0, 3.0]},
                  index=[2011, 2002])


def _data(spec: dict) -> list[dict]:
    """Every row of every dataset of the spec."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def _assert_full_chart(chart) -> None:
    """A title, a description long enough to be read aloud, the container's width, JSON."""
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()
    assert spec["title"]["text"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    json.dumps(spec)  # serialisable for the static page


@pytest.mark.parametrize("make", [
    lambda: convergence_chart(Y, 2000, 2010),
    lambda: sigma_chart(ck.sigma_convergence(Y), events={2005: "event"}),
    lambda: specialisation_chart(pd.DataFrame({"x": [2.0, 1.0]}, index=[2000, 2010])),
    lambda: relative_income_chart(REL, events={2003: "2003"}, title="T", source="S"),
    lambda: sector_structure_chart(VA, title="T", source="S"),
])
def test_every_chart_has_title_description_and_container_width(make):
    _assert_full_chart(make())


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


def test_sigma_and_specialisation_charts_take_several_panels():
    two = pd.DataFrame({"West": [0.3, 0.2], "East": [0.2, 0.1]}, index=[2000, 2014])
    spec = sigma_chart(two).to_dict()
    assert {r["panel"] for r in _data(spec) if "panel" in r} == {"West", "East"}
    spec = specialisation_chart(two, reference=1.0, value_title="RTA").to_dict()
    assert "West in 2000 (0.30)" in spec["description"]
    with pytest.raises(TypeError, match="'values' must be indexed by years"):
        specialisation_chart(two.rename(index=str))


def test_relative_income_chart_draws_every_observed_point_and_no_gap_as_zero():
    spec = relative_income_chart(REL).to_dict()
    points = {(r["series"], r["year"], r["value"]) for r in _data(spec) if "series" in r}
    assert points == {("Ruhr (counties)", 1992.0, 0.86), ("Ruhr (counties)", 2000.0, 0.83),
                      ("Lorraine (benchmarks)", 2000.0, 0.80),
                      ("Lorraine (benchmarks)", 2010.0, 0.76)}
    assert {"ref": 1.0} in _data(spec)
    assert "Lorraine (benchmarks): 0.80 in 2000, 0.76 in 2010" in spec["description"]


def test_relative_income_chart_refuses_bad_series():
    with pytest.raises(ValueError, match="without any value"):
        relative_income_chart(REL.assign(empty=np.nan))
    with pytest.raises(ValueError, match="must be positive"):
        relative_income_chart(REL.fillna(0.0))
    with pytest.raises(TypeError, match="indexed by years"):
        relative_income_chart(REL.set_axis(["a", "b", "c"]))
    with pytest.raises(TypeError, match="'events' must be a dict"):
        relative_income_chart(REL, events=[2003])


def test_sector_structure_chart_stacks_shares_in_year_order():
    """Shares are each year's values over its total; years are sorted (2002 before 2011)."""
    spec = sector_structure_chart(VA).to_dict()
    rows = _data(spec)
    assert [r["year"] for r in rows][:3] == ["2002", "2002", "2002"]
    share = {(r["year"], r["sector"]): r["share"] for r in rows}
    assert share[("2002", "secondary")] == pytest.approx(0.6)
    assert share[("2011", "tertiary")] == pytest.approx(0.4)
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert "primary: 10% in 2002" in spec["description"]


def test_sector_structure_chart_checks_shares_when_not_normalising():
    with pytest.raises(ValueError, match="add up to 1"):
        sector_structure_chart(VA, normalise=False)
    ok = sector_structure_chart(VA.div(VA.sum(axis=1), axis=0), normalise=False).to_dict()
    assert len(_data(ok)) == 6
    with pytest.raises(ValueError, match="negative"):
        sector_structure_chart(-VA)
    with pytest.raises(TypeError, match="'normalise' must be True or False"):
        sector_structure_chart(VA, normalise="yes")

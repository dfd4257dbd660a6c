"""Tests of coursekit.panels.relative: relative income per head and growth over periods (chapter 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit as ck

Y = pd.DataFrame({2000: [30.0, 70.0, 50.0], 2010: [40.0, 110.0, 50.0]}, index=["a", "b", "c"])
P = pd.DataFrame({2000: [3.0, 7.0, 10.0], 2010: [4.0, 6.0, 10.0]}, index=["a", "b", "c"])


def test_relative_per_capita_is_a_ratio_of_totals():
    """Closed form: (sum Y_G / sum P_G) / (sum Y_R / sum P_R), computed by hand."""
    r = ck.relative_per_capita(Y, P, ["a", "b"])
    # 2000: group 100/10 = 10, all 150/20 = 7.5 -> 4/3; 2010: 150/10 = 15, all 200/20 = 10 -> 1.5
    assert r.tolist() == pytest.approx([4 / 3, 1.5])
    assert r.name == "relative_per_capita" and list(r.index) == [2000, 2010]
    # one region against a reference that excludes it: a / c
    assert ck.relative_per_capita(Y, P, "a", "c").tolist() == pytest.approx([10 / 5, 10 / 5])
    # a boolean Series selects the same rows as a list
    mask = pd.Series([True, True, False], index=Y.index)
    assert ck.relative_per_capita(Y, P, mask).equals(r)


def test_relative_per_capita_weights_by_population_not_by_region():
    """The group's level is its total over its population, not the mean of its regions' ratios."""
    r = ck.relative_per_capita(Y, P, ["a", "c"], benchmark=["a", "b", "c"])[2010]
    with pytest.warns(FutureWarning, match="keyword reference= .* use benchmark="):
        assert ck.relative_per_capita(Y, P, ["a", "c"], reference=["a", "b", "c"])[2010] == r
    mean_of_ratios = np.mean([40 / 4, 50 / 10]) / (200 / 20)
    assert r == pytest.approx((90 / 14) / 10) and r != pytest.approx(mean_of_ratios)


@given(c=st.floats(1e-3, 1e3), d=st.floats(1e-3, 1e3))
def test_relative_per_capita_does_not_depend_on_units(c, d):
    base = ck.relative_per_capita(Y, P, "b")
    assert ck.relative_per_capita(Y * c, P * d, "b").to_numpy() == pytest.approx(base.to_numpy())


def test_equal_incomes_per_head_give_one_for_every_group():
    Yeq = P * 7.0
    for members in ("a", ["b", "c"], ["a", "b", "c"]):
        assert ck.relative_per_capita(Yeq, P, members).to_numpy() == pytest.approx(1.0)


def test_missing_values_are_refused_unless_skipna():
    Ymiss = Y.astype(float).copy()
    Ymiss.loc["c", 2000] = np.nan
    with pytest.raises(ValueError, match="'output' contains 1 missing"):
        ck.relative_per_capita(Ymiss, P, "a")
    r = ck.relative_per_capita(Ymiss, P, "a", skipna=True)
    # 2000: the reference is a and b only: (30 + 70) / (3 + 7) = 10, a = 10 -> 1
    assert r[2000] == pytest.approx(1.0) and r[2010] == pytest.approx(10 / 10)
    Ynone = Y.copy()
    Ynone.loc["a", 2000] = np.nan
    assert list(ck.relative_per_capita(Ynone, P, "a", skipna=True).index) == [2010]


@pytest.mark.parametrize("kwargs,match", [
    ({"members": "z"}, "'members' must name distinct rows"),
    ({"members": []}, "'members' selects no region"),
    ({"members": ["a", "a"]}, "'members' must name distinct rows"),
    ({"members": "a", "benchmark": 3.5}, "'benchmark' must be a region label"),
    ({"members": "a", "skipna": "yes"}, "'skipna' must be True or False"),
])
def test_relative_per_capita_arguments_are_checked(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        ck.relative_per_capita(Y, P, **kwargs)


def test_output_and_population_must_be_aligned():
    with pytest.raises(ValueError, match="same rows"):
        ck.relative_per_capita(Y, P.iloc[::-1], "a")


def test_great_lakes_reproduces_beas_regional_per_capita_income():
    """BEA SAINC1 (release of 28 Mar 2025): the Great Lakes' per-capita personal income over
    the nation's equals the ratio of totals of its five states; BEA rounds per-capita incomes
    to whole dollars, so the two agree to 0.2 per cent (largest gaps in the low-income 1930s)."""
    us = ck.data.load_us_state_income_1929_2024(states_only=False)
    states = us[us["area_type"] == "state"]
    income = states.pivot(index="area", columns="year", values="personal_income_million_usd")
    pop = states.pivot(index="area", columns="year", values="population")
    great_lakes = states.drop_duplicates("area").set_index("area")["bea_region"] == "Great Lakes"
    ours = ck.relative_per_capita(income, pop, great_lakes, skipna=True)
    pc = us.pivot(index="area", columns="year", values="per_capita_income_usd")
    bea = pc.loc["Great Lakes"] / pc.loc["United States"]
    assert list(ours.index) == list(bea.index)
    assert np.allclose(ours, bea, rtol=2e-3)


def test_north_east_matches_chapter_3():
    """Chapter 3's north-east / China ratio (totals of GDP over totals of population)."""
    cn = ck.data.load_cn_provinces_gdp_pop_1975_2013()
    gdp = cn.pivot(index="province", columns="year", values="gdp_million_2010_usd")
    pop = cn.pivot(index="province", columns="year", values="population_thousand")
    ne = ck.relative_per_capita(gdp, pop, ["Liaoning", "Jilin", "Heilongjiang"], skipna=True)
    totals = cn.groupby(["year", "northeast"])[["gdp_million_2010_usd", "population_thousand"]].sum()
    per_head = (totals["gdp_million_2010_usd"] / totals["population_thousand"]).unstack()
    national = (cn.groupby("year")["gdp_million_2010_usd"].sum()
                / cn.groupby("year")["population_thousand"].sum())
    assert np.allclose(ne, (per_head[True] / national).loc[ne.index])


def test_annual_growth_closed_forms():
    x = pd.DataFrame({2000: [100.0, 50.0, 1.0], 2002: [121.0, 50.0, 1.0],
                      2010: [100.0 * 2.0, 25.0, 1.0]}, index=["a", "b", "c"])
    g = ck.annual_growth(x, [(2000, 2002), (2000, 2010)])
    assert list(g.columns) == ["2000-2002", "2000-2010"]
    assert g["2000-2002"].tolist() == pytest.approx([0.1, 0.0, 0.0])
    assert g["2000-2010"].tolist() == pytest.approx([2 ** 0.1 - 1, 0.5 ** 0.1 - 1, 0.0])


@pytest.mark.parametrize("periods,match", [
    ([(2002, 2000)], "start < end"),
    ([(2000, 2005)], "years not in 'values'"),
    ([2000], "pairs"),
    ("2000-2002", "non-empty list"),
    ([], "non-empty list"),
])
def test_annual_growth_periods_are_checked(periods, match):
    x = pd.DataFrame({2000: [1.0], 2002: [2.0]}, index=["a"])
    with pytest.raises((TypeError, ValueError), match=match):
        ck.annual_growth(x, periods)


def test_annual_growth_needs_positive_start_values():
    x = pd.DataFrame({2000: [0.0], 2002: [2.0]}, index=["a"])
    with pytest.raises(ValueError, match="positive in the start year"):
        ck.annual_growth(x, [(2000, 2002)])


def test_ruhr_on_counties_reported_every_year_as_told_in_chapter_7():
    """AK VGR der Laender county accounts 1992-2014 (data/de-counties-gdp-1992-2014, via REAT),
    recomputed with pandas from the CSV: on the 328 counties reported in every year (all but
    Lower Saxony, Mecklenburg-Vorpommern, Saarland, Eisenach and Saxony), the Ruhr's GDP per
    head relative to them fell from 0.86 (1992) to its low of 0.79 in 2001, recovered to 0.86
    in 2009 and was 0.84 in 2014; against all 402 counties, from 2000, 0.83 and 0.87."""
    raw = pd.read_csv(ck.data.data_dir() / "de-counties-gdp-1992-2014"
                      / "de_counties_gdp_1992_2014.csv", dtype={"ags": str})
    raw = raw.dropna(subset=["population_thousand"])
    years = raw["year"].nunique()
    complete = raw.groupby("ags")["year"].transform("count") == years
    sub = raw[complete]
    assert sub["ags"].nunique() == 328
    ruhr = sub[sub["ruhr"]].groupby("year")[["gdp_million_eur", "population_thousand"]].sum()
    ref = sub.groupby("year")[["gdp_million_eur", "population_thousand"]].sum()
    expected = (ruhr["gdp_million_eur"] / ruhr["population_thousand"]) / (
        ref["gdp_million_eur"] / ref["population_thousand"])
    de = ck.data.load_de_counties_gdp_1992_2014()
    gdp = de.pivot(index="county_name", columns="year", values="gdp_million_eur")
    pop = de.pivot(index="county_name", columns="year", values="population_thousand")
    in_ruhr = de.drop_duplicates("county_name").set_index("county_name")["ruhr"].reindex(gdp.index)
    every = gdp.notna().all(axis=1) & pop.notna().all(axis=1)
    series = ck.relative_per_capita(gdp[every], pop[every], in_ruhr[every])
    np.testing.assert_allclose(series.to_numpy(), expected.loc[series.index].to_numpy(), rtol=1e-12)
    assert round(series[1992], 2) == 0.86 and series.idxmin() == 2001
    assert round(series.min(), 2) == 0.79 and series.loc[2000:].idxmax() == 2009
    all_counties = ck.relative_per_capita(gdp.loc[:, 2000:], pop.loc[:, 2000:], in_ruhr)
    assert (round(all_counties[2000], 2), round(all_counties[2014], 2)) == (0.83, 0.87)

"""Tests for coursekit.regions.agglomeration: EG and MS indices and the EG-model generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit as ck

REGIONS = pd.Series({"north": 500.0, "south": 300.0, "east": 150.0, "west": 50.0})


def _x2(reg: pd.Series) -> float:
    x = reg / reg.sum()
    return float((x**2).sum())


# --------------------------------------------------------------------------- worked examples


def test_eg_farhauer_kroell_example() -> None:
    """Farhauer & Kröll (2014), *Standorttheorien*, Springer, reproduced in the
    documentation of R package REAT, ``ellison.a``: ten firms in Wien, Linz and
    Graz (regional employment 500,000, 400,000, 100,000); gamma = 0.05990628.
    """
    plants = pd.DataFrame(
        {
            "region": ["Wien"] * 5 + ["Linz"] * 4 + ["Graz"],
            "value": [200, 650, 12000, 100, 50, 16000, 13000, 1500, 1500, 25000],
        }
    )
    reg = pd.Series({"Wien": 500000, "Linz": 400000, "Graz": 100000})
    g = ck.ellison_glaeser(plants, reg)
    assert type(g) is float
    assert g == pytest.approx(0.05990628, abs=1e-8)


def test_eg_and_ms_match_the_papers_formulas_by_hand() -> None:
    """EG (1997, eq. 5) and MS (1999) evaluated by hand for a 2-region example.

    x = (.75, .25); two plants of 30 and 10 workers, both in region a:
    s = (1, 0), G = .25² + .25² = .125, H = (.75² + .25²) = .625, Σx² = .625.
    EG: (.125 - .375 × .625) / (.375 × .375) = -.77777...
    MS: G_MS = (1 - .625)/(1 - .625) = 1, γ_MS = (1 - .625)/(1 - .625) = 1.
    """
    plants = pd.DataFrame({"region": ["a", "a"], "value": [30, 10]})
    reg = {"a": 75, "b": 25}
    assert ck.ellison_glaeser(plants, reg) == pytest.approx((0.125 - 0.375 * 0.625) / 0.375**2)
    assert ck.maurel_sedillot(plants, reg) == pytest.approx(1.0)
    assert ck.raw_concentration(plants, reg) == pytest.approx(0.125)


# --------------------------------------------------------------------------- grouping


def test_industry_column_gives_series_equal_to_one_by_one() -> None:
    sim = ck.simulate_plants(REGIONS, n_plants=[5, 12, 30], gamma=[0.0, 0.2, 0.6], seed=3)
    sim["industry"] = sim["industry"].map({0: "tools", 1: "glass", 2: "shoes"})
    for f in (ck.ellison_glaeser, ck.maurel_sedillot, ck.raw_concentration):
        by = f(sim, REGIONS)
        assert isinstance(by, pd.Series) and list(by.index) == ["glass", "shoes", "tools"]
        for name, grp in sim.groupby("industry"):
            one = f(grp.drop(columns="industry"), REGIONS)
            assert type(one) is float
            assert by[name] == pytest.approx(one, rel=1e-12, abs=1e-14)


def test_custom_column_names() -> None:
    p = pd.DataFrame({"state": ["a", "b", "a"], "jobs": [1, 2, 3]})
    expected = ck.ellison_glaeser(p.set_axis(["region", "value"], axis=1), {"a": 1, "b": 1})
    assert ck.ellison_glaeser(p, {"a": 1, "b": 1}, region="state", value="jobs") == (
        pytest.approx(expected))
    p.attrs["roles"] = {"region": "state", "value": "jobs"}  # the frame's roles, no keywords
    assert ck.ellison_glaeser(p, {"a": 1, "b": 1}) == pytest.approx(expected)


def test_employment_keyword_and_column_are_deprecated_but_work() -> None:
    """``employment=`` is the old name of ``value=``; a column 'employment' (the old default)
    is still found, with a FutureWarning, for one release."""
    p = pd.DataFrame({"region": ["a", "b", "a"], "employment": [1, 2, 3]})
    new = ck.ellison_glaeser(p, {"a": 1, "b": 1}, value="employment")
    for f in (ck.ellison_glaeser, ck.maurel_sedillot, ck.raw_concentration):
        with pytest.warns(FutureWarning, match="keyword employment= of .* use value="):
            f(p, {"a": 1, "b": 1}, employment="employment")
    with pytest.warns(FutureWarning, match="old default column 'employment'"):
        assert ck.ellison_glaeser(p, {"a": 1, "b": 1}) == pytest.approx(new)
    with pytest.raises(TypeError, match="got 'value' and its deprecated name 'employment'"):
        ck.ellison_glaeser(p, {"a": 1, "b": 1}, value="employment", employment="employment")


@given(st.lists(st.integers(1, 500), min_size=2, max_size=12), st.integers(0, 10_000))
def test_eg_and_ms_scale_and_plant_order_invariant(sizes: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    plants = pd.DataFrame(
        {"region": rng.choice(REGIONS.index.to_numpy(), len(sizes)), "value": sizes}
    )
    if plants["value"].max() == plants["value"].sum():
        return
    shuffled = plants.sample(frac=1, random_state=seed)
    scaled = plants.assign(value=plants["value"] * 7.5)
    for f in (ck.ellison_glaeser, ck.maurel_sedillot):
        a = f(plants, REGIONS)
        assert f(shuffled, REGIONS) == pytest.approx(a, rel=1e-9, abs=1e-12)
        assert f(scaled, REGIONS * 3) == pytest.approx(a, rel=1e-9, abs=1e-12)


# --------------------------------------------------------------------------- the model


def test_dartboard_gives_zero_on_average() -> None:
    """gamma = 0 (pure dartboard): mean EG and MS within 3 standard errors of 0."""
    sim = ck.simulate_plants(REGIONS, n_plants=40, gamma=0.0, n_industries=4000, seed=11)
    for f in (ck.ellison_glaeser, ck.maurel_sedillot):
        g = f(sim, REGIONS)
        se = g.std(ddof=1) / np.sqrt(len(g))
        assert abs(g.mean()) < 3 * se


def test_expected_raw_concentration_under_dartboard() -> None:
    """EG Prop. 1 with gamma = 0: E[G] = (1 - Σx²) H, for a fixed plant-size vector."""
    sizes = [400, 100] + [5] * 20
    H = ck.herfindahl(sizes)
    sim = ck.simulate_plants(
        REGIONS, n_plants=len(sizes), gamma=0.0, plant_sizes=sizes, n_industries=5000, seed=5
    )
    G = ck.raw_concentration(sim, REGIONS)
    se = G.std(ddof=1) / np.sqrt(len(G))
    assert abs(G.mean() - (1 - _x2(REGIONS)) * H) < 3 * se


@pytest.mark.parametrize("gamma", [0.02, 0.1, 0.3])
def test_generator_recovers_gamma_within_standard_error(gamma: float) -> None:
    """Over many seeds, each simulating 300 industries, the mean EG and MS estimates
    lie within 3 standard errors of the true gamma."""
    means = {"eg": [], "ms": []}
    for seed in range(20):
        sim = ck.simulate_plants(REGIONS, n_plants=25, gamma=gamma, n_industries=300, seed=seed)
        means["eg"].append(ck.ellison_glaeser(sim, REGIONS).mean())
        means["ms"].append(ck.maurel_sedillot(sim, REGIONS).mean())
    for est in means.values():
        est = np.asarray(est)
        se = est.std(ddof=1) / np.sqrt(est.size)
        assert abs(est.mean() - gamma) < 3 * se


def test_few_huge_plants_inflate_raw_concentration_but_not_eg() -> None:
    sim_big = ck.simulate_plants(
        REGIONS, 50, 0.0, plant_sizes=[5000, 5000] + [10] * 48, n_industries=2000, seed=2
    )
    sim_even = ck.simulate_plants(
        REGIONS, 50, 0.0, plant_sizes=[10] * 50, n_industries=2000, seed=2
    )
    assert (
        ck.raw_concentration(sim_big, REGIONS).mean()
        > 10 * ck.raw_concentration(sim_even, REGIONS).mean()
    )
    assert abs(ck.ellison_glaeser(sim_big, REGIONS).mean()) < 0.03


def test_generator_is_seeded_and_accepts_rng() -> None:
    a = ck.simulate_plants(REGIONS, 10, 0.3, n_industries=5, seed=1)
    b = ck.simulate_plants(REGIONS, 10, 0.3, n_industries=5, seed=1)
    c = ck.simulate_plants(REGIONS, 10, 0.3, n_industries=5, rng=np.random.default_rng(1))
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert list(a.columns) == ["industry", "plant", "region", "employment"]
    assert set(a["region"]) <= set(REGIONS.index)
    assert a.groupby("industry")["plant"].max().eq(9).all()


def test_generator_gamma_one_colocates_everything() -> None:
    sim = ck.simulate_plants([1, 2, 3], n_plants=4, gamma=1.0, n_industries=50, seed=0)
    assert sim.groupby("industry")["region"].nunique().eq(1).all()


def test_generator_list_array_series_regions_equivalent() -> None:
    args = {"n_plants": 6, "gamma": 0.2, "n_industries": 10, "seed": 4}
    a = ck.simulate_plants([5, 3, 2], **args)
    b = ck.simulate_plants(np.array([5.0, 3.0, 2.0]), **args)
    c = ck.simulate_plants(pd.Series([5, 3, 2]), **args)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


def test_thousand_industries_million_plants() -> None:
    """1,000 industries × 1,000 plants in one vectorised call each; how fast (well under a
    second) is a benchmark figure, ``make bench`` (benchmarks/bench_kernels.py)."""
    reg = pd.Series(np.arange(1, 51) * 1000.0)
    sim = ck.simulate_plants(reg, 1000, 0.05, n_industries=1000, seed=0)
    eg = ck.ellison_glaeser(sim, reg)
    ms = ck.maurel_sedillot(sim, reg)
    assert len(sim) == 1_000_000 and len(eg) == len(ms) == 1000
    assert sim.groupby("industry").size().eq(1000).all()
    assert np.isfinite(eg).all() and np.isfinite(ms).all()


# --------------------------------------------------------------------------- errors


def test_error_plants_in_unknown_regions() -> None:
    plants = pd.DataFrame({"region": ["north", "Atlantis", "Atlantis"], "value": [1, 2, 3]})
    with pytest.raises(ValueError, match=r"2 plant\(s\) are in region\(s\) missing.*Atlantis"):
        ck.ellison_glaeser(plants, REGIONS)


def test_error_negative_and_nan_employment() -> None:
    plants = pd.DataFrame({"region": ["north", "south"], "value": [1, -2]})
    with pytest.raises(ValueError, match=r"non-negative.*-2"):
        ck.maurel_sedillot(plants, REGIONS)
    plants["value"] = [1, np.nan]
    with pytest.raises(ValueError, match="NaN"):
        ck.ellison_glaeser(plants, REGIONS)
    with pytest.raises(ValueError, match="NaN"):
        ck.ellison_glaeser(plants.fillna(1), REGIONS.replace(50.0, np.nan))


def test_error_zero_industry_and_single_plant_named() -> None:
    plants = pd.DataFrame(
        {
            "industry": ["ok", "ok", "ghost", "ghost"],
            "region": ["north", "south"] * 2,
            "value": [1, 2, 0, 0],
        }
    )
    with pytest.raises(ValueError, match=r"Industry \['ghost'\] has zero total"):
        ck.ellison_glaeser(plants, REGIONS)
    plants = pd.DataFrame(
        {
            "industry": ["ok", "ok", "solo"],
            "region": ["north", "south", "east"],
            "value": [1, 2, 9],
        }
    )
    with pytest.raises(ValueError, match=r"\['solo'\] has all its employment in one plant"):
        ck.maurel_sedillot(plants, REGIONS)


def test_error_regional_employment_problems() -> None:
    plants = pd.DataFrame({"region": ["north", "south"], "value": [1, 2]})
    with pytest.raises(ValueError, match=r"zero total employment in region\(s\) \['west'\]"):
        ck.ellison_glaeser(plants, REGIONS.replace(50.0, 0.0))
    with pytest.raises(TypeError, match="'regional_employment' must be a pandas Series"):
        ck.ellison_glaeser(plants, [1, 2])
    with pytest.raises(ValueError, match="at least 2 regions"):
        ck.ellison_glaeser(plants.iloc[:1], pd.Series({"north": 5}))
    dup = pd.Series([1, 2, 3], index=["north", "south", "north"])
    with pytest.raises(ValueError, match=r"more than once"):
        ck.ellison_glaeser(plants, dup)


def test_error_plants_frame_problems() -> None:
    with pytest.raises(ValueError, match=r"value column \(by default the column 'value'\) is "
                       r"not a column of 'plants'.*Pass value="):
        ck.ellison_glaeser(pd.DataFrame({"region": ["north"]}), REGIONS)
    with pytest.raises(ValueError, match="'plants' is empty"):
        ck.ellison_glaeser(pd.DataFrame({"region": [], "value": []}), REGIONS)


def test_error_generator_arguments() -> None:
    with pytest.raises(ValueError, match=r"'gamma' must lie in \[0, 1\]"):
        ck.simulate_plants(REGIONS, 10, 1.5)
    with pytest.raises(ValueError, match="'n_plants' must be whole numbers >= 2"):
        ck.simulate_plants(REGIONS, 1, 0.1)
    with pytest.raises(ValueError, match="'gamma' has 2 entries but 'n_plants' says there are 3 industries"):
        ck.simulate_plants(REGIONS, [5, 5, 5], [0.1, 0.2])
    with pytest.raises(ValueError, match="'plant_sizes' has 3 entries"):
        ck.simulate_plants(REGIONS, 5, 0.1, plant_sizes=[1, 2, 3])
    with pytest.raises(TypeError, match="'rng' must be a numpy.random.Generator"):
        ck.simulate_plants(REGIONS, 5, 0.1, rng=42)
    with pytest.raises(ValueError, match="'location_model' must be 'spillover'"):
        ck.simulate_plants(REGIONS, 5, 0.1, location_model="magic")
    with pytest.warns(FutureWarning, match="use location_model="):
        ck.simulate_plants(REGIONS, 5, 0.1, model="spillover", seed=1)
    with pytest.raises(ValueError, match="'gamma' must be a finite number, got nan"):
        ck.simulate_plants(REGIONS, 5, float("nan"))


def test_plants_as_dict_of_columns() -> None:
    plants = {"region": ["north", "south", "north"], "value": [1, 2, 3]}
    assert ck.ellison_glaeser(plants, REGIONS) == ck.ellison_glaeser(pd.DataFrame(plants), REGIONS)


def test_categorical_regions_give_the_same_result():
    """The Categorical fast path for plant regions matches plain labels (and still
    reports regions missing from regional_employment)."""
    regional = pd.Series([100.0, 200.0, 300.0, 400.0], index=list("abcd"))
    plants = ck.simulate_plants(regional, n_plants=40, gamma=0.1, n_industries=5, seed=3)
    as_cat = plants.assign(region=plants["region"].astype("category"))
    pd.testing.assert_series_equal(ck.ellison_glaeser(plants, regional),
                                   ck.ellison_glaeser(as_cat, regional))
    with pytest.raises(ValueError, match="missing from 'regional_employment'"):
        ck.ellison_glaeser(as_cat, regional.iloc[1:])

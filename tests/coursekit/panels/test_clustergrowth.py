"""Tests for coursekit.panels.clustergrowth: the cluster-strength regression of Beaudry &
Swann (2009) at region level, against a seeded panel with known effects and statsmodels'
formula interface (an independent implementation)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import coursekit as ck


def _tidy(n_regions: int = 40, own: float = 0.01, other: float = -0.005, seed: int = 5):
    """Seeded region x industry panel with known effects of own- and other-industry size."""
    rng = np.random.default_rng(seed)
    cells = pd.MultiIndex.from_product([range(n_regions), list("abcd")],
                                       names=["region", "industry"])
    e0 = pd.Series(rng.lognormal(5, 1, len(cells)), index=cells)
    other_emp = e0.groupby(level="region").transform("sum") - e0
    effect = {"a": 0.0, "b": 0.01, "c": -0.01, "d": 0.02}
    fe = np.array([effect[i] for i in cells.get_level_values("industry")])
    growth = fe + own * np.log(e0) + other * np.log(other_emp) + rng.normal(0, 0.002, len(e0))
    e1 = e0 * np.exp(10 * growth)
    tidy = pd.concat([e0.rename("employment").reset_index().assign(year=2000),
                      e1.rename("employment").reset_index().assign(year=2010)])
    tidy.attrs["roles"] = {"value": "employment", "time": "year"}  # region, industry by name
    return tidy


def test_cluster_regression_recovers_known_effects_and_matches_statsmodels():
    """Beaudry & Swann (2009) specification at region level: annual growth on ln own-industry
    and ln other-industry employment with industry effects; the seeded panel's effects are
    recovered, and statsmodels' formula interface gives the same estimates and HC1 errors."""
    data = _tidy()
    res = ck.cluster_growth_regression(data, 2000, 2010)
    assert res.coefficients.loc["own", "coef"] == pytest.approx(0.01, abs=1e-3)
    assert res.coefficients.loc["other", "coef"] == pytest.approx(-0.005, abs=1e-3)
    assert res.n == 160 and res.dropped == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import statsmodels.formula.api as smf
        fit = smf.ols("growth ~ own + other + C(industry)", data=res.data).fit(cov_type="HC1")
    assert res.coefficients.loc["own", "coef"] == pytest.approx(fit.params["own"], rel=1e-8)
    assert res.coefficients.loc["other", "se"] == pytest.approx(fit.bse["other"], rel=1e-8)
    assert res.r2 == pytest.approx(fit.rsquared, rel=1e-8)


def test_cluster_regression_by_group_and_on_real_data():
    """Groups estimate the own and other effects separately (Beaudry & Swann compare sectors);
    the German Laender 2008-2014 and European countries 2007-2016 run without dropping
    cells, except Iceland's 2007 (missing in Eurostat's file)."""
    data = _tidy()
    res = ck.cluster_growth_regression(data, 2000, 2010, groups={"a": "x", "b": "x", "c": "y",
                                                                 "d": "y"})
    assert list(res.coefficients.index) == ["own: x", "own: y", "other: x", "other: y"]
    de = ck.data.load_de_laender_employment()
    de_res = ck.cluster_growth_regression(de, 2008, 2014)  # columns from the loader's roles
    assert de_res.n == 160 and de_res.dropped == 0
    eu = ck.data.load_eu_employment_nace()
    eu_res = ck.cluster_growth_regression(eu, 2007, 2016)
    assert eu_res.n == 290 and eu_res.dropped == 10
    with pytest.raises(ValueError, match="'groups' has no group for industries"):
        ck.cluster_growth_regression(data, 2000, 2010, groups={"a": "x"})
    with pytest.raises(ValueError, match="'start'=1999 does not occur"):
        ck.cluster_growth_regression(data, 1999, 2010)
    data.attrs.clear()  # old defaults: the columns 'employment' and 'year', for one release
    with pytest.warns(FutureWarning, match="old default column .*removed in coursekit 0.4") \
            as caught:
        old = ck.cluster_growth_regression(data, 2000, 2010)
    assert len(caught) == 2  # the value and the time column
    pd.testing.assert_frame_equal(old.coefficients, ck.cluster_growth_regression(
        data, 2000, 2010, value="employment", time="year").coefficients)
def test_cluster_regression_is_unit_free_and_drops_empty_cells():
    """Growth is a log ratio: employment in persons or in thousands gives the same own and
    other coefficients (the industry effects absorb the shift of the logs), also near the
    largest float; cells with no employment at the start or end are dropped and counted."""
    data = _tidy()
    base = ck.cluster_growth_regression(data, 2000, 2010).coefficients
    for c in (1e-3, 1e300):
        scaled = ck.cluster_growth_regression(data.assign(employment=data["employment"] * c),
                                              2000, 2010).coefficients
        np.testing.assert_allclose(scaled["coef"], base["coef"], rtol=1e-7)
    holes = data.copy()
    holes.loc[(holes["region"] == 0) & (holes["industry"] == "a"), "employment"] = 0.0
    res = ck.cluster_growth_regression(holes, 2000, 2010)
    assert res.dropped == 1 and res.n == 159

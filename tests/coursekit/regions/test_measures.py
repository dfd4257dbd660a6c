"""Tests for coursekit.regions.measures: closed forms, published examples, errors, real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck

# --------------------------------------------------------------------------- closed forms


@pytest.mark.parametrize("n", [1, 2, 3, 7, 50])
def test_herfindahl_of_n_equal_units_is_one_over_n(n: int) -> None:
    assert ck.herfindahl([42] * n) == pytest.approx(1 / n)


def test_herfindahl_monopoly_and_normalized_extremes() -> None:
    assert ck.herfindahl([0, 0, 9]) == 1.0
    assert ck.herfindahl([0, 0, 9], normalise=True) == 1.0
    assert ck.herfindahl([4, 4, 4, 4], normalise=True) == pytest.approx(0.0, abs=1e-15)


@given(st.lists(st.floats(0.01, 1e6), min_size=2, max_size=40))
def test_herfindahl_normalized_formula(v: list[float]) -> None:
    n = len(v)
    h = ck.herfindahl(v)
    assert 1 / n - 1e-12 <= h <= 1 + 1e-12
    assert ck.herfindahl(v, normalise=True) == pytest.approx(
        max(0.0, (h - 1 / n) / (1 - 1 / n)), abs=1e-12
    )


mirrors = st.tuples(
    arrays(np.int64, st.integers(2, 6), elements=st.integers(1, 1000)),
    arrays(np.int64, st.integers(2, 8), elements=st.integers(1, 1000)),
)


@given(mirrors)
def test_every_region_mirrors_the_nation(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """E_ri = a_r * b_i (each region has the national mix): LQ = 1, K = 0, Gini = 0."""
    a, b = pair
    M = np.outer(a, b)
    np.testing.assert_allclose(ck.location_quotient(M).to_numpy(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(ck.krugman_index(M).to_numpy(), 0.0, atol=1e-12)
    np.testing.assert_allclose(ck.locational_gini(M).to_numpy(), 0.0, atol=1e-12)


@given(arrays(np.int64, (4, 3), elements=st.integers(1, 1000)))
def test_lq_weighted_average_is_one(M: np.ndarray) -> None:
    """Sum over regions of x_r * LQ_ri = 1 for every industry (shares add up)."""
    lq = ck.location_quotient(M).to_numpy()
    x = M.sum(axis=1) / M.sum()
    np.testing.assert_allclose(x @ lq, 1.0, rtol=1e-12)


def test_krugman_complete_specialisation_approaches_two() -> None:
    M = [[1_000_000, 0], [0, 1]]
    assert ck.krugman_index(M).iloc[1] == pytest.approx(2.0, abs=1e-5)


# --------------------------------------------------------------------------- worked examples


def test_lq_farhauer_kroell_example() -> None:
    """Farhauer & Kröll (2013), *Standorttheorien*, Springer, as reproduced in the
    documentation of the R package REAT (``locq(1714, 79006, 879213, 15593224)``
    returns 0.3847623): 1,714 industry jobs of 79,006 in the region, 879,213 of
    15,593,224 in the country.
    """
    e_ij, e_j, e_i, e = 1714, 79006, 879213, 15593224
    M = [[e_ij, e_j - e_ij], [e_i - e_ij, e - e_j - e_i + e_ij]]
    assert ck.location_quotient(M).iloc[0, 0] == pytest.approx(0.3847623, abs=1e-7)


def test_locational_gini_hand_computed() -> None:
    """Hand computation, Krugman's (1991) definition.

    Regions' shares of total employment x = (.20, .15, .20, .40, .05) and of the
    industry s = (.05, .05, .10, .70, .10) (the Farhauer & Kröll 2013 example used
    in REAT's ``gini.conc``: E_ij = 500, 500, 1000, 7000, 1000; E_j = 20000,
    15000, 20000, 40000, 5000).  LQs = .25, .33, .5, 1.75, 2 are already
    ascending; cumulative s = .05, .10, .20, .90, 1.  Then
    G = 1 - [.2(.05) + .15(.10 + .05) + .2(.20 + .10) + .4(.90 + .20) + .05(1 + .90)]
      = 1 - .6275 = .3725.
    """
    e_ij = np.array([500, 500, 1000, 7000, 1000])
    e_j = np.array([20000, 15000, 20000, 40000, 5000])
    M = np.c_[e_ij, e_j - e_ij]
    assert ck.locational_gini(M).iloc[0] == pytest.approx(0.3725, abs=1e-12)
    # The same number as twice the area between the diagonal and the Lorenz curve.
    lc = ck.lorenz_curve(M, industry=0)
    area = np.trapezoid(lc["cum_industry_share"], lc["cum_total_share"])
    assert 1 - 2 * area == pytest.approx(0.3725, abs=1e-12)


def test_unweighted_lq_gini_variant_matches_farhauer_kroell() -> None:
    """REAT's ``gini.conc`` (Farhauer & Kröll 2013) is a *different* Gini: the
    unweighted Gini of the regions' LQs, 0.4068966 for the example above.  It is
    reproduced from our LQs to document why ck.locational_gini (employment
    weighted, Krugman 1991) gives 0.3725 instead.
    """
    e_ij = np.array([500, 500, 1000, 7000, 1000])
    e_j = np.array([20000, 15000, 20000, 40000, 5000])
    lq = np.sort(ck.location_quotient(np.c_[e_ij, e_j - e_ij]).iloc[:, 0].to_numpy())
    n = lq.size
    g = 2 / (n**2 * lq.mean()) * np.sum(np.arange(1, n + 1) * (lq - lq.mean()))
    assert g == pytest.approx(0.4068966, abs=1e-7)


def test_locational_gini_two_region_extreme() -> None:
    """All of an industry in a region with share x of total employment: G = 1 - x."""
    M = [[10, 10], [0, 80]]  # region 0 has 20 % of employment and all of industry 0
    assert ck.locational_gini(M).iloc[0] == pytest.approx(1 - 20 / 100)


def test_krugman_hand_computed() -> None:
    """Region a: shares (.75, .25); nation (.5, .5): K = .25 + .25 = .5."""
    K = ck.krugman_index(pd.DataFrame({"x": [3, 1], "y": [1, 3]}, index=["a", "b"]))
    assert K.to_dict() == {"a": 0.5, "b": 0.5}


def test_measures_on_german_laender() -> None:
    de = ck.data.load_de_laender_employment()
    M = ck.activity_matrix(de[de["year"] == 2014])
    assert M.shape == (16, 10)
    K = ck.krugman_index(M)
    assert K.between(0, 2).all()
    assert ck.locational_gini(M).idxmax() in {"A", "K", "J"}


# --------------------------------------------------------------------------- lorenz_curve


def test_lorenz_curve_shape_and_monotone() -> None:
    M = pd.DataFrame({"x": [5, 1, 3], "y": [1, 9, 2]}, index=["a", "b", "c"])
    lc = ck.lorenz_curve(M)
    assert list(lc.columns) == [
        "industry",
        "rank",
        "region",
        "lq",
        "cum_total_share",
        "cum_industry_share",
    ]
    for _, g in lc.groupby("industry"):
        assert g["cum_total_share"].iloc[0] == 0 and g["cum_industry_share"].iloc[-1] == 1
        assert (np.diff(g["lq"].iloc[1:]) >= 0).all()
        assert (g["cum_industry_share"] <= g["cum_total_share"] + 1e-12).all()
    assert lc.loc[lc["rank"] == 3, "region"].tolist() == ["a", "b"]


def test_lorenz_curve_unknown_industry() -> None:
    with pytest.raises(ValueError, match=r"'industry' \['z'\] not found"):
        ck.lorenz_curve(pd.DataFrame({"x": [1, 2], "y": [2, 1]}), industry="z")


# --------------------------------------------------------------------------- errors


def test_error_zero_region_total_names_label() -> None:
    M = pd.DataFrame({"x": [1, 0], "y": [2, 0]}, index=["Ohio", "Nowhere"])
    with pytest.raises(ValueError, match="region.*zero total.*Nowhere"):
        ck.location_quotient(M)


def test_error_zero_industry_total_names_label() -> None:
    M = pd.DataFrame({"Mining": [0, 0], "Retail": [2, 3]})
    with pytest.raises(ValueError, match="industry.*zero total.*Mining"):
        ck.locational_gini(M)


def test_error_empty_matrix() -> None:
    with pytest.raises(ValueError, match="'M' is empty"):
        ck.krugman_index(pd.DataFrame())


def test_error_not_two_dimensional() -> None:
    with pytest.raises(ValueError, match="2-dimensional"):
        ck.location_quotient([1, 2, 3])
    with pytest.raises(TypeError, match="got a Series"):
        ck.location_quotient(pd.Series([1, 2]))


def test_error_herfindahl_inputs() -> None:
    with pytest.raises(ValueError, match="sum to zero"):
        ck.herfindahl([0, 0])
    with pytest.raises(ValueError, match="'sizes' is empty"):
        ck.herfindahl([])
    with pytest.raises(ValueError, match="at least 2 units"):
        ck.herfindahl([5], normalise=True)
    with pytest.raises(TypeError, match="'normalise' must be True or False"):
        ck.herfindahl([1, 2], normalise="yes")
    with pytest.warns(FutureWarning, match="keyword normalized= .* use normalise="):
        assert ck.herfindahl([3, 1], normalized=True) == 0.25
    with pytest.raises(ValueError, match="1-dimensional"):
        ck.herfindahl([[1, 2], [3, 4]])


def test_error_duplicate_labels_named() -> None:
    M = pd.DataFrame([[1, 2], [3, 4]], index=["Ohio", "Ohio"], columns=["x", "y"])
    with pytest.raises(ValueError, match=r"duplicate region \(row\) labels \['Ohio'\]"):
        ck.location_quotient(M)
    M = pd.DataFrame([[1, 2], [3, 4]], index=["a", "b"], columns=["x", "x"])
    with pytest.raises(ValueError, match=r"duplicate industry \(column\) labels \['x'\]"):
        ck.krugman_index(M)

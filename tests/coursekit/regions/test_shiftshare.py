"""Tests for coursekit.regions.shiftshare: REAT's Farhauer-Kröll example, identities, real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck

# Farhauer & Kröll (2013) as given in the examples of REAT's shift(), shifti() and shiftd()
# (R package REAT 3.0.3, man/shift.Rd and man/shiftd.Rd).
NATION_T = [400, 150, 150, 400]
NATION_T1 = [440, 210, 135, 480]
NATION_T2 = [460, 230, 155, 500]
E0 = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
                  index=pd.Index(["A", "B", "C"], name="region"),
                  columns=pd.Index(["i1", "i2", "i3", "i4"], name="industry"), dtype=float)
E1 = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
                  index=E0.index, columns=E0.columns, dtype=float)
A_T2 = [105, 45, 15, 60]


def test_reat_farhauer_kroell_example_dunn() -> None:
    """REAT shift(region_X_t, region_X_t1, nation_X_t, nation_X_t1) for X = A, B, C, with
    REAT's formulas (R/shift.R, method "Dunn"): growth, national share, industrial mix,
    regional shift and net total shift. The three regions sum to the nation, so passing the
    nation or not gives the same result."""
    expected = pd.DataFrame(
        {"actual_change": [25, 55, 85], "national_share": [27, 24, 114],
         "industry_mix": [1, -1, 0], "regional_share": [-3, 32, -29],
         "net_total_shift": [-2, 31, -29]}, index=E0.index, dtype=float)
    for nation in ((None, None), (pd.Series(NATION_T, index=E0.columns),
                                  pd.Series(NATION_T1, index=E0.columns))):
        out = ck.shift_share(E0, E1, *nation)
        pd.testing.assert_frame_equal(out[expected.columns], expected, atol=1e-12)
        assert out["start"].tolist() == [180, 160, 760]
        assert out["end"].tolist() == [205, 215, 845]


def test_reat_example_one_region_as_vectors() -> None:
    """REAT's call style: one region and the nation as plain vectors."""
    out = ck.shift_share([90, 20, 10, 60], [100, 40, 10, 55], NATION_T, NATION_T1)
    assert out.iloc[0][["national_share", "industry_mix", "regional_share",
                        "net_total_shift"]].tolist() == pytest.approx([27, 1, -3, -2])


def test_reat_example_by_industry() -> None:
    """REAT shifti()-type components of region A, industry by industry (computed with the
    formulas: national share e0_i (G - 1), mix e0_i (G_i - G), regional e1_i - e0_i G_i)."""
    out = ck.shift_share(E0, E1, by_industry=True).loc["A"]
    assert out["national_share"].tolist() == pytest.approx([13.5, 3, 1.5, 9])
    assert out["industry_mix"].tolist() == pytest.approx([-4.5, 5, -2.5, 3])
    assert out["regional_share"].tolist() == pytest.approx([1, 12, 1, -17])
    assert list(out.index) == ["i1", "i2", "i3", "i4"]


def test_reat_example_esteban_marquillas() -> None:
    """REAT shift(..., shift.method = "Esteban") formulas: homothetic employment
    e0 * E_i0 / E0; 'Regional shift' (competitive) and 'Allocation effect'."""
    out = ck.esteban_marquillas(E0, E1)
    np.testing.assert_allclose(out["competitive"], [-0.636364, 18.424242, -33.571901],
                               atol=5e-7)
    np.testing.assert_allclose(out["allocation"], [-2.363636, 13.575758, 4.571901], atol=5e-7)
    np.testing.assert_allclose(out["competitive"] + out["allocation"], out["regional_share"])
    np.testing.assert_allclose(out["homothetic_start"], [180, 160, 760])
    by_ind = ck.esteban_marquillas(E0, E1, by_industry=True).loc["A"]
    np.testing.assert_allclose(by_ind["homothetic_start"], 180 * np.array(NATION_T) / 1100)


def test_reat_example_dynamic() -> None:
    """REAT shiftd() on the extended example (region A, years 2000-2002): the annual Dunn
    components summed (R/shiftd.R, rowSums of components.year), and the components of each
    year; the static 2000 -> 2002 decomposition differs, which is Barff & Knight's point."""
    region = {2000: [90, 20, 10, 60], 2001: [100, 40, 10, 55], 2002: A_T2}
    nation = {2000: NATION_T, 2001: NATION_T1, 2002: NATION_T2}
    out = ck.dynamic_shift_share(region, nation).iloc[0]
    assert out[["actual_change", "national_share", "industry_mix", "regional_share",
                "net_total_shift"]].tolist() == pytest.approx(
        [45, 39.964427, 0.163700, 4.871873, 5.035573], abs=5e-7)
    assert (out["start"], out["end"]) == (180, 225)
    years = ck.dynamic_shift_share(region, nation, by_period=True)
    assert list(years.index.get_level_values("period")) == ["2000-2001", "2001-2002"]
    assert years.iloc[1][["national_share", "industry_mix", "regional_share"]].tolist() == \
        pytest.approx([12.964427, -0.836300, 7.871873], abs=5e-7)
    static = ck.shift_share(region[2000], region[2002], NATION_T, NATION_T2).iloc[0]
    assert static[["national_share", "industry_mix", "regional_share"]].tolist() == \
        pytest.approx([40.090909, -0.590909, 5.5], abs=5e-7)


# --------------------------------------------------------------------------- identities

tables = st.integers(1, 6).flatmap(lambda r: st.integers(1, 6).flatmap(lambda i: st.tuples(
    arrays(np.float64, (r, i), elements=st.floats(1, 1e6)),
    arrays(np.float64, (r, i), elements=st.floats(0, 1e6)))))


@given(tables)
def test_components_add_up(pair) -> None:
    """Dunn (1960): actual change = national share + mix + regional share; NTS = mix +
    regional; over regions that exhaust the nation, mix and regional share sum to zero and
    the national shares to the nation's change."""
    e0, e1 = pair
    out = ck.shift_share(e0, e1)
    scale = max(e0.sum(), e1.sum())
    np.testing.assert_allclose(out[["national_share", "industry_mix", "regional_share"]]
                               .sum(axis=1), out["actual_change"], atol=1e-9 * scale)
    np.testing.assert_allclose(out["industry_mix"] + out["regional_share"],
                               out["net_total_shift"], atol=1e-9 * scale)
    assert out["industry_mix"].sum() == pytest.approx(0, abs=1e-9 * scale)
    assert out["regional_share"].sum() == pytest.approx(0, abs=1e-9 * scale)
    assert out["national_share"].sum() == pytest.approx(e0.sum() * (e1.sum() / e0.sum() - 1),
                                                        abs=1e-9 * scale)
    by_ind = ck.shift_share(e0, e1, by_industry=True)
    np.testing.assert_allclose(by_ind.groupby(level=0).sum().to_numpy(), out.to_numpy(),
                               atol=1e-9 * scale)


@given(tables)
def test_esteban_marquillas_adds_up(pair) -> None:
    """Esteban-Marquillas (1972): competitive + allocation effect = regional share, any table."""
    e0, e1 = pair
    out = ck.esteban_marquillas(e0, e1)
    scale = max(e0.sum(), e1.sum())
    np.testing.assert_allclose(out["competitive"] + out["allocation"], out["regional_share"],
                               atol=1e-8 * scale)


def test_region_growing_like_the_nation_in_every_industry_has_no_shift() -> None:
    """e1_i = e0_i G_i: regional share 0; a region with the national mix has mix 0 too."""
    n0, n1 = np.array([100.0, 50, 25]), np.array([120.0, 40, 50])
    region0 = np.array([10.0, 20, 5])
    out = ck.shift_share(region0, region0 * n1 / n0, n0, n1).iloc[0]
    assert out["regional_share"] == pytest.approx(0, abs=1e-12)
    mirror = ck.shift_share(n0 / 5, n1 / 5, n0, n1).iloc[0]
    assert mirror["industry_mix"] == pytest.approx(0, abs=1e-12)
    assert mirror["actual_change"] == pytest.approx(mirror["national_share"])


def test_dynamic_with_two_years_is_the_static_one() -> None:
    """Barff & Knight (1988): with two years the dynamic decomposition is the static one."""
    mats = {2000: E0, 2001: E1}
    pd.testing.assert_frame_equal(ck.dynamic_shift_share(mats), ck.shift_share(E0, E1))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("kwargs,match", [
    ({"end": E1.iloc[:2]}, "'end' must have the shape"),
    ({"end": E1.rename(index={"A": "Z"})}, "same region and industry labels"),
    ({"benchmark_start": NATION_T}, "both 'benchmark_start' and 'benchmark_end'"),
    ({"benchmark_start": [1, 2], "benchmark_end": [1, 2]},
     "'benchmark_start' must give one value per industry"),
    ({"benchmark_start": [0, 150, 150, 400], "benchmark_end": NATION_T1},
     "no national employment"),
    ({"start": E0 * -1}, "non-negative"),
])
def test_bad_inputs_are_named(kwargs, match) -> None:
    """Mismatched tables and benchmarks raise errors that name the argument."""
    args = {"start": E0, "end": E1, **kwargs}
    with pytest.raises((ValueError, TypeError), match=match):
        ck.shift_share(**args)


def test_old_keywords_are_deprecated_but_work() -> None:
    """E0, E1, nation0, nation1 and nations were the names before start, end and benchmark."""
    new = ck.shift_share(E0, E1, NATION_T, NATION_T1)
    for f in (ck.shift_share, ck.esteban_marquillas):
        with pytest.warns(FutureWarning, match="removed in coursekit 0.4") as caught:
            old = f(E0=E0, E1=E1, nation0=NATION_T, nation1=NATION_T1)
        assert [str(w.message).split(" of ")[0] for w in caught] == [
            "The keyword E0=", "The keyword E1=", "The keyword nation0=", "The keyword nation1="]
        assert "use start= instead" in str(caught[0].message)
        pd.testing.assert_frame_equal(old, f(start=E0, end=E1, benchmark_start=NATION_T,
                                             benchmark_end=NATION_T1))
    pd.testing.assert_frame_equal(new, ck.shift_share(start=E0, end=E1, benchmark_start=NATION_T,
                                                      benchmark_end=NATION_T1))
    with pytest.warns(FutureWarning, match="use benchmark="):
        ck.dynamic_shift_share({2000: E0, 2001: E1}, nations={2000: NATION_T, 2001: NATION_T1})


def test_esteban_refuses_zero_cells() -> None:
    """The regional growth rate of an industry absent at the start is undefined: refused."""
    with pytest.raises(ValueError, match="'start' has 1 zero cell"):
        ck.esteban_marquillas(E0.where(E0 != 20, 0), E1)


def test_dynamic_errors() -> None:
    """The dynamic version needs a mapping of at least two years; errors name the argument."""
    with pytest.raises(ValueError, match="at least two years"):
        ck.dynamic_shift_share({2000: E0})
    with pytest.raises(TypeError, match="'matrices' must be a mapping"):
        ck.dynamic_shift_share([E0, E1])
    with pytest.raises(ValueError, match="'benchmark' must have the same years"):
        ck.dynamic_shift_share({2000: E0, 2001: E1}, {2000: NATION_T})
    with pytest.raises(ValueError, match=r"'matrices' \(years 2000 to 2001\)"):
        ck.dynamic_shift_share({2000: E0, 2001: E1.iloc[:2]})


# --------------------------------------------------------------------------- real data


def test_nrw_against_germany_2008_2014() -> None:
    """Destatis Länder × sections: NRW's components add up, and the Länder's mixes and
    regional shares sum to zero (the Länder make Germany)."""
    de = ck.data.load_de_laender_employment()
    mats = ck.activity_matrices(de)
    out = ck.shift_share(mats[2008], mats[2014])
    nrw = out.loc["Nordrhein-Westfalen"]
    assert nrw["actual_change"] == pytest.approx(
        nrw["national_share"] + nrw["industry_mix"] + nrw["regional_share"])
    assert abs(out["regional_share"].sum()) < 1e-6 * out["start"].sum()
    dyn = ck.dynamic_shift_share(mats)
    assert dyn.loc["Nordrhein-Westfalen", "actual_change"] == pytest.approx(nrw["actual_change"])

"""Tests for coursekit.regions.matrices: tidy tables pivoted into regions x industries
matrices (sums of duplicates, zeros for absent cells, one matrix per year)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import coursekit as ck


def test_activity_matrix_pivots_sums_and_fills() -> None:
    tidy = pd.DataFrame(
        {
            "state": ["A", "A", "B", "B", "A"],
            "sector": ["x", "y", "x", "x", "x"],
            "employment": [1, 2, 3, 4, 5],
        }
    )
    M = ck.activity_matrix(tidy, region="state", industry="sector", value="employment")
    assert M.loc["A", "x"] == 6.0 and M.loc["B", "x"] == 7.0 and M.loc["B", "y"] == 0.0
    assert M.index.name == "state" and M.columns.name == "sector"
    assert all(pd.api.types.is_float_dtype(d) for d in M.dtypes)


def test_activity_matrix_on_us_data_needs_no_keywords() -> None:
    """The loader declares its columns' roles (provenance.toml): region, industry, value."""
    us = ck.data.load_us_susb_2021()
    M = ck.activity_matrix(us)
    pd.testing.assert_frame_equal(
        M, ck.activity_matrix(us, region="state", industry="sector", value="employment"))
    assert M.shape == (51, 20)
    assert M.to_numpy().sum() == us["employment"].sum()
    # D.C. has no published agriculture or mining rows: they become 0.
    assert M.loc["District of Columbia", "Manufacturing"] > 0
    lq = ck.location_quotient(M)
    assert lq.loc["Michigan", "Manufacturing"] > 1.3
    assert lq.loc["Wyoming", "Mining, Quarrying, and Oil and Gas Extraction"] > 5


def test_keywords_win_over_roles_and_roles_over_role_names() -> None:
    tidy = pd.DataFrame({"region": ["a", "b"], "land": ["x", "y"], "industry": ["i", "i"],
                         "value": [1.0, 2.0], "jobs": [10.0, 20.0]})
    assert list(ck.activity_matrix(tidy).index) == ["a", "b"]  # the role names
    tidy.attrs["roles"] = {"region": "land", "value": "jobs"}
    by_roles = ck.activity_matrix(tidy)
    assert list(by_roles.index) == ["x", "y"] and by_roles.to_numpy().sum() == 30.0
    explicit = ck.activity_matrix(tidy, region="region", value="value")
    assert list(explicit.index) == ["a", "b"] and explicit.to_numpy().sum() == 3.0
    tidy.attrs["roles"] = {"region": "nowhere"}
    with pytest.raises(ValueError, match=r"region column 'nowhere' \(declared in "
                                         r"data.attrs\['roles'\]\) is not a column"):
        ck.activity_matrix(tidy)
    tidy.attrs["roles"] = {"place": "land"}
    with pytest.raises(ValueError, match=r"attrs\['roles'\] must map roles"):
        ck.activity_matrix(tidy)


def test_activity_matrices_split_by_the_time_role() -> None:
    de = ck.data.load_de_laender_employment()
    mats = ck.activity_matrices(de)  # region, industry, value and time from the loader's roles
    assert sorted(mats) == list(range(2008, 2015))
    pd.testing.assert_frame_equal(mats[2014], ck.activity_matrix(de[de["year"] == 2014]))


def test_employment_matrix_and_matrices_are_deprecated_aliases_with_old_defaults() -> None:
    tidy = pd.DataFrame({"region": ["a", "b"], "industry": ["x", "x"], "employment": [1.0, 2.0],
                         "year": [2000, 2001]})
    with pytest.warns(FutureWarning, match=r"ck.employment_matrix is deprecated .* removed in "
                                           r"coursekit 0.4; use ck.activity_matrix"):
        old = ck.employment_matrix(tidy)
    pd.testing.assert_frame_equal(old, ck.activity_matrix(tidy, value="employment"))
    with pytest.warns(FutureWarning, match="use ck.activity_matrices"):
        olds = ck.employment_matrices(tidy, by="year")
    assert list(olds) == [2000, 2001]


def test_error_negative_and_nan_in_tidy_data() -> None:
    tidy = pd.DataFrame({"region": ["a", "b"], "industry": ["x", "x"], "value": [1, -5]})
    with pytest.raises(ValueError, match=r"non-negative.*-5"):
        ck.activity_matrix(tidy)
    tidy["value"] = [1, np.nan]
    with pytest.raises(ValueError, match=r"value'\]' contains 1 missing"):
        ck.activity_matrix(tidy)


def test_error_missing_column() -> None:
    with pytest.raises(ValueError, match=r"'industry'='sector' is not a column of 'data'"):
        ck.activity_matrix(
            pd.DataFrame({"state": ["a"], "employment": [1]}), region="state", industry="sector"
        )


def test_activity_matrices_share_one_set_of_labels():
    """One matrix per year, each reindexed to every region and industry of the panel, so
    that two years compare cell by cell (absent cells 0); years in ascending order."""
    panel = pd.DataFrame({"region": ["a", "b", "a", "c"], "industry": ["x", "x", "y", "x"],
                          "employment": [1.0, 2.0, 3.0, 4.0], "year": [2001, 2000, 2001, 2000]})
    mats = ck.activity_matrices(panel, value="employment", time="year")
    assert list(mats) == [2000, 2001]
    for M in mats.values():
        assert list(M.index) == ["a", "b", "c"] and list(M.columns) == ["x", "y"]
    assert mats[2000].to_numpy().tolist() == [[0.0, 0.0], [2.0, 0.0], [4.0, 0.0]]
    assert mats[2001].to_numpy().tolist() == [[1.0, 3.0], [0.0, 0.0], [0.0, 0.0]]
    total = sum(M.to_numpy().sum() for M in mats.values())
    assert total == panel["employment"].sum()
    with pytest.raises(ValueError, match="Column 'year' of 'data' has missing values"):
        ck.activity_matrices(panel.assign(year=[2000, None, 2001, 2000]), value="employment",
                             time="year")


def test_activity_matrix_sums_that_overflow_are_refused():
    """Duplicate rows are added up; a sum beyond the largest float is refused, not inf."""
    huge = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "x"],
                         "value": [1e308, 1e308]})
    with pytest.raises(ValueError, match="overflow"):
        ck.activity_matrix(huge)
    assert ck.activity_matrix(huge.assign(value=[1e307, 1e307])).iloc[0, 0] == 2e307

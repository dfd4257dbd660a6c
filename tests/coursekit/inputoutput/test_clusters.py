"""Tests for coursekit.inputoutput.clusters: Feser & Bergman's linkage correlations and cluster templates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck
from coursekit.inputoutput.clusters import _varimax

BLOCK = np.array([[1.0, 4.0, 2.0], [3.0, 1.0, 2.0], [2.0, 5.0, 1.0]])
TWO_BLOCKS = np.block([[BLOCK, np.zeros((3, 3))], [np.zeros((3, 3)), 2 * BLOCK]])


def test_linkage_is_the_largest_of_the_four_profile_correlations():
    """Feser & Bergman (2000): L_kl = max{r(p_k, p_l), r(s_k, s_l), r(p_k, s_l), r(s_k, p_l)},
    p = input (column) profiles, s = output (row) profiles; checked with np.corrcoef."""
    rng = np.random.default_rng(5)
    Z = rng.gamma(0.7, 10.0, size=(6, 6))
    P = Z / Z.sum(axis=0)
    S = (Z / Z.sum(axis=1)[:, None]).T
    link = ck.linkage_correlations(Z)
    for k in range(6):
        for m in range(6):
            if k == m:
                continue
            four = [np.corrcoef(P[:, k], P[:, m])[0, 1], np.corrcoef(S[:, k], S[:, m])[0, 1],
                    np.corrcoef(P[:, k], S[:, m])[0, 1], np.corrcoef(S[:, k], P[:, m])[0, 1]]
            assert link[k, m] == pytest.approx(max(four), abs=1e-12)


def test_identical_profiles_are_fully_linked_and_an_idle_sector_is_unlinked():
    """Two industries that buy in the same proportions have r(p_k, p_l) = 1; an industry that
    neither buys nor sells has no profile, hence linkage 0 with the others."""
    Z = np.array([[2.0, 4.0, 0.0, 0.0], [1.0, 2.0, 0.0, 0.0], [3.0, 6.0, 5.0, 0.0],
                  [0.0, 0.0, 0.0, 0.0]])
    link = ck.linkage_correlations(Z)
    assert link[0, 1] == pytest.approx(1.0)
    np.testing.assert_array_equal(link[3, :3], 0.0)
    assert link[3, 3] == 1.0


def test_two_separate_blocks_give_two_clusters():
    """Closed case: two groups that trade only among themselves form two templates, each with
    all three members and the other group's loadings 0; Kaiser's rule keeps two components."""
    labels = [f"s{i}" for i in range(6)]
    t = ck.cluster_templates(pd.DataFrame(TWO_BLOCKS, index=labels, columns=labels))
    assert list(t.loadings.columns) == [1, 2]
    groups = sorted(sorted(g) for g in t.members.groupby("cluster")["sector"].apply(list))
    assert groups == [["s0", "s1", "s2"], ["s3", "s4", "s5"]]
    assert t.members["primary"].all()
    assert t.explained == pytest.approx(t.eigenvalues.iloc[:2].sum()
                                        / t.eigenvalues[t.eigenvalues > 0].sum())


@given(arrays(np.float64, (7, 3), elements=st.floats(-1, 1)))
def test_varimax_is_a_rotation(loadings):
    """Kaiser (1958): varimax is an orthogonal rotation, so each row's communality (sum of
    squared loadings) is unchanged."""
    rotated = _varimax(loadings)
    np.testing.assert_allclose((rotated ** 2).sum(axis=1), (loadings ** 2).sum(axis=1),
                               atol=1e-9)


@given(arrays(np.float64, (5, 5), elements=st.floats(0, 100)), st.floats(1e-3, 1e3))
def test_linkages_are_scale_free_symmetric_and_bounded(Z, c):
    link = ck.linkage_correlations(Z)
    np.testing.assert_allclose(link, link.T, atol=1e-12)
    assert (np.abs(link) <= 1 + 1e-12).all() and (np.diag(link) == 1).all()
    np.testing.assert_allclose(ck.linkage_correlations(c * Z), link, atol=1e-9)


def test_us_templates_group_known_supply_chains():
    """The 71-industry US table (BEA 2021, basic prices by the course's approximation, domestic
    flows): the templates chapter 5 names (the course's reading of the result, checked so that
    the text stays true): oil and gas with its support activities, refining as a secondary member;
    farms with food, forestry and paper; motor vehicles with primary metals; fabricated metals
    with machinery, wood and construction; other transport equipment with federal defence as a
    secondary member; trucking with wholesale and rail (the approximation's doing)."""
    us = ck.us_io_table()
    t = ck.cluster_templates(us.Z, threshold=0.35)
    primary = t.members[t.members["primary"]].set_index("sector")["cluster"]
    assert len(t.loadings.columns) == primary.nunique() == 16
    assert primary.value_counts().max() == 16
    oil = primary["Oil & gas"]
    assert primary["Mining support"] == oil
    assert {"Petroleum & coal products", "Utilities", "Mining"} <= set(
        t.members.loc[t.members["cluster"] == oil, "sector"])
    assert primary["Farms"] == primary["Food, beverages & tobacco"] == \
        primary["Forestry & fishing"] == primary["Paper"]
    auto = primary["Motor vehicles & parts"]
    assert primary["Primary metals"] == auto
    assert {"Machinery", "Electrical equipment", "Fabricated metals"} <= set(
        t.members.loc[t.members["cluster"] == auto, "sector"])
    assert primary["Fabricated metals"] == primary["Machinery"] == primary["Wood products"] \
        == primary["Construction"] == primary["Nonmetallic minerals"]
    aero = primary["Other transport equipment"]
    assert (primary == aero).sum() == 1
    assert "Federal defense" in set(t.members.loc[t.members["cluster"] == aero, "sector"])
    assert primary["Trucking"] == primary["Wholesale"] == primary["Rail transport"]
    assert set(primary.index) <= set(us.Z.index)


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="'Z' must have at least 3 sectors"):
        ck.linkage_correlations([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="'n_clusters'"):
        ck.cluster_templates(TWO_BLOCKS, n_clusters=7)
    with pytest.raises(ValueError, match="'threshold'"):
        ck.cluster_templates(TWO_BLOCKS, threshold=1.0)


def test_components_of_rounding_noise_are_not_clusters():
    """Proportional flows make every profile alike: the linkage matrix is all ones, of rank
    one, and its other eigenvalues are 0 up to rounding (of either sign); a second cluster
    would be noise, so asking for it is refused, whatever the sign of the noise."""
    Z = np.array([[2.0, 4.0, 6.0], [1.0, 2.0, 3.0], [3.0, 6.0, 9.0]])
    assert ck.cluster_templates(Z, n_clusters=1).explained == pytest.approx(1.0)
    for c in (1.0, 1e-7, 3e5):
        with pytest.raises(ValueError, match="'n_clusters'=2 asks for components with "
                                             "non-positive eigenvalues"):
            ck.cluster_templates(Z * c, n_clusters=2)

"""Tests for coursekit.regions.relatedness: presence, proximity, density, the proximity
network and entry by relatedness; closed forms, worked examples, the py-ecomplexity
conventions, and properties."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.sparse.csgraph import minimum_spanning_tree

import coursekit as ck

NESTED = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float)
NON_NESTED = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 1]],
                      dtype=float)


# --------------------------------------------------------------------------- presence


def test_presence_uses_greater_or_equal():
    """py-ecomplexity's calculate_mcp: np.where(rca >= threshold, 1, 0) (>=, not >)."""
    equal = ck.presence_matrix([[1.0, 1.0], [1.0, 1.0]])  # every RCA is exactly 1
    assert equal.to_numpy().tolist() == [[1, 1], [1, 1]]
    assert ck.presence_matrix([[1, 1], [1, 3]], threshold=1.2).to_numpy().tolist() == [[1, 0],
                                                                                       [0, 0]]


def test_presence_is_the_location_quotient_threshold():
    counts = pd.DataFrame({"x": [5.0, 1.0, 2.0], "y": [1.0, 4.0, 2.0]}, index=list("abc"))
    expected = (ck.location_quotient(counts) >= 1).astype(int)
    pd.testing.assert_frame_equal(ck.presence_matrix(counts), expected)


def test_presence_functions_reject_counts():
    with pytest.raises(ValueError, match="presence_matrix"):
        ck.proximity([[2, 1], [1, 1]])


# --------------------------------------------------------------------------- proximity


def test_proximity_of_the_nested_example():
    """Worked example (notes/ch4/methods.md, Example A): phi_12 = min(3/3, 3/4) = 0.75 etc.,
    by the definition of Hidalgo et al. (2007); zero diagonal by the course's convention
    (py-ecomplexity keeps the formula's one)."""
    expected = np.array([[0, 0.75, 0.5, 0.25], [0.75, 0, 2 / 3, 1 / 3],
                         [0.5, 2 / 3, 0, 0.5], [0.25, 1 / 3, 0.5, 0]])
    np.testing.assert_allclose(ck.proximity(NESTED).to_numpy(), expected, atol=1e-15)


def test_proximity_is_the_minimum_of_conditional_probabilities():
    """Hidalgo et al. (2007): phi_ij = min{P(i | j), P(j | i)}, counted over regions."""
    rng = np.random.default_rng(4)
    X = (rng.random((12, 6)) < 0.5).astype(float)
    X[0] = 1  # no empty column
    phi = ck.proximity(X).to_numpy()
    for i in range(6):
        for j in range(6):
            if i == j:
                continue
            both = np.sum((X[:, i] == 1) & (X[:, j] == 1))
            p_i_given_j = both / np.sum(X[:, j] == 1)
            p_j_given_i = both / np.sum(X[:, i] == 1)
            assert phi[i, j] == pytest.approx(min(p_i_given_j, p_j_given_i))


def test_proximity_keeps_labels():
    X = pd.DataFrame(NESTED, index=list("abcd"), columns=pd.Index(list("wxyz"), name="field"))
    phi = ck.proximity(X)
    assert list(phi.index) == list(phi.columns) == list("wxyz")
    assert phi.index.name == "field"


@given(arrays(np.int8, st.tuples(st.integers(2, 8), st.integers(2, 6)), elements=st.integers(0, 1)))
def test_proximity_properties(X):
    assume(X.sum(axis=0).all() and X.sum(axis=1).all())
    phi = ck.proximity(X).to_numpy()
    assert np.allclose(phi, phi.T) and np.all(np.diag(phi) == 0)
    assert (phi >= 0).all() and (phi <= 1).all()
    perm = np.random.default_rng(0).permutation(X.shape[1])
    np.testing.assert_allclose(ck.proximity(X[:, perm]).to_numpy(), phi[np.ix_(perm, perm)])


# --------------------------------------------------------------------------- density


def test_density_of_the_nested_example():
    """Example A of the notes: omega_{c3,p3} = (0.5 + 2/3) / (0.5 + 2/3 + 0.5) = 0.7, and the
    rows computed with py-ecomplexity's calc_density formula."""
    dens = ck.relatedness_density(NESTED, ck.proximity(NESTED)).to_numpy()
    expected = np.array([[1, 1, 1, 1], [5 / 6, 17 / 21, 0.7, 1],
                         [0.5, 3 / 7, 0.7, 7 / 13], [0, 3 / 7, 0.3, 3 / 13]])
    np.testing.assert_allclose(dens, expected, atol=1e-12)


def test_density_accepts_a_reordered_proximity_and_rejects_a_foreign_one():
    X = pd.DataFrame(NESTED, columns=list("abcd"))
    phi = ck.proximity(X)
    shuffled = phi.loc[list("dcba"), list("bdac")]
    pd.testing.assert_frame_equal(ck.relatedness_density(X, shuffled),
                                  ck.relatedness_density(X, phi))
    with pytest.raises(ValueError, match="'proximity'"):
        ck.relatedness_density(X, phi.rename(columns={"a": "zz"}, index={"a": "zz"}))


def test_density_of_an_isolated_activity_is_nan():
    X = np.array([[1, 0, 0], [0, 1, 1], [0, 1, 1]])
    dens = ck.relatedness_density(X, ck.proximity(X))
    assert dens[0].isna().all() and dens[[1, 2]].notna().all().all()


@given(arrays(np.int8, st.tuples(st.integers(2, 8), st.integers(2, 6)), elements=st.integers(0, 1)))
def test_density_is_a_weighted_share(X):
    assume(X.sum(axis=0).all() and X.sum(axis=1).all())
    dens = ck.relatedness_density(X, ck.proximity(X)).to_numpy()
    finite = dens[np.isfinite(dens)]
    assert ((finite >= 0) & (finite <= 1)).all()
    full = np.ones_like(X)  # a region with every activity has density 1 wherever defined
    d_full = ck.relatedness_density(np.vstack([X, full[:1]]), ck.proximity(X)).to_numpy()[-1]
    assert np.allclose(d_full[np.isfinite(d_full)], 1.0)


# --------------------------------------------------------------------------- network


def test_network_tree_is_a_maximum_spanning_tree():
    """Hidalgo et al. (2007) draw the maximum spanning tree: its weight equals the (negated)
    minimum spanning tree of -phi found by SciPy, an independent algorithm."""
    rng = np.random.default_rng(7)
    X = (rng.random((30, 9)) < 0.45).astype(float)
    X[0] = 1
    phi = ck.proximity(X)
    network = ck.proximity_network(phi, n_extra=5)
    assert isinstance(network, nx.Graph) and list(network.nodes) == list(phi.columns)
    edges = nx.to_pandas_edgelist(network)  # source, target, proximity, kind
    tree = edges[edges["kind"] == "tree"]
    assert len(tree) == 9 - 1
    scipy_tree = minimum_spanning_tree(-np.triu(phi.to_numpy(), 1)).toarray()
    assert tree["proximity"].sum() == pytest.approx(-scipy_tree.sum())
    graph = nx.from_pandas_edgelist(tree, "source", "target")
    assert nx.is_tree(graph)
    extra = edges[edges["kind"] == "extra"]
    assert len(extra) == 5
    outside = set(map(frozenset, zip(edges["source"], edges["target"], strict=True)))
    rest = [phi.iloc[i, j] for i in range(9) for j in range(i + 1, 9)
            if frozenset((i, j)) not in outside]
    assert extra["proximity"].min() >= max(rest)


def test_network_edges_carry_the_proximity():
    nested = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]
    phi = ck.proximity(nested)
    network = ck.proximity_network(phi, n_extra=0)
    for u, v, value in network.edges(data="proximity"):
        assert value == phi.loc[u, v]
    assert network.number_of_edges() == 3 and nx.is_tree(network)


# --------------------------------------------------------------------------- entry test


def test_relatedness_entry_by_hand():
    """Toy case counted by hand: entries at densities 0.8, 0.8, 1.0 and non-entries at 0.5,
    0.5, 1.0 give U = 2 + 2 + 2.5 = 6.5 of 9 pairs (Mann-Whitney, ties count one half)."""
    start = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]])
    end = pd.DataFrame([[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]])
    dens = ck.relatedness_density(start, ck.proximity(start))
    np.testing.assert_allclose(dens.to_numpy()[start.to_numpy() == 0],
                               [0.8, 0.5, 0.8, 0.5, 1.0, 1.0])
    res = ck.relatedness_entry(start, end, dens, n_bins=2)
    with pytest.warns(FutureWarning, match="removed in coursekit 0.4"):
        assert ck.relatedness_entry(before=start, after=end, density=dens, n_bins=2).auc == res.auc
    assert res.auc == pytest.approx(6.5 / 9)
    assert res.entry_rate == pytest.approx(0.5)
    assert (res.countries_higher, res.countries_compared) == (2, 2)
    assert res.sign_test_p_value == pytest.approx(0.25)  # P(2 of 2 | p = 1/2)
    assert res.by_bin["candidates"].sum() == 6 and res.by_bin["entries"].sum() == 3


def test_relatedness_entry_needs_both_outcomes():
    before = pd.DataFrame([[1, 1, 0], [0, 1, 1], [1, 0, 1]])
    dens = ck.relatedness_density(before, ck.proximity(before))
    with pytest.raises(ValueError, match="entries and non-entries"):
        ck.relatedness_entry(before, before, dens)
    with pytest.raises(ValueError, match="entries and non-entries"):
        ck.relatedness_entry(before, pd.DataFrame(np.ones((3, 3), dtype=int)), dens)


def test_relatedness_entry_drops_candidates_without_a_density():
    """An activity with zero proximity to all others has no density (NaN): not a candidate."""
    before = pd.DataFrame([[1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1], [0, 0, 1, 1]])
    after = pd.DataFrame([[1, 0, 0, 0], [0, 1, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1]])
    dens = ck.relatedness_density(before, ck.proximity(before))
    assert dens[0].isna().all()
    res = ck.relatedness_entry(before, after, dens, n_bins=2)
    assert 0 not in set(res.candidates.iloc[:, 1])
    assert len(res.candidates) == int((before.to_numpy()[:, 1:] == 0).sum())

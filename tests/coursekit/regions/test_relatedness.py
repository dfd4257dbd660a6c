"""Tests for coursekit.regions.relatedness and coursekit.regions.complexity: closed forms, worked examples,
the py-ecomplexity conventions, and properties."""

from __future__ import annotations

import math

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
    by the definition of Hidalgo et al. (2007); zero diagonal as in py-ecomplexity."""
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


# --------------------------------------------------------------------------- complexity


def test_eci_and_pci_of_the_nested_matrix():
    """Example A of the notes: second eigenvalue 1/4, ECI = (3, 1, -1, -3)/sqrt(5) and, with
    py-ecomplexity's convention (PCI standardised by the ECI's mean and sd, ddof = 0),
    PCI = (-3, 1, 5, 9)/sqrt(5)."""
    res = ck.complexity(NESTED)
    np.testing.assert_allclose(res.eci.to_numpy(), np.array([3, 1, -1, -3]) / math.sqrt(5))
    np.testing.assert_allclose(res.pci.to_numpy(), np.array([-3, 1, 5, 9]) / math.sqrt(5))


def test_eci_of_a_non_nested_matrix_is_not_the_diversity_order():
    """Example B of the notes (values from the py-ecomplexity algorithm): the most diverse
    region ranks third."""
    res = ck.complexity(NON_NESTED)
    np.testing.assert_allclose(res.eci.to_numpy(),
                               [-0.187915, 0.938956, 0.807911, -1.558952], atol=1e-6)
    np.testing.assert_allclose(res.pci.to_numpy(),
                               [-0.074980, 1.690802, 1.201045, -0.713519, -3.042923], atol=1e-6)


def test_method_of_reflections_converges_to_the_eci_order():
    """Hidalgo & Hausmann (2009): even reflections k_{c,2N} preserve the ECI's order; their
    deviations shrink by the second eigenvalue (1/4 for the nested matrix) every two steps.
    k_{c,2} = (3.25, 3, 2.75, 2.5) as computed by hand in the notes."""
    kc0, kp0 = NESTED.sum(axis=1), NESTED.sum(axis=0)
    kc, kp = kc0.copy(), kp0.copy()
    history = []
    for _ in range(6):
        kc, kp = (NESTED @ kp) / kc0, (NESTED.T @ kc) / kp0
        history.append(kc)
    np.testing.assert_allclose(history[1], [3.25, 3.0, 2.75, 2.5])
    dev2, dev4 = history[1] - 3, history[3] - 3
    np.testing.assert_allclose(dev4, dev2 / 4)
    # Renormalised reflections (power iteration): subtracting the diversity-weighted mean
    # removes the constant eigenvector exactly (its left eigenvector is the diversity), so
    # k_{c,2N} converges to the ECI direction, also when the order is not by diversity.
    for X in (NESTED, NON_NESTED):
        kc0, kp0 = X.sum(axis=1), X.sum(axis=0)
        kc = kc0.copy()
        for _ in range(200):
            kc = X @ ((X.T @ kc) / kp0) / kc0
            kc = kc - (kc0 @ kc) / kc0.sum()
            kc = kc / np.abs(kc).max()
        eci = ck.complexity(X).eci.to_numpy()
        assert abs(np.corrcoef(kc, eci)[0, 1]) > 1 - 1e-9


def test_eci_is_the_mean_pci_of_a_regions_activities():
    rng = np.random.default_rng(1)
    X = (rng.random((15, 10)) < 0.5).astype(float)
    X[0] = 1
    res = ck.complexity(X)
    np.testing.assert_allclose(res.eci.to_numpy(), (X @ res.pci.to_numpy()) / X.sum(axis=1))
    assert res.eci.mean() == pytest.approx(0, abs=1e-12)
    assert res.eci.std(ddof=0) == pytest.approx(1)
    assert np.corrcoef(X.sum(axis=1), res.eci)[0, 1] > 0  # signed by diversity


def test_complexity_refuses_undefined_cases():
    with pytest.raises(ValueError, match="blocks"):
        ck.complexity(np.eye(3))
    with pytest.raises(ValueError, match="same ECI"):
        ck.complexity(np.ones((2, 2)))
    with pytest.raises(ValueError, match="repeated"):
        ck.complexity(np.ones((3, 3)))
    with pytest.raises(ValueError, match="presence_matrix"):
        ck.complexity([[2, 1], [1, 1]])


@given(arrays(np.int8, st.tuples(st.integers(3, 9), st.integers(3, 7)), elements=st.integers(0, 1)))
def test_complexity_is_invariant_to_the_order_of_rows_and_columns(X):
    assume(X.sum(axis=0).all() and X.sum(axis=1).all())
    try:
        res = ck.complexity(X)
    except ValueError:
        return  # disconnected or without a unique ranking
    rows = np.random.default_rng(2).permutation(X.shape[0])
    cols = np.random.default_rng(3).permutation(X.shape[1])
    again = ck.complexity(X[np.ix_(rows, cols)])
    np.testing.assert_allclose(again.eci.to_numpy(), res.eci.to_numpy()[rows], atol=1e-8)
    np.testing.assert_allclose(again.pci.to_numpy(), res.pci.to_numpy()[cols], atol=1e-8)


def _late_presence() -> pd.DataFrame:
    patents = ck.data.load_patents_wipo_fields()
    counts = {}
    for name, (y0, y1) in {"early": (1998, 2003), "late": (2015, 2020)}.items():
        part = patents[patents["year"].between(y0, y1)]
        counts[name] = ck.activity_matrix(part, region="region", industry="wipo_field",
                                            value="patents")
    keep = (counts["early"].sum(axis=1) >= 500) & (counts["late"].sum(axis=1) >= 500)
    return ck.presence_matrix(counts["late"][keep])


def test_patent_eci_pci_and_density_match_py_ecomplexity():
    """Reference values from py-ecomplexity 0.5.3 (pip package ``ecomplexity``), run on the
    chapter's matrix (USPTO patents 2015-2020 by inventor country and WIPO field, the 29
    countries with at least 500 patents in 1998-2003 and in 2015-2020; presence RCA >= 1):
    ECI, PCI and, after adding the unit diagonal that release 0.5.3 keeps, density."""
    X = _late_presence()
    res = ck.complexity(X)
    eci = {"Brazil": 0.923862, "China": -2.649723, "Germany": 0.660203, "Japan": -0.420192,
           "South Korea": -2.083691, "United States": 0.358865}
    pci = {"food chemistry": 1.688188, "optics": -5.151237, "semiconductors": -3.669314,
           "transport": 1.499244}
    for country, value in eci.items():
        assert res.eci[country] == pytest.approx(value, abs=1e-6)
    for field, value in pci.items():
        assert res.pci[field] == pytest.approx(value, abs=1e-6)
    phi = ck.proximity(X)
    dens = ck.relatedness_density(X, phi)
    total = phi.sum(axis=0)
    unit_diagonal = (dens * total + X) / (total + 1)  # release 0.5.3: phi_jj = 1
    assert unit_diagonal.loc["South Korea", "measurement"] == pytest.approx(0.293775, abs=1e-6)
    assert unit_diagonal.loc["Finland", "semiconductors"] == pytest.approx(0.429901, abs=1e-6)

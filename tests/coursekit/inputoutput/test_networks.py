"""Tests for coursekit.inputoutput.networks: QuantEcon's closed forms, networkx, modularity fixtures."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck

# Miller & Blair (2009), section 2.3: Z = [[150, 500], [200, 100]], x = (1000, 2000).
A_MB = np.array([[0.15, 0.25], [0.20, 0.05]])


def test_miller_blair_closed_forms() -> None:
    """QuantEcon 'Networks' definitions on Miller & Blair's coefficients: r(A) = 0.1 +
    sqrt(0.0525); hub e = A e / r(A) and authority e = A'e / r(A), normalised to sum 1;
    Katz with beta = 1: authority = column sums of L (output multipliers), hub = row sums."""
    c = ck.io_centrality(A_MB)
    r = 0.1 + np.sqrt(0.0525)
    hub = np.array([0.25, r - 0.15])  # (A - rI) v = 0 from the first row
    auth = np.array([0.20, r - 0.15])
    np.testing.assert_allclose(c["hub"], hub / hub.sum(), rtol=1e-12)
    np.testing.assert_allclose(c["authority"], auth / auth.sum(), rtol=1e-12)
    np.testing.assert_allclose(c["hub"], [0.582576, 0.417424], atol=5e-7)
    np.testing.assert_allclose(c["authority"], [0.527525, 0.472475], atol=5e-7)
    L = ck.leontief_inverse(A_MB)
    np.testing.assert_allclose(c["katz_authority"], ck.output_multipliers(L), rtol=1e-12)
    np.testing.assert_allclose(c["katz_authority"], [1.518152, 1.452145], atol=5e-7)
    np.testing.assert_allclose(c["katz_hub"], L.sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(c["katz_hub"], [1.584158, 1.386139], atol=5e-7)
    np.testing.assert_allclose(c["out_strength"], A_MB.sum(axis=1))
    assert c["out_degree"].tolist() == [1, 1]


def test_quantecon_power_method_and_networkx_agree() -> None:
    """QuantEcon's eigenvector_centrality (A^k 1 / r(A)^k, k = 40, normalised) and networkx's
    katz_centrality_numpy / eigenvector_centrality_numpy (in-edges: the authority versions)."""
    rng = np.random.default_rng(5)
    A = rng.uniform(0, 0.1, size=(6, 6))
    c = ck.io_centrality(A, beta=0.8)
    r = np.abs(np.linalg.eigvals(A)).max()
    for col, M in (("hub", A), ("authority", A.T)):
        e = np.linalg.matrix_power(M, 40) @ np.ones(6) / r**40
        np.testing.assert_allclose(c[col], e / e.sum(), rtol=1e-9)
    G = ck.io_network(A, self_loops=True)
    katz = nx.katz_centrality_numpy(G, alpha=0.8, beta=1.0, normalized=False, weight="weight")
    np.testing.assert_allclose(c["katz_authority"], [katz[k] for k in range(6)], rtol=1e-10)
    eig = nx.eigenvector_centrality_numpy(G, weight="weight")
    e = np.array([eig[k] for k in range(6)])
    np.testing.assert_allclose(c["authority"], e / e.sum(), rtol=1e-8)


@given(arrays(np.float64, (5, 5), elements=st.floats(0.0, 0.15)))
def test_katz_is_a_leontief_inverse(A: np.ndarray) -> None:
    """kappa = (I - beta A)^-1 1 solves kappa = 1 + beta A kappa (Katz 1953)."""
    A = A + 0.001  # positive, so irreducible: r(A) > 0 and a unique Perron vector
    c = ck.io_centrality(A, beta=0.9)
    np.testing.assert_allclose(c["katz_hub"], 1 + 0.9 * A @ c["katz_hub"], rtol=1e-9)
    np.testing.assert_allclose(c["katz_authority"], 1 + 0.9 * A.T @ c["katz_authority"],
                               rtol=1e-9)
    assert c["hub"].sum() == pytest.approx(1) and (c["hub"] >= 0).all()


def test_network_threshold_and_labels() -> None:
    """Edges i -> j carry a_ij (QuantEcon 'Networks': weights are the input-output
    coefficients); the threshold keeps a_ij >= threshold; every industry stays a node."""
    A = pd.DataFrame(A_MB, index=["a", "b"], columns=["a", "b"])
    G = ck.io_network(A)
    assert sorted(G.edges(data="weight")) == [("a", "b", 0.25), ("b", "a", 0.2)]
    assert sorted(ck.io_network(A, threshold=0.21).edges()) == [("a", "b")]
    assert sorted(ck.io_network(A, self_loops=True).edges()) == [("a", "a"), ("a", "b"),
                                                                 ("b", "a"), ("b", "b")]
    assert list(ck.io_network(A, threshold=1.0).nodes()) == ["a", "b"]
    assert list(ck.io_centrality(A).index) == ["a", "b"]


def _triangles(bridge: bool) -> np.ndarray:
    A = np.zeros((6, 6))
    pairs = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)] + ([(2, 3)] if bridge else [])
    for i, j in pairs:
        A[i, j] = 0.1
    return A


@pytest.mark.parametrize("bridge,m_links", [(False, 6), (True, 7)])
def test_two_triangles_modularity(bridge: bool, m_links: int) -> None:
    """Newman's modularity of the two triangles: Q = 2 (3/m - (deg/2m)^2) with deg the
    degree sum of a triangle (6 or 7): 0.5 without the bridge, 2(3/7 - 1/4) = 0.357143 with."""
    com = ck.io_communities(_triangles(bridge), seed=1)
    assert com.membership.tolist() == [0, 0, 0, 1, 1, 1]
    expected = 2 * (3 / m_links - (m_links / (2 * m_links)) ** 2)
    assert com.modularity == pytest.approx(expected, abs=1e-12)


def test_communities_numbered_by_size_and_threshold() -> None:
    """No link above the threshold: every industry is its own community (modularity 0);
    communities are numbered by size."""
    A = _triangles(True)
    A[0, 1] = A[1, 0] = 0.0
    com = ck.io_communities(A, threshold=0.5)  # no link survives: every industry alone
    assert com.membership.tolist() == [0, 1, 2, 3, 4, 5] and com.modularity == 0.0
    big = np.zeros((5, 5))
    for i, j in [(0, 1), (1, 2), (0, 2), (2, 1), (3, 4)]:
        big[i, j] = 0.2
    labels = ck.io_communities(pd.DataFrame(big, index=list("vwxyz"), columns=list("vwxyz")))
    assert labels.membership.to_dict() == {"v": 0, "w": 0, "x": 0, "y": 1, "z": 1}


@pytest.mark.parametrize("kwargs,match", [
    ({"beta": 5.0}, "'beta' must be below 1/r"),
    ({"beta": 0.0}, "'beta' must be > 0"),
    ({"threshold": -1.0}, "'threshold' must be >= 0"),
])
def test_centrality_errors(kwargs, match) -> None:
    """Katz centrality exists only for 0 < beta < 1/r(A) (QuantEcon 'Networks')."""
    with pytest.raises(ValueError, match=match):
        ck.io_centrality(A_MB, **kwargs)


def test_nilpotent_matrix_has_no_eigenvector_centrality() -> None:
    """A nilpotent A has r(A) = 0: e = A e / r(A) is undefined, so the call is refused."""
    with pytest.raises(ValueError, match="spectral radius 0"):
        ck.io_centrality([[0.0, 0.5], [0.0, 0.0]])


def test_bea_71_industries() -> None:
    """BEA 2021 use and supply tables (71 industries, industry technology, domestic flows:
    ck.us_io_table of chapter 5): the Katz authority centrality is the output multiplier;
    every industry is a node; a 0.02 threshold keeps a sparse graph; communities are found."""
    us = ck.us_io_table()
    A = ck.technical_coefficients(us.Z, us.x)
    c = ck.io_centrality(A)
    np.testing.assert_allclose(c["katz_authority"],
                               ck.output_multipliers(ck.leontief_inverse(A)), rtol=1e-12)
    G = ck.io_network(A, threshold=0.02)
    assert G.number_of_nodes() == 71 and 100 < G.number_of_edges() < 600
    com = ck.io_communities(A, threshold=0.02, seed=0)
    assert com.membership.nunique() >= 3 and 0 < com.modularity < 1
    assert set(com.membership.index) == set(A.index)


def test_bea_hubs_and_communities_as_told_in_chapter_6() -> None:
    """The rebuilt US table (BEA 2021, basic prices by the course's approximation, domestic flows),
    threshold 0.02, Louvain seed 0: wholesale trade leads the hub-based Katz ranking and has the
    most strong customers, insurance leads the eigenvector hubs, funds and trusts and food lead the
    authorities, and the six communities are led by wholesale trade, banking and credit, other
    real estate, insurance, other transport equipment and securities (regression checks that
    keep chapter 6's text true)."""
    us = ck.us_io_table()
    A = ck.technical_coefficients(us.Z, us.x)
    c = ck.io_centrality(A, threshold=0.02)
    assert c["katz_hub"].idxmax() == c["out_degree"].idxmax() == "Wholesale"
    assert c["hub"].idxmax() == "Insurance"
    assert set(c["hub"].nlargest(5).index) == {"Insurance", "Administrative services",
                                               "Other real estate", "Other professional services",
                                               "Wholesale"}
    assert list(c["katz_authority"].nlargest(2).index) == ["Funds & trusts",
                                                           "Food, beverages & tobacco"]
    com = ck.io_communities(A, threshold=0.02, seed=0)
    lead = c["katz_hub"].groupby(com.membership).idxmax()
    assert set(lead) == {"Wholesale", "Banking & credit", "Other real estate", "Insurance",
                         "Other transport equipment", "Securities"}
    group = com.membership.map(lead)
    assert group["Motor vehicles & parts"] == group["Primary metals"] == "Wholesale"
    assert group["Oil & gas"] == group["Trucking"] == group["Housing"] == "Banking & credit"
    assert group["Federal defense"] == "Other transport equipment"

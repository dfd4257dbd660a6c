"""Tests for coursekit.regions.complexity (ECI and PCI): the method of reflections of
Hidalgo & Hausmann (2009) worked by hand, its eigenvector form (Hausmann et al. 2011), the
py-ecomplexity conventions and reference values, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck

NESTED = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float)
NON_NESTED = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 1]],
                      dtype=float)


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
    ECI, PCI and, after adding the unit diagonal that the package keeps, density."""
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

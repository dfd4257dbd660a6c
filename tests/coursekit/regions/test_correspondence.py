"""Tests for coursekit.regions.correspondence: R's ca output, closed forms, identities, prince."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck

SMOKE = pd.DataFrame(
    [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
    index=pd.Index(["SM", "JM", "SE", "JE", "SC"], name="staff"),
    columns=pd.Index(["none", "light", "medium", "heavy"], name="smoking"),
)


def _same_up_to_sign(a: np.ndarray, b: np.ndarray, atol: float) -> None:
    """Columns of ``a`` equal those of ``b`` up to one sign per column (axes are arbitrary)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape
    for k in range(a.shape[1]):
        sign = 1.0 if np.abs(a[:, k] - b[:, k]).max() <= np.abs(a[:, k] + b[:, k]).max() else -1.0
        np.testing.assert_allclose(a[:, k], sign * b[:, k], atol=atol)


# --------------------------------------------------------------------------- published values


def test_smoke_table_as_printed_by_r_ca() -> None:
    """Greenacre's smoke table, `print(ca(smoke))` of the R package ca (Nenadić & Greenacre
    2007, ca 0.71.1): principal inertias, masses, chi-square distances, inertias and the
    standard coordinates of dimensions 1-2 (the `Dim.` rows are standard coordinates), to the
    six printed decimals; axis signs are arbitrary, so they are compared up to sign."""
    ca = ck.correspondence_analysis(SMOKE)
    np.testing.assert_allclose(ca.principal_inertias, [0.074759, 0.010017, 0.000414], atol=5e-7)
    np.testing.assert_allclose(ca.principal_inertias / ca.total_inertia,
                               [0.8776, 0.1176, 0.0049], atol=5e-5)
    np.testing.assert_allclose(ca.row_masses, [0.056995, 0.093264, 0.264249, 0.455959, 0.129534],
                               atol=5e-7)
    np.testing.assert_allclose(ca.column_masses, [0.316062, 0.233161, 0.321244, 0.129534],
                               atol=5e-7)
    np.testing.assert_allclose(np.sqrt(ca.row_inertias / ca.row_masses),
                               [0.216559, 0.356921, 0.380779, 0.240025, 0.216169], atol=5e-7)
    np.testing.assert_allclose(ca.row_inertias,
                               [0.002673, 0.011881, 0.038314, 0.026269, 0.006053], atol=5e-7)
    np.testing.assert_allclose(np.sqrt(ca.column_inertias / ca.column_masses),
                               [0.394490, 0.173996, 0.198127, 0.355109], atol=5e-7)
    np.testing.assert_allclose(ca.column_inertias, [0.049186, 0.007059, 0.012610, 0.016335],
                               atol=5e-7)
    rows = [[-0.240539, 0.947105, -1.391973, 0.851989, -0.735456],
            [-1.935708, -2.430958, -0.106508, 0.576944, 0.788435]]
    cols = [[-1.438471, 0.363746, 0.718017, 1.074445],
            [-0.304659, 1.409433, 0.073528, -1.975960]]
    _same_up_to_sign(ca.row_standard_coordinates.iloc[:, :2], np.array(rows).T, atol=5e-7)
    _same_up_to_sign(ca.column_standard_coordinates.iloc[:, :2], np.array(cols).T, atol=5e-7)


def test_smoke_chi_square_as_printed_by_vijplots() -> None:
    """The vijPlots package's CA test on the same table: first two principal inertias
    0.07475910589 and 0.01001718051, proportions 0.8775587314 and 0.117586535, and the
    chi-square statistic X-squared = 16.44 with 12 degrees of freedom (n = 193)."""
    ca = ck.correspondence_analysis(SMOKE)
    np.testing.assert_allclose(ca.principal_inertias[:2], [0.07475910589, 0.01001718051],
                               rtol=1e-9)
    np.testing.assert_allclose(ca.principal_inertias[:2] / ca.total_inertia,
                               [0.8775587314, 0.117586535], rtol=1e-8)
    assert 193 * ca.total_inertia == pytest.approx(16.44, abs=0.005)


def _summary_per_mille(ca, side: str) -> np.ndarray:
    """The table `summary.ca` prints: mass, qlt, inr, then k, cor, ctr for dims 1-2 (x 1000)."""
    mass = getattr(ca, f"{side}_masses").to_numpy()
    coords = getattr(ca, f"{side}_coordinates").to_numpy()[:, :2]
    cos2 = getattr(ca, f"{side}_cos2").to_numpy()[:, :2]
    ctr = getattr(ca, f"{side}_contributions").to_numpy()[:, :2]
    inr = getattr(ca, f"{side}_inertias").to_numpy() / ca.total_inertia
    cols = [mass, cos2.sum(axis=1), inr]
    for k in range(2):
        cols += [np.abs(coords[:, k]), cos2[:, k], ctr[:, k]]
    return np.rint(1000 * np.column_stack(cols))


def test_smoke_summary_as_printed_by_r_ca() -> None:
    """`summary(ca(smoke))` of the R package ca as printed in a public R Markdown homework
    (the layout of Nenadić & Greenacre 2007, sec. 2): every per-mille entry of the rows and
    columns tables; |k| because axis signs are arbitrary (R prints SE at k=1 = -381)."""
    ca = ck.correspondence_analysis(SMOKE)
    rows = [[57, 893, 31, 66, 92, 3, 194, 800, 214],
            [93, 991, 139, 259, 526, 84, 243, 465, 551],
            [264, 1000, 450, 381, 999, 512, 11, 1, 3],
            [456, 1000, 308, 233, 942, 331, 58, 58, 152],
            [130, 999, 71, 201, 865, 70, 79, 133, 81]]
    cols = [[316, 1000, 577, 393, 994, 654, 30, 6, 29],
            [233, 984, 83, 99, 327, 31, 141, 657, 463],
            [321, 983, 148, 196, 982, 166, 7, 1, 2],
            [130, 995, 192, 294, 684, 150, 198, 310, 506]]
    np.testing.assert_array_equal(_summary_per_mille(ca, "row"), rows)
    np.testing.assert_array_equal(_summary_per_mille(ca, "column"), cols)
    assert round(ca.total_inertia, 6) == 0.08519  # "Total: 0.085190"
    # the same homework prints the cos2 of SM on the three axes
    np.testing.assert_allclose(ca.row_cos2.loc["SM"], [0.09223203, 0.80033639, 0.10743158],
                               atol=5e-9)


# --------------------------------------------------------------------------- closed forms


@pytest.mark.parametrize("a", [0.1, 0.25, 0.4])
def test_two_by_two_table(a: float) -> None:
    """P = [[a, 1/2 - a], [1/2 - a, a]]: masses 1/2, one axis with inertia (4a - 1)^2."""
    ca = ck.correspondence_analysis([[a, 0.5 - a], [0.5 - a, a]])
    expected = (4 * a - 1) ** 2
    assert ca.total_inertia == pytest.approx(expected, abs=1e-14)
    if expected > 0:
        assert ca.principal_inertias.tolist() == pytest.approx([expected], abs=1e-14)
        np.testing.assert_allclose(ca.row_standard_coordinates.abs(), 1.0)
    else:
        assert ca.principal_inertias.empty


def test_independent_table_has_no_axes() -> None:
    """Rows proportional to each other (N = a b'): total inertia 0 and no axis."""
    ca = ck.correspondence_analysis(np.outer([1.0, 2.0, 5.0], [3.0, 1.0, 4.0, 1.0]))
    assert ca.total_inertia == pytest.approx(0.0, abs=1e-15)
    assert ca.principal_inertias.empty and ca.row_coordinates.shape == (3, 0)


def test_total_inertia_is_chi_square_over_n_and_lq_dispersion() -> None:
    """phi^2 = chi^2 / n (Greenacre 2017, ch. 4) = sum_ij r_i c_j (LQ_ij - 1)^2."""
    rng = np.random.default_rng(3)
    N = rng.integers(1, 50, size=(7, 5)).astype(float)
    expected = np.outer(N.sum(1), N.sum(0)) / N.sum()
    chi2 = ((N - expected) ** 2 / expected).sum()
    ca = ck.correspondence_analysis(N)
    assert ca.total_inertia == pytest.approx(chi2 / N.sum(), rel=1e-12)
    lq = ck.location_quotient(N).to_numpy()
    rc = np.outer(ca.row_masses, ca.column_masses)
    assert ca.total_inertia == pytest.approx((rc * (lq - 1) ** 2).sum(), rel=1e-12)


tables = arrays(np.int64, st.tuples(st.integers(2, 8), st.integers(2, 8)),
                elements=st.integers(1, 500))


@given(tables)
def test_identities_of_any_table(N: np.ndarray) -> None:
    """Greenacre (2017), Theoretical Appendix: inertias add up; coordinates are centred with
    weighted variance lambda_k (principal) and 1 (standard); transition formulas;
    contributions add up to 1 and cos2 over all axes to 1."""
    ca = ck.correspondence_analysis(N)
    lam = ca.principal_inertias.to_numpy()
    assert lam.sum() == pytest.approx(ca.total_inertia, rel=1e-9, abs=1e-14)
    assert ca.row_inertias.sum() == pytest.approx(ca.total_inertia, rel=1e-12, abs=1e-15)
    assert (np.diff(lam) <= 1e-15).all()
    r, c = ca.row_masses.to_numpy(), ca.column_masses.to_numpy()
    F, G = ca.row_coordinates.to_numpy(), ca.column_coordinates.to_numpy()
    np.testing.assert_allclose(r @ F, 0.0, atol=1e-10)
    np.testing.assert_allclose(r @ F**2, lam, rtol=1e-8, atol=1e-14)
    np.testing.assert_allclose(c @ ca.column_standard_coordinates.to_numpy() ** 2, 1.0,
                               rtol=1e-8)
    P = N / N.sum()
    np.testing.assert_allclose(F, (P / r[:, None]) @ ca.column_standard_coordinates.to_numpy(),
                               atol=1e-9)
    np.testing.assert_allclose(G, (P / c[None, :]).T @ ca.row_standard_coordinates.to_numpy(),
                               atol=1e-9)
    np.testing.assert_allclose(ca.row_contributions.sum(), 1.0, rtol=1e-9)
    np.testing.assert_allclose(ca.column_contributions.sum(), 1.0, rtol=1e-9)
    nonzero = ca.row_inertias.to_numpy() > 1e-12
    np.testing.assert_allclose(ca.row_cos2.sum(axis=1)[nonzero], 1.0, rtol=1e-7)


def test_same_as_full_lapack_svd_and_deterministic() -> None:
    """All inertias equal the squared singular values of S from numpy's SVD; repeated calls
    give identical numbers (no random start); n_components keeps the leading axes."""
    rng = np.random.default_rng(11)
    N = rng.poisson(30, size=(40, 25)).astype(float) + 1
    P = N / N.sum()
    r, c = P.sum(1), P.sum(0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, s, Vt = np.linalg.svd(S, full_matrices=False)
    ca = ck.correspondence_analysis(N)
    np.testing.assert_allclose(ca.principal_inertias, s[:24] ** 2, rtol=1e-9, atol=1e-15)
    _same_up_to_sign(ca.row_standard_coordinates.iloc[:, :3], U[:, :3] / np.sqrt(r)[:, None],
                     atol=1e-8)
    again = ck.correspondence_analysis(N)
    assert again.row_coordinates.equals(ca.row_coordinates)
    two = ck.correspondence_analysis(N, n_components=2)
    np.testing.assert_allclose(two.row_coordinates, ca.row_coordinates.iloc[:, :2], atol=1e-10)
    assert two.total_inertia == pytest.approx(ca.total_inertia, rel=1e-14)


def test_few_axes_of_a_large_table_by_lanczos() -> None:
    """n_components = 3 of a 400 x 160 table (the Lanczos path) gives the leading squared
    singular values and vectors of numpy's full SVD, identically on every call."""
    rng = np.random.default_rng(21)
    rows, cols = rng.normal(size=(400, 2)), rng.normal(size=(160, 2))
    N = rng.poisson(20 * np.exp(0.5 * rows @ cols.T)).astype(float) + 1
    P = N / N.sum()
    r, c = P.sum(1), P.sum(0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, s, _ = np.linalg.svd(S, full_matrices=False)
    ca = ck.correspondence_analysis(N, n_components=3)
    np.testing.assert_allclose(ca.principal_inertias, s[:3] ** 2, rtol=1e-10)
    _same_up_to_sign(ca.row_standard_coordinates, U[:, :3] / np.sqrt(r)[:, None], atol=1e-8)
    again = ck.correspondence_analysis(N, n_components=3)
    assert again.row_coordinates.equals(ca.row_coordinates)
    full = ck.correspondence_analysis(N)
    _same_up_to_sign(ca.column_coordinates, full.column_coordinates.iloc[:, :3], atol=1e-10)


def test_sign_convention_and_labels() -> None:
    """The row with the largest absolute standard coordinate (times sqrt(mass)) is positive;
    labels of a DataFrame are kept."""
    ca = ck.correspondence_analysis(SMOKE)
    u = ca.row_standard_coordinates.mul(np.sqrt(ca.row_masses), axis=0)
    for dim in u.columns:
        assert u[dim].iloc[u[dim].abs().argmax()] > 0
    assert list(ca.row_coordinates.index) == list(SMOKE.index)
    assert list(ca.column_coordinates.index) == list(SMOKE.columns)
    assert list(ca.principal_inertias.index) == ["Dim 1", "Dim 2", "Dim 3"]


def test_transposing_swaps_rows_and_columns() -> None:
    """Greenacre (2017), ch. 6: CA treats rows and columns alike; transposing the table swaps
    the two sets of coordinates and keeps the inertias."""
    ca, cat = ck.correspondence_analysis(SMOKE), ck.correspondence_analysis(SMOKE.T)
    np.testing.assert_allclose(ca.principal_inertias, cat.principal_inertias, rtol=1e-12)
    _same_up_to_sign(ca.row_coordinates, cat.column_coordinates, atol=1e-12)


@pytest.mark.parametrize("bad,match", [
    ([[1, 2, 3]], "at least two rows"),
    ([[1, -2], [3, 4]], "non-negative"),
    ([[0, 0], [3, 4]], "zero total"),
    ("abc", "numeric"),
])
def test_bad_tables_are_refused(bad, match) -> None:
    """Bad tables raise errors that say what is wrong (the course's validation convention)."""
    with pytest.raises((ValueError, TypeError), match=match):
        ck.correspondence_analysis(bad)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "2", True])
def test_bad_n_components(bad) -> None:
    """n_components must be a whole number >= 1; the error names the argument."""
    with pytest.raises((ValueError, TypeError), match="'n_components'"):
        ck.correspondence_analysis(SMOKE, n_components=bad)


# --------------------------------------------------------------------------- prince


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_prince_on_random_tables(seed: int) -> None:
    """prince 0.23.0 (pinned in requirements-dev.txt; not used by the book): same total
    and principal inertias, masses, principal coordinates (up to sign) and contributions on
    seeded random tables."""
    prince = pytest.importorskip("prince")
    rng = np.random.default_rng(seed)
    N = pd.DataFrame(rng.poisson(rng.lognormal(2, 1, size=(30, 12))) + 1.0)
    ours = ck.correspondence_analysis(N, n_components=3)
    theirs = prince.CA(n_components=3, n_iter=20, random_state=seed).fit(N)
    assert ours.total_inertia == pytest.approx(theirs.total_inertia_, rel=1e-10)
    np.testing.assert_allclose(ours.principal_inertias, theirs.eigenvalues_, rtol=1e-8)
    np.testing.assert_allclose(ours.row_masses, theirs.row_masses_, rtol=1e-12)
    _same_up_to_sign(ours.row_coordinates, theirs.row_coordinates(N), atol=1e-8)
    _same_up_to_sign(ours.column_coordinates, theirs.column_coordinates(N), atol=1e-8)
    np.testing.assert_allclose(ours.row_contributions, theirs.row_contributions_, atol=1e-8)


# --------------------------------------------------------------------------- real data


def test_german_laender_map() -> None:
    """Destatis Länder × sections, 2014: city states differ most from the average profile."""
    de = ck.data.load_de_laender_employment()
    M = ck.activity_matrix(de[de["year"] == 2014], region="land", industry="section",
                             value="employment")
    ca = ck.correspondence_analysis(M)
    assert ca.principal_inertias.size == 9
    assert ca.principal_inertias.sum() == pytest.approx(ca.total_inertia, rel=1e-10)
    assert ca.row_inertias.idxmax() in {"Berlin", "Hamburg", "Baden-Württemberg"}

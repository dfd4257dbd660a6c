"""Tests for coursekit.inputoutput.coefficients: coefficients, Leontief and Ghosh inverses,
multipliers and symmetric tables; published examples, closed forms, properties and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from published import DE_EMP, DE_GVA, DE_SECTORS, DE_X, DE_Z

import coursekit as ck

# --------------------------------------------------------------------------- fixtures

#: Miller & Blair (2009), ch. 2, section 2.3.1 "Numerical example: hypothetical figures"
#: (two sectors), as reproduced by Lane (2016), who prints Z, f, x, A and L.
MB_Z = np.array([[150.0, 500.0], [200.0, 100.0]])
MB_F = np.array([350.0, 1700.0])
MB_X = np.array([1000.0, 2000.0])


def de_frame() -> tuple[pd.DataFrame, pd.Series]:
    Z = pd.DataFrame(DE_Z, index=DE_SECTORS, columns=DE_SECTORS)
    return Z, pd.Series(DE_X, index=DE_SECTORS)


# --------------------------------------------------------------------------- Miller & Blair


def test_miller_blair_two_sector_coefficients_and_inverse():
    """Miller & Blair (2009), section 2.3.1 (via Lane 2016): A = [[.15, .25], [.20, .05]] and
    L = [[1.2541, .3300], [.2640, 1.1221]]; exactly L = [[.95, .25], [.20, .85]] / .7575."""
    A = ck.technical_coefficients(MB_Z, MB_X)
    np.testing.assert_allclose(A, [[0.15, 0.25], [0.20, 0.05]], rtol=1e-15)
    L = ck.leontief_inverse(A)
    np.testing.assert_allclose(L, np.array([[0.95, 0.25], [0.20, 0.85]]) / 0.7575, rtol=1e-12)
    np.testing.assert_allclose(np.round(L, 4), [[1.2541, 0.3300], [0.2640, 1.1221]])
    np.testing.assert_allclose(L @ MB_F, MB_X, rtol=1e-12)  # x = L f


def test_miller_blair_multipliers_and_ghosh():
    """Miller & Blair (2009), ch. 2 example: output multipliers are the column sums of L
    (1.518152, 1.452145); G = x^-1 L x and v'G = x' (Ghosh 1958), v = x' - i'Z = (650, 1400)."""
    L = ck.leontief_inverse(ck.technical_coefficients(MB_Z, MB_X))
    np.testing.assert_allclose(ck.output_multipliers(L), [1.15 / 0.7575, 1.10 / 0.7575])
    B = ck.allocation_coefficients(MB_Z, MB_X)
    np.testing.assert_allclose(B, [[0.15, 0.50], [0.10, 0.05]], rtol=1e-15)
    G = ck.ghosh_inverse(B)
    np.testing.assert_allclose(G, np.diag(1 / MB_X) @ L @ np.diag(MB_X), rtol=1e-12)
    v = MB_X - MB_Z.sum(axis=0)
    np.testing.assert_allclose(v, [650, 1400])
    np.testing.assert_allclose(v @ G, MB_X, rtol=1e-12)


# --------------------------------------------------------------------------- QuantEcon


def test_quantecon_lecture_example():
    """QuantEcon, "Input-Output Models" (lecture-python-intro): A = [[0.1, 40], [0.01, 0]],
    d = (50, 2); det(I - A) = 0.5 > 0 (Hawkins-Simon), L = [[2, 80], [0.02, 1.8]] exactly,
    x = L d = (260, 4.6); a_0 = (4, 100) gives the frontier 10 d_1 + 500 d_2 = x_0."""
    A = np.array([[0.1, 40.0], [0.01, 0.0]])
    L = ck.leontief_inverse(A)
    np.testing.assert_allclose(L, [[2.0, 80.0], [0.02, 1.8]], rtol=1e-13)
    np.testing.assert_allclose(L @ [50.0, 2.0], [260.0, 4.6], rtol=1e-13)
    np.testing.assert_allclose(np.array([4.0, 100.0]) @ L, [10.0, 500.0], rtol=1e-13)
    # the lecture's "output multipliers" are Katz authority centralities with beta = 1:
    katz = np.linalg.solve(np.eye(2) - A.T, np.ones(2))
    np.testing.assert_allclose(ck.output_multipliers(L), katz, rtol=1e-13)


def test_quantecon_dorfman_samuelson_solow_exercise():
    """QuantEcon's exercise (from Dorfman, Samuelson & Solow 1958): z = [[25, 175], [40, 20]],
    x = (250, 120), z_0 = (10, 40); the lecture prints the frontier 0.17 d_1 + 0.69 d_2 = 50.
    With the rounded A it prints, [[0.1, 1.46], [0.16, 0.17]], L = [[0.83, 1.46], [0.16, 0.9]]
    / 0.5134 exactly."""
    A = ck.technical_coefficients([[25, 175], [40, 20]], [250, 120])
    L = ck.leontief_inverse(A)
    a0 = np.array([10.0, 40.0]) / [250.0, 120.0]
    np.testing.assert_allclose(np.round(a0 @ L, 2), [0.17, 0.69])
    np.testing.assert_allclose(np.round(A, 2), [[0.1, 1.46], [0.16, 0.17]])
    L_printed_A = ck.leontief_inverse([[0.1, 1.46], [0.16, 0.17]])
    np.testing.assert_allclose(L_printed_A, np.array([[0.83, 1.46], [0.16, 0.9]]) / 0.5134,
                               rtol=1e-12)


# --------------------------------------------------------------------------- Eurostat Manual


def test_eurostat_manual_input_coefficients_and_inverse():
    """Eurostat Manual (2008), Table 15.4 -> Table 15.8 (input coefficients: agriculture's own
    a_11 = 0.0258, manufacturing -> agriculture 0.1806 is 7930/43910) and Table 15.10 (Leontief
    inverse diagonal 1.0339, 1.4292, 1.0289 for agriculture, manufacturing, construction, as
    printed there and transcribed in the iotables tests)."""
    Z, x = de_frame()
    A = ck.technical_coefficients(Z, x)
    assert round(A.loc["agriculture", "agriculture"], 4) == 0.0258
    L = ck.leontief_inverse(A)
    assert isinstance(L, pd.DataFrame) and list(L.index) == DE_SECTORS
    np.testing.assert_allclose(np.diag(L.to_numpy())[:3], [1.0339, 1.4292, 1.0289], atol=5e-5)


def test_eurostat_manual_backward_linkages_and_output_multipliers():
    """Eurostat Manual (2008), Table 15.15 (output multipliers) and Table 15.19 (backward
    linkages, the same column sums of L): 1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782."""
    Z, x = de_frame()
    printed = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]
    L = ck.leontief_inverse(ck.technical_coefficients(Z, x))
    np.testing.assert_allclose(ck.output_multipliers(L), printed, atol=5e-5)
    np.testing.assert_allclose(ck.linkages(Z, x)["backward"], printed, atol=5e-5)


def test_eurostat_manual_gva_and_employment_multipliers():
    """Eurostat Manual (2008), Table 15.16, p. 501: GVA multipliers 0.8450, 0.7647, 0.8615,
    0.9019, 0.9393, 0.9199 and employment multipliers (thousand persons per million EUR of
    final demand) 0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242 (printed values as transcribed
    in iotables' test-multiplier_create.R)."""
    Z, x = de_frame()
    L = ck.leontief_inverse(ck.technical_coefficients(Z, x))
    gva = ck.factor_multipliers(L, pd.Series(DE_GVA, index=DE_SECTORS), x)
    emp = ck.factor_multipliers(L, pd.Series(DE_EMP, index=DE_SECTORS), x)
    np.testing.assert_allclose(gva, [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199], atol=5e-5)
    np.testing.assert_allclose(emp, [0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242], atol=5e-5)
    type_i = ck.factor_multipliers(L, DE_GVA, DE_X, kind="type_i")
    np.testing.assert_allclose(type_i, gva.to_numpy() / (DE_GVA / DE_X), rtol=1e-12)


# --------------------------------------------------------------------------- make and use


def test_symmetric_table_from_make_and_use_closed_form():
    """Industry technology (Miller & Blair 2009, ch. 5), synthetic example worked by hand:
    U = [[10, 20], [30, 5]], V = [[90, 10], [0, 100]]; q = (90, 110), x = (100, 100),
    D = [[1, 1/11], [0, 10/11]], Z = DU = [[140, 225], [300, 50]] / 11; (I - DB)^-1 D e = x
    and (I - BD)^-1 e = q with e = q - Ui."""
    U = np.array([[10.0, 20.0], [30.0, 5.0]])
    V = np.array([[90.0, 10.0], [0.0, 100.0]])
    Z, x = ck.symmetric_io_table(U, V)
    np.testing.assert_allclose(Z, np.array([[140, 225], [300, 50]]) / 11, rtol=1e-14)
    np.testing.assert_allclose(x, [100, 100])
    np.testing.assert_allclose(Z.sum(axis=0), U.sum(axis=0))
    D = V / V.sum(axis=0)
    B = U / x
    e = V.sum(axis=0) - U.sum(axis=1)
    L_ind = ck.leontief_inverse(ck.technical_coefficients(Z, x))
    np.testing.assert_allclose(L_ind @ D @ e, x, rtol=1e-12)
    np.testing.assert_allclose(np.linalg.solve(np.eye(2) - B @ D, e), V.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(L_ind @ D, D @ np.linalg.inv(np.eye(2) - B @ D), rtol=1e-12)


def test_symmetric_table_aligns_labels():
    """Labelled make and use tables in different orders give the same table (by label)."""
    use = pd.DataFrame([[10.0, 20.0], [30.0, 5.0]], index=["c1", "c2"], columns=["i1", "i2"])
    make = pd.DataFrame([[100.0, 0.0], [10.0, 90.0]], index=["i2", "i1"], columns=["c2", "c1"])
    Z, x = ck.symmetric_io_table(use, make)
    np.testing.assert_allclose(Z.to_numpy(), np.array([[140, 225], [300, 50]]) / 11, rtol=1e-14)
    assert list(Z.index) == ["i1", "i2"] and x.name == "output"
    with pytest.raises(ValueError, match="'use' and 'make' must list the same commodities"):
        ck.symmetric_io_table(use, make.rename(columns={"c2": "c9"}))
    with pytest.raises(ValueError, match="'make' shows no domestic output for commodity 'c2'"):
        ck.symmetric_io_table(use, make.assign(c2=0.0))
    with pytest.raises(TypeError, match="both be DataFrames"):
        ck.symmetric_io_table(use, make.to_numpy())


# --------------------------------------------------------------------------- labels and errors


def test_labelled_in_labelled_out_and_arrays_give_arrays():
    Z, x = de_frame()
    A = ck.technical_coefficients(Z, x.iloc[::-1])  # x aligned by label
    assert isinstance(A, pd.DataFrame)
    np.testing.assert_allclose(A.to_numpy(), DE_Z / DE_X)
    assert isinstance(ck.output_multipliers(ck.leontief_inverse(A)), pd.Series)
    assert isinstance(ck.technical_coefficients(DE_Z, DE_X), np.ndarray)
    assert isinstance(ck.leontief_inverse(DE_Z / DE_X), np.ndarray)
    # columns in another order than the rows are aligned to the rows
    shuffled = Z[DE_SECTORS[::-1]]
    np.testing.assert_allclose(ck.technical_coefficients(shuffled, x).to_numpy(), DE_Z / DE_X)


@pytest.mark.parametrize("call,match", [
    (lambda: ck.leontief_inverse([[0.6, 0.5], [0.5, 0.6]]), "'A' is not productive"),
    (lambda: ck.leontief_inverse([[0.5, 0.5], [0.5, 0.5]]), "singular"),
    (lambda: ck.leontief_inverse([[1.0, 0.0], [0.0, 0.2]]), "singular"),
    (lambda: ck.technical_coefficients([[1, -2], [3, 4]], [10, 10]), "'Z' has 1 negative"),
    (lambda: ck.technical_coefficients([[1, 2], [3, 4]], [10, 0]), "'x' must be > 0"),
    (lambda: ck.technical_coefficients([[1, 2, 3], [3, 4, 5]], [10, 10]), "'Z' must be square"),
    (lambda: ck.technical_coefficients([[1, 2], [3, 4]], [10, 10, 10]), "'x' must have one"),
    (lambda: ck.linkages([[9, 9], [9, 9]], [10, 10]), "'Z' and 'x' is not productive"),
    (lambda: ck.factor_multipliers(np.eye(2), [0, 1], [1, 1], kind="type_i"), "'factor' is 0"),
    (lambda: ck.factor_multipliers(np.eye(2), [1, 1], [1, 1], kind="type1"), "'kind' must be"),
    (lambda: ck.hypothetical_extraction(MB_Z, MB_X, sectors=[5]), "'sectors' names 5"),
])
def test_bad_input_gets_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_mismatched_labels_are_named():
    Z, x = de_frame()
    with pytest.raises(ValueError, match="'x' must have one value per sector of the table .Z."):
        ck.technical_coefficients(Z, x.rename({"trade": "retail"}))
    bad = Z.rename(columns={"trade": "retail"})
    with pytest.raises(ValueError, match="'Z' must have the same sectors in its rows and columns"):
        ck.linkages(bad, x)
    with pytest.raises(TypeError, match="'x' must be a Series or 1-D array"):
        ck.technical_coefficients(Z, x.to_frame())


# --------------------------------------------------------------------------- properties

productive = arrays(np.float64, st.tuples(st.integers(1, 7)).map(lambda t: (t[0], t[0])),
                    elements=st.floats(0, 1))


def _scaled(M: np.ndarray, target: float) -> np.ndarray:
    """Scale a non-negative matrix so that its largest column sum is ``target`` (< 1)."""
    top = M.sum(axis=0).max()
    return M if top == 0 else M * (target / top)


@given(productive, st.floats(0.05, 0.95))
def test_leontief_inverse_properties(M, rho):
    """For A >= 0 with column sums < 1 (Miller & Blair 2009, section 2.4): L >= I, L = I + AL,
    column sums of L >= 1, and the power series I + A + A^2 + ... converges to L."""
    A = _scaled(M, rho)
    L = ck.leontief_inverse(A)
    n = A.shape[0]
    assert (L - np.eye(n) >= -1e-12).all()
    np.testing.assert_allclose(L, np.eye(n) + A @ L, atol=1e-9)
    assert (L.sum(axis=0) >= 1 - 1e-12).all()
    series, term = np.eye(n), np.eye(n)
    for _ in range(400):
        term = term @ A
        series += term
    np.testing.assert_allclose(series, L, atol=1e-6)


@given(productive, st.floats(0.5, 3.0))
def test_hawkins_simon_condition_decides(M, scale):
    """Hawkins & Simon (1949): for A >= 0, (I - A)^-1 >= 0 exists iff every leading principal
    minor of I - A is positive; leontief_inverse returns exactly in that case."""
    A = M * scale / max(1.0, M.shape[0] / 2)
    minors = [np.linalg.det(np.eye(k) - A[:k, :k]) for k in range(1, A.shape[0] + 1)]
    if min(minors) > 1e-6:
        assert (ck.leontief_inverse(A) >= 0).all()
    elif min(minors) < -1e-6:
        with pytest.raises(ValueError, match="'A'"):
            ck.leontief_inverse(A)


@given(productive, st.floats(0.05, 0.9), st.floats(1e-3, 1e6))
def test_coefficients_are_invariant_to_scaling_z_and_x(M, rho, c):
    """A = Z x^-1 is homogeneous of degree 0 in (Z, x): scaling both by c changes nothing
    (Leontief 1936: the model is linear); multipliers and linkages are unchanged too."""
    n = M.shape[0]
    x = np.linspace(1.0, 2.0, n) * 100
    Z = _scaled(M, rho) * x
    np.testing.assert_allclose(ck.technical_coefficients(c * Z, c * x),
                               ck.technical_coefficients(Z, x), rtol=1e-12)
    a, b = ck.linkages(Z, x), ck.linkages(c * Z, c * x)
    np.testing.assert_allclose(a[["backward", "forward"]], b[["backward", "forward"]], rtol=1e-9)
    np.testing.assert_allclose(ck.hypothetical_extraction(c * Z, c * x),
                               c * ck.hypothetical_extraction(Z, x), rtol=1e-7, atol=1e-9 * c)

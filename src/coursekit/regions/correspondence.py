r"""Correspondence analysis of a contingency or regions × industries table.

Correspondence analysis (CA) draws the rows and the columns of a table of
non-negative numbers as points in a low-dimensional map, so that rows with
similar *profiles* (e.g. regions with a similar industry mix) lie close
together and a row lies towards the columns it has relatively much of.  On a
regions × industries employment table it is a map of specialisation: the
standardised residual of a cell is :math:`\sqrt{r_i c_j}\,(LQ_{ij} - 1)`, so
the total inertia is the mass-weighted dispersion of the location quotients
around 1.

>>> import coursekit as ck
>>> ca = ck.correspondence_analysis([[20, 5], [5, 20]])
>>> round(ca.total_inertia, 4), ca.principal_inertias.round(4).tolist()
(0.36, [0.36])
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import linalg
from scipy.sparse import linalg as sparse_linalg

from coursekit._validation import as_matrix, check_scalar

__all__ = ["CorrespondenceAnalysis", "correspondence_analysis"]


class CorrespondenceAnalysis(NamedTuple):
    """Result of :func:`correspondence_analysis` (immutable).

    Axes are labelled ``"Dim 1"``, ``"Dim 2"``, ...; rows and columns keep the
    labels of the table.  Principal coordinates are the map's coordinates
    (their weighted variance on an axis is its principal inertia); standard
    coordinates have weighted variance 1.  Contributions of the points to an
    axis sum to 1 over the rows (and over the columns); ``row_cos2`` is the
    squared correlation of a row with an axis (the share of the row's inertia
    the axis shows).
    """

    total_inertia: float
    principal_inertias: pd.Series
    row_masses: pd.Series
    column_masses: pd.Series
    row_coordinates: pd.DataFrame
    column_coordinates: pd.DataFrame
    row_standard_coordinates: pd.DataFrame
    column_standard_coordinates: pd.DataFrame
    row_contributions: pd.DataFrame
    column_contributions: pd.DataFrame
    row_cos2: pd.DataFrame
    column_cos2: pd.DataFrame
    row_inertias: pd.Series
    column_inertias: pd.Series


def _residuals(N: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Standardised residuals S = D_r^-1/2 (P - r c') D_c^-1/2, built in place."""
    S = N / N.sum()
    r = S.sum(axis=1)
    c = S.sum(axis=0)
    S -= r[:, None] * c[None, :]
    S *= (1.0 / np.sqrt(r))[:, None]
    S *= (1.0 / np.sqrt(c))[None, :]
    return S, r, c


def _svd(S: np.ndarray, r: np.ndarray, c: np.ndarray,
         k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first ``k`` singular triples of S, deterministically, with fixed signs.

    The squared singular values of S (the principal inertias) are the eigenvalues
    of the smaller cross-product matrix (S'S or SS'); LAPACK's symmetric
    eigensolver computes them and their vectors without random starts (or, for a
    few axes of a large table, ARPACK's Lanczos method from a fixed start vector).  The
    trivial direction (sqrt(c) or sqrt(r), with eigenvalue 0) is moved to a
    negative eigenvalue, minus the total inertia, so that it is never taken as an
    axis (a shift of that size adds no rounding error beyond the matrix's own).
    """
    n_rows, n_cols = S.shape
    if n_cols <= n_rows:
        gram, trivial = S.T @ S, np.sqrt(c)
    else:
        gram, trivial = S @ S.T, np.sqrt(r)
    gram -= np.trace(gram) * np.outer(trivial, trivial)
    m = gram.shape[0]
    if m > 100 and k <= m // 4:
        # A few leading axes of a large table: Lanczos (ARPACK) from a fixed start vector,
        # to machine precision; much cheaper than reducing the whole matrix.
        start = np.linspace(1.0, 2.0, m)
        values, vectors = sparse_linalg.eigsh(gram, k=k, which="LA", v0=start, tol=0)
        order = np.argsort(values)[::-1]
        values, vectors = values[order], vectors[:, order]
    else:
        values, vectors = linalg.eigh(gram, subset_by_index=[m - k, m - 1], driver="evr")
        values, vectors = values[::-1], vectors[:, ::-1]
    sv = np.sqrt(np.clip(values, 0.0, None))
    scale = np.divide(1.0, sv, out=np.zeros_like(sv), where=sv > 0)
    if n_cols <= n_rows:
        V = vectors
        U = (S @ V) * scale
    else:
        U = vectors
        V = (S.T @ U) * scale
    # Signs: on each axis, the row with the largest absolute coordinate is positive.
    flip = np.sign(U[np.argmax(np.abs(U), axis=0), np.arange(U.shape[1])])
    flip[flip == 0] = 1.0
    return U * flip, sv, V * flip


def correspondence_analysis(table: Any, n_components: int | None = None) -> CorrespondenceAnalysis:
    r"""Correspondence analysis of a table of non-negative numbers.

    With the correspondence matrix :math:`P = N/n`, row and column masses
    :math:`r = P\mathbf 1`, :math:`c = P'\mathbf 1` and the standardised
    residuals

    .. math::

        S = D_r^{-1/2}\,(P - r c')\,D_c^{-1/2} = U \Sigma V' ,

    the principal inertias are :math:`\lambda_k = \sigma_k^2` (they add up to the
    total inertia :math:`\sum_{ij} s_{ij}^2 = \chi^2/n`), the standard coordinates
    are :math:`\Phi = D_r^{-1/2}U` and :math:`\Gamma = D_c^{-1/2}V`, the principal
    coordinates :math:`F = \Phi\Sigma` and :math:`G = \Gamma\Sigma`, the
    contribution of row :math:`i` to axis :math:`k` is :math:`r_i f_{ik}^2/\lambda_k`
    and its squared correlation :math:`f_{ik}^2 / d_i^2`, where
    :math:`d_i^2 = \sum_j (p_{ij}/r_i - c_j)^2/c_j` is its squared
    :math:`\chi^2` distance to the average profile (its inertia is
    :math:`r_i d_i^2`).

    The singular values come from LAPACK's symmetric eigensolver applied to the
    smaller cross-product matrix, or, when only a few axes of a large table are
    asked for, from ARPACK's Lanczos iteration on it with a fixed start vector and
    full precision; neither uses a random start, so the result is the same on every
    run.  The sign of an axis is arbitrary in CA; here it is fixed so that
    the row with the largest absolute coordinate on the axis is positive.  Axes
    with zero inertia (up to rounding) are dropped.

    Parameters
    ----------
    table : DataFrame, 2-D array or list of lists
        Non-negative numbers (counts, employment), at least two rows and two
        columns, no row or column that sums to zero.  Labels of a DataFrame are kept.
    n_components : int, optional
        Number of axes to compute (default: all, ``min(I, J) - 1``).  Asking for
        fewer is faster on large tables; ``total_inertia`` is always exact.

    Returns
    -------
    CorrespondenceAnalysis
        A named tuple: ``total_inertia``, ``principal_inertias``, ``row_masses``,
        ``column_masses``, principal ``row_coordinates`` and ``column_coordinates``,
        ``row_standard_coordinates``, ``column_standard_coordinates``,
        ``row_contributions``, ``column_contributions``, ``row_cos2``,
        ``column_cos2``, ``row_inertias`` and ``column_inertias``.

    References
    ----------
    Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.). Chapman
    and Hall/CRC, chs. 4–6 and Theoretical Appendix.

    Nenadić, O., & Greenacre, M. (2007). Correspondence analysis in R, with two- and
    three-dimensional graphics: the ca package. *Journal of Statistical Software*,
    20(3), 1–13.

    Examples
    --------
    Greenacre's smoking table (staff groups × smoking habits), as in R's ``ca``:

    >>> smoke = [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]]
    >>> ca = correspondence_analysis(smoke)
    >>> round(ca.total_inertia, 6), ca.principal_inertias.round(6).tolist()
    (0.08519, [0.074759, 0.010017, 0.000414])
    >>> ca.row_contributions.sum().round(12).tolist()
    [1.0, 1.0, 1.0]
    >>> correspondence_analysis([[1, 2, 3]])
    Traceback (most recent call last):
    ...
    ValueError: 'table' must have at least two rows and two columns, got shape (1, 3).
    """
    N, rows, cols = as_matrix(table, "table")
    if min(N.shape) < 2:
        raise ValueError(f"'table' must have at least two rows and two columns, "
                         f"got shape {N.shape}.")
    k_max = min(N.shape) - 1
    if n_components is None:
        k = k_max
    else:
        k = int(check_scalar(n_components, "n_components", low=1, integer=True))
        k = min(k, k_max)
    S, r, c = _residuals(N)
    squares = S * S
    row_inertia = squares.sum(axis=1)  # r_i d_i^2
    col_inertia = squares.sum(axis=0)
    del squares
    total = float(row_inertia.sum())
    U, sv, V = _svd(S, r, c, k)
    inertias = sv**2
    keep = inertias > max(1e-12 * total, 1e-24)  # zero axes (rounding) are dropped
    U, sv, V, inertias = U[:, keep], sv[keep], V[:, keep], inertias[keep]
    dims = pd.Index([f"Dim {j + 1}" for j in range(sv.size)], name="dimension")

    phi = U / np.sqrt(r)[:, None]
    gamma = V / np.sqrt(c)[:, None]
    F, G = phi * sv, gamma * sv
    inv_l = np.divide(1.0, inertias, out=np.zeros_like(inertias), where=inertias > 0)
    d2_row, d2_col = row_inertia / r, col_inertia / c
    cos_r = np.divide(F**2, d2_row[:, None], out=np.zeros_like(F), where=d2_row[:, None] > 0)
    cos_c = np.divide(G**2, d2_col[:, None], out=np.zeros_like(G), where=d2_col[:, None] > 0)

    def frame(values: np.ndarray, index: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=dims)

    return CorrespondenceAnalysis(
        total_inertia=total,
        principal_inertias=pd.Series(inertias, index=dims, name="principal_inertia"),
        row_masses=pd.Series(r, index=rows, name="mass"),
        column_masses=pd.Series(c, index=cols, name="mass"),
        row_coordinates=frame(F, rows),
        column_coordinates=frame(G, cols),
        row_standard_coordinates=frame(phi, rows),
        column_standard_coordinates=frame(gamma, cols),
        row_contributions=frame(r[:, None] * F**2 * inv_l, rows),
        column_contributions=frame(c[:, None] * G**2 * inv_l, cols),
        row_cos2=frame(cos_r, rows),
        column_cos2=frame(cos_c, cols),
        row_inertias=pd.Series(row_inertia, index=rows, name="inertia"),
        column_inertias=pd.Series(col_inertia, index=cols, name="inertia"),
    )

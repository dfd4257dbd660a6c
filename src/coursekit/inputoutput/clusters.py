r"""Industry clusters from input–output linkages: Feser & Bergman's cluster templates.

Feser & Bergman (2000), following Czamanski (1974) and Czamanski & Ablas (1979), call two
industries linked when their trading *patterns* are alike, not only when they trade a
lot with each other.  From the flows ``Z`` (sellers in rows, buyers in columns):

1. each industry's **input profile** :math:`p_{\cdot k} = z_{\cdot k} / \sum_i z_{ik}` (the
   shares of its intermediate purchases bought from every industry) and **output
   profile** :math:`s_{k\cdot} = z_{k\cdot} / \sum_j z_{kj}` (the shares of its
   intermediate sales going to every industry);
2. for every pair ``k, l`` four correlations: of the input profiles
   :math:`r(p_k, p_l)` (they buy from the same suppliers), of the output profiles
   :math:`r(s_k, s_l)` (they sell to the same buyers), and :math:`r(p_k, s_l)`,
   :math:`r(s_k, p_l)` (one buys from where the other sells: a buyer–supplier chain);
   the **linkage** of ``k`` and ``l`` is the largest of the four;
3. principal components of that linkage matrix, rotated (varimax); each component is a
   candidate cluster ("template") and industries belong to it by their loadings.

>>> import coursekit as ck
>>> block = [[1, 4, 2, 0, 0, 0], [3, 1, 2, 0, 0, 0], [2, 5, 1, 0, 0, 0],
...          [0, 0, 0, 2, 8, 4], [0, 0, 0, 6, 2, 4], [0, 0, 0, 4, 10, 2]]
>>> t = ck.cluster_templates(block)          # two groups that trade among themselves
>>> t.members.groupby("cluster")["sector"].apply(sorted).tolist()
[[3, 4, 5], [0, 1, 2]]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from coursekit._validation import _show, check_scalar
from coursekit.inputoutput._checks import square

__all__ = ["linkage_correlations", "cluster_templates", "ClusterTemplates"]


class ClusterTemplates(NamedTuple):
    """Result of :func:`cluster_templates`.

    ``loadings`` (DataFrame, sectors × clusters) holds the rotated component loadings;
    ``members`` (DataFrame) lists each cluster's members with their ``loading`` and
    whether the cluster is the sector's ``primary`` one (its highest loading);
    ``eigenvalues`` (Series) the eigenvalues of the linkage matrix, largest first;
    ``explained`` (float) the retained clusters' share of the sum of the positive
    eigenvalues (the matrix need not be positive semi-definite).
    """

    loadings: pd.DataFrame
    members: pd.DataFrame
    eigenvalues: pd.Series
    explained: float


def _corr(P: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """Pearson correlations between the columns of P and of Q; a constant column gives 0.

    A column is constant when its spread is at the level of rounding relative to its own
    size (a profile of equal shares divided out in floating point is not exactly flat, and
    an absolute test would correlate that noise to +-1).
    """
    def centred(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        Xc = X - X.mean(axis=0)
        norm = np.linalg.norm(Xc, axis=0)
        flat = norm <= 1e-12 * np.linalg.norm(X, axis=0)
        return Xc, np.where(flat, np.inf, norm)

    (Pc, norm_p), (Qc, norm_q) = centred(P), centred(Q)
    return np.clip((Pc.T @ Qc) / np.outer(norm_p, norm_q), -1.0, 1.0)


def linkage_correlations(Z: Any) -> np.ndarray | pd.DataFrame:
    r"""Feser & Bergman's linkage matrix: the largest of four profile correlations per pair.

    .. math:: L_{kl} = \max\{r(p_k, p_l),\; r(s_k, s_l),\; r(p_k, s_l),\; r(s_k, p_l)\}

    with input profiles :math:`p_k` (column ``k`` of ``Z`` over its sum) and output
    profiles :math:`s_k` (row ``k`` over its sum), each a vector over all ``n``
    industries.  An industry that buys (or sells) nothing has no profile; its
    correlations are 0.  The diagonal is 1.

    Parameters
    ----------
    Z : DataFrame or 2-D array
        Intermediate flows, sellers in rows, buyers in columns, non-negative.

    Returns
    -------
    DataFrame or numpy.ndarray
        Symmetric ``n × n`` matrix with entries in ``[-1, 1]``, labelled like ``Z``.

    References
    ----------
    Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates: a
    framework for applied regional cluster analysis. *Regional Studies*, 34(1), 1–19.
    Czamanski, S. & Ablas, L. A. de Q. (1979). Identification of industrial clusters
    and complexes: a comparison of methods and findings. *Urban Studies*, 16, 61–80.

    Examples
    --------
    >>> linkage_correlations([[2, 4, 0], [1, 2, 0], [3, 6, 5]]).round(2)
    array([[1.  , 1.  , 0.87],
           [1.  , 1.  , 0.87],
           [0.87, 0.87, 1.  ]])
    """
    z, labels = square(Z, "Z")
    if z.shape[0] < 3:
        raise ValueError(f"'Z' must have at least 3 sectors to correlate profiles, got "
                         f"{z.shape[0]}.")
    z = z / z.max() if z.max() > 0 else z  # scale-free; avoids overflow in the sums
    col, row = z.sum(axis=0), z.sum(axis=1)
    P = np.divide(z, col, out=np.zeros_like(z), where=col > 0)  # column k: k's input profile
    S = np.divide(z, row[:, None], out=np.zeros_like(z), where=row[:, None] > 0).T
    both = np.maximum(_corr(P, P), _corr(S, S))
    cross = _corr(P, S)
    link = np.maximum(both, np.maximum(cross, cross.T))
    np.fill_diagonal(link, 1.0)
    if labels is None:
        return link
    return pd.DataFrame(link, index=labels.copy(), columns=labels.copy())


def _varimax(loadings: np.ndarray, max_iter: int = 500, tol: float = 1e-10) -> np.ndarray:
    """Kaiser's (1958) varimax rotation (the SVD algorithm), with Kaiser row normalisation."""
    n, k = loadings.shape
    if k < 2:
        return loadings
    h = np.sqrt((loadings ** 2).sum(axis=1))
    h[h == 0] = 1.0
    A = loadings / h[:, None]
    R = np.eye(k)
    d = 0.0
    for _ in range(max_iter):
        B = A @ R
        u, s, vt = np.linalg.svd(A.T @ (B ** 3 - B * (B ** 2).sum(axis=0) / n))
        R = u @ vt
        d_new = s.sum()
        if d_new < d * (1 + tol):
            break
        d = d_new
    return (A @ R) * h[:, None]


def cluster_templates(Z: Any, n_clusters: int | None = None, *, threshold: float = 0.35
                      ) -> ClusterTemplates:
    r"""Feser & Bergman's cluster templates: principal components of the linkage matrix.

    The linkage matrix of :func:`linkage_correlations`, with negative entries set to 0
    (profiles less alike than chance are treated as unlinked, so that a component
    groups industries that are alike instead of contrasting two groups: the course's
    choice), is decomposed into principal components (eigenvectors scaled by the square roots of their eigenvalues); the
    first ``n_clusters`` (default: every eigenvalue above 1, Kaiser's rule) are rotated
    by varimax and each becomes a cluster.  A sector belongs to every cluster on which
    it loads at least ``threshold``, and its *primary* cluster is the one with its
    highest loading; a sector with no loading that high belongs to none.  Clusters
    are numbered from 1 by the sum of their squared loadings, largest first.

    Parameters
    ----------
    Z : DataFrame or 2-D array
        Intermediate flows (sellers in rows, buyers in columns), at least 3 sectors.
    n_clusters : int, optional
        Number of components kept (``1 <= n_clusters <= n``).
    threshold : float, default 0.35
        Smallest loading for membership (in ``(0, 1)``).

    Returns
    -------
    ClusterTemplates

    References
    ----------
    Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates.
    *Regional Studies*, 34(1), 1–19.
    Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor
    analysis. *Psychometrika*, 23(3), 187–200.

    Examples
    --------
    >>> block = [[1, 4, 2, 0, 0, 0], [3, 1, 2, 0, 0, 0], [2, 5, 1, 0, 0, 0],
    ...          [0, 0, 0, 2, 8, 4], [0, 0, 0, 6, 2, 4], [0, 0, 0, 4, 10, 2]]
    >>> cluster_templates(block).loadings.round(2).abs()
    cluster     1     2
    sector
    0        0.00  0.90
    1        0.00  0.83
    2        0.00  1.00
    3        0.90  0.00
    4        0.83  0.00
    5        1.00  0.00
    """
    link = linkage_correlations(Z)
    labels = link.index if isinstance(link, pd.DataFrame) else pd.RangeIndex(len(link),
                                                                           name="sector")
    values = np.clip(np.asarray(link, dtype=float), 0.0, None)  # negative: no linkage
    n = values.shape[0]
    threshold = check_scalar(threshold, "threshold", low=0, high=1, low_inclusive=False,
                             high_inclusive=False)
    if not (values - np.eye(n) > 0).any():
        raise ValueError("No two sectors of 'Z' have alike (positively correlated) purchase or "
                         "sales profiles, so there is no cluster to find; check that 'Z' holds "
                         "the intermediate flows (it may be all zeros).")
    eigval, eigvec = np.linalg.eigh(values)
    order = np.argsort(eigval)[::-1]
    eigval, eigvec = eigval[order], eigvec[:, order]
    if n_clusters is None:
        k = max(1, int((eigval > 1).sum()))
    else:
        k = int(check_scalar(n_clusters, "n_clusters", low=1, high=n, integer=True))
        positive = eigval > 1e-9 * eigval[0]  # above rounding, relative to the largest
        if not positive[k - 1]:
            raise ValueError(f"'n_clusters'={k} asks for components with non-positive "
                             f"eigenvalues; the linkage matrix of 'Z' has {int(positive.sum())} "
                             f"positive ones. Ask for fewer.")
    # The components kept span a unique subspace only if the k-th eigenvalue is above the
    # next one; on a tie any mix of the tied components fits, and the clusters are arbitrary.
    if k < n and eigval[k - 1] - eigval[k] <= 1e-9 * abs(eigval[0]):
        what = f"'n_clusters'={k}" if n_clusters is not None else \
            f"Kaiser's rule (eigenvalues above 1; 'n_clusters' not given) keeps {k} and"
        raise ValueError(f"{what} cuts between equal eigenvalues ({eigval[k - 1]:.6g}) of the "
                         f"linkage matrix of 'Z', so the clusters are not unique; choose a "
                         f"'n_clusters' at which the eigenvalues differ: "
                         f"{_show(np.round(eigval, 4).tolist(), 120)}.")
    rotated = _varimax(eigvec[:, :k] * np.sqrt(eigval[:k]))
    rotated *= np.where(rotated.sum(axis=0) < 0, -1.0, 1.0)  # each cluster loads positively
    rotated = rotated[:, np.argsort(-(rotated ** 2).sum(axis=0), kind="stable")]
    names = pd.RangeIndex(1, k + 1, name="cluster")
    loadings = pd.DataFrame(rotated, index=labels.copy(), columns=names)
    if loadings.index.name is None:
        loadings.index.name = "sector"
    primary = rotated.argmax(axis=1)
    rows = [(c + 1, labels[i], rotated[i, c], primary[i] == c)
            for c in range(k) for i in np.argsort(-rotated[:, c], kind="stable")
            if rotated[i, c] >= threshold]
    members = pd.DataFrame(rows, columns=["cluster", "sector", "loading", "primary"])
    members["primary"] = members["primary"].astype(bool)
    explained = float(eigval[:k].sum() / eigval[eigval > 0].sum())
    return ClusterTemplates(loadings, members, pd.Series(eigval, name="eigenvalue"), explained)

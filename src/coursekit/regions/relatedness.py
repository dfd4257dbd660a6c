r"""Relatedness of activities: revealed advantage, proximity, density and the network.

The methods of Hidalgo, Klinger, Barabási & Hausmann (2007), applied here to
countries × technology fields (patents) as Balland & Rigby (2017) and
Hidalgo et al. (2018) apply them to regions.  All functions but
:func:`presence_matrix` take a **presence matrix**: regions (rows) ×
activities (columns) of 0 and 1, with :math:`M_{cp} = 1` when region
:math:`c` has a revealed advantage in activity :math:`p`:

.. math::

    M_{cp} = \mathbf 1\big[\mathrm{RCA}_{cp} \ge 1\big], \qquad
    \mathrm{RCA}_{cp} = \frac{x_{cp}/\sum_{p'} x_{cp'}}{\sum_{c'} x_{c'p}/\sum_{c'p'} x_{c'p'}} ,

the location quotient of :func:`coursekit.location_quotient` (called the
revealed technological advantage, RTA, for patents).  The conventions are
those of the ``py-ecomplexity`` package of Harvard's Growth Lab
(``ecomplexity/calc_proximity.py`` and ``density.py``): presence is
``RCA >= 1`` (not ``>``).  The diagonal of the proximity matrix is **zero**, so a
region's own presence in an activity does not count towards its density in that
activity: this is the course's convention, not the package's.  In the package's
``calc_discrete_proximity`` the diagonal is the formula's :math:`\varphi_{jj} = 1`, so
a region's own presence adds 1 to the numerator and the denominator of its density;
its edge-list function ``proximity()`` left out the pairs of an activity with itself
until a development commit of April 2023, and a fix of the same month ("Bugfix -
fill proximities diagonal with 1 and not 0", ``80d02e1``) fills missing diagonal
values of a user-supplied matrix with 1 (git history of cid-harvard/py-ecomplexity).

References
----------
.. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The
   product space conditions the development of nations. *Science*, 317(5837),
   482–487. doi:10.1126/science.1144581
.. [2] Hidalgo, C. A. et al. (2018). The principle of relatedness. In *Unifying
   Themes in Complex Systems IX* (ICCS 2018), Springer Proceedings in
   Complexity. doi:10.1007/978-3-319-96661-8_46
"""

from __future__ import annotations

from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
from scipy import stats

from coursekit._deprecation import renamed_keywords
from coursekit._validation import (
    _show,
    as_float_array,
    as_matrix,
    check_not_categorical,
    check_scalar,
)
from coursekit.regions.measures import location_quotient

__all__ = [
    "RelatednessEntry",
    "presence_matrix",
    "proximity",
    "proximity_network",
    "relatedness_density",
    "relatedness_entry",
]


def presence_matrix(M: Any, threshold: float = 1.0) -> pd.DataFrame:
    r"""Presence :math:`M_{cp} = \mathbf 1[\mathrm{RCA}_{cp} \ge \text{threshold}]` from raw counts.

    The revealed comparative (for patents: technological) advantage is the
    location quotient of :func:`coursekit.location_quotient`; presence uses
    ``>=``, as ``py-ecomplexity`` does (an RCA within 1e-12 of the threshold, relative,
    counts as at it, so that the result does not depend on the unit of the counts).

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Regions × activities counts (patents, exports, jobs), non-negative, no
        zero row or column.
    threshold : float
        RCA at or above which an activity counts as present, ``> 0`` (default 1).

    Returns
    -------
    DataFrame
        Integers 0/1 with the labels of ``M``.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
    *The Manchester School*, 33(2), 99–123.

    Examples
    --------
    >>> presence_matrix([[1, 1], [1, 3]]).to_numpy().tolist()
    [[1, 0], [0, 1]]
    """
    threshold = check_scalar(threshold, "threshold", low=0.0, low_inclusive=False, high=1e12)
    # An RCA within rounding of the threshold counts as at it: a region whose structure is
    # the nation's has an RCA of exactly 1, which floating point gives as 0.9999999999999999
    # in one unit of the counts and 1.0000000000000002 in another.
    return (location_quotient(M) >= threshold * (1 - 1e-12)).astype(int)


def _presence(M: Any, name: str) -> tuple[np.ndarray, pd.Index, pd.Index]:
    """A validated 0/1 matrix with no empty row or column, and its labels."""
    X, rows, cols = as_matrix(M, name)
    if not np.isin(X, (0.0, 1.0)).all():
        bad = X[~np.isin(X, (0.0, 1.0))].flat[0]
        raise ValueError(
            f"'{name}' must be a presence matrix of 0 and 1 (found {bad:g}); build it from "
            f"counts with ck.presence_matrix({name})."
        )
    return X, rows, cols


def proximity(M: Any) -> pd.DataFrame:
    r"""Proximity between every two activities (Hidalgo et al. 2007).

    .. math::

        \varphi_{ij} = \min\{P(M_{ci} = 1 \mid M_{cj} = 1),\; P(M_{cj} = 1 \mid M_{ci} = 1)\}
        = \frac{\sum_c M_{ci} M_{cj}}{\max(k_i, k_j)}, \qquad i \ne j,

    where :math:`k_i = \sum_c M_{ci}` is the ubiquity of activity :math:`i`
    (the number of regions with a revealed advantage in it).  The minimum of the
    two conditional probabilities keeps the measure symmetric and stops a
    ubiquitous activity from looking close to everything.  The diagonal is set
    to **0**, the course's convention (the formula itself, and ``py-ecomplexity``,
    give 1).

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Presence matrix (regions × activities, 0/1, see :func:`presence_matrix`);
        every row and column must contain a 1.

    Returns
    -------
    DataFrame
        Activities × activities, symmetric, values in [0, 1], zero diagonal.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product
    space conditions the development of nations. *Science*, 317(5837), 482–487.

    Examples
    --------
    >>> nested = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]
    >>> proximity(nested).round(3).to_numpy()[0].tolist()
    [0.0, 0.75, 0.5, 0.25]
    """
    X, _, cols = _presence(M, "M")
    ubiquity = X.sum(axis=0)
    phi = (X.T @ X) / np.maximum.outer(ubiquity, ubiquity)
    np.fill_diagonal(phi, 0.0)
    return pd.DataFrame(phi, index=cols.copy(), columns=cols.copy())


def _proximity_for(phi: Any, cols: pd.Index) -> np.ndarray:
    """Validate a proximity matrix and align it to the activities ``cols``."""
    n = len(cols)
    if isinstance(phi, pd.DataFrame):
        if set(phi.index) != set(cols) or set(phi.columns) != set(cols):
            raise ValueError(
                f"'proximity' must be labelled by the columns of 'M' in both directions; "
                f"'M' has {_show(list(cols), 120)}. Use proximity=ck.proximity(M)."
            )
        if phi.index.has_duplicates or phi.columns.has_duplicates:
            raise ValueError("'proximity' has duplicate labels; use proximity=ck.proximity(M).")
        phi = phi.loc[cols, cols]
    values = as_float_array(phi, "proximity", ndim=2)
    if values.shape != (n, n):
        raise ValueError(f"'proximity' must be {n} × {n} (one row and column per activity of "
                         f"'M'), got shape {values.shape}.")
    if (values < 0).any() or (values > 1).any():
        raise ValueError("'proximity' must hold values in [0, 1]; use ck.proximity(M).")
    if not np.allclose(values, values.T, rtol=0, atol=1e-12):
        raise ValueError("'proximity' must be symmetric; use ck.proximity(M).")
    return values


def relatedness_density(M: Any, proximity: Any) -> pd.DataFrame:
    r"""Relatedness density of every region to every activity (Hidalgo et al. 2007).

    .. math::

        \omega_{cj} = \frac{\sum_i M_{ci}\,\varphi_{ij}}{\sum_i \varphi_{ij}},

    the proximity-weighted share of the activities related to :math:`j` in which
    region :math:`c` has a revealed advantage (0: none of them, 1: all of them).
    With the zero diagonal of :func:`proximity`, a region's own presence in
    :math:`j` does not count (in ``py-ecomplexity``'s ``calc_density``, whose
    proximity matrix has a one on the diagonal, it does).  An
    activity with zero proximity to every other one has no defined density: its
    column is NaN.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Presence matrix (regions × activities, 0/1).
    proximity : DataFrame or 2-D array
        Activities × activities proximity, e.g. ``ck.proximity(M)`` (it may come
        from another period or another set of regions, as long as the labels match).

    Returns
    -------
    DataFrame
        Regions × activities, values in [0, 1].

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product
    space conditions the development of nations. *Science*, 317(5837), 482–487.

    Examples
    --------
    >>> nested = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]
    >>> relatedness_density(nested, proximity(nested)).round(3).to_numpy()[2].tolist()
    [0.5, 0.429, 0.7, 0.538]
    """
    X, rows, cols = _presence(M, "M")
    phi = _proximity_for(proximity, cols)
    total = phi.sum(axis=0)
    weighted = X @ phi
    dens = np.divide(weighted, total, out=np.full(weighted.shape, np.nan), where=total > 0)
    return pd.DataFrame(np.clip(dens, 0.0, 1.0), index=rows, columns=cols)


def proximity_network(proximity: Any, n_extra: int = 20) -> nx.Graph:
    """The skeleton of a proximity network: maximum spanning tree plus the strongest links.

    Hidalgo et al. (2007) drew the product space as the maximum spanning tree
    of the proximity matrix (the strongest links that connect every product
    without a loop) with the strongest remaining links added.  This function
    returns that skeleton as a ``networkx`` graph, using ``networkx``'s
    ``maximum_spanning_tree``; pairs with zero proximity are never linked, so a
    disconnected matrix gives a spanning forest.

    Parameters
    ----------
    proximity : DataFrame
        Square symmetric proximity matrix, e.g. ``ck.proximity(M)``.
    n_extra : int
        How many of the strongest links outside the tree to add, ``0`` to ``10,000``.

    Returns
    -------
    networkx.Graph
        One node per activity (in the order of ``proximity``); every edge has the
        attributes ``proximity`` and ``kind`` (``"tree"`` or ``"extra"``).
        ``networkx.to_pandas_edgelist(graph)`` lists them as a table.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product
    space conditions the development of nations. *Science*, 317(5837), 482–487.

    Examples
    --------
    >>> nested = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]
    >>> graph = proximity_network(proximity(nested), n_extra=1)
    >>> sorted(kind for _, _, kind in graph.edges(data="kind"))
    ['extra', 'tree', 'tree', 'tree']
    >>> round(max(phi for _, _, phi in graph.edges(data="proximity")), 3)
    0.75
    """
    if not isinstance(proximity, pd.DataFrame):
        raise TypeError(f"'proximity' must be a DataFrame such as ck.proximity(M), got "
                        f"{type(proximity).__name__}.")
    if proximity.empty or list(proximity.index) != list(proximity.columns):
        raise ValueError("'proximity' must be square with the same labels in rows and columns; "
                         "use ck.proximity(M).")
    phi = _proximity_for(proximity, proximity.columns)
    n_extra = int(check_scalar(n_extra, "n_extra", low=0, high=10_000, integer=True))
    labels = list(proximity.columns)
    full = nx.Graph()
    full.add_nodes_from(range(len(labels)))
    upper = np.argwhere(np.triu(phi, k=1) > 0)
    full.add_weighted_edges_from((int(i), int(j), float(phi[i, j])) for i, j in upper)
    in_tree = {frozenset(e) for e in nx.maximum_spanning_tree(full, weight="weight").edges()}
    edges = pd.DataFrame([(i, j, float(phi[i, j]), "tree" if frozenset((int(i), int(j)))
                           in in_tree else "extra") for i, j in upper],
                         columns=["i", "j", "proximity", "kind"])
    edges = edges.sort_values(["kind", "proximity"], ascending=[False, False], kind="stable")
    keep = (edges["kind"] == "tree") | (edges.groupby("kind").cumcount() < n_extra)
    graph = nx.Graph()
    graph.add_nodes_from(labels)
    graph.add_edges_from((labels[i], labels[j], {"proximity": p, "kind": k})
                         for i, j, p, k in edges[keep].itertuples(index=False))
    return graph


class RelatednessEntry(NamedTuple):
    """Entry into new activities against relatedness density (:func:`relatedness_entry`).

    ``candidates`` has one row per region × activity absent at the start, with
    its ``density`` and whether it was ``entered``; ``by_bin`` gives the entry
    rate by density quantile; ``auc`` is the probability that a randomly drawn
    entry had a higher density than a randomly drawn non-entry (0.5: density
    tells nothing), with the one-sided Mann–Whitney ``auc_p_value``;
    ``countries_higher`` of ``countries_compared`` regions entered activities
    of higher mean density than those they did not enter, with the one-sided
    sign-test ``sign_test_p_value``.
    """

    candidates: pd.DataFrame
    by_bin: pd.DataFrame
    entry_rate: float
    auc: float
    auc_p_value: float
    countries_higher: int
    countries_compared: int
    sign_test_p_value: float


def _density_values(density: Any, shape: tuple[int, int]) -> np.ndarray:
    """Density as floats in [0, 1]; NaN (an undefined density) is allowed and means "skip"."""
    check_not_categorical(density, "density")
    raw = density.to_numpy() if isinstance(density, pd.DataFrame) else density
    try:
        arr = np.asarray(raw)
    except (TypeError, ValueError):
        arr = np.asarray([], dtype=object)
    if arr.ndim == 2 and arr.dtype.kind in "fiu":
        values = arr.astype(float)
    else:  # not a numeric table: let the shared check explain what is wrong
        values = as_float_array(raw, "density", ndim=2)
    finite = values[np.isfinite(values)]
    if values.shape != shape or np.isinf(values).any() or (finite < 0).any() \
            or (finite > 1).any():
        raise ValueError(f"'density' must be a {shape} table of values in [0, 1]; use "
                         f"ck.relatedness_density(start, ck.proximity(start)).")
    return values


@renamed_keywords(before="start", after="end")
def relatedness_entry(start: Any, end: Any, density: Any, n_bins: int = 4) -> RelatednessEntry:
    r"""Do regions enter activities more often where their relatedness density is high?

    The principle of relatedness (Hidalgo et al. 2018): the probability that a
    region enters an activity rises with the density :math:`\omega_{cp}` of
    related activities already present.  Candidates are the region × activity
    pairs absent at the start (:math:`M_{cp} = 0` in ``start``) whose density is
    defined (not NaN); an *entry* is a candidate present in ``end``.  The test reports the entry rate by
    density quantile, the area under the ROC curve of density as a predictor of
    entry (Mann–Whitney U divided by the number of pairs, one-sided p-value),
    and a within-region sign test, which compares each region only with itself
    and so is not driven by differences between large and small regions.

    Parameters
    ----------
    start, end : DataFrame
        Presence matrices (0/1) of the two periods, same regions and activities
        (``before`` and ``after`` are their deprecated keyword names).
    density : DataFrame
        Relatedness density at the start, e.g.
        ``ck.relatedness_density(start, ck.proximity(start))``.
    n_bins : int
        Number of density quantiles for ``by_bin``, ``2`` to ``20``.

    Returns
    -------
    RelatednessEntry

    References
    ----------
    Hidalgo, C. A. et al. (2018). The principle of relatedness. In *Unifying Themes in
    Complex Systems IX*, Springer. doi:10.1007/978-3-319-96661-8_46

    Examples
    --------
    >>> start = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]])
    >>> end = pd.DataFrame([[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]])
    >>> res = relatedness_entry(start, end, relatedness_density(start, proximity(start)),
    ...                         n_bins=2)
    >>> len(res.candidates), int(res.candidates["entered"].sum()), round(res.auc, 3)
    (6, 3, 0.722)
    >>> res.countries_higher, res.countries_compared
    (2, 2)
    """
    X0, rows, cols = _presence(start, "start")
    X1, rows1, cols1 = _presence(end, "end")
    if X1.shape != X0.shape or list(rows1) != list(rows) or list(cols1) != list(cols):
        raise ValueError("'end' must have the same regions and activities, in the same "
                         "order, as 'start'.")
    if isinstance(density, pd.DataFrame) and (list(density.index) != list(rows)
                                               or list(density.columns) != list(cols)):
        raise ValueError("'density' must have the labels of 'start'; use "
                         "ck.relatedness_density(start, ck.proximity(start)).")
    dens = _density_values(density, X0.shape)
    n_bins = int(check_scalar(n_bins, "n_bins", low=2, high=20, integer=True))
    open_ = (X0 == 0) & np.isfinite(dens)
    r_idx, c_idx = np.nonzero(open_)
    entered = X1[open_] == 1
    d = dens[open_]
    if entered.all() or not entered.any():
        raise ValueError("'end' must contain both entries and non-entries among the "
                         "activities absent in 'start' (with a defined 'density'); otherwise "
                         "there is nothing to compare.")
    rname, cname = rows.name or "region", cols.name or "activity"
    candidates = pd.DataFrame({rname: rows[r_idx], cname: cols[c_idx], "density": d,
                               "entered": entered})
    bins = pd.qcut(d, n_bins, labels=False, duplicates="drop") + 1
    by_bin = candidates.groupby(bins).agg(
        density_low=("density", "min"), density_high=("density", "max"),
        candidates=("entered", "size"), entries=("entered", "sum"))
    by_bin["entry_rate"] = by_bin["entries"] / by_bin["candidates"]
    by_bin.index.name = "bin"
    test = stats.mannwhitneyu(d[entered], d[~entered], alternative="greater")
    auc = float(test.statistic) / float(entered.sum() * (~entered).sum())
    higher = compared = 0
    for r in np.unique(r_idx):
        mine = r_idx == r
        e = entered[mine]
        if e.any() and not e.all():
            compared += 1
            higher += int(d[mine][e].mean() > d[mine][~e].mean())
    sign_p = float(stats.binomtest(higher, compared, 0.5, alternative="greater").pvalue) \
        if compared else float("nan")
    return RelatednessEntry(candidates, by_bin, float(entered.mean()), auc, float(test.pvalue),
                            higher, compared, sign_p)

r"""Graph analysis of inter-industry flows: networks, centrality and communities.

An input–output table is a weighted directed graph: industries are the nodes
and an edge :math:`i \to j` with weight :math:`a_{ij}` says that industry
:math:`i` supplies :math:`a_{ij}` of input per unit of :math:`j`'s output.
Cluster studies that use "graph analysis" keep only the strong links (a
threshold on the coefficients) and read groups of industries off the
filtered graph; centrality measures say which industries matter most as
suppliers (hubs) or as buyers (authorities).  The coefficients come from
:func:`coursekit.technical_coefficients`.

>>> import coursekit as ck
>>> A = [[0.15, 0.25], [0.20, 0.05]]          # Miller & Blair's two-sector example
>>> ck.io_centrality(A)["katz_authority"].round(6).tolist()   # = output multipliers
[1.518152, 1.452145]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from coursekit._validation import _show, check_scalar
from coursekit.inputoutput._checks import square
from coursekit.inputoutput.coefficients import leontief_inverse, output_multipliers

__all__ = ["io_network", "io_centrality", "io_communities", "Communities"]


class Communities(NamedTuple):
    """Result of :func:`io_communities`: a community number per industry (0 = largest)
    and the modularity of that partition of the (symmetrised, filtered) graph."""

    membership: pd.Series
    modularity: float


def _coefficients(A: Any) -> tuple[np.ndarray, pd.Index]:
    values, labels = square(A, "A")
    if labels is None:
        labels = pd.RangeIndex(values.shape[0], name="sector")
    elif labels.name is None:
        labels = labels.rename("sector")
    if values.max() > 1e300:
        raise ValueError("'A' has entries above 1e300; pass coefficients (inputs per unit of "
                         "output) or rescaled flows.")
    return values, labels


def _threshold(threshold: Any) -> float:
    return check_scalar(threshold, "threshold", low=0.0)


def io_network(A: Any, threshold: float = 0.0, *, self_loops: bool = False) -> nx.DiGraph:
    r"""The input–output table as a directed graph, keeping the links above a threshold.

    Edge :math:`i \to j` (``i`` supplies ``j``) with attribute ``weight`` =
    :math:`a_{ij}` for every :math:`a_{ij} > 0` with :math:`a_{ij} \ge` ``threshold``.
    Raising the threshold keeps only the strong links, the classic way of reading
    clusters off an input–output table (Czamanski's and Roepke's studies; the OECD
    focus group's "graph analysis").

    Parameters
    ----------
    A : DataFrame or 2-D array
        Technical coefficients (or flows), suppliers in rows, buyers in columns,
        non-negative; labels of a DataFrame become the node names.
    threshold : float, default 0
        Smallest coefficient kept as an edge.
    self_loops : bool, default False
        Keep an industry's purchases from itself (the diagonal) as loops.

    Returns
    -------
    networkx.DiGraph
        Every industry is a node (also those left without links).

    References
    ----------
    Sargent, T. J., & Stachurski, J. *Networks* (QuantEcon lecture): input–output
    networks, weights proportional to the input–output coefficients.

    Examples
    --------
    >>> G = io_network([[0.15, 0.25], [0.20, 0.05]], threshold=0.21)
    >>> sorted(G.edges(data="weight"))
    [(0, 1, 0.25)]
    """
    values, labels = _coefficients(A)
    cut = _threshold(threshold)
    if not isinstance(self_loops, (bool, np.bool_)):
        raise TypeError(f"'self_loops' must be True or False, got {self_loops!r}.")
    keep = (values > 0) & (values >= cut)
    if not self_loops:
        np.fill_diagonal(keep, False)
    G = nx.DiGraph()
    G.add_nodes_from(labels)
    rows, cols = np.nonzero(keep)
    G.add_weighted_edges_from((labels[i], labels[j], float(values[i, j]))
                              for i, j in zip(rows, cols, strict=True))
    return G


def _basic_classes(M: np.ndarray) -> tuple[float, list[list[int]]]:
    """Spectral radius of M >= 0 and its *basic classes*, from the graph of M.

    The strongly connected components of the graph (edge i -> j where m_ij > 0) are
    irreducible blocks, each with a simple Perron root computed accurately on its own;
    the spectral radius is the largest of them, and the basic classes are the blocks
    that reach it (to 1e-9 relative).  The radius is exactly 0 when the graph has no
    cycle (no industry buys, directly or indirectly, from itself).
    """
    G = nx.DiGraph()
    G.add_nodes_from(range(M.shape[0]))
    G.add_edges_from(zip(*np.nonzero(M > 0), strict=True))
    blocks = [sorted(c) for c in nx.strongly_connected_components(G)]
    radii = [float(np.abs(np.linalg.eigvals(M[np.ix_(b, b)])).max()) if len(b) > 1
             else float(M[b[0], b[0]]) for b in blocks]
    r = max(radii)
    return r, [b for b, rb in zip(blocks, radii, strict=True) if r > 0 and rb >= r * (1 - 1e-9)]


def _perron(M: np.ndarray, labels: pd.Index) -> tuple[float, np.ndarray]:
    """Spectral radius and Perron vector (non-negative, summing to 1) of M >= 0.

    Refused when it is not unique: a radius of 0, or several basic classes (groups of
    industries that do not trade with each other but share the largest eigenvalue, e.g.
    two identical disconnected blocks), where any combination of their vectors is an
    eigenvector and the smallest change in the data decides between them.
    """
    r, basic = _basic_classes(M)
    if r == 0:
        raise ValueError("'A' has spectral radius 0 (no industry buys, directly or "
                         "indirectly, from itself), so eigenvector centrality is undefined; "
                         "use the degree or Katz columns of a table with more links.")
    if len(basic) > 1:
        groups = [[labels[i] for i in b[:4]] for b in basic[:3]]
        raise ValueError(
            f"'A' has {len(basic)} separate groups of industries with the same largest "
            f"eigenvalue {r:.6g} (e.g. {_show(groups, 120)}), none linked both ways with "
            f"another, so eigenvector centrality is not unique: any mix of the groups' "
            f"vectors fits, and the slightest change in 'A' decides between them. Compute it "
            f"for each group separately, e.g. io_centrality(A.loc[group, group]).")
    values, vectors = np.linalg.eig(M)
    k = int(np.argmax(values.real))
    v = np.abs(vectors[:, k].real)
    return r, v / v.sum()


def io_centrality(A: Any, *, beta: float = 1.0, threshold: float = 0.0) -> pd.DataFrame:
    r"""Centrality of every industry in the input–output network.

    * ``out_degree`` / ``in_degree``: number of industries it supplies / buys from
      with a coefficient of at least ``threshold`` (itself excluded).
    * ``out_strength`` / ``in_strength``: row / column sums of ``A`` (itself
      included): inputs it sells per unit of its customers' output, and inputs it
      buys per unit of its own output.
    * ``hub`` / ``authority``: eigenvector centrality :math:`e = A e / r(A)` (hub)
      and :math:`e = A' e / r(A)` (authority), normalised to sum 1: an industry is
      a strong hub if it supplies much to industries that are themselves strong hubs.
    * ``katz_hub`` / ``katz_authority``: Katz centrality
      :math:`\kappa = (I - \beta A)^{-1}\mathbf 1` and its authority version
      :math:`\kappa' = \mathbf 1'(I - \beta A)^{-1}`, computed with
      :func:`coursekit.leontief_inverse` of :math:`\beta A`.  With :math:`\beta = 1`
      (QuantEcon's default when :math:`r(A) < 1`) the authority version is the vector
      of *output multipliers* (:func:`coursekit.output_multipliers`) and the hub
      version the row sums of the Leontief inverse.

    Parameters
    ----------
    A : DataFrame or 2-D array
        Technical coefficients, suppliers in rows, buyers in columns.
    beta : float, default 1
        Katz attenuation, :math:`0 < \beta < 1/r(A)`.
    threshold : float, default 0
        Smallest coefficient counted as a link for the degrees.

    Returns
    -------
    DataFrame
        One row per industry with the columns listed above.

    References
    ----------
    Sargent, T. J., & Stachurski, J. *Networks* and *Input-Output Models* (QuantEcon
    lectures): hub and authority eigenvector and Katz centrality; output multipliers
    as authority-based Katz centrality.

    Katz, L. (1953). A new status index derived from sociometric analysis.
    *Psychometrika*, 18(1), 39–43.

    Examples
    --------
    Miller & Blair's two-sector coefficients (QuantEcon's closed forms):

    >>> c = io_centrality([[0.15, 0.25], [0.20, 0.05]])
    >>> c[["hub", "authority", "katz_hub"]].round(6)
                hub  authority  katz_hub
    sector
    0      0.582576   0.527525  1.584158
    1      0.417424   0.472475  1.386139
    """
    values, labels = _coefficients(A)
    cut = _threshold(threshold)
    b = check_scalar(beta, "beta", low=0.0, low_inclusive=False)
    r, hub = _perron(values, labels)
    _, authority = _perron(values.T, labels)
    if b * r >= 1.0:
        raise ValueError(f"'beta' must be below 1/r(A) = {1 / r:.6g} for Katz centrality "
                         f"to exist (r(A) = {r:.6g} is the spectral radius of 'A'), got {b:g}.")
    L = leontief_inverse(b * values)
    links = (values >= cut) & (values > 0)
    np.fill_diagonal(links, False)
    return pd.DataFrame({
        "out_degree": links.sum(axis=1),
        "in_degree": links.sum(axis=0),
        "out_strength": values.sum(axis=1),
        "in_strength": values.sum(axis=0),
        "hub": hub,
        "authority": authority,
        "katz_hub": L.sum(axis=1),
        "katz_authority": output_multipliers(L),
    }, index=labels)


def io_communities(A: Any, *, threshold: float = 0.0, resolution: float = 1.0,
                   seed: int = 0) -> Communities:
    r"""Groups of closely linked industries: Louvain communities of the symmetrised graph.

    Links run both ways in a cluster (suppliers and buyers), so the directed
    coefficients are symmetrised, :math:`w_{ij} = a_{ij} + a_{ji}` for
    :math:`i \ne j`, keeping a pair when either coefficient is at least
    ``threshold``.  The Louvain method (Blondel et al. 2008, as implemented in
    networkx) then looks for the partition with the highest modularity

    .. math::

        Q = \frac{1}{2m}\sum_{ij}\Big[w_{ij} - \gamma\frac{k_i k_j}{2m}\Big]
            \delta(c_i, c_j),

    the share of link weight inside groups minus what random links with the same
    strengths :math:`k_i` would put there (:math:`\gamma` = ``resolution``; larger
    values give more, smaller groups).  The result depends on the order in which
    nodes are visited, which ``seed`` fixes.

    Parameters
    ----------
    A : DataFrame or 2-D array
        Technical coefficients or flows, non-negative.
    threshold : float, default 0
        Smallest coefficient (in either direction) kept as a link.
    resolution : float, default 1
        Modularity resolution :math:`\gamma > 0`.
    seed : int, default 0
        Seed of the Louvain node order.

    Returns
    -------
    Communities
        ``membership`` (Series: industry → community, numbered by size, 0 the
        largest) and ``modularity`` (:math:`Q` of that partition).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *Journal of Statistical Mechanics: Theory and
    Experiment*, 2008(10), P10008.

    Newman, M. E. J. (2010). *Networks: An Introduction*. Oxford University Press, ch. 7.

    Examples
    --------
    Two triangles joined by one link (modularity :math:`2(3/7 - (1/2)^2) = 0.357143`):

    >>> A = np.zeros((6, 6))
    >>> for i, j in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]:
    ...     A[i, j] = 0.1
    >>> com = io_communities(A, seed=1)
    >>> com.membership.tolist(), round(com.modularity, 6)
    ([0, 0, 0, 1, 1, 1], 0.357143)
    """
    values, labels = _coefficients(A)
    cut = _threshold(threshold)
    gamma = check_scalar(resolution, "resolution", low=0.0, low_inclusive=False, high=1e6)
    rng_seed = int(check_scalar(seed, "seed", low=0, high=2**32 - 1, integer=True))
    W = values + values.T
    strong = ((values >= cut) | (values.T >= cut)) & (W > 0)
    np.fill_diagonal(strong, False)
    G = nx.Graph()
    G.add_nodes_from(range(len(labels)))
    i, j = np.nonzero(np.triu(strong))
    G.add_weighted_edges_from((int(a), int(b), float(W[a, b])) for a, b in zip(i, j, strict=True))
    if G.number_of_edges() == 0:
        parts: list[set[int]] = [{k} for k in range(len(labels))]
        modularity = 0.0
    else:
        parts = nx.community.louvain_communities(G, weight="weight", resolution=gamma,
                                                 seed=rng_seed)
        modularity = float(nx.community.modularity(G, parts, weight="weight",
                                                   resolution=gamma))
    parts = sorted(parts, key=lambda s: (-len(s), min(s)))
    member = np.empty(len(labels), dtype=np.int64)
    for number, part in enumerate(parts):
        member[list(part)] = number
    return Communities(pd.Series(member, index=labels, name="community"), modularity)

"""Measures of regional specialisation and industrial concentration.

All functions work on a *regions × industries* employment matrix ``M``
(rows = regions, columns = industries, entries = employment ``E_ir``), which
:func:`coursekit.activity_matrix` builds from a tidy table.  ``M`` may be a
:class:`pandas.DataFrame` (labels are kept), a 2-D numpy array or a list of
lists (labels become ``0, 1, ...``); the numbers returned are the same.

Notation: ``E_ir`` employment of industry ``i`` in region ``r``, ``E_r`` the
region's total, ``E_i`` the industry's total and ``E`` the grand total.

>>> import coursekit as ck
>>> M = [[10, 30], [20, 40]]
>>> ck.location_quotient(M).round(3).to_numpy().tolist()
[[0.833, 1.071], [1.111, 0.952]]
>>> round(ck.herfindahl([1, 1, 1, 1]), 10)
0.25
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._validation import (
    _show,
    as_float_array,
    as_matrix,
    check_bool,
    check_finite_result,
    check_label,
    check_nonempty,
    check_nonnegative,
)

__all__ = [
    "location_quotient",
    "herfindahl",
    "locational_gini",
    "lorenz_curve",
    "krugman_index",
]


# --------------------------------------------------------------------------- measures


def location_quotient(M: Any) -> pd.DataFrame:
    r"""Location quotient of every industry in every region.

    .. math::

        LQ_{ri} = \frac{E_{ri} / E_r}{E_i / E}

    ``LQ > 1`` means the region is more specialised in the industry than the
    reference economy (the sum of all regions); this is Balassa's (1965)
    revealed-comparative-advantage ratio applied to employment.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Regions × industries employment, non-negative, no zero row or column.

    Returns
    -------
    DataFrame
        Same shape and labels as ``M``.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
    *The Manchester School*, 33(2), 99–123.

    Examples
    --------
    >>> location_quotient([[1, 1], [1, 3]]).to_numpy().tolist()
    [[1.5, 0.75], [0.75, 1.125]]
    """
    E, rows, cols = as_matrix(M)
    row_totals = E.sum(axis=1)
    col_totals = E.sum(axis=0)
    lq = E / col_totals  # region shares of each industry (<= 1: cannot overflow)
    lq /= (row_totals / row_totals.sum())[:, None]  # divided by the regions' shares of all jobs
    check_finite_result(lq, "M")
    return pd.DataFrame(lq, index=rows, columns=cols, copy=False)


@renamed_keywords(normalized="normalise")
def herfindahl(sizes: Any, normalise: bool = False) -> float:
    r"""Herfindahl(–Hirschman) index of a set of sizes.

    .. math::

        H = \sum_{k=1}^{n} z_k^2, \qquad z_k = \frac{e_k}{\sum_l e_l},
        \qquad H^{*} = \frac{H - 1/n}{1 - 1/n}

    ``H`` lies in :math:`[1/n, 1]` (``1/n`` for ``n`` equal units, 1 for a
    monopoly); ``normalise=True`` returns :math:`H^{*}` in :math:`[0, 1]`.
    ``n`` counts every entry, including zeros.

    Parameters
    ----------
    sizes : list, array or Series
        Non-negative sizes (plant employment, a region's sector employment, ...).
    normalise : bool
        Rescale to :math:`[0, 1]`; needs at least two units.

    Returns
    -------
    float

    References
    ----------
    Herfindahl, O. C. (1950). *Concentration in the Steel Industry*. PhD
    dissertation, Columbia University.

    Examples
    --------
    >>> herfindahl([10, 10, 10, 10])
    0.25
    >>> herfindahl([3, 1], normalise=True)
    0.25
    """
    check_bool(normalise, "normalise")
    e = as_float_array(sizes, "sizes", ndim=1)
    check_nonempty(e, "sizes")
    check_nonnegative(e, "sizes")
    if e.size and e.max() > 0:
        e = e / e.max()  # scale-free: avoids overflow (1e308) and underflow (5e-324) in the sum
    total = e.sum()
    if total == 0:
        raise ValueError(
            "'sizes' sum to zero, so shares (and the Herfindahl index) are undefined; "
            "pass at least one positive size."
        )
    h = float(np.sum((e / total) ** 2))
    if not normalise:
        return h
    n = e.size
    if n < 2:
        raise ValueError(
            "The normalized Herfindahl index needs at least 2 units ('sizes' has 1): "
            "(H - 1/n) / (1 - 1/n) divides by zero. Use normalise=False."
        )
    return float(min(1.0, max(0.0, (h - 1 / n) / (1 - 1 / n))))


def _lorenz_parts(M: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index, pd.Index]:
    """Sorted total shares, sorted industry shares and the sort order (ascending LQ)."""
    E, rows, cols = as_matrix(M)
    x = E.sum(axis=1) / E.sum()  # region shares of total employment
    s = E / E.sum(axis=0, keepdims=True)  # region shares of each industry
    order = np.argsort(s / x[:, None], axis=0, kind="stable")  # ascending LQ
    return x[order], np.take_along_axis(s, order, axis=0), order, rows, cols


def locational_gini(M: Any) -> pd.Series:
    r"""Locational Gini coefficient of every industry (Krugman 1991).

    For industry ``i`` rank the regions by their location quotient, lowest
    first, and draw the Lorenz curve: cumulative share of *total* employment
    :math:`x_r = E_r/E` on the horizontal axis, cumulative share of the
    *industry's* employment :math:`s_{ri} = E_{ri}/E_i` on the vertical axis.
    The Gini is twice the area between the diagonal and that curve:

    .. math::

        G_i = 1 - \sum_{k=1}^{R} x_{(k)} \left(S_{(k)} + S_{(k-1)}\right),
        \qquad S_{(k)} = \sum_{m \le k} s_{(m) i}, \; S_{(0)} = 0

    with regions :math:`(1), \ldots, (R)` in ascending order of
    :math:`s_{ri} / x_r` (= the LQ).  ``G_i = 0`` when the industry is spread
    exactly like total employment; it approaches 1 when all of it sits in a
    region with a tiny share of total employment (the maximum is
    :math:`1 - x_r` for full concentration in region ``r``).  This is the
    definition of Krugman (1991, *Geography and Trade*, ch. 2 and app. D) used
    by Audretsch and Feldman (1996); the chapter's Lorenz-curve chart is
    :func:`lorenz_curve`.

    The base is whatever ``M`` sums to: with all sectors in ``M``, as in the
    course, :math:`x_r` is the region's share of *all-sector* employment.
    Krugman (1991) and Ellison and Glaeser (1997) studied manufacturing
    industries and used each region's share of total *manufacturing*
    employment; pass only the manufacturing columns to reproduce that base.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Regions × industries employment.

    Returns
    -------
    Series
        One value in :math:`[0, 1)` per industry, indexed by industry.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.
    Audretsch, D. B. & Feldman, M. P. (1996). R&D spillovers and the geography of
    innovation and production. *American Economic Review*, 86(3), 630–640.

    Examples
    --------
    Two equal regions, industry ``a`` entirely in the first one:

    >>> locational_gini([[10, 0], [0, 10]]).round(3).tolist()
    [0.5, 0.5]
    """
    x, s, _, _, cols = _lorenz_parts(M)
    S = np.cumsum(s, axis=0)
    g = 1.0 - np.sum(x * (2 * S - s), axis=0)
    check_finite_result(g, "M")
    g = np.clip(g, 0.0, 1.0)  # remove -1e-17 rounding noise
    return pd.Series(g, index=cols, name="locational_gini")


def lorenz_curve(M: Any, industry: Any = None) -> pd.DataFrame:
    """Lorenz-curve points behind :func:`locational_gini`, as a tidy DataFrame.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Regions × industries employment.
    industry : label, list of labels or None
        The industry (column) or industries to return; ``None`` means all.

    Returns
    -------
    DataFrame
        Columns ``industry``, ``rank`` (0 for the origin point), ``region``
        (``None`` at the origin), ``lq``, ``cum_total_share`` and
        ``cum_industry_share``; regions in ascending order of LQ, so the curve
        runs from (0, 0) to (1, 1) below the diagonal.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.

    Examples
    --------
    >>> lc = lorenz_curve([[10, 0], [0, 10]], industry=0)
    >>> lc[["rank", "cum_total_share", "cum_industry_share"]].to_numpy().tolist()
    [[0.0, 0.0, 0.0], [1.0, 0.5, 0.0], [2.0, 1.0, 1.0]]
    """
    x, s, order, rows, cols = _lorenz_parts(M)
    if industry is None:
        wanted = list(range(len(cols)))
    else:
        labels = list(industry) if isinstance(industry, list) else [industry]
        if not labels:
            raise ValueError("'industry' is an empty list; name at least one industry (column) "
                             "of 'M', or pass industry=None for all.")
        for label in labels:
            check_label(label, "industry")
        missing = [lab for lab in labels if lab not in cols]
        if missing:
            raise ValueError(
                f"'industry' {_show(missing)} not found in the columns of 'M'; "
                f"choose from {_show(list(cols), 200)}."
            )
        wanted = [cols.get_loc(lab) for lab in labels]
    xs_all = np.cumsum(x, axis=0)
    S_all = np.cumsum(s, axis=0)
    lq_sorted = s / x
    frames = []
    for j in wanted:  # only to lay out the chosen industries; the maths is vectorised
        n = len(rows)
        frames.append(
            pd.DataFrame(
                {
                    "industry": [cols[j]] * (n + 1),
                    "rank": np.arange(n + 1),
                    "region": [None] + [rows[k] for k in order[:, j]],
                    "lq": np.r_[np.nan, lq_sorted[:, j]],
                    "cum_total_share": np.r_[0.0, xs_all[:, j]],
                    "cum_industry_share": np.r_[0.0, S_all[:, j]],
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["rank"] = out["rank"].astype(float)
    return out


def krugman_index(M: Any) -> pd.Series:
    r"""Krugman specialisation index of every region against the whole economy.

    .. math::

        K_r = \sum_i \left| \frac{E_{ri}}{E_r} - \frac{E_i}{E} \right|
        \in [0, 2)

    0 when the region's industry mix mirrors the reference economy (the sum of
    all regions), near 2 when the region's employment is in industries that are
    otherwise absent.  Krugman (1991) compared pairs of regions; comparing each
    region with the total, as here, is the usual regional-science variant.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Regions × industries employment.

    Returns
    -------
    Series
        One value per region, indexed by region.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.

    Examples
    --------
    >>> krugman_index([[1, 1], [1, 1]]).tolist()
    [0.0, 0.0]
    >>> krugman_index([[3, 1], [1, 3]]).tolist()
    [0.5, 0.5]
    """
    E, rows, _ = as_matrix(M)
    k = np.abs(E / E.sum(axis=1, keepdims=True) - E.sum(axis=0) / E.sum()).sum(axis=1)
    check_finite_result(k, "M")
    return pd.Series(k, index=rows, name="krugman_index")

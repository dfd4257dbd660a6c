r"""Linkages between sectors: Rasmussen–Hirschman indices, key sectors, hypothetical extraction.

Same conventions as :mod:`coursekit.inputoutput.coefficients`: ``Z`` holds the intermediate flows
(sellers in rows, buyers in columns), ``x`` the total output of each sector.

>>> import coursekit as ck
>>> lk = ck.linkages([[150, 500], [200, 100]], [1000, 2000])
>>> lk["sector_type"].tolist()
['key sector', 'weak']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validation import _show, check_sums_finite, check_text
from coursekit.inputoutput._checks import finite, inverse, table

__all__ = ["linkages", "hypothetical_extraction"]

#: The four sector types of :func:`linkages`, in the order of its categorical column.
SECTOR_TYPES = ["key sector", "backward-oriented", "forward-oriented", "weak"]


def linkages(Z: Any, x: Any, *, forward: str = "ghosh") -> pd.DataFrame:
    r"""Backward and forward linkages, Rasmussen–Hirschman indices and key sectors.

    Backward linkage of ``j``: the output multiplier :math:`\sum_i l_{ij}` (demand
    pull on suppliers).  Forward linkage of ``i``: the row sum of the Ghosh inverse
    :math:`\sum_j g_{ij}` (``forward="ghosh"``, today's usual measure) or of the Leontief
    inverse, Rasmussen's "sensitivity of dispersion" (``forward="leontief"``).  Each is
    normalised by its mean over sectors (Rasmussen's indices, mean 1):

    .. math:: U^b_j = \frac{\sum_i l_{ij}}{\tfrac1n\sum_{k}\sum_i l_{ik}}, \qquad
              U^f_i = \frac{\sum_j g_{ij}}{\tfrac1n\sum_k\sum_j g_{kj}} .

    A *key sector* has both indices above 1 (Hirschman's sectors with strong
    linkages both ways); *backward-oriented* and *forward-oriented* sectors have only
    one above 1; *weak* sectors neither.

    Parameters
    ----------
    Z : DataFrame or 2-D array
        Intermediate flows (sellers in rows, buyers in columns).
    x : Series or array
        Total output, > 0.
    forward : {"ghosh", "leontief"}
        Which inverse measures forward linkages.

    Returns
    -------
    DataFrame
        One row per sector: ``backward_direct`` (column sums of ``A``),
        ``forward_direct`` (row sums of ``B``), ``backward``, ``forward``,
        ``backward_index``, ``forward_index`` and ``sector_type`` (categorical:
        ``"key sector"``, ``"backward-oriented"``, ``"forward-oriented"``, ``"weak"``).

    References
    ----------
    Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. North-Holland.
    Hirschman, A. O. (1958). *The Strategy of Economic Development*. Yale UP.
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 12.

    Examples
    --------
    >>> lk = linkages([[150, 500], [200, 100]], [1000, 2000])
    >>> lk[["backward", "forward", "sector_type"]].round(4)
            backward  forward sector_type
    sector
    0         1.5182   1.9142  key sector
    1         1.4521   1.2541        weak
    """
    check_text(forward, "forward", ("ghosh", "leontief"))
    z, out, labels = table(Z, x)
    A = z / out
    finite(A, "'Z' and 'x'")
    L = inverse(A, "'Z' and 'x'")
    back = L.sum(axis=0)
    # G = x^-1 L x, so its row sums are (L x)_i / x_i (no second inverse needed)
    fwd = (L @ out) / out if forward == "ghosh" else L.sum(axis=1)
    finite(fwd, "'Z' and 'x'")
    bi, fi = back / back.mean(), fwd / fwd.mean()
    kind = np.where(bi > 1, np.where(fi > 1, 0, 1), np.where(fi > 1, 2, 3))
    index = labels.copy() if labels is not None else pd.RangeIndex(len(out), name="sector")
    if index.name is None:
        index.name = "sector"
    return pd.DataFrame({
        "backward_direct": A.sum(axis=0),
        "forward_direct": z.sum(axis=1) / out,
        "backward": back,
        "forward": fwd,
        "backward_index": bi,
        "forward_index": fi,
        "sector_type": pd.Categorical.from_codes(kind, categories=SECTOR_TYPES),
    }, index=index)


def hypothetical_extraction(Z: Any, x: Any, sectors: Any = None) -> pd.DataFrame:
    r"""Output lost if a sector is hypothetically extracted, backward and forward.

    Final demand :math:`f = x - Zi` and primary inputs :math:`v' = x' - i'Z` are held
    fixed.  Following Dietzenbacher & van der Linden (1997):

    * ``backward``: sector ``j`` buys no intermediate inputs from the *other* sectors
      (column ``j`` of ``A`` set to 0 off the diagonal); loss
      :math:`i'x - i'(I-\bar A)^{-1}f`;
    * ``forward``: sector ``j`` sells no intermediate output to the other sectors
      (row ``j`` of ``B`` set to 0 off the diagonal, Ghosh model); loss
      :math:`i'x - v'(I-\bar B)^{-1}i`;

    and the classical extraction (``classical``): row and column ``j`` deleted from
    ``A`` and ``f_j`` from final demand; the output lost in the *other* sectors,
    :math:`\sum_{i\ne j} (x_i - \bar x_i)`.  All in the units of ``x``.

    Parameters
    ----------
    Z : DataFrame or 2-D array
        Intermediate flows (sellers in rows, buyers in columns).
    x : Series or array
        Total output, > 0.
    sectors : list, optional
        Sector labels (positions for arrays) to extract one at a time; default all.

    Returns
    -------
    DataFrame
        Columns ``backward``, ``forward``, ``classical``; one row per extracted sector.

    References
    ----------
    Dietzenbacher, E. & van der Linden, J. A. (1997). Sectoral and spatial linkages in
    the EC production structure. *Journal of Regional Science*, 37(2), 235–257.
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 12.

    Examples
    --------
    >>> hypothetical_extraction([[150, 500], [200, 100]], [1000, 2000]).round(2)
            backward  forward  classical
    sector
    0         272.45   588.24     210.53
    1         712.07   359.13     588.24
    """
    z, out, labels = table(Z, x)
    n = out.size
    index = labels if labels is not None else pd.RangeIndex(n, name="sector")
    picks = _positions(sectors, index)
    A, B = z / out, z / out[:, None]
    finite(A, "'Z' and 'x'")
    finite(B, "'Z' and 'x'")
    inverse(A, "'Z' and 'x'")  # refuse a non-productive table before extracting
    with np.errstate(over="ignore"):  # an overflowing total is refused just below
        f, v, total = out - z.sum(axis=1), out - z.sum(axis=0), out.sum()
    check_sums_finite(total, "x")
    eye = np.eye(n)
    rows = []
    for j in picks:
        Ab = A.copy()
        Ab[:, j] = 0.0
        Ab[j, j] = A[j, j]
        Bb = B.copy()
        Bb[j, :] = 0.0
        Bb[j, j] = B[j, j]
        keep = np.arange(n) != j
        xc = np.linalg.solve(eye[:-1, :-1] - A[np.ix_(keep, keep)], f[keep])
        rows.append((total - np.linalg.solve(eye - Ab, f).sum(),
                     total - np.linalg.solve((eye - Bb).T, v).sum(),
                     total - out[j] - xc.sum()))
    result = np.array(rows, dtype=float).reshape(len(picks), 3)
    finite(result, "'Z' and 'x'")
    idx = index[picks]
    if idx.name is None:
        idx = idx.rename("sector")
    return pd.DataFrame(result, index=idx, columns=["backward", "forward", "classical"])


def _positions(sectors: Any, index: pd.Index) -> list[int]:
    if sectors is None:
        return list(range(len(index)))
    if isinstance(sectors, (str, int, np.integer)) and not isinstance(sectors, bool):
        sectors = [sectors]
    if not isinstance(sectors, (list, tuple, pd.Index, np.ndarray)) or len(sectors) == 0:
        raise TypeError(f"'sectors' must be a non-empty list of sector labels (or None for "
                        f"all), got {_show(sectors)}.")
    out = []
    for s in sectors:
        try:
            known = not isinstance(s, bool) and s in index
        except TypeError:  # an unhashable item such as a list
            known = False
        if not known:
            raise ValueError(f"'sectors' names {_show(s)}, which is not a sector of the table; "
                             f"the sectors are {_show(list(index), 200)}.")
        out.append(int(index.get_loc(s)))
    return out

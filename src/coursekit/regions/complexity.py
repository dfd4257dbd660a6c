r"""Economic (here: technological) complexity of regions and activities.

Hidalgo & Hausmann (2009) read a presence matrix :math:`M_{cp}` (regions ×
activities, 0/1; see :func:`coursekit.presence_matrix`) as a bipartite
network.  Diversity :math:`k_{c,0} = \sum_p M_{cp}` counts what a region does,
ubiquity :math:`k_{p,0} = \sum_c M_{cp}` how many regions do an activity.  The
*method of reflections* averages each in terms of the other,

.. math::

    k_{c,N} = \frac{1}{k_{c,0}} \sum_p M_{cp}\, k_{p,N-1}, \qquad
    k_{p,N} = \frac{1}{k_{p,0}} \sum_c M_{cp}\, k_{c,N-1},

and its limit is an eigenvector problem (the form of the *Atlas of Economic
Complexity*, Hausmann et al. 2011): with

.. math::

    \tilde M_{pp'} = \sum_c \frac{M_{cp} M_{cp'}}{k_{p,0}\, k_{c,0}},

whose largest eigenvalue is 1 with a constant eigenvector, the product
complexity index (PCI) is the eigenvector of the **second-largest** eigenvalue
and the economic complexity index (ECI) of a region is the mean PCI of its
activities.  Balland & Rigby (2017) apply the same index to US metropolitan
areas × patent classes ("knowledge complexity").

Conventions (those of ``py-ecomplexity``, ``ecomplexity/ecomplexity.py``): the
sign is chosen so that ECI correlates **positively with diversity**; ECI is
standardised to mean 0 and standard deviation 1 (population sd, ``ddof=0``),
and PCI is standardised with the **ECI's** mean and standard deviation, so
that a region's ECI remains exactly the mean PCI of its activities (PCI is
therefore not itself centred).

References
----------
.. [1] Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic
   complexity. *PNAS*, 106(26), 10570–10575. doi:10.1073/pnas.0900943106
.. [2] Hausmann, R., Hidalgo, C. A. et al. (2011). *The Atlas of Economic
   Complexity*. Puritan Press.
.. [3] Balland, P.-A. & Rigby, D. (2017). The geography of complex knowledge.
   *Economic Geography*, 93(1), 1–23. doi:10.1080/00130095.2016.1205947
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy.linalg import eigh

from coursekit._validation import as_matrix

__all__ = ["Complexity", "complexity"]


class Complexity(NamedTuple):
    """ECI of the regions and PCI of the activities (:func:`complexity`)."""

    eci: pd.Series
    pci: pd.Series


def complexity(M: Any) -> Complexity:
    r"""Economic complexity index (ECI) and product complexity index (PCI).

    Computed in the eigenvector form of the method of reflections (Hidalgo &
    Hausmann 2009; see the module notes for the formulas and the
    ``py-ecomplexity`` conventions followed).  The matrix
    :math:`\tilde M_{pp'}` is solved through its symmetric similar form
    :math:`K_p^{1/2}\tilde M K_p^{-1/2}` with SciPy's ``eigh``.

    ECI is *not* a ranking by diversity: a diversified region whose activities
    are all ubiquitous can score lower than a less diversified one with rare
    activities.  In a perfectly nested matrix the two orders coincide.

    Parameters
    ----------
    M : DataFrame, 2-D array or list of lists
        Presence matrix (regions × activities, 0/1), at least 2 × 2, every row and
        column with at least one 1.

    Returns
    -------
    Complexity
        ``eci`` (Series indexed by region, mean 0, sd 1) and ``pci`` (Series
        indexed by activity, on the ECI's scale).

    Raises
    ------
    ValueError
        If the bipartite network falls apart into disconnected blocks or the
        second eigenvalue is repeated (the index is then not unique), every region
        gets the same value, or ECI is uncorrelated with diversity (no sign).

    References
    ----------
    Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity.
    *PNAS*, 106(26), 10570–10575.

    Examples
    --------
    >>> nested = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]
    >>> res = complexity(nested)
    >>> (res.eci * 5 ** 0.5).round(6).tolist()
    [3.0, 1.0, -1.0, -3.0]
    >>> (res.pci * 5 ** 0.5).round(6).tolist()
    [-3.0, 1.0, 5.0, 9.0]
    """
    X, rows, cols = as_matrix(M, "M")
    if not np.isin(X, (0.0, 1.0)).all():
        raise ValueError("'M' must be a presence matrix of 0 and 1; build it from counts "
                         "with ck.presence_matrix(M).")
    if min(X.shape) < 2:
        raise ValueError(f"'M' must have at least 2 regions and 2 activities, got shape "
                         f"{X.shape}.")
    diversity = X.sum(axis=1)
    ubiquity = X.sum(axis=0)
    half = X / np.sqrt(ubiquity)
    sym = (half / diversity[:, None]).T @ half  # K_p^{1/2} M~ K_p^{-1/2}, symmetric
    values, vectors = eigh(sym)
    gap = 1e-9 * max(1.0, abs(values[-1]))
    if values[-1] - values[-2] < gap:
        raise ValueError("'M' splits into blocks of regions and activities that share "
                         "nothing; ECI is not defined. Compute it for each block separately.")
    if values.size > 2 and values[-2] - values[-3] < gap:
        raise ValueError("The second eigenvalue of 'M' is repeated, so ECI and PCI are not "
                         "unique; such a symmetric pattern has no complexity ranking.")
    pci = vectors[:, -2] / np.sqrt(ubiquity)  # right eigenvector of M~_pp'
    eci = (X @ pci) / diversity  # mean PCI of each region's activities
    sd = eci.std()
    if not sd > 1e-12 * max(1.0, float(np.abs(eci).max())):
        raise ValueError("Every region of 'M' gets the same ECI; the index cannot rank them.")
    corr = np.corrcoef(diversity, eci)[0, 1] if diversity.std() > 0 else np.nan
    if not abs(corr) > 1e-9:  # also NaN
        raise ValueError("ECI is signed by its correlation with diversity, which is zero in "
                         "'M' (e.g. every region equally diverse); the index has no direction.")
    sign = np.sign(corr)
    mean = eci.mean()
    eci_z = sign * (eci - mean) / sd
    pci_z = sign * (pci - mean) / sd
    return Complexity(pd.Series(eci_z, index=rows, name="eci"),
                      pd.Series(pci_z, index=cols, name="pci"))

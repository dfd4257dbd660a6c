r"""Absorptive capacity: Cohen & Levinthal's knowledge-stock model.

Cohen & Levinthal (1989, 1990) give R&D "two faces": it creates new knowledge
and it builds the firm's ability to assimilate and exploit knowledge created
elsewhere.  In their model a firm's addition to its stock of technical
knowledge is

.. math::

    z_i = M_i + \gamma_i\Big(\theta \sum_{j \ne i} M_j + T\Big),

where :math:`M_i` is the firm's own R&D, :math:`\theta \in [0, 1]` the degree of
intra-industry spillovers (how much of rivals' R&D :math:`\sum_{j\ne i} M_j`
becomes available), :math:`T` the extra-industry knowledge (government and
university research, suppliers), and :math:`\gamma_i \in [0, 1]` the share of
the available outside knowledge that the firm can assimilate, its
**absorptive capacity**.  The authors make absorptive capacity depend on the
firm's own R&D and on :math:`\beta`, how hard outside knowledge is to learn
(less targeted, more complex knowledge: higher :math:`\beta`), and assume

.. math::

    \frac{\partial\gamma}{\partial M_i} > 0, \quad
    \frac{\partial^2\gamma}{\partial M_i^2} < 0, \quad
    \frac{\partial\gamma}{\partial\beta} < 0, \quad
    \frac{\partial^2\gamma}{\partial M_i\,\partial\beta} > 0,

without a closed form.  **The functional form used here is the course's
own**, chosen because it satisfies all four signs everywhere:

.. math::

    \gamma(M, \beta) = 1 - \frac{\beta}{1+\beta}\, e^{-M}, \qquad \beta > 0,

so :math:`\gamma(0, \beta) = 1/(1+\beta)` (some knowledge is absorbed without R&D)
and :math:`\gamma \to 1` as own R&D grows.  (Common choices such as
:math:`M/(M+\beta)` violate the cross-partial sign for :math:`M < \beta`: if
:math:`\gamma` runs from 0 to 1 for every :math:`\beta`, the cross-partial must
integrate to zero and cannot be positive everywhere.)

References
----------
.. [1] Cohen, W. M. & Levinthal, D. A. (1989). Innovation and learning: the two
   faces of R&D. *The Economic Journal*, 99(397), 569–596. doi:10.2307/2233763
.. [2] Cohen, W. M. & Levinthal, D. A. (1990). Absorptive capacity: a new
   perspective on learning and innovation. *Administrative Science Quarterly*,
   35(1), 128–152. doi:10.2307/2393553
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from coursekit._validation import check_bounded_array, check_scalar, check_work

__all__ = ["KnowledgeStock", "absorptive_capacity", "absorptive_statics", "knowledge_stock"]

_BIG = 1e12  # amounts of R&D and knowledge are in arbitrary units; beyond this, rescale


def absorptive_capacity(own_rd: Any, beta: float) -> Any:
    r"""Absorptive capacity :math:`\gamma(M, \beta) = 1 - \frac{\beta}{1+\beta} e^{-M}` (course's form).

    Cohen & Levinthal (1989, 1990) only assume the signs of the derivatives
    (rising and concave in own R&D, falling in the difficulty of learning
    :math:`\beta`, with a positive cross-partial); this closed form is the
    course's own illustration that satisfies all four (see the module notes).

    Parameters
    ----------
    own_rd : float or array-like
        The firm's own R&D :math:`M_i`, ``>= 0`` (arbitrary units).
    beta : float
        Difficulty of learning from outside knowledge, ``> 0``.

    Returns
    -------
    float or numpy.ndarray
        :math:`\gamma` in :math:`(0, 1)`, the shape of ``own_rd``.

    References
    ----------
    Cohen, W. M. & Levinthal, D. A. (1990). Absorptive capacity: a new perspective on
    learning and innovation. *Administrative Science Quarterly*, 35(1), 128–152.

    Examples
    --------
    >>> round(absorptive_capacity(0.0, 1.0), 6), round(absorptive_capacity(1.0, 3.0), 6)
    (0.5, 0.72409)
    """
    m = check_bounded_array(own_rd, "own_rd", 0.0, _BIG)
    b = check_scalar(beta, "beta", low=0.0, low_inclusive=False, high=_BIG)
    gamma = 1.0 - b / (1.0 + b) * np.exp(-m)
    return float(gamma) if np.ndim(gamma) == 0 else gamma


class KnowledgeStock(NamedTuple):
    """The knowledge-stock equation and its derivatives at one point (:func:`knowledge_stock`).

    ``gamma`` absorptive capacity; ``pool`` the outside knowledge available,
    :math:`\\theta\\sum_{j\\ne i}M_j + T`; ``stock`` :math:`z_i`;
    ``marginal_rd`` :math:`\\partial z_i/\\partial M_i`; ``marginal_spillover``
    :math:`\\partial z_i/\\partial\\theta`; ``cross_spillover``
    :math:`\\partial^2 z_i/\\partial M_i\\partial\\theta`; ``cross_beta``
    :math:`\\partial^2 z_i/\\partial M_i\\partial\\beta`.
    """

    gamma: float
    pool: float
    stock: float
    marginal_rd: float
    marginal_spillover: float
    cross_spillover: float
    cross_beta: float


def knowledge_stock(own_rd: float, others_rd: float, spillover: float, external: float,
                    beta: float) -> KnowledgeStock:
    r"""Cohen & Levinthal's knowledge stock :math:`z_i` and its comparative statics.

    .. math::

        z_i = M_i + \gamma(M_i, \beta)\,\big(\theta \textstyle\sum_{j\ne i} M_j + T\big)

    with the course's :func:`absorptive_capacity`.  The derivatives are exact:

    .. math::

        \frac{\partial z_i}{\partial M_i} = 1 + \gamma_M\,(\theta S + T), \quad
        \frac{\partial z_i}{\partial\theta} = \gamma S, \quad
        \frac{\partial^2 z_i}{\partial M_i\,\partial\theta} = \gamma_M S, \quad
        \frac{\partial^2 z_i}{\partial M_i\,\partial\beta} = \gamma_{M\beta}\,(\theta S + T),

    with :math:`S = \sum_{j\ne i} M_j`.  The first is the "second face" of
    R&D: besides its own output (the 1), R&D raises what the firm can absorb.
    The third is positive: more spillovers *raise* the return to own R&D,
    because absorbing them takes R&D — the reason why, in Cohen & Levinthal,
    spillovers need not discourage R&D.  The fourth is positive too: the harder
    outside knowledge is to learn, the more own R&D matters.

    Parameters
    ----------
    own_rd : float
        The firm's own R&D :math:`M_i`, ``>= 0``.
    others_rd : float
        Total R&D of the other firms in the industry :math:`S`, ``>= 0``.
    spillover : float
        Degree of intra-industry spillovers :math:`\theta`, in [0, 1].
    external : float
        Extra-industry knowledge :math:`T`, ``>= 0``.
    beta : float
        Difficulty of learning, ``> 0``.

    Returns
    -------
    KnowledgeStock

    References
    ----------
    Cohen, W. M. & Levinthal, D. A. (1989). Innovation and learning: the two faces of
    R&D. *The Economic Journal*, 99(397), 569–596.

    Examples
    --------
    >>> k = knowledge_stock(1.0, others_rd=4.0, spillover=0.5, external=2.0, beta=1.0)
    >>> round(k.gamma, 6), round(k.stock, 6), round(k.marginal_rd, 6)
    (0.81606, 4.264241, 1.735759)
    """
    m = check_scalar(own_rd, "own_rd", low=0.0, high=_BIG)
    s = check_scalar(others_rd, "others_rd", low=0.0, high=_BIG)
    theta = check_scalar(spillover, "spillover", low=0.0, high=1.0)
    t = check_scalar(external, "external", low=0.0, high=_BIG)
    b = check_scalar(beta, "beta", low=0.0, low_inclusive=False, high=_BIG)
    decay = float(np.exp(-m))
    gamma = 1.0 - b / (1.0 + b) * decay
    gamma_m = b / (1.0 + b) * decay
    gamma_mb = decay / (1.0 + b) ** 2
    pool = theta * s + t
    return KnowledgeStock(gamma=gamma, pool=pool, stock=m + gamma * pool,
                          marginal_rd=1.0 + gamma_m * pool, marginal_spillover=gamma * s,
                          cross_spillover=gamma_m * s, cross_beta=gamma_mb * pool)


def absorptive_statics(own_rd: Any, beta: Any, others_rd: float = 4.0, spillover: float = 0.5,
                       external: float = 2.0) -> pd.DataFrame:
    """The knowledge-stock model on a grid of own R&D × difficulty of learning.

    One row per combination of ``own_rd`` and ``beta``, with the values of
    :func:`knowledge_stock`; the input of
    :func:`coursekit.charts.absorptive_chart`.

    Parameters
    ----------
    own_rd : array-like
        Own R&D values, each ``>= 0``.
    beta : array-like
        Difficulty-of-learning values, each ``> 0``.
    others_rd, spillover, external : float
        Other firms' total R&D, the spillover degree (in [0, 1]) and extra-industry
        knowledge, as in :func:`knowledge_stock`.

    Returns
    -------
    DataFrame
        Columns ``own_rd``, ``beta`` and the fields of :class:`KnowledgeStock`.

    References
    ----------
    Cohen, W. M. & Levinthal, D. A. (1990). Absorptive capacity: a new perspective on
    learning and innovation. *Administrative Science Quarterly*, 35(1), 128–152.

    Examples
    --------
    >>> grid = absorptive_statics([0.0, 1.0], [1.0, 3.0])
    >>> grid.shape, grid["marginal_rd"].round(3).tolist()
    ((4, 9), [3.0, 1.736, 4.0, 2.104])
    """
    ms = check_bounded_array(own_rd, "own_rd", 0.0, _BIG).ravel()
    bs = check_bounded_array(beta, "beta", 0.0, _BIG).ravel()
    if ms.size == 0 or bs.size == 0:
        raise ValueError("'own_rd' and 'beta' must each hold at least one value.")
    if (bs == 0).any():
        raise ValueError("'beta' must be > 0 (the difficulty of learning), got 0.")
    check_work(ms.size * bs.size, "'own_rd' and 'beta'", limit=1_000_000)
    for value, name in ((others_rd, "others_rd"), (external, "external")):
        check_scalar(value, name, low=0.0, high=_BIG)
    check_scalar(spillover, "spillover", low=0.0, high=1.0)
    rows = [(float(m), float(b), *knowledge_stock(float(m), others_rd, spillover, external,
                                                   float(b)))
            for b in bs for m in ms]
    return pd.DataFrame(rows, columns=["own_rd", "beta", *KnowledgeStock._fields])

"""Cluster strength and growth: a regional teaching analogue of Beaudry & Swann (2009).

Beaudry & Swann measure the *strength* of a cluster around a firm by employment in the
firm's own industry in its region and by employment in all other industries there,
and regress firm growth on both.  Their firm data are not public; this module runs the
same comparison one level up, on regions × industries employment tables:

.. math::

    \\frac{1}{T}\\ln\\frac{E_{ri,\\text{end}}}{E_{ri,\\text{start}}}
    = \\alpha_i + \\beta_{\\text{own}} \\ln E_{ri,\\text{start}}
    + \\beta_{\\text{other}} \\ln\\big(E_{r,\\text{start}} - E_{ri,\\text{start}}\\big) + u_{ri},

with industry fixed effects :math:`\\alpha_i` and heteroskedasticity-robust (HC1)
standard errors, estimated with statsmodels.  Because :math:`\\ln E_{ri,\\text{start}}`
also appears (with a minus sign) in the growth rate, measurement error and
transitory shocks bias :math:`\\beta_{\\text{own}}` downwards (regression to the mean);
the firm-level design of Beaudry & Swann does not have this problem to the same degree.

References
----------
- Beaudry, C. & Swann, G. M. P. (2009). Firm growth in industrial clusters of the
  United Kingdom. *Small Business Economics*, 32(4), 409–424.
  doi:10.1007/s11187-007-9083-9
- Beaudry, C. & Swann, G. M. P. (2001). Growth in industrial clusters: a bird's
  eye view of the United Kingdom. SIEPR Discussion Paper 00-38.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from coursekit._roles import role_columns
from coursekit._validation import _show, as_float_array

__all__ = ["ClusterGrowth", "cluster_growth_regression"]


class ClusterGrowth(NamedTuple):
    """Result of :func:`cluster_growth_regression`."""

    coefficients: pd.DataFrame  #: rows own/other (per group), columns coef, se, t, p
    n: int  #: number of region-industry observations
    r2: float  #: coefficient of determination (with the industry fixed effects)
    dropped: int  #: region-industry cells dropped (zero employment at start or end)
    data: pd.DataFrame  #: the regression data (region, industry, group, growth, own, other)


def _ols() -> Any:
    """statsmodels' OLS, imported on first use (its import prints pandas deprecations)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        from statsmodels.regression.linear_model import OLS
    return OLS


def cluster_growth_regression(
    data: pd.DataFrame,
    start: Any,
    end: Any,
    *,
    region: str | None = None,
    industry: str | None = None,
    value: str | None = None,
    time: str | None = None,
    groups: Mapping[Any, str] | None = None,
) -> ClusterGrowth:
    """Regress region-industry employment growth on own- and other-industry employment.

    Parameters
    ----------
    data : DataFrame
        Tidy employment: one row per region, industry and time (duplicates are summed).
    start, end : label
        The two values of ``time`` to compare, ``start < end`` (numbers, e.g. years).
    region, industry, value, time : str, optional
        Column names in ``data`` of the region, the industry, the employment and the time.
        Default: the columns ``data.attrs["roles"]`` declares (the course's loaders set
        it), else ``"region"``, ``"industry"``, ``"value"`` and ``"time"``.
    groups : dict, optional
        Industry -> group label (every industry in ``data``).  The own and other
        coefficients are then estimated separately for each group, e.g.
        manufacturing-related against services, as Beaudry & Swann compare sectors.

    Returns
    -------
    ClusterGrowth
        ``coefficients`` has rows ``"own"`` and ``"other"`` (or ``"own: <group>"``,
        ``"other: <group>"``) and columns ``coef``, ``se`` (HC1), ``t``, ``p``.

    Raises
    ------
    ValueError
        If a column is missing, a value is negative or missing, or there are too few
        observations for the regression.

    References
    ----------
    - Beaudry & Swann (2009). *Small Business Economics* 32(4), 409–424.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> cells = pd.MultiIndex.from_product([range(20), list("abc")], names=["region", "industry"])
    >>> e0 = rng.uniform(50, 500, len(cells))
    >>> e1 = e0 * np.exp(0.1 * np.log(e0) + rng.normal(0, 0.05, len(cells)))
    >>> df = pd.concat([pd.DataFrame({"year": 2000, "employment": e0}, index=cells),
    ...                 pd.DataFrame({"year": 2010, "employment": e1}, index=cells)]).reset_index()
    >>> res = cluster_growth_regression(df, 2000, 2010, value="employment", time="year")
    >>> round(float(res.coefficients.loc["own", "coef"]), 2), res.n
    (0.01, 60)
    """
    region, industry, value, time = role_columns(
        data, "data", legacy={"value": "employment", "time": "year"}, region=region,
        industry=industry, value=value, time=time).values()
    if len({region, industry, value, time}) < 4:
        raise ValueError(f"'region', 'industry', 'value' and 'time' must be four different "
                         f"columns, got {[region, industry, value, time]}.")
    emp = as_float_array(data[value], f"data[{value!r}]")
    if (emp < 0).any():
        raise ValueError(f"'data[{value!r}]' has negative employment; check the data.")
    for arg, label in (("start", start), ("end", end)):
        if isinstance(label, bool) or not isinstance(label, (int, float, np.integer, np.floating)):
            raise TypeError(f"'{arg}' must be a number (a value of '{time}'), got {_show(label)}.")
        if not (data[time] == label).any():
            raise ValueError(f"'{arg}'={label!r} does not occur in 'data[{time!r}]'.")
    if not start < end:
        raise ValueError(f"'start' ({start!r}) must come before 'end' ({end!r}).")
    # Growth is a log ratio and the levels enter as logs: employment is divided by its
    # largest value before the sums (which could overflow near 1e308) and the logs are
    # shifted back afterwards, so the results are those of the original units.
    shift = 0.0
    if emp.size and emp.max() > 1e150:
        shift = float(np.log(emp.max()))
        emp = emp / emp.max()
    frame = pd.DataFrame({"r": data[region].to_numpy(), "i": data[industry].to_numpy(),
                          "t": data[time].to_numpy(), "e": emp})
    frame = frame[frame["t"].isin([start, end])]
    wide = frame.pivot_table(index=["r", "i"], columns="t", values="e", aggfunc="sum",
                             fill_value=0.0, observed=True)
    e0, e1 = wide[start], wide[end]
    region_total = e0.groupby(level="r").transform("sum")
    keep = (e0 > 0) & (e1 > 0) & (region_total - e0 > 0)
    table = pd.DataFrame({
        "region": wide.index.get_level_values("r")[keep],
        "industry": wide.index.get_level_values("i")[keep],
        "growth": (np.log(e1[keep]) - np.log(e0[keep])).to_numpy() / float(end - start),
        "own": np.log(e0[keep]).to_numpy() + shift,
        "other": np.log((region_total - e0)[keep]).to_numpy() + shift,
    })
    if groups is None:
        table["group"] = "all"
    else:
        if not isinstance(groups, Mapping):
            raise TypeError(f"'groups' must be a dict industry -> group, got {_show(groups)}.")
        missing = sorted(set(table["industry"]) - set(groups), key=str)
        if missing:
            raise ValueError(f"'groups' has no group for industries {_show(missing)}; map every "
                             f"industry in 'data' to a group.")
        table["group"] = table["industry"].map(lambda ind: str(groups[ind]))
    names, columns = [], []
    labels = sorted(table["group"].unique())
    for term in ("own", "other"):
        for g in labels:
            names.append(term if groups is None else f"{term}: {g}")
            columns.append(table[term].to_numpy() * (table["group"] == g).to_numpy())
    fixed = pd.get_dummies(table["industry"].astype(str), dtype=float).to_numpy()
    X = np.column_stack([*columns, fixed])
    n, k = X.shape
    if n <= k or np.linalg.matrix_rank(X) < k:
        raise ValueError(f"'data' gives {n} usable region-industry cells for {k} coefficients "
                         f"(own and other per group, and one effect per industry); the "
                         f"regression needs more regions (or fewer 'groups').")
    fit = _ols()(table["growth"].to_numpy(), X).fit(cov_type="HC1")
    coefs = pd.DataFrame({"coef": fit.params[:len(names)], "se": fit.bse[:len(names)],
                          "t": fit.tvalues[:len(names)], "p": fit.pvalues[:len(names)]},
                         index=pd.Index(names, name="term"))
    resid = table["growth"].to_numpy() - fit.fittedvalues
    sst = float(((table["growth"] - table["growth"].mean()) ** 2).sum())
    r2 = 1 - float(resid @ resid) / sst if sst > 0 else 1.0
    return ClusterGrowth(coefs, n, r2, int((~keep).sum()), table.reset_index(drop=True))

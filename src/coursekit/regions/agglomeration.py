"""Agglomeration indices that correct for plant-level concentration.

Raw geographic concentration, :math:`G = \\sum_r (s_r - x_r)^2`, is large for an
industry with a few huge plants even if each plant picks its location by
throwing a dart at the map.  Ellison & Glaeser (1997) and Maurel & Sédillot
(1999) subtract what such a "dartboard" would produce, given the plant
Herfindahl ``H``, and estimate the strength :math:`\\gamma` of spillovers and
natural advantage in the model

.. math::

    \\operatorname{corr}(u_{kr}, u_{lr}) = \\gamma \\quad (k \\ne l),

where :math:`u_{kr} = 1` if plant ``k`` locates in region ``r``, and plants
choose region ``r`` with probability :math:`x_r`, its share of aggregate
employment.  :func:`simulate_plants` draws plants from that model.

``plants`` has one row per plant: its region, its employment (the *value*) and
optionally its industry, found by role (see :func:`ellison_glaeser`);
``regional_employment`` is total employment of *all* industries by region (a Series,
or a dict).  With an industry column the indices are returned as a Series by
industry, computed with group sums, never a Python loop over industries.

Four equal plants spread *exactly* like aggregate employment (G = 0) are more
even than a dartboard would usually leave them, so the index is negative:

>>> import coursekit as ck
>>> plants = pd.DataFrame({"region": ["a", "a", "b", "c"], "employment": [5, 5, 5, 5]})
>>> total = pd.Series({"a": 50, "b": 25, "c": 25})
>>> round(ck.ellison_glaeser(plants, total, value="employment"), 4)
-0.3333
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from coursekit._deprecation import renamed_keywords
from coursekit._roles import declared_roles, role_columns, with_roles
from coursekit._validation import (
    _show,
    as_float_array,
    check_label,
    check_nonnegative,
    check_scalar,
    check_work,
    scalar_or_array,
)

__all__ = ["ellison_glaeser", "maurel_sedillot", "simulate_plants", "raw_concentration"]



def _regional_shares(regional_employment: Any) -> pd.Series:
    """Validate total employment by region and return shares x_r (a Series)."""
    if isinstance(regional_employment, dict):
        regional_employment = pd.Series(regional_employment)
    if not isinstance(regional_employment, pd.Series):
        raise TypeError(
            "'regional_employment' must be a pandas Series (or dict) of total employment "
            f"indexed by region, got {type(regional_employment).__name__}."
        )
    vals = as_float_array(regional_employment, "regional_employment", ndim=1)
    if vals.size < 2:
        raise ValueError(
            f"'regional_employment' must cover at least 2 regions, got {vals.size}; "
            "with one region every plant is trivially co-located."
        )
    check_nonnegative(vals, "regional_employment")
    if vals.max() > 0:
        vals = vals / vals.max()  # shares are scale-free; this keeps the sum finite
    if regional_employment.index.has_duplicates:
        dup = regional_employment.index[regional_employment.index.duplicated()].unique()
        raise ValueError(
            f"'regional_employment' lists region(s) {_show(list(dup))} more than once; "
            "sum duplicates first (e.g. .groupby(level=0).sum())."
        )
    zero = regional_employment.index[vals == 0]
    if len(zero):
        raise ValueError(
            f"'regional_employment' has zero total employment in region(s) "
            f"{_show(list(zero))}; drop them (no plant can be located there)."
        )
    return pd.Series(vals / vals.sum(), index=regional_employment.index)


def _plant_sums(
    plants: Any, regional_employment: Any, region: str | None, value: str | None,
    industry: str | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, pd.Index | None]:
    """Return sum_r s_r^2, sum_r s_r x_r, plant Herfindahl H (per industry), sum x^2, labels.

    Everything is computed with ``np.bincount`` on integer codes, so the cost is
    linear in the number of plants whatever the number of industries.
    """
    if isinstance(plants, dict):
        plants = pd.DataFrame(plants)
    region, value = role_columns(plants, "plants", legacy={"value": "employment"},
                                 region=region, value=value).values()
    if industry is None:  # optional column: without it, the plants are one industry
        industry = declared_roles(plants).get("industry", "industry")
    check_label(industry, "industry")
    if len(plants) == 0:
        raise ValueError("'plants' is empty; pass at least one plant per industry.")
    x = _regional_shares(regional_employment)
    emp = as_float_array(plants[value], f"plants[{value!r}]", ndim=1)
    check_nonnegative(emp, f"plants[{value!r}]")
    if emp.size and emp.max() > 1e150:
        emp = emp / emp.max()  # plant shares are scale-free; keeps the industry sums finite
    col = plants[region]
    if isinstance(col.dtype, pd.CategoricalDtype):  # fast path: look up categories, not rows
        codes = col.cat.codes.to_numpy()
        rcode = np.where(codes >= 0, x.index.get_indexer(col.cat.categories)[codes], -1)
    else:
        rcode = x.index.get_indexer(col)
    if (rcode < 0).any():
        missing = pd.unique(plants[region].to_numpy()[rcode < 0])
        raise ValueError(
            f"{int((rcode < 0).sum())} plant(s) are in region(s) missing from "
            f"'regional_employment': {_show(list(missing[:10]))}. Add those regions' total "
            "employment, or check that the region labels are spelled the same way."
        )
    grouped = industry in plants.columns
    if grouped:
        if plants[industry].isna().any():
            raise ValueError(f"Column {industry!r} of 'plants' has missing labels; drop them.")
        icode, labels = pd.factorize(plants[industry], sort=True)
        labels = pd.Index(labels, name=industry)
    else:
        icode, labels = np.zeros(len(plants), dtype=np.intp), None
    n_ind, n_reg = int(icode.max()) + 1, len(x)
    tot = np.bincount(icode, weights=emp, minlength=n_ind)
    if (tot == 0).any():
        bad = list(labels[tot == 0][:5]) if grouped else ["(the single industry)"]
        raise ValueError(
            f"Industry {_show(bad)} has zero total plant employment; its shares are "
            "undefined. Drop it from 'plants'."
        )
    z = emp / tot[icode]  # plant share of its industry
    H = np.bincount(icode, weights=z * z, minlength=n_ind)
    s = np.bincount(icode * n_reg + rcode, weights=z, minlength=n_ind * n_reg)
    s = s.reshape(n_ind, n_reg)  # industry × region employment shares
    xv = x.to_numpy()
    sum_s2 = np.einsum("ij,ij->i", s, s)  # no n_ind x n_reg temporary
    sum_sx = s @ xv
    sum_x2 = float(xv @ xv)
    if np.any(H >= 1 - 1e-12):
        bad = list(labels[H >= 1 - 1e-12][:5]) if grouped else ["(the single industry)"]
        raise ValueError(
            f"Industry {_show(bad)} has all its employment in one plant (plant Herfindahl "
            "H = 1), so the index divides by 1 - H = 0. Drop single-plant industries."
        )
    return sum_s2, sum_sx, H, sum_x2, labels


def _wrap(values: np.ndarray, labels: pd.Index | None, name: str) -> float | pd.Series:
    if labels is None:
        return float(values[0])
    return pd.Series(values, index=labels, name=name)



@renamed_keywords(employment="value")
def raw_concentration(
    plants: pd.DataFrame,
    regional_employment: Any,
    *,
    region: str | None = None,
    value: str | None = None,
    industry: str | None = None,
) -> float | pd.Series:
    r"""Ellison–Glaeser raw geographic concentration :math:`G = \sum_r (s_r - x_r)^2`.

    ``s_r`` is the region's share of the industry's employment and ``x_r`` its
    share of aggregate employment.  Under pure dartboard location
    :math:`E[G] = (1 - \sum_r x_r^2) H`, so ``G`` grows with plant concentration.

    References
    ----------
    Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in U.S.
    manufacturing industries: a dartboard approach. *Journal of Political
    Economy*, 105(5), 889–927.

    Examples
    --------
    >>> plants = pd.DataFrame({"region": ["a", "b"], "value": [1, 1]})
    >>> raw_concentration(plants, pd.Series({"a": 3, "b": 1}))
    0.125
    """
    s2, sx, _, x2, labels = _plant_sums(plants, regional_employment, region, value, industry)
    return _wrap(np.maximum(s2 - 2 * sx + x2, 0.0), labels, "raw_concentration")


@renamed_keywords(employment="value")
def ellison_glaeser(
    plants: pd.DataFrame,
    regional_employment: Any,
    *,
    region: str | None = None,
    value: str | None = None,
    industry: str | None = None,
) -> float | pd.Series:
    r"""Ellison–Glaeser (1997) index of geographic concentration :math:`\gamma`.

    Equation (5) of Ellison & Glaeser (1997):

    .. math::

        \gamma = \frac{G - \left(1 - \sum_r x_r^2\right) H}
                      {\left(1 - \sum_r x_r^2\right)(1 - H)},
        \qquad G = \sum_r (s_r - x_r)^2, \qquad H = \sum_k z_k^2

    with ``s_r`` the region's share of industry employment, ``x_r`` its share
    of aggregate employment (``regional_employment``) and ``z_k`` plant ``k``'s
    share of industry employment.  Under the model in the module docstring
    :math:`E[\gamma] = \gamma` exactly; a dartboard industry has
    :math:`E[\gamma] = 0`.  EG call :math:`\gamma > 0.05` highly and
    :math:`\gamma < 0.02` not very localised.

    Parameters
    ----------
    plants : DataFrame or dict
        One row per plant with its region and its employment (the value), and
        optionally its industry.
    regional_employment : Series or dict
        Total employment (all industries) by region; must contain every region
        that appears in ``plants``.
    region, value, industry : str, optional
        Column names in ``plants`` of the region, the plant's employment and the
        industry.  Default: the columns ``plants.attrs["roles"]`` declares, else
        ``"region"``, ``"value"`` and ``"industry"`` (without an industry column the
        plants are one industry).  ``employment=`` is the deprecated name of ``value=``.

    Returns
    -------
    float or Series
        A float for one industry; a Series by industry if ``plants`` has an
        ``industry`` column.  May be negative (less concentrated than a dartboard)
        and, with few plants and very unequal regions, even exceed 1.

    References
    ----------
    Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in U.S.
    manufacturing industries: a dartboard approach. *Journal of Political
    Economy*, 105(5), 889–927.

    Examples
    --------
    >>> plants = pd.DataFrame({"region": ["a", "a"], "value": [1, 1]})
    >>> ellison_glaeser(plants, pd.Series({"a": 1, "b": 1}))
    1.0
    """
    s2, sx, H, x2, labels = _plant_sums(plants, regional_employment, region, value, industry)
    G = s2 - 2 * sx + x2
    gamma = (G - (1 - x2) * H) / ((1 - x2) * (1 - H))
    return _wrap(gamma, labels, "ellison_glaeser")


@renamed_keywords(employment="value")
def maurel_sedillot(
    plants: pd.DataFrame,
    regional_employment: Any,
    *,
    region: str | None = None,
    value: str | None = None,
    industry: str | None = None,
) -> float | pd.Series:
    r"""Maurel–Sédillot (1999) index of geographic concentration.

    .. math::

        \gamma_{MS} = \frac{G_{MS} - H}{1 - H}, \qquad
        G_{MS} = \frac{\sum_r s_r^2 - \sum_r x_r^2}{1 - \sum_r x_r^2}

    It estimates the same :math:`\gamma` as :func:`ellison_glaeser` (same model,
    :math:`E[\gamma_{MS}] = \gamma`), built from the probability that two plants
    drawn at random share a region.  Arguments and return value as in
    :func:`ellison_glaeser`.

    References
    ----------
    Maurel, F. & Sédillot, B. (1999). A measure of the geographic concentration
    in French manufacturing industries. *Regional Science and Urban Economics*,
    29(5), 575–604.

    Examples
    --------
    >>> plants = pd.DataFrame({"region": ["a", "a"], "value": [1, 1]})
    >>> maurel_sedillot(plants, pd.Series({"a": 1, "b": 1}))
    1.0
    """
    s2, _, H, x2, labels = _plant_sums(plants, regional_employment, region, value, industry)
    g_ms = (s2 - x2) / (1 - x2)
    return _wrap((g_ms - H) / (1 - H), labels, "maurel_sedillot")



@renamed_keywords(model="location_model")
def simulate_plants(
    regional_employment: Any,
    n_plants: Any,
    gamma: Any = 0.0,
    *,
    n_industries: int | None = None,
    plant_sizes: Any = None,
    size_sigma: float = 1.0,
    mean_size: float = 50.0,
    location_model: Literal["spillover"] = "spillover",
    seed: int | None = None,
    rng: np.random.Generator | None = None,
) -> pd.DataFrame:
    r"""Draw plant locations from Ellison & Glaeser's (1997) model (SYNTHETIC data).

    "All-or-nothing" spillovers: for each industry, with probability
    :math:`\gamma` spillovers tie *all* its plants together and the whole
    industry locates in one region drawn with probabilities :math:`x_r`;
    otherwise (probability :math:`1-\gamma`) every plant throws its own dart,
    choosing region ``r`` with probability :math:`x_r`.  Then
    :math:`P(u_{kr} u_{lr} = 1) = \gamma x_r + (1-\gamma) x_r^2`, so
    :math:`\operatorname{corr}(u_{kr}, u_{lr}) = \gamma` for every pair of
    plants and region, which is EG's condition for
    :math:`E[G] = (1-\sum x_r^2)\,[\gamma + (1-\gamma) H]` (their Prop. 1 and
    eq. 5).  ``gamma=0`` is the pure dartboard.  Vectorised over industries and
    plants: one million plants take well under a second.

    Parameters
    ----------
    regional_employment : Series, dict, list or array
        Total employment by region; the location probabilities are its shares.
        A list or array gets region labels ``0, 1, ...``.
    n_plants : int or sequence of int
        Plants per industry (one number for all, or one per industry).
    gamma : float or sequence of float
        Spillover strength in [0, 1] (one for all industries, or one each).
    n_industries : int, optional
        Number of industries; default 1, or the length of a sequence ``n_plants`` or
        ``gamma`` (which it must then equal).
    plant_sizes : sequence of numbers, optional
        Employment of the plants of *each* industry (length ``n_plants``); e.g.
        ``[5000, 5000] + [10] * 98`` for an industry with two giants.  If
        omitted, sizes are lognormal with median ``mean_size`` and log-sd
        ``size_sigma``, rounded up to whole workers.
    size_sigma, mean_size : float
        Default lognormal sizes: ``size_sigma`` in [0, 10], ``mean_size`` in (0, 1e9].
    location_model : {"spillover"}
        The location model (only all-or-nothing spillovers for now); ``model`` is its
        deprecated keyword name (``model`` is a model object elsewhere).
    seed : int, optional
        Seed for ``numpy.random.default_rng``.
    rng : numpy.random.Generator, optional
        Generator to draw from (takes precedence over ``seed``).

    Returns
    -------
    DataFrame
        One row per plant: ``industry`` (int), ``plant`` (int within industry),
        ``region`` (Categorical over the regions of ``regional_employment``),
        ``employment`` (float); ``attrs["roles"]`` names the region, industry and
        value (employment) columns, so :func:`ellison_glaeser` and
        :func:`coursekit.activity_matrix` need no keywords.

    References
    ----------
    Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in U.S.
    manufacturing industries: a dartboard approach. *Journal of Political
    Economy*, 105(5), 889–927.

    Examples
    --------
    >>> p = simulate_plants({"a": 60, "b": 40}, n_plants=3, gamma=1.0, n_industries=2, seed=1)
    >>> p.groupby("industry")["region"].nunique().tolist()
    [1, 1]
    """
    if location_model != "spillover":
        raise ValueError(f"'location_model' must be 'spillover', got {_show(location_model)}.")
    if rng is None:
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                                 or seed < 0):
            raise TypeError(f"'seed' must be a whole number >= 0 (or None), got {_show(seed)}.")
        rng = np.random.default_rng(seed)
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"'rng' must be a numpy.random.Generator (np.random.default_rng(seed)), "
            f"got {type(rng).__name__}."
        )
    if not isinstance(regional_employment, (pd.Series, dict)):
        regional_employment = pd.Series(
            as_float_array(regional_employment, "regional_employment", ndim=1)
        )
    x = _regional_shares(regional_employment)
    sizes_n = scalar_or_array(n_plants, "n_plants")
    gammas = scalar_or_array(gamma, "gamma")
    n_ind = None if n_industries is None else int(check_scalar(
        n_industries, "n_industries", low=1, high=10_000_000, integer=True))
    said = "'n_industries'"
    for arr, nm in ((sizes_n, "n_plants"), (gammas, "gamma")):
        if arr.size > 1 and n_ind is None:
            n_ind, said = arr.size, f"'{nm}'"
        elif arr.size > 1 and arr.size != n_ind:
            raise ValueError(f"'{nm}' has {arr.size} entries but {said} says there are {n_ind} "
                             f"industries; give one value for all, or one per industry.")
    n_ind = n_ind or 1
    if (sizes_n < 2).any() or not np.all(sizes_n == np.round(sizes_n)):
        raise ValueError(f"'n_plants' must be whole numbers >= 2, got {_show(sizes_n.tolist())}.")
    check_work(int(min(float(sizes_n.max()) * n_ind, 1e18)), "'n_plants' and 'n_industries'",
               limit=50_000_000)
    if (gammas < 0).any() or (gammas > 1).any():
        raise ValueError(f"'gamma' must lie in [0, 1], got {_show(gammas.tolist())}.")
    counts = np.broadcast_to(sizes_n, (n_ind,)).astype(np.int64)
    gam = np.broadcast_to(gammas, (n_ind,))
    ind = np.repeat(np.arange(n_ind), counts)
    n_total = ind.size

    xv = x.to_numpy()
    cdf = np.cumsum(xv)
    cdf[-1] = 1.0
    tied = rng.random(n_ind) < gam  # all-or-nothing spillover per industry
    common = np.searchsorted(cdf, rng.random(n_ind), side="right")
    own = np.searchsorted(cdf, rng.random(n_total), side="right")
    rcode = np.where(tied[ind], common[ind], own)

    if plant_sizes is None:
        sigma = check_scalar(size_sigma, "size_sigma", low=0, high=10)
        mu = np.log(check_scalar(mean_size, "mean_size", low=0, low_inclusive=False,
                                 high=1e9))
        emp = np.ceil(rng.lognormal(mu, sigma, size=n_total))
    else:
        ps = as_float_array(plant_sizes, "plant_sizes", ndim=1)
        check_nonnegative(ps, "plant_sizes")
        if not np.all(counts == ps.size):
            raise ValueError(
                f"'plant_sizes' has {ps.size} entries; it must have one per plant "
                f"(n_plants = {_show(sorted(set(counts.tolist())))})."
            )
        emp = np.tile(ps, n_ind)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    plants = pd.DataFrame(
        {
            "industry": ind,
            "plant": np.arange(n_total) - starts,
            # Categorical over all regions: compact, and ellison_glaeser /
            # maurel_sedillot look up its categories instead of a million labels.
            "region": pd.Categorical.from_codes(rcode, categories=x.index),
            "employment": emp.astype(float),
        }
    )
    return with_roles(plants, {"region": "region", "industry": "industry", "value": "employment"})

"""Loaders for the datasets added with chapter 6 (levels and methods).

Like every loader, they read through :func:`coursekit.data.read_table`
(checksum and schema verified) and never touch the network.
"""

from __future__ import annotations

import pandas as pd

from coursekit._validation import check_bool
from coursekit.data._registry import read_table

__all__ = ["load_cn_provinces_gdp"]

#: Indicators of the Chinese provincial accounts, in the order of the source.
CN_INDICATORS = ("gdp", "primary", "secondary", "tertiary", "real_estate", "finance")


def load_cn_provinces_gdp(three_sectors: bool = False) -> pd.DataFrame:
    """China's 31 provinces: GDP and value added by sector, 2002-2011 (NBS, current prices).

    Gross regional product (``gdp``), value added of the primary, secondary and
    tertiary industries (第一产业, 第二产业, 第三产业; scope in the classification
    ``cn-three-sector``) and of real estate and finance, which are parts of the
    tertiary industry.  Values are in 100 million yuan (亿元) at current prices,
    so growth includes inflation, and the provinces add up to more than national
    GDP (a known feature of the regional accounts of that period); see the
    dataset's PROVENANCE.md.

    Parameters
    ----------
    three_sectors : bool, default False
        Keep only the three sectors, which add up to GDP (to rounding).

    Returns
    -------
    DataFrame
        Columns ``province`` (English name), ``province_zh``, ``region`` (NBS
        four-region grouping: ``east``, ``central``, ``west``, ``northeast``),
        ``year``, ``indicator`` and ``value_100m_yuan``.

    Examples
    --------
    >>> cn = load_cn_provinces_gdp()
    >>> cn["province"].nunique(), sorted(cn["year"].unique().tolist())[::9]
    (31, [2002, 2011])
    >>> liaoning = cn[(cn["province"] == "Liaoning") & (cn["year"] == 2011)]
    >>> liaoning.set_index("indicator").loc[["gdp", "secondary"], "value_100m_yuan"].tolist()
    [22226.7, 12152.15]
    >>> sorted(load_cn_provinces_gdp(three_sectors=True)["indicator"].unique())
    ['primary', 'secondary', 'tertiary']
    """
    only = check_bool(three_sectors, "three_sectors")
    raw = read_table("cn-provinces-gdp-2002-2011", "cn_provinces_gdp_by_sector_2002_2011.csv")
    unknown = sorted(set(raw["indicator"]) - set(CN_INDICATORS))
    if unknown:
        raise ValueError(f"cn_provinces_gdp_by_sector_2002_2011.csv has unknown indicators "
                         f"{unknown}; expected {list(CN_INDICATORS)}.")
    if only:
        raw = raw[raw["indicator"].isin(["primary", "secondary", "tertiary"])]
    cols = ["province", "province_zh", "region", "year", "indicator", "value_100m_yuan"]
    return raw[cols].sort_values(["year", "province", "indicator"]).reset_index(drop=True)

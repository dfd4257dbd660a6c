"""The course's input–output tables as matrices: the US (BEA), Germany (Eurostat Manual), Liaoning.

Each builder reads a bundled dataset through its :mod:`coursekit.data` loader and returns
an :class:`IOTable`: the intermediate flows ``Z`` (sellers in rows, buyers in columns),
output ``x``, the final demand implied by the row balance and the primary inputs
(``factors``) of every sector, all labelled with short sector names that fit a chart.

>>> import coursekit as ck
>>> de = ck.germany_io_table()
>>> de.Z.shape, round(float(de.x["Manufacturing"]))
((6, 6), 1079446)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from coursekit._validation import check_bool
from coursekit.data import attribution, load_bea_io_2021, load_classification, short_labels
from coursekit.data._inputoutput import (
    LIAONING_YEARS,
    load_cn_liaoning_io_2002_2017,
    load_io_eurostat_manual_germany,
)
from coursekit.inputoutput.coefficients import symmetric_io_table

__all__ = ["IOTable", "us_io_table", "germany_io_table", "liaoning_io_table"]


class IOTable(NamedTuple):
    """A symmetric input–output table ready for :func:`coursekit.technical_coefficients`.

    ``Z`` (DataFrame) holds intermediate flows, ``x`` (Series) output,
    ``final_demand`` (Series) the final demand implied by the row balance
    :math:`x - Zi`, ``factors`` (DataFrame, one row per sector) primary inputs such as
    value added, compensation of employees or employment, ``unit`` the unit of the
    money values and ``source`` the credit line of the data.
    """

    Z: pd.DataFrame
    x: pd.Series
    final_demand: pd.Series
    factors: pd.DataFrame
    unit: str
    source: str


def _table(Z: pd.DataFrame, x: pd.Series, factors: pd.DataFrame, unit: str, source: str,
           name: str) -> IOTable:
    for obj in (Z, x, factors):
        obj.index.name = name
    Z.columns.name = name
    x = x.rename("output")
    return IOTable(Z, x, (x - Z.sum(axis=1)).rename("final_demand"), factors, unit, source)


#: BEA summary codes of the trade and transport industries whose margins sit in the goods
#: rows of a use table at purchasers' prices: wholesale trade and transport (with
#: warehousing), bought by industries and final users, and retail trade, bought by final users.
_CARRIERS = ("42", "481", "482", "483", "484", "485", "486", "487OS", "493")
_RETAIL = ("441", "445", "452", "4A0")
#: Labels of QuantEcon's copy: the scrap row (it carries dealers' margins) and the supply
#: table's last column, which holds total product supply at basic prices.
_SCRAP, _SUPPLY = "Scrap, used and secondhand goods", "Total Industry Output"


def _us_basic_prices(use: pd.DataFrame, supply: pd.DataFrame, bea: pd.DataFrame,
                     domestic: bool) -> pd.DataFrame:
    """The use table's commodity rows × industries and final uses, moved from purchasers'
    to basic prices and, with ``domestic``, stripped of imports (steps 1-3 of us_io_table)."""
    title = dict(zip(bea["code"], bea["title"], strict=True))
    inds = bea.loc[bea["kind"] == "industry", "title"].tolist()
    finals = bea.loc[bea["kind"] == "final_use", "title"].tolist()
    rows = inds + [_SCRAP]
    U = use.loc[rows, inds + finals]
    basic, total = supply.loc[rows, _SUPPLY], U.sum(axis=1)
    keep = (basic / total).where(total > basic, 1.0)
    removed = U.mul(1.0 - keep, axis=0).sum(axis=0).clip(lower=0.0)
    U = U.mul(keep, axis=0)
    shortfall = (basic - total).clip(lower=0.0)
    carriers = shortfall[[title[c] for c in _CARRIERS]]
    stores = shortfall[[title[c] for c in _RETAIL]]
    margins = removed * (carriers.sum() + stores.sum()) / removed.sum()
    U.loc[carriers.index, inds] += np.outer(carriers / carriers.sum(), margins[inds])
    rest = pd.concat([carriers * (1.0 - margins[inds].sum() / carriers.sum()), stores])
    U.loc[rest.index, finals] += np.outer(rest / margins[finals].sum(), margins[finals])
    if domestic:
        made = supply.loc[rows, inds].clip(lower=0.0).sum(axis=1)
        imports = basic - made - supply.loc[rows, "CIF/FOB Adjustments on Imports"]
        own_use = U.sum(axis=1) - U[title["F040"]] - U[title["F030"]]
        U[inds] = U[inds].mul(1.0 - (imports / own_use).clip(lower=0.0), axis=0)
    return U


def us_io_table(level: int = 71, domestic: bool = True) -> IOTable:
    r"""The US industry × industry table for 2021 at basic prices, from BEA's supply–use tables.

    BEA's use table (QuantEcon's copy, ``data/bea-io-2021``) is at **purchasers' prices**:
    the trade and transport margins and the taxes on products sit in the goods rows, while
    industry output is at basic prices.  Dividing those rows by output inflates the
    forward linkages of goods and deflates those of trade and transport.  The copy lacks
    the supply table's margin and tax columns, so the rows are moved to basic prices by an
    **approximation** (Miller & Blair 2009, ch. 2 and 4, on valuation and imports).  With
    :math:`u_{ij}` the use of commodity :math:`i` by user :math:`j` (the 71 industries and
    the final uses), :math:`t_i = \sum_j u_{ij}` its total use and :math:`s_i` its supply at
    basic prices (domestic output, imports and the CIF/FOB adjustment):

    1. Every row with :math:`t_i > s_i` (the goods rows, used goods, and services that
       carry taxes on products) is scaled to supply, :math:`u_{ij}\,s_i/t_i`: margins and
       net taxes are removed in proportion to use.  User :math:`j` loses
       :math:`r_j = \sum_i u_{ij}(1 - s_i/t_i)`, all users together :math:`R` (counting
       only users with :math:`r_j > 0`: a few record sales of used goods as negative
       purchases).
    2. The rows of the margin industries record less use than their supply; their
       shortfalls :math:`d_k = s_k - t_k` add up to the margins :math:`D`.  Each user gets
       :math:`r_j D/R` back as purchases of margin services; the rest of :math:`r_j`
       (about a sixth: mostly net taxes on products) leaves the intermediate block, as taxes
       on products are a primary input at basic prices.  Industries get wholesale and
       transport services, split by the rows' shortfalls; retail margins, and what is left
       of wholesale and transport, go to the final users (retailers sell to the public).
    3. With ``domestic=True`` imports are removed in proportion, row by row: each user of a
       product takes the same share of it from imports, :math:`m_i` divided by output plus
       imports less exports less the change in inventories (BEA's assumption for its import
       matrices, FAQ 453), so ``Z`` holds domestic flows.

    The result is built with :func:`coursekit.symmetric_io_table` (industry technology,
    Miller & Blair 2009, ch. 5).  Scrap and "noncomparable imports" are not industries'
    products and are left out; one negative supply cell (-87 million USD of insurance made
    by state and local government enterprises) is set to 0.  Margins are taken out of every
    cell of a row in the same proportion, and the margin share of the valuation gap is
    the same in every row: both are assumptions, not BEA's figures.

    Parameters
    ----------
    level : {71, 15}
        Summary level (71 industries) or sector level (the 71 industries added up to BEA's
        15 sectors, classification ``"bea-2017-sectors"``).
    domestic : bool, default True
        Remove imported inputs in proportion (step 3).

    Returns
    -------
    IOTable
        Million US dollars at basic prices (approximated); labelled by BEA's short industry
        names (``ck.data.short_labels("bea-2017")``); ``factors`` has ``value_added`` and
        ``compensation`` (of employees).

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 2, 4 and 5.
    U.S. Bureau of Economic Analysis, frequently asked question 453 (the import matrices),
    https://www.bea.gov/help/faq/453.

    Examples
    --------
    >>> us = us_io_table()
    >>> us.Z.shape, us.x.index[0]
    ((71, 71), 'Farms')
    >>> bool((us.Z.sum(axis=1) < us.x).all())   # intermediate sales below output everywhere
    True
    """
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)) \
            or int(level) not in (15, 71):
        raise ValueError(f"'level' must be 15 or 71, got {level!r}.")
    keep_dom = check_bool(domestic, "domestic")
    bea = load_classification("bea-2017")
    bea = bea[bea["level"] == 71]
    inds = bea.loc[bea["kind"] == "industry", "title"].tolist()
    use = load_bea_io_2021("use", 71).pivot_table(index="row", columns="column", values="value",
                                                sort=False)
    supply = load_bea_io_2021("make", 71).pivot_table(index="row", columns="column",
                                                    values="value", sort=False)
    U = _us_basic_prices(use, supply, bea, keep_dom)
    Z, x = symmetric_io_table(U.loc[inds, inds].clip(lower=0.0),
                              supply.loc[inds, inds].clip(lower=0.0).T)
    factors = pd.DataFrame({
        "value_added": use.loc["Value Added (basic prices)", inds],
        "compensation": use.loc["Compensation of employees", inds],
    })
    names = short_labels("bea-2017")
    if int(level) == 15:
        sector = load_classification("bea-2017-sectors").set_index("title")["sector_title"]
        order = list(dict.fromkeys(sector))
        Z = Z.T.groupby(sector).sum().T.groupby(sector).sum().loc[order, order]
        x, factors = x.groupby(sector).sum()[order], factors.groupby(sector).sum().loc[order]
    Z = Z.rename(index=names, columns=names)
    return _table(Z, x.rename(index=names), factors.rename(index=names), "million USD",
                  attribution("bea-io-2021"), "industry")


def germany_io_table() -> IOTable:
    """Germany's six-product-group table of the Eurostat Manual (2008), Table 15.4.

    Domestic flows at basic prices (imports are a separate row), million EUR; output is
    row ``P1`` (manufacturing 1,079,446, the column total).

    Returns
    -------
    IOTable
        ``factors`` has ``value_added`` (GVA), ``compensation`` (of employees) and
        ``employment`` (thousand persons).

    References
    ----------
    Eurostat (2008). *Eurostat Manual of Supply, Use and Input–Output Tables*, Table 15.4.

    Examples
    --------
    >>> float(germany_io_table().factors["employment"].sum())
    36428.0
    """
    de = load_io_eurostat_manual_germany()
    groups = de[de["column_code"].str.startswith("CPA")]
    names = dict(zip(groups["column_code"], groups["column"], strict=False))
    codes = list(names)
    cells = groups.pivot(index="row_code", columns="column_code", values="value")
    Z = cells.loc[codes, codes].rename(index=names, columns=names)
    factors = pd.DataFrame({"value_added": cells.loc["B1G", codes],
                            "compensation": cells.loc["D1", codes],
                            "employment": cells.loc["EMP", codes]}).rename(index=names)
    return _table(Z, cells.loc["P1", codes].rename(index=names), factors,
                  "million EUR (employment: thousand persons)",
                  attribution("io-eurostat-manual-germany"), "product group")


#: Liaoning's columns of imports and inflows (subtracted) and of exports and outflows, by year.
_LIAONING_TRADE = {2007: (["FU304"], ["FU302"]), 2012: (["IM", "IF"], ["EX", "OF"]),
                   2017: (["IM", "IF"], ["EX", "OF"])}


def liaoning_io_table(year: int, common: bool = True, domestic: bool = True) -> IOTable:
    r"""Liaoning's 42-sector input–output table of one year, optionally in common groups.

    The published tables are *competitive-import* tables at producers' prices (10,000
    yuan, current prices): each row mixes goods made in Liaoning with goods bought from
    other provinces and abroad.  With ``domestic=True`` (the default) imports and inflows
    are removed from every row in proportion, assuming that each user of a product takes
    the same share of it from outside the province (the assumption behind BEA's import
    matrices; Miller & Blair 2009, ch. 2 and 4, on competitive and non-competitive imports):

    .. math:: z^d_{ij} = \Big(1 - \frac{m_i}{x_i + m_i - e_i}\Big)\, z_{ij},

    with :math:`m_i` imports plus inflows (``IM`` + ``IF``; 2007: ``FU304``),
    :math:`e_i` exports plus outflows (``EX`` + ``OF``; 2007: ``FU302``) and
    :math:`x_i + m_i - e_i` the province's own use of product :math:`i` (intermediate and
    final, with the balancing item).  The 2002 table records only *net* outflows, so its
    imports cannot be removed: ``domestic=True`` refuses 2002.  With ``domestic=False`` the
    flows are the published ones, whose rows can sell more to Liaoning's industries than
    Liaoning produces.  The 42 sectors differ between years; ``common=True`` sums rows and
    columns into the course's 38 common groups (classification ``"cn-io-common"``) so that
    years can be compared.

    Parameters
    ----------
    year : {2002, 2007, 2012, 2017}
        The table's year (2007, 2012 or 2017 with ``domestic=True``).
    common : bool, default True
        Aggregate to the common groups (labelled by their short names); otherwise the
        year's 42 sectors (labelled by that year's short names in ``"cn-io42"``).
    domestic : bool, default True
        Remove imports and inflows in proportion (a table of Liaoning's own supplies).

    Returns
    -------
    IOTable
        ``factors`` has ``value_added`` and ``compensation`` (of employees).

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 2 and 4
    (imports in the transactions table; competitive and non-competitive imports).
    U.S. Bureau of Economic Analysis, frequently asked question 453 (the import matrices),
    https://www.bea.gov/help/faq/453.

    Examples
    --------
    >>> t = liaoning_io_table(2017)
    >>> t.Z.shape, round(float(t.x.sum()) / 1e4, 1)  # 100 million yuan
    ((38, 38), 61082.9)
    >>> bool((t.Z.sum(axis=1) < t.x).all())   # intermediate sales below output everywhere
    True
    >>> liaoning_io_table(2002)
    Traceback (most recent call last):
    ...
    ValueError: 'year' 2002 cannot be used with 'domestic'=True: Liaoning's 2002 table records only net outflows (NOF), not imports and inflows, so they cannot be removed; use domestic=False for the published (competitive-import) table, or a year from 2007.
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) \
            or int(year) not in LIAONING_YEARS:
        raise ValueError(f"'year' must be one of {LIAONING_YEARS}, got {year!r}.")
    grouped = check_bool(common, "common")
    keep_dom = check_bool(domestic, "domestic")
    if keep_dom and int(year) not in _LIAONING_TRADE:
        raise ValueError(f"'year' {int(year)} cannot be used with 'domestic'=True: Liaoning's "
                         f"2002 table records only net outflows (NOF), not imports and "
                         f"inflows, so they cannot be removed; use domestic=False for the "
                         f"published (competitive-import) table, or a year from 2007.")
    ln = load_cn_liaoning_io_2002_2017(int(year))
    cls = load_classification("cn-io42")
    cls = cls[cls["year"] == int(year)].set_index("code")
    sec = ln[ln["row_code"].str.startswith("sec")]
    rows = sec.pivot(index="row_code", columns="column_code", values="value_10k_yuan")
    Z = rows[[c for c in rows.columns if c.startswith("sec")]]
    x = rows["GO"]
    if keep_dom:
        into, out = _LIAONING_TRADE[int(year)]
        inflow = rows[into].sum(axis=1)
        Z = Z.mul(1.0 - inflow / (x + inflow - rows[out].sum(axis=1)), axis=0)
    va = ln[ln["row_code"].isin(["TVA", "VA001"])].pivot(
        index="column_code", columns="row_code", values="value_10k_yuan").loc[x.index]
    factors = pd.DataFrame({"value_added": va["TVA"], "compensation": va["VA001"]})
    if grouped:
        groups = load_classification("cn-io-common").set_index("code")["short"]
        label = cls["common"].map(groups)
        order = list(groups)
    else:
        label = cls["short"]
        order = list(label[sorted(label.index)])
    Z = Z.T.groupby(label).sum().T.groupby(label).sum().loc[order, order]
    return _table(Z, x.groupby(label).sum()[order], factors.groupby(label).sum().loc[order],
                  "10,000 yuan", attribution("cn-liaoning-io-2002-2017"), "sector")

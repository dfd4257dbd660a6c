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


def us_io_table(level: int = 71, domestic: bool = True) -> IOTable:
    r"""The US industry × industry table for 2021, from BEA's use and make (supply) tables.

    Built with :func:`coursekit.symmetric_io_table` (industry technology, Miller & Blair
    2009, ch. 5) from the commodity rows of the use table and the domestic supply
    block of the supply table.  Scrap and "noncomparable imports" are left out (they
    are not produced as products of an industry), and one negative supply cell
    (-87 million USD of insurance made by state and local government enterprises in
    the 71-industry table) is set to 0.  With ``domestic=True`` each commodity's use
    is scaled by its domestic share of supply, :math:`q_i / (q_i + m_i)` (imports
    ``m_i`` from the supply table), assuming every user imports the same share; with
    ``domestic=False`` the coefficients include imported inputs.  The use table is at
    purchasers' prices, so trade and transport margins sit in the goods rows.

    Parameters
    ----------
    level : {71, 15}
        Summary (71 industries) or sector (15) level.
    domestic : bool, default True
        Remove imported inputs proportionally.

    Returns
    -------
    IOTable
        Million US dollars; labelled by BEA's short industry names
        (``ck.data.short_labels("bea-2017")``); ``factors`` has ``value_added`` and
        ``compensation`` (of employees).

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input–Output Analysis*, 2nd ed., ch. 5.

    Examples
    --------
    >>> us = us_io_table()
    >>> us.Z.shape, us.x.index[0]
    ((71, 71), 'Farms')
    """
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)) \
            or int(level) not in (15, 71):
        raise ValueError(f"'level' must be 15 or 71, got {level!r}.")
    level = int(level)
    keep_dom = check_bool(domestic, "domestic")
    bea = load_classification("bea-2017")
    inds = bea.loc[(bea["level"] == level) & (bea["kind"] == "industry"), "title"].tolist()
    use = load_bea_io_2021("use", level).pivot_table(index="row", columns="column",
                                                   values="value", sort=False)
    supply = load_bea_io_2021("make", level).pivot_table(index="row", columns="column",
                                                       values="value", sort=False)
    U = use.loc[inds, inds]
    dom = supply.loc[inds, inds].clip(lower=0.0)
    if keep_dom:
        q = dom.sum(axis=1)
        imports = (supply.loc[inds, "Total Industry Output"] - q
                   - supply.loc[inds, "CIF/FOB Adjustments on Imports"]).clip(lower=0.0)
        U = U.mul(q / (q + imports), axis=0)
    Z, x = symmetric_io_table(U, dom.T)
    factors = pd.DataFrame({
        "value_added": use.loc["Value Added (basic prices)", inds],
        "compensation": use.loc["Compensation of employees", inds],
    })
    names = short_labels("bea-2017")
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


def liaoning_io_table(year: int, common: bool = True) -> IOTable:
    """Liaoning's 42-sector input–output table of one year, optionally in common groups.

    Competitive-import tables: the intermediate block includes inputs bought from
    other provinces and abroad, so coefficients describe the province's production
    technology and overstate its own multipliers.  Current prices, 10,000 yuan.  The
    42 sectors differ between years; ``common=True`` sums rows and columns into the
    course's 38 common groups (classification ``"cn-io-common"``) so that years can
    be compared.

    Parameters
    ----------
    year : {2002, 2007, 2012, 2017}
        The table's year.
    common : bool, default True
        Aggregate to the common groups (labelled by their short names); otherwise the
        year's 42 sectors (labelled by that year's short names in ``"cn-io42"``).

    Returns
    -------
    IOTable
        ``factors`` has ``value_added`` and ``compensation`` (of employees).

    Examples
    --------
    >>> t = liaoning_io_table(2017)
    >>> t.Z.shape, round(float(t.x.sum()) / 1e4, 1)  # 100 million yuan
    ((38, 38), 61082.9)
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) \
            or int(year) not in LIAONING_YEARS:
        raise ValueError(f"'year' must be one of {LIAONING_YEARS}, got {year!r}.")
    grouped = check_bool(common, "common")
    ln = load_cn_liaoning_io_2002_2017(int(year))
    cls = load_classification("cn-io42")
    cls = cls[cls["year"] == int(year)].set_index("code")
    sec = ln[ln["row_code"].str.startswith("sec")]
    Z = sec[sec["column_code"].str.startswith("sec")].pivot(
        index="row_code", columns="column_code", values="value_10k_yuan")
    x = sec[sec["column_code"] == "GO"].set_index("row_code")["value_10k_yuan"]
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

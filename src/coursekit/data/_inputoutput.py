"""Loaders of input–output data: BEA's 2021 supply–use tables, the Eurostat Manual's German
table and Liaoning's provincial tables 2002–2017.

They return the published cells as tidy frames; :mod:`coursekit.inputoutput.tables` builds
the analysis tables from them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validation import check_bool
from coursekit.data._labels import load_classification
from coursekit.data._registry import read_table

__all__ = ["load_bea_io_2021", "load_io_eurostat_manual_germany", "load_cn_liaoning_io_2002_2017"]


def load_bea_io_2021(table: str = "use", level: int = 15) -> pd.DataFrame:
    """A BEA 2021 supply–use table as a tidy frame (millions of US dollars).

    The *use* table has commodities (and value-added rows) in rows and industries
    (and final uses) in columns.  The *make* table is stored as BEA publishes its
    *supply* table: commodities in rows and the producing industries in columns (plus
    import and total columns), so the make matrix of Miller & Blair (industries ×
    commodities) is its transpose.  Cells published as ``---`` (not applicable or zero)
    become 0.0.  Column codes of the 71-industry use table are translated to names
    with the BEA classification (:func:`coursekit.data.load_classification`).

    Parameters
    ----------
    table : {"use", "make"}
        Which table.
    level : {15, 71}
        Sector level (15) or summary level (71 industries).

    Returns
    -------
    DataFrame
        One row per cell, in the order of the published table: ``row`` and
        ``column`` (names as BEA prints them), ``row_code`` and ``column_code``
        (BEA codes at that level; missing for value-added rows and for the
        15-sector table's aggregated final uses, which BEA labels by name only)
        and ``value``.

    Examples
    --------
    >>> use = load_bea_io_2021("use", 15)
    >>> cell = use[(use["row"] == "Manufacturing") & (use["column"] == "Manufacturing")]
    >>> float(cell["value"].iloc[0]) > 0
    True
    >>> load_bea_io_2021("use", 16)
    Traceback (most recent call last):
    ...
    ValueError: 'level' must be 15 or 71, got 16.
    """
    if not isinstance(table, str) or table not in ("use", "make"):
        raise ValueError(f"'table' must be 'use' or 'make', got {table!r}.")
    if isinstance(level, bool) or not isinstance(level, int) or level not in (15, 71):
        raise ValueError(f"'level' must be 15 or 71, got {level!r}.")
    wide = read_table("bea-io-2021", f"{table}_{level}.csv")
    wide = wide.rename(columns={wide.columns[0]: "row"})
    long = wide.melt(id_vars="row", var_name="header", value_name="value", ignore_index=True)
    bea = load_classification("bea-2017")
    bea = bea[bea["level"] == level]
    by_code = dict(zip(bea["code"], bea["title"], strict=True))
    by_title = dict(zip(bea["title"], bea["code"], strict=True))
    long["column"] = long["header"].map(lambda h: by_code.get(h, h)).astype("string")
    long["column_code"] = long["column"].map(by_title).astype("string")
    long["row_code"] = long["row"].map(by_title).astype("string")
    long["value"] = long["value"].fillna(0.0)
    return long[["row", "row_code", "column", "column_code", "value"]].reset_index(drop=True)


#: Column of the Eurostat Manual's Table 15.4 -> (code, name).
_DE_COLUMNS = {
    "agriculture_group": ("CPA_A", "Agriculture"),
    "manufacturing_group": ("CPA_B-E", "Manufacturing"),
    "construction_group": ("CPA_F", "Construction"),
    "trade_group": ("CPA_G-I", "Trade, transport, hospitality"),
    "business_services_group": ("CPA_J-N", "Business services"),
    "other_services_group": ("CPA_O-T", "Other services"),
    "household_consumption": ("P3_S14", "Household consumption"),
    "government_consumption": ("P3_S13", "Government consumption"),
    "gross_capital_formation": ("P51G", "Gross fixed capital formation"),
    "changes_in_inventories": ("P52", "Changes in inventories"),
    "exports": ("P6", "Exports"),
    "total": ("TOTAL", "Total"),
}


def load_io_eurostat_manual_germany(include_totals: bool = False) -> pd.DataFrame:
    """The Eurostat Manual's Table 15.4: Germany, six product groups, as a tidy frame.

    A product-by-product symmetric table of domestic output at basic prices (million
    EUR; employment in thousand persons), Eurostat (2008), *Manual of Supply, Use and
    Input–Output Tables*, Table 15.4 (via the R package iotables).  Rows 1–6 are the
    domestic product groups (the intermediate block ``Z`` and final demand), then
    imports, taxes on products, value-added components, gross value added (``B1G``),
    output (``P1``) and employment (``EMP-WS``, ``EMP-SE``, ``EMP``).  Empty cells are
    left out, and so are the final-demand cells of row ``P1``, which in the source
    repeat the totals at purchasers' prices and are not output.

    Parameters
    ----------
    include_totals : bool, default False
        Keep the subtotal rows (``TOTAL``, ``P2``) and the ``total`` column.

    Returns
    -------
    DataFrame
        Columns ``row_order`` (1–19, the Manual's order), ``row_code``, ``row``
        (label), ``row_block``, ``unit`` (``million_eur`` or ``thousand_persons``),
        ``column_code`` (CPA code of a product group, or ESA code of a final use),
        ``column`` (short English name) and ``value``.

    Examples
    --------
    >>> de = load_io_eurostat_manual_germany()
    >>> cell = de[(de["row_code"] == "P1") & (de["column"] == "Manufacturing")]
    >>> float(cell["value"].iloc[0])
    1079446.0
    >>> sorted(de["unit"].unique().tolist())
    ['million_eur', 'thousand_persons']
    """
    keep = check_bool(include_totals, "include_totals")
    raw = read_table("io-eurostat-manual-germany", "eurostat_manual_table_15_4_germany.csv")
    long = raw.melt(id_vars=["row_order", "row_code", "row_label", "row_block", "unit"],
                    value_vars=list(_DE_COLUMNS), var_name="header", value_name="value")
    long = long.dropna(subset=["value"])
    final_use = ~long["header"].str.endswith("_group") & (long["header"] != "total")
    long = long[~((long["row_code"] == "P1") & final_use)]
    if not keep:
        long = long[~long["row_code"].isin(["TOTAL", "P2"]) & (long["header"] != "total")]
    tidy = pd.DataFrame({
        "row_order": long["row_order"],
        "row_code": long["row_code"],
        "row": long["row_label"],
        "row_block": long["row_block"],
        "unit": long["unit"],
        "column_code": long["header"].map(lambda h: _DE_COLUMNS[h][0]).astype("string"),
        "column": long["header"].map(lambda h: _DE_COLUMNS[h][1]).astype("string"),
        "value": long["value"].astype(float),
    })
    return tidy.sort_values(["row_order"], kind="stable").reset_index(drop=True)


#: The years of Liaoning's input–output tables in the course data.
LIAONING_YEARS = (2002, 2007, 2012, 2017)


def load_cn_liaoning_io_2002_2017(year: int | None = None) -> pd.DataFrame:
    """Liaoning's 42-sector input–output tables, 2002, 2007, 2012 and 2017, as a tidy frame.

    Competitive-import tables at producers' prices of each year, in 10,000 yuan
    (Liaoning Provincial Bureau of Statistics, via the R package CHNIO; GPL-3).  Rows
    ``sec01``–``sec42`` (intermediate inputs), ``VA001``–``VA004`` (compensation of
    employees, net taxes on production, depreciation, operating surplus), ``TVA``
    (value added) and ``TI`` (total input); columns ``sec01``–``sec42``, final uses
    (which differ by year) and ``GO`` (gross output).  The sector codes change meaning
    between years (``sec16`` is general and special purpose machinery in 2002 and 2007,
    general purpose machinery only from 2012): match sectors by year with the
    classification ``"cn-io42"`` or compare years in its common groups
    (:func:`coursekit.liaoning_io_table` does both).

    Parameters
    ----------
    year : {2002, 2007, 2012, 2017}, optional
        One year; default all four.

    Returns
    -------
    DataFrame
        Columns ``year``, ``row_code``, ``row`` (English label), ``row_zh`` (Chinese),
        ``column_code``, ``column``, ``column_zh``, ``value_10k_yuan``.

    Examples
    --------
    >>> ln = load_cn_liaoning_io_2002_2017(2017)
    >>> go = ln[ln["column_code"] == "GO"]["value_10k_yuan"].sum() / 1e4  # 100 million yuan
    >>> round(float(go), 1)
    61082.9
    >>> load_cn_liaoning_io_2002_2017(2010)
    Traceback (most recent call last):
    ...
    ValueError: 'year' must be one of (2002, 2007, 2012, 2017) or None, got 2010.
    """
    if year is not None and (isinstance(year, bool) or not isinstance(year, (int, np.integer))
                             or int(year) not in LIAONING_YEARS):
        raise ValueError(f"'year' must be one of {LIAONING_YEARS} or None, got {year!r}.")
    raw = read_table("cn-liaoning-io-2002-2017", "cn_liaoning_io42_2002_2017_long.csv")
    if year is not None:
        raw = raw[raw["year"] == int(year)]
    tidy = pd.DataFrame({
        "year": raw["year"],
        "row_code": raw["row_code"],
        "row": raw["row_label_en"],
        "row_zh": raw["row_label_zh"],
        "column_code": raw["col_code"],
        "column": raw["col_label_en"],
        "column_zh": raw["col_label_zh"],
        "value_10k_yuan": raw["value_10k_yuan"],
    })
    return tidy.reset_index(drop=True)

"""Loaders for the datasets shipped with the course: one tidy, typed DataFrame each.

Every loader reads its files through :func:`coursekit.data.read_table`
(checksum and schema verified) and never touches the network.
:data:`LOADERS` lists the loaders of every dataset; a test fails when a
dataset folder has no loader or a loader has no test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from coursekit.data._labels import load_classification
from coursekit.data._loaders_growth import (
    load_cn_provinces_gdp_pop,
    load_de_counties_gdp,
    load_us_state_income,
)
from coursekit.data._loaders_io import load_eurostat_manual_io, load_liaoning_io
from coursekit.data._registry import read_table

__all__ = [
    "LOADERS",
    "load_us_states",
    "load_us_states_by_size",
    "load_de_laender",
    "load_de_laender_2015",
    "load_eu_countries",
    "load_patents",
    "load_bea_table",
]


def _flag(value: Any, name: str) -> bool:
    """A loader switch must be a real bool: ``"False"`` or ``0`` is a mistake, not a choice."""
    if not isinstance(value, bool):
        raise TypeError(
            f"'{name}' must be True or False, got {value!r} of type {type(value).__name__}. "
            f"Pass the bool itself, e.g. {name}=True (a string such as 'False' is truthy)."
        )
    return value


# --- United States: Statistics of U.S. Businesses 2021 -----------------------------


def _tidy_susb(raw: pd.DataFrame) -> pd.DataFrame:
    return raw.rename(columns={"state_name": "state", "naics_description": "sector",
                               "annual_payroll_thousand_usd": "payroll_kusd"})


def load_us_states(include_us_total: bool = False) -> pd.DataFrame:
    """US states (and DC) x NAICS sectors, 2021, from the Census Bureau's SUSB.

    SUSB publishes 19 NAICS sectors plus "Industries not classified" (code 99).  Its
    sector 11 excludes farms (crop and animal production are outside SUSB's scope),
    and mining (21) and agriculture (11) are not published for the District of
    Columbia, so those two rows are absent.

    Parameters
    ----------
    include_us_total : bool, default False
        Keep the national rows (``state == "United States"``).

    Returns
    -------
    DataFrame
        Columns ``state``, ``state_fips``, ``naics``, ``sector`` (NAICS title),
        ``firms``, ``establishments``, ``employment`` (paid employees in mid-March),
        ``payroll_kusd`` (annual payroll, thousand US dollars).

    Examples
    --------
    >>> us = load_us_states()
    >>> us["state"].nunique(), us["sector"].nunique(), int(us["employment"].sum())
    (51, 20, 128346290)
    >>> load_us_states("False")
    Traceback (most recent call last):
    ...
    TypeError: 'include_us_total' must be True or False, got 'False' of type str...
    """
    keep_total = _flag(include_us_total, "include_us_total")
    tidy = _tidy_susb(read_table("us-susb-2021", "us_state_naics2_2021_totals.csv"))
    if not keep_total:
        tidy = tidy[tidy["state"] != "United States"]
    cols = ["state", "state_fips", "naics", "sector", "firms", "establishments",
            "employment", "payroll_kusd"]
    return tidy[cols].reset_index(drop=True)


def load_us_states_by_size() -> pd.DataFrame:
    """SUSB 2021 by enterprise-size class (states x sectors x size), as published.

    Sectors 31-33, 44-45 and 48-49 are absent from this file (see PROVENANCE.md);
    ``naics == "--"`` rows are all-industry totals.

    Returns
    -------
    DataFrame
        Columns as in :func:`load_us_states` plus ``enterprise_size``.

    Examples
    --------
    >>> load_us_states_by_size()["enterprise_size"].nunique()
    7
    """
    tidy = _tidy_susb(read_table("us-susb-2021", "us_state_naics2_2021_by_enterprise_size.csv"))
    cols = ["state", "state_fips", "naics", "sector", "enterprise_size", "firms",
            "establishments", "employment", "payroll_kusd"]
    return tidy[cols].reset_index(drop=True)


# --- Germany: Länder x sections -----------------------------------------------------

_DE_LAENDER = {
    "Baden-Wuerttemberg": "Baden-Württemberg",
    "Freistaat Sachsen": "Sachsen",
    "Thueringen": "Thüringen",
}


def load_de_laender(include_manufacturing: bool = False) -> pd.DataFrame:
    """German Länder x 10 disjoint industry sections, employees 2008-2014.

    The national total and the ``Insgesamt`` rows are dropped; manufacturing (``C``)
    is a subset of ``B-E`` and is only returned when asked for, so that the default
    sections add up to each Land's total.

    Parameters
    ----------
    include_manufacturing : bool, default False
        Also return section ``C`` (manufacturing, part of ``B-E``).

    Returns
    -------
    DataFrame
        Columns ``land``, ``section`` (WZ 2008 code such as ``"B-E"``),
        ``section_name`` (English), ``year``, ``employment`` (employees subject to
        social insurance at the place of work, 30 June).

    Examples
    --------
    >>> de = load_de_laender()
    >>> de["land"].nunique(), de["section"].nunique(), sorted(de["year"].unique().tolist())[::6]
    (16, 10, [2008, 2014])
    """
    keep_c = _flag(include_manufacturing, "include_manufacturing")
    raw = read_table("de-laender-employment", "de_laender_employment_by_industry_2008_2014.csv")
    raw = raw[(raw["region"] != "Insgesamt") & (raw["industry"] != "Insgesamt")]
    sections = load_classification("wz2008-a10").set_index("source_label")
    if not keep_c:
        raw = raw[raw["industry"] != sections.index[sections["code"] == "C"][0]]
    tidy = pd.DataFrame({
        "land": raw["region"].replace(_DE_LAENDER).astype("string"),
        "section": raw["industry"].map(sections["code"]).astype("string"),
        "section_name": raw["industry"].map(sections["title"]).astype("string"),
        "year": raw["year"],
        "employment": raw["emp"],
    })
    return tidy.sort_values(["year", "land", "section"]).reset_index(drop=True)


def load_de_laender_2015() -> pd.DataFrame:
    """German Länder x 17 WZ 2008 sections, 2015: establishments, employment, population, area.

    Returns
    -------
    DataFrame
        Columns ``land``, ``land_code``, ``section`` (``"B"`` ... ``"S"``),
        ``section_name`` (German), ``firms`` (establishments), ``employment``
        (persons in employment incl. self-employed), ``population``, ``area_km2``.

    Examples
    --------
    >>> load_de_laender_2015().shape
    (272, 8)
    """
    raw = read_table("de-laender-employment", "de_laender_firms_employment_by_wz2008_2015.csv")
    return pd.DataFrame({
        "land": raw["region"].replace(_DE_LAENDER).astype("string"),
        "land_code": raw["region_code"],
        "section": raw["ind_code"].str.removeprefix("WZ08-").astype("string"),
        "section_name": raw["ind_name"],
        "firms": raw["firms"],
        "employment": raw["emp_all"],
        "population": raw["pop"],
        "area_km2": raw["area_sqkm"],
    })


# --- Europe: countries x NACE groups ------------------------------------------------


def load_eu_countries() -> pd.DataFrame:
    """30 European countries x 10 NACE Rev. 2 groups, employees 2007-2016 (Eurostat).

    Iceland's 2007 values are missing in the source and are dropped.

    Returns
    -------
    DataFrame
        Columns ``country`` (Eurostat code, e.g. ``"EL"`` for Greece),
        ``country_name``, ``nace`` (``"A"``, ``"B-E"``, ... ``"M_N"`` ...), ``year``,
        ``employees_thousands``.

    Examples
    --------
    >>> eu = load_eu_countries()
    >>> eu["country"].nunique(), eu["nace"].nunique(), len(eu)
    (30, 10, 2990)
    """
    raw = read_table("eu-employment-nace", "eu_country_employees_by_nace_a10_2007_2016.csv")
    raw = raw.dropna(subset=["emp1000"])
    names = load_classification("eurostat-countries").set_index("code")["title"]
    tidy = pd.DataFrame({
        "country": raw["geo"],
        "country_name": raw["geo"].map(names).astype("string"),
        "nace": raw["nace_r2"],
        "year": raw["time"],
        "employees_thousands": raw["emp1000"],
    })
    return tidy.sort_values(["year", "country", "nace"]).reset_index(drop=True)


# --- Patents: countries x WIPO fields -----------------------------------------------


def load_patents(countries_only: bool = True) -> pd.DataFrame:
    """USPTO utility patents by inventor economy x 35 WIPO fields x year, 1998-2020.

    The ``ALL FIELDS (total)`` rows are dropped.

    Parameters
    ----------
    countries_only : bool, default True
        Drop aggregates such as World or EU-27.

    Returns
    -------
    DataFrame
        Columns ``region``, ``wipo_field``, ``year``, ``patents`` (fractional counts,
        rounded by NCSES), ``is_country``.

    Examples
    --------
    >>> p = load_patents()
    >>> p["wipo_field"].nunique(), int(p["year"].min()), int(p["year"].max())
    (35, 1998, 2020)
    """
    only = _flag(countries_only, "countries_only")
    raw = read_table("patents-wipo-fields", "patents_long.csv")
    regions = read_table("patents-wipo-fields", "regions.csv")
    raw = raw[raw["wipo_field"] != "ALL FIELDS (total)"]
    merged = raw.merge(regions[["region", "is_country"]], on="region", how="left",
                       validate="many_to_one")
    if merged["is_country"].isna().any():
        unknown = merged.loc[merged["is_country"].isna(), "region"].unique()[:5].tolist()
        raise ValueError(f"patents_long.csv names regions missing from regions.csv: {unknown}.")
    if only:
        merged = merged[merged["is_country"] == 1]
    return pd.DataFrame({
        "region": merged["region"],
        "wipo_field": merged["wipo_field"],
        "year": merged["year"],
        "patents": merged["patents"],
        "is_country": merged["is_country"].astype("bool"),
    }).reset_index(drop=True)


# --- BEA input-output tables --------------------------------------------------------


def load_bea_table(table: str = "use", level: int = 15) -> pd.DataFrame:
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
    >>> use = load_bea_table("use", 15)
    >>> cell = use[(use["row"] == "Manufacturing") & (use["column"] == "Manufacturing")]
    >>> float(cell["value"].iloc[0]) > 0
    True
    >>> load_bea_table("use", 16)
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


#: The loaders of every dataset folder (the completeness test reads this).
LOADERS: dict[str, tuple[Callable[..., pd.DataFrame], ...]] = {
    "us-susb-2021": (load_us_states, load_us_states_by_size),
    "de-laender-employment": (load_de_laender, load_de_laender_2015),
    "eu-employment-nace": (load_eu_countries,),
    "patents-wipo-fields": (load_patents,),
    "bea-io-2021": (load_bea_table,),
    "io-eurostat-manual-germany": (load_eurostat_manual_io,),
    "cn-liaoning-io-2002-2017": (load_liaoning_io,),
    "classifications": (load_classification,),
    "us-state-income-1929-2024": (load_us_state_income,),
    "cn-provinces-gdp-pop-1975-2013": (load_cn_provinces_gdp_pop,),
    "de-counties-gdp-1992-2014": (load_de_counties_gdp,),
}

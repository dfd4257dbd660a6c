"""Loaders of region × industry data: US states, German Länder, European countries, patents.

Each is named after its dataset (its folder under ``data/``) and returns one tidy, typed
row per region and industry (and year), read through :func:`coursekit.data.read_table`
(checksum and schema verified), never from the network, with the columns' roles
(``frame.attrs["roles"]``) declared in the dataset's ``provenance.toml``.
"""

from __future__ import annotations

import pandas as pd

from coursekit._validation import check_bool
from coursekit.data._labels import load_classification
from coursekit.data._registry import attach_roles, read_table

__all__ = [
    "load_us_susb_2021",
    "load_us_susb_2021_by_size",
    "load_de_laender_employment",
    "load_de_laender_employment_2015",
    "load_eu_employment_nace",
    "load_patents_wipo_fields",
]


def _tidy_susb(raw: pd.DataFrame) -> pd.DataFrame:
    return raw.rename(columns={"state_name": "state", "naics_description": "sector",
                               "annual_payroll_thousand_usd": "payroll_kusd"})


def load_us_susb_2021(include_us_total: bool = False) -> pd.DataFrame:
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
    >>> us = load_us_susb_2021()
    >>> us["state"].nunique(), us["sector"].nunique(), int(us["employment"].sum())
    (51, 20, 128346290)
    >>> load_us_susb_2021("False")
    Traceback (most recent call last):
    ...
    TypeError: 'include_us_total' must be True or False, got 'False' of type str...
    """
    keep_total = check_bool(include_us_total, "include_us_total")
    tidy = _tidy_susb(read_table("us-susb-2021", "us_state_naics2_2021_totals.csv"))
    if not keep_total:
        tidy = tidy[tidy["state"] != "United States"]
    cols = ["state", "state_fips", "naics", "sector", "firms", "establishments",
            "employment", "payroll_kusd"]
    return attach_roles(tidy[cols].reset_index(drop=True), "us-susb-2021", "load_us_susb_2021")


def load_us_susb_2021_by_size() -> pd.DataFrame:
    """SUSB 2021 by enterprise-size class (states x sectors x size), as published.

    Sectors 31-33, 44-45 and 48-49 are absent from this file (see PROVENANCE.md);
    ``naics == "--"`` rows are all-industry totals.

    Returns
    -------
    DataFrame
        Columns as in :func:`load_us_susb_2021` plus ``enterprise_size``.

    Examples
    --------
    >>> load_us_susb_2021_by_size()["enterprise_size"].nunique()
    7
    """
    tidy = _tidy_susb(read_table("us-susb-2021", "us_state_naics2_2021_by_enterprise_size.csv"))
    cols = ["state", "state_fips", "naics", "sector", "enterprise_size", "firms",
            "establishments", "employment", "payroll_kusd"]
    return attach_roles(tidy[cols].reset_index(drop=True), "us-susb-2021",
                        "load_us_susb_2021_by_size")


_DE_LAENDER = {
    "Baden-Wuerttemberg": "Baden-Württemberg",
    "Freistaat Sachsen": "Sachsen",
    "Thueringen": "Thüringen",
}


def load_de_laender_employment(include_manufacturing: bool = False) -> pd.DataFrame:
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
    >>> de = load_de_laender_employment()
    >>> de["land"].nunique(), de["section"].nunique(), sorted(de["year"].unique().tolist())[::6]
    (16, 10, [2008, 2014])
    """
    keep_c = check_bool(include_manufacturing, "include_manufacturing")
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
    return attach_roles(tidy.sort_values(["year", "land", "section"]).reset_index(drop=True),
                        "de-laender-employment", "load_de_laender_employment")


def load_de_laender_employment_2015() -> pd.DataFrame:
    """German Länder x 17 WZ 2008 sections, 2015: establishments, employment, population, area.

    Returns
    -------
    DataFrame
        Columns ``land``, ``land_code``, ``section`` (``"B"`` ... ``"S"``),
        ``section_name`` (German), ``firms`` (establishments), ``employment``
        (persons in employment incl. self-employed), ``population``, ``area_km2``.

    Examples
    --------
    >>> load_de_laender_employment_2015().shape
    (272, 8)
    """
    raw = read_table("de-laender-employment", "de_laender_firms_employment_by_wz2008_2015.csv")
    tidy = pd.DataFrame({
        "land": raw["region"].replace(_DE_LAENDER).astype("string"),
        "land_code": raw["region_code"],
        "section": raw["ind_code"].str.removeprefix("WZ08-").astype("string"),
        "section_name": raw["ind_name"],
        "firms": raw["firms"],
        "employment": raw["emp_all"],
        "population": raw["pop"],
        "area_km2": raw["area_sqkm"],
    })
    return attach_roles(tidy, "de-laender-employment", "load_de_laender_employment_2015")


def load_eu_employment_nace() -> pd.DataFrame:
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
    >>> eu = load_eu_employment_nace()
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
    return attach_roles(tidy.sort_values(["year", "country", "nace"]).reset_index(drop=True),
                        "eu-employment-nace", "load_eu_employment_nace")


def load_patents_wipo_fields(countries_only: bool = True) -> pd.DataFrame:
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
    >>> p = load_patents_wipo_fields()
    >>> p["wipo_field"].nunique(), int(p["year"].min()), int(p["year"].max())
    (35, 1998, 2020)
    """
    only = check_bool(countries_only, "countries_only")
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
    tidy = pd.DataFrame({
        "region": merged["region"],
        "wipo_field": merged["wipo_field"],
        "year": merged["year"],
        "patents": merged["patents"],
        "is_country": merged["is_country"].astype("bool"),
    }).reset_index(drop=True)
    return attach_roles(tidy, "patents-wipo-fields", "load_patents_wipo_fields")

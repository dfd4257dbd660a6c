"""Loaders of regional panels: income, output and population by region and year.

Each is named after its dataset and returns one tidy, typed row per region and year, read
through :func:`coursekit.data.read_table` (checksum and schema verified), with the
columns' roles (``frame.attrs["roles"]``) declared in the dataset's ``provenance.toml``.  They keep the
groupings later chapters need: BEA regions (the Great Lakes), China's NBS regions
(the north-east, with Liaoning), and Germany's East/West split, the Ruhr (RVR
members) and city/district types.
"""

from __future__ import annotations

import pandas as pd

from coursekit._validation import check_bool
from coursekit.data._registry import attach_roles, read_table

__all__ = [
    "load_us_state_income_1929_2024",
    "load_cn_provinces_gdp_pop_1975_2013",
    "load_de_counties_gdp_1992_2014",
    "load_cn_provinces_gdp_2002_2011",
]


def load_us_state_income_1929_2024(states_only: bool = True) -> pd.DataFrame:
    """US personal income, population and per-capita income by state, 1929-2024 (BEA SAINC1).

    Values are in current (nominal) dollars. Alaska and Hawaii start in 1950, so a
    balanced 1929-2024 panel has the 48 contiguous states and the District of Columbia
    (``pivot(...).dropna()`` gives it).

    Parameters
    ----------
    states_only : bool, default True
        Return the 50 states and DC only; ``False`` adds BEA's eight regions and the
        United States (``area_type`` tells them apart).

    Returns
    -------
    DataFrame
        Columns ``geo_fips`` (BEA GeoFIPS, e.g. ``"26000"`` Michigan), ``area`` (name),
        ``area_type`` (``"state"``, ``"bea_region"`` or ``"nation"``; DC is a state here),
        ``bea_region`` (the state's BEA region, e.g. ``"Great Lakes"``; a region's own
        name for region rows; ``"United States"`` for the nation), ``year``,
        ``personal_income_million_usd``, ``population`` and ``per_capita_income_usd``.

    References
    ----------
    U.S. Bureau of Economic Analysis, Regional Economic Accounts, table SAINC1.

    Examples
    --------
    >>> us = load_us_state_income_1929_2024()
    >>> us["area"].nunique(), int(us["year"].min()), int(us["year"].max())
    (51, 1929, 2024)
    >>> sorted(us.loc[us["bea_region"] == "Great Lakes", "area"].unique())
    ['Illinois', 'Indiana', 'Michigan', 'Ohio', 'Wisconsin']
    >>> allareas = load_us_state_income_1929_2024(states_only=False)
    >>> int(allareas.query("area == 'United States' and year == 2024")["per_capita_income_usd"].iloc[0])
    72425
    """
    only = check_bool(states_only, "states_only")
    raw = read_table("us-state-income-1929-2024", "us_state_personal_income_1929_2024.csv")
    if only:
        raw = raw[raw["kind"] == "state"]
    tidy = pd.DataFrame({
        "geo_fips": raw["geo_fips"],
        "area": raw["geo_name"],
        "area_type": raw["kind"],
        "bea_region": raw["bea_region"].fillna("United States").astype("string"),
        "year": raw["year"],
        "personal_income_million_usd": raw["personal_income_million_usd"],
        "population": raw["population"],
        "per_capita_income_usd": raw["per_capita_income_usd"],
    })
    return attach_roles(tidy.sort_values(["geo_fips", "year"]).reset_index(drop=True),
                        "us-state-income-1929-2024", "load_us_state_income_1929_2024")


def load_cn_provinces_gdp_pop_1975_2013() -> pd.DataFrame:
    """China's 31 provinces: real GDP, population and GDP per capita, 1975-2013.

    GDP is at 2010 prices (one national deflator), converted to US dollars; compiled by
    the GCAM-China team from NBS yearbooks (see PROVENANCE.md for the conversion factor
    and population breaks).  Hainan's GDP starts in 1978; its three earlier rows are
    dropped, so the frame has no missing values.

    Returns
    -------
    DataFrame
        Columns ``province``, ``region`` (NBS grouping: ``"east"``, ``"central"``,
        ``"west"``, ``"northeast"``), ``northeast`` (bool: Liaoning, Jilin,
        Heilongjiang), ``year``, ``gdp_million_2010_usd``, ``population_thousand``,
        ``gdp_per_capita_2010_usd``.

    References
    ----------
    National Bureau of Statistics of China, *China Statistical Yearbook 2014*; JGCRI,
    gcamdata (GCAM-China socio-economic inputs).

    Examples
    --------
    >>> cn = load_cn_provinces_gdp_pop_1975_2013()
    >>> cn["province"].nunique(), len(cn)
    (31, 1206)
    >>> sorted(cn.loc[cn["northeast"], "province"].unique())
    ['Heilongjiang', 'Jilin', 'Liaoning']
    """
    raw = read_table("cn-provinces-gdp-pop-1975-2013", "cn_provinces_gdp_population_1975_2013.csv")
    raw = raw.dropna(subset=["gdp_million_2010_usd", "gdp_per_capita_2010_usd"])
    tidy = pd.DataFrame({
        "province": raw["province"],
        "region": raw["region"],
        "northeast": (raw["region"] == "northeast").astype(bool),
        "year": raw["year"],
        "gdp_million_2010_usd": raw["gdp_million_2010_usd"],
        "population_thousand": raw["population_thousand"],
        "gdp_per_capita_2010_usd": raw["gdp_per_capita_2010_usd"],
    })
    return attach_roles(tidy.sort_values(["province", "year"]).reset_index(drop=True),
                        "cn-provinces-gdp-pop-1975-2013", "load_cn_provinces_gdp_pop_1975_2013")


_CITY_SUFFIXES = (", Kreisfreie Stadt", ", Stadtkreis")


_CITY_STATES = ("Berlin", "Hamburg")


def load_de_counties_gdp_1992_2014(balanced: bool = False) -> pd.DataFrame:
    """GDP and population of Germany's 402 counties, 1992 and 1994-2014 (current prices).

    Before 2000 the source is incomplete (Lower Saxony and Mecklenburg-Vorpommern
    1992-1999, Saarland and Eisenach 1992-1995, Saxony's population 1992); rows without
    population are dropped, so the frame has no missing values.

    Parameters
    ----------
    balanced : bool, default False
        Keep only 2000-2014, the years in which all 402 counties are complete.

    Returns
    -------
    DataFrame
        Columns ``ags`` (5-digit Kreisschluessel), ``nuts3`` (NUTS 2013),
        ``county_name`` (NUTS 2013 name, e.g. ``"Dortmund, Kreisfreie Stadt"``),
        ``county_type`` (``"city"``: kreisfreie Stadt, Stadtkreis, Berlin or Hamburg;
        ``"district"``: Landkreis, Kreis or Region), ``land``, ``land_code``,
        ``east_west`` (``"east"`` includes Berlin), ``ruhr`` (bool: the 15 members of
        the Regionalverband Ruhr), ``year``, ``gdp_million_eur``,
        ``population_thousand``, ``gdp_per_capita_eur``.

    References
    ----------
    Arbeitskreis VGR der Laender (2016), county results 1992 and 1994-2014; Wieland, T.,
    REAT: Regional Economic Analysis Toolbox (R package), dataset ``G.counties.gdp``.

    Examples
    --------
    >>> de = load_de_counties_gdp_1992_2014(balanced=True)
    >>> de["ags"].nunique(), sorted(de["year"].unique().tolist())[::14]
    (402, [2000, 2014])
    >>> de.loc[de["ruhr"], "ags"].nunique(), de.loc[de["east_west"] == "east", "ags"].nunique()
    (15, 77)
    """
    only = check_bool(balanced, "balanced")
    raw = read_table("de-counties-gdp-1992-2014", "de_counties_gdp_1992_2014.csv")
    raw = raw.dropna(subset=["population_thousand", "gdp_per_capita_eur"])
    if only:
        raw = raw[raw["year"] >= 2000]
    name = raw["county_name"]
    city = name.str.endswith(_CITY_SUFFIXES[0]) | name.str.endswith(_CITY_SUFFIXES[1]) \
        | name.isin(_CITY_STATES)
    tidy = pd.DataFrame({
        "ags": raw["ags"],
        "nuts3": raw["nuts3_2013"],
        "county_name": name,
        "county_type": city.map({True: "city", False: "district"}).astype("string"),
        "land": raw["land"],
        "land_code": raw["land_code"],
        "east_west": raw["east_west"],
        "ruhr": (raw["ruhr"] == "true").astype(bool),
        "year": raw["year"],
        "gdp_million_eur": raw["gdp_million_eur"],
        "population_thousand": raw["population_thousand"].astype("float64"),
        "gdp_per_capita_eur": raw["gdp_per_capita_eur"].astype("int64"),
    })
    return attach_roles(tidy.sort_values(["ags", "year"]).reset_index(drop=True),
                        "de-counties-gdp-1992-2014", "load_de_counties_gdp_1992_2014")


#: Indicators of the Chinese provincial accounts, in the order of the source.
CN_INDICATORS = ("gdp", "primary", "secondary", "tertiary", "real_estate", "finance")


def load_cn_provinces_gdp_2002_2011(three_sectors: bool = False) -> pd.DataFrame:
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
    >>> cn = load_cn_provinces_gdp_2002_2011()
    >>> cn["province"].nunique(), sorted(cn["year"].unique().tolist())[::9]
    (31, [2002, 2011])
    >>> liaoning = cn[(cn["province"] == "Liaoning") & (cn["year"] == 2011)]
    >>> liaoning.set_index("indicator").loc[["gdp", "secondary"], "value_100m_yuan"].tolist()
    [22226.7, 12152.15]
    >>> sorted(load_cn_provinces_gdp_2002_2011(three_sectors=True)["indicator"].unique())
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
    tidy = raw[cols].sort_values(["year", "province", "indicator"]).reset_index(drop=True)
    # the three sectors add up to GDP, so only they are industries of a regions x industries matrix
    call = "load_cn_provinces_gdp_2002_2011" + ("(three_sectors=True)" if only else "")
    return attach_roles(tidy, "cn-provinces-gdp-2002-2011", call)

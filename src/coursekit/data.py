"""Loaders for the datasets shipped with the course.

Every dataset lives in its own folder under the repository's ``data/`` (or,
in an installed wheel, under ``coursekit/_data``) with a human-readable
``PROVENANCE.md`` and a machine-readable ``provenance.toml`` that records the
source, licence, units, retrieval date and the SHA-256 of every file.  The
loaders here never touch the network: they read the bundled file, verify its
checksum and return a tidy :class:`pandas.DataFrame` with typed columns.

>>> import coursekit as ck
>>> us = ck.data.load_us_states()
>>> us["state"].nunique(), us["sector"].nunique()
(51, 20)
>>> int(us["employment"].sum())
128346290
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "ChecksumError",
    "data_dir",
    "list_datasets",
    "provenance",
    "dataset_path",
    "verify_checksum",
    "load_us_states",
    "load_us_states_by_size",
    "load_de_laender",
    "load_de_laender_2015",
    "load_eu_countries",
    "load_patents",
    "load_bea_table",
]


class ChecksumError(ValueError):
    """A bundled data file does not match the SHA-256 in its provenance record."""


def data_dir() -> Path:
    """Folder holding the datasets: ``coursekit/_data`` in a wheel, else the repo's ``data/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parents[1] / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The course data folder was not found next to the coursekit package "
        f"(looked in {here / '_data'} and {here.parents[1] / 'data'}). "
        "Install coursekit from a clone of the repository with `pip install -e .`."
    )


def list_datasets() -> list[str]:
    """Names of the bundled datasets (folders with a ``provenance.toml``).

    >>> "us-susb-2021" in list_datasets()
    True
    """
    return sorted(p.parent.name for p in data_dir().glob("*/provenance.toml"))


@cache
def provenance(name: str) -> dict[str, Any]:
    """The provenance record of dataset ``name`` as a dict.

    >>> provenance("us-susb-2021")["licence"][:11]
    'Public doma'
    """
    folder = data_dir() / name
    record = folder / "provenance.toml"
    if not record.is_file():
        raise ValueError(
            f"Unknown dataset {name!r}: choose one of {list_datasets()}."
        )
    with record.open("rb") as fh:
        return tomllib.load(fh)


def dataset_path(name: str, filename: str) -> Path:
    """Path of ``filename`` in dataset ``name``, which must be listed in its provenance."""
    files = provenance(name)["files"]
    if filename not in files:
        raise ValueError(
            f"'filename' {filename!r} is not part of dataset {name!r}; "
            f"its files are {sorted(files)}."
        )
    return data_dir() / name / filename


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksum(path: str | Path, expected: str) -> None:
    """Raise :class:`ChecksumError` unless the file's SHA-256 equals ``expected``.

    The message names the file and both digests and says how to repair it.
    """
    path = Path(path)
    actual = _sha256(path)
    if actual != expected.lower():
        raise ChecksumError(
            f"Checksum mismatch for data file '{path.name}': expected SHA-256 "
            f"{expected}, found {actual}. The file was changed or damaged; restore it "
            f"with `git checkout -- {path.parent.name}/{path.name}` (in data/), or, if the "
            f"change is deliberate, update the digest in provenance.toml and PROVENANCE.md."
        )


def _read_csv(name: str, filename: str, **kwargs: Any) -> pd.DataFrame:
    path = dataset_path(name, filename)
    verify_checksum(path, provenance(name)["files"][filename])
    return pd.read_csv(path, **kwargs)


# --- United States: Statistics of U.S. Businesses 2021 -----------------------------

_SUSB_DTYPES = {
    "state_fips": "string",
    "state_name": "string",
    "naics": "string",
    "naics_description": "string",
    "enterprise_size": "string",
}


def _tidy_susb(raw: pd.DataFrame) -> pd.DataFrame:
    for col in ("firms", "establishments", "employment", "annual_payroll_thousand_usd"):
        raw[col] = pd.to_numeric(raw[col], errors="raise").astype("int64")
    return raw.rename(
        columns={
            "state_name": "state",
            "naics_description": "sector",
            "annual_payroll_thousand_usd": "payroll_kusd",
        }
    )


def load_us_states(include_us_total: bool = False) -> pd.DataFrame:
    """US states (and DC) x 20 NAICS sectors, 2021, from the Census Bureau's SUSB.

    Columns: ``state``, ``state_fips``, ``naics``, ``sector`` (NAICS title), ``firms``,
    ``establishments``, ``employment`` (paid employees in mid-March), ``payroll_kusd``
    (annual payroll, thousand US dollars).  Mining (21) and agriculture (11) are not
    published for the District of Columbia, so those two rows are absent.

    Parameters
    ----------
    include_us_total : bool, default False
        Keep the national rows (``state == "United States"``).

    Examples
    --------
    >>> us = load_us_states()
    >>> us.loc[us["state"] == "Michigan", ["sector", "employment"]].head(2)
                                           sector  employment
    ...  Agriculture, Forestry, Fishing and Hunting  ...
    ...
    """
    raw = _read_csv("us-susb-2021", "us_state_naics2_2021_totals.csv", dtype=_SUSB_DTYPES)
    tidy = _tidy_susb(raw)
    if not include_us_total:
        tidy = tidy[tidy["state"] != "United States"]
    cols = ["state", "state_fips", "naics", "sector", "firms", "establishments",
            "employment", "payroll_kusd"]
    return tidy[cols].reset_index(drop=True)


def load_us_states_by_size() -> pd.DataFrame:
    """SUSB 2021 by enterprise-size class (states x sectors x size), as published.

    Sectors 31-33, 44-45 and 48-49 are absent from this file (see PROVENANCE.md);
    ``naics == "--"`` rows are all-industry totals.  Columns as in
    :func:`load_us_states` plus ``enterprise_size``.

    >>> load_us_states_by_size()["enterprise_size"].nunique()
    7
    """
    raw = _read_csv(
        "us-susb-2021", "us_state_naics2_2021_by_enterprise_size.csv", dtype=_SUSB_DTYPES
    )
    tidy = _tidy_susb(raw)
    cols = ["state", "state_fips", "naics", "sector", "enterprise_size", "firms",
            "establishments", "employment", "payroll_kusd"]
    return tidy[cols].reset_index(drop=True)


# --- Germany: Länder x sections -----------------------------------------------------

_DE_SECTIONS = {
    "Land- und Forstwirtschaft, Fischerei (A)": ("A", "Agriculture, forestry and fishing"),
    "Produzierendes Gewerbe ohne Baugewerbe (B-E)": ("B-E", "Industry excluding construction"),
    "Verarbeitendes Gewerbe (C)": ("C", "Manufacturing"),
    "Baugewerbe (F)": ("F", "Construction"),
    "Handel, Gastgewerbe, Verkehr (G-I)": ("G-I", "Trade, transport, accommodation and food"),
    "Information und Kommunikation (J)": ("J", "Information and communication"),
    "Erbringung von Finanz- und Vers.leistungen (K)": ("K", "Financial and insurance services"),
    "Grundstuecks- und Wohnungswesen (L)": ("L", "Real estate"),
    "Freiberufl,wissenschaftl. techn. Dienstl.,sonst.DL": (
        "M-N", "Professional, scientific, technical and support services"),
    "oeff.Verw.,Verteidig.,Sozialvers.,Erz.-u.Unterricht": (
        "O-Q", "Public administration, defence, education, health"),
    "Kunst, Unterhaltung, Erholung, Priv. Haush.,usw.": (
        "R-U", "Arts, entertainment and other services"),
}

_DE_LAENDER = {
    "Baden-Wuerttemberg": "Baden-Württemberg",
    "Freistaat Sachsen": "Sachsen",
    "Thueringen": "Thüringen",
}


def load_de_laender(include_manufacturing: bool = False) -> pd.DataFrame:
    """German Länder x 10 disjoint industry sections, employees 2008-2014.

    Columns: ``land``, ``section`` (WZ 2008 code such as ``"B-E"``), ``section_name``
    (English), ``year``, ``employment`` (employees subject to social insurance at the
    place of work, 30 June).  The national total and the ``Insgesamt`` row are dropped;
    manufacturing (``C``) is a subset of ``B-E`` and is only returned when asked for,
    so that the default sections add up to each Land's total.

    >>> de = load_de_laender()
    >>> de["land"].nunique(), de["section"].nunique(), sorted(de["year"].unique().tolist())[::6]
    (16, 10, [2008, 2014])
    """
    raw = _read_csv("de-laender-employment", "de_laender_employment_by_industry_2008_2014.csv")
    raw = raw[(raw["region"] != "Insgesamt") & (raw["industry"] != "Insgesamt")]
    if not include_manufacturing:
        raw = raw[raw["industry"] != "Verarbeitendes Gewerbe (C)"]
    codes = raw["industry"].map({k: v[0] for k, v in _DE_SECTIONS.items()})
    names = raw["industry"].map({k: v[1] for k, v in _DE_SECTIONS.items()})
    tidy = pd.DataFrame(
        {
            "land": raw["region"].replace(_DE_LAENDER).astype("string"),
            "section": codes.astype("string"),
            "section_name": names.astype("string"),
            "year": raw["year"].astype("int64"),
            "employment": raw["emp"].astype("int64"),
        }
    )
    return tidy.sort_values(["year", "land", "section"]).reset_index(drop=True)


def load_de_laender_2015() -> pd.DataFrame:
    """German Länder x 17 WZ 2008 sections, 2015: establishments, employment, population, area.

    Columns: ``land``, ``land_code``, ``section`` (``"B"`` ... ``"S"``), ``section_name``
    (German), ``firms`` (establishments), ``employment`` (persons in employment incl.
    self-employed), ``population``, ``area_km2``.

    >>> load_de_laender_2015().shape
    (272, 8)
    """
    raw = _read_csv("de-laender-employment", "de_laender_firms_employment_by_wz2008_2015.csv")
    tidy = pd.DataFrame(
        {
            "land": raw["region"].replace(_DE_LAENDER).astype("string"),
            "land_code": raw["region_code"].astype("string"),
            "section": raw["ind_code"].str.removeprefix("WZ08-").astype("string"),
            "section_name": raw["ind_name"].astype("string"),
            "firms": raw["firms"].astype("int64"),
            "employment": raw["emp_all"].astype("int64"),
            "population": raw["pop"].astype("int64"),
            "area_km2": raw["area_sqkm"].astype("float64"),
        }
    )
    return tidy


# --- Europe: countries x NACE groups ------------------------------------------------

_EU_NAMES = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain",
    "FI": "Finland", "FR": "France", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland",
    "IS": "Iceland", "IT": "Italy", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia",
    "MT": "Malta", "NL": "Netherlands", "NO": "Norway", "PL": "Poland", "PT": "Portugal",
    "RO": "Romania", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia", "UK": "United Kingdom",
}


def load_eu_countries() -> pd.DataFrame:
    """30 European countries x 10 NACE Rev. 2 groups, employees 2007-2016 (Eurostat).

    Columns: ``country`` (Eurostat code, e.g. ``"EL"`` for Greece), ``country_name``,
    ``nace`` (``"A"``, ``"B-E"``, ... ``"M_N"`` ...), ``year``, ``employees_thousands``.
    Iceland's 2007 values are missing in the source and are dropped.

    >>> eu = load_eu_countries()
    >>> eu["country"].nunique(), eu["nace"].nunique(), len(eu)
    (30, 10, 2990)
    """
    raw = _read_csv("eu-employment-nace", "eu_country_employees_by_nace_a10_2007_2016.csv")
    raw = raw.dropna(subset=["emp1000"])
    tidy = pd.DataFrame(
        {
            "country": raw["geo"].astype("string"),
            "country_name": raw["geo"].map(_EU_NAMES).astype("string"),
            "nace": raw["nace_r2"].astype("string"),
            "year": raw["time"].astype("int64"),
            "employees_thousands": raw["emp1000"].astype("float64"),
        }
    )
    return tidy.sort_values(["year", "country", "nace"]).reset_index(drop=True)


# --- Patents: countries x WIPO fields -----------------------------------------------


def load_patents(countries_only: bool = True) -> pd.DataFrame:
    """USPTO utility patents by inventor economy x 35 WIPO fields x year, 1998-2020.

    Columns: ``region``, ``wipo_field``, ``year``, ``patents`` (fractional counts,
    rounded by NCSES), ``is_country``.  The ``ALL FIELDS (total)`` rows are dropped.
    With ``countries_only`` (default) aggregates such as World or EU-27 are dropped too.

    >>> p = load_patents()
    >>> p["wipo_field"].nunique(), int(p["year"].min()), int(p["year"].max())
    (35, 1998, 2020)
    """
    raw = _read_csv("patents-wipo-fields", "patents_long.csv")
    regions = _read_csv("patents-wipo-fields", "regions.csv")
    raw = raw[raw["wipo_field"] != "ALL FIELDS (total)"]
    merged = raw.merge(regions[["region", "is_country"]], on="region", how="left",
                       validate="many_to_one")
    if countries_only:
        merged = merged[merged["is_country"] == 1]
    tidy = pd.DataFrame(
        {
            "region": merged["region"].astype("string"),
            "wipo_field": merged["wipo_field"].astype("string"),
            "year": merged["year"].astype("int64"),
            "patents": merged["patents"].astype("int64"),
            "is_country": merged["is_country"].astype("bool"),
        }
    )
    return tidy.reset_index(drop=True)


# --- BEA input-output tables --------------------------------------------------------


def load_bea_table(table: str = "use", level: int = 15) -> pd.DataFrame:
    """A BEA 2021 supply-use table as published (millions of US dollars).

    Rows are indexed by the ``Name`` column; ``---`` cells (not applicable / zero)
    become 0.0.  ``table`` is ``"use"`` or ``"make"``; ``level`` is 15 or 71.

    >>> use = load_bea_table("use", 15)
    >>> use.loc["Manufacturing", "Manufacturing"] > 0
    np.True_
    """
    if table not in ("use", "make"):
        raise ValueError(f"'table' must be 'use' or 'make', got {table!r}.")
    if level not in (15, 71):
        raise ValueError(f"'level' must be 15 or 71, got {level!r}.")
    raw = _read_csv("bea-io-2021", f"{table}_{level}.csv", na_values="---", index_col=0)
    return raw.fillna(0.0).astype("float64")

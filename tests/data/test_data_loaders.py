"""Tests of the dataset loaders (coursekit.data): every loader, typed tidy frames, validated flags."""

from __future__ import annotations

import pandas as pd
import pytest

import coursekit as ck
from coursekit import data as ckdata

#: Every loader with the calls the tests make (the completeness test keeps this in step with
#: ck.data.LOADERS, so a new loader cannot go untested).
LOADER_CASES = {
    "load_us_states": [{}, {"include_us_total": True}],
    "load_us_states_by_size": [{}],
    "load_de_laender": [{}, {"include_manufacturing": True}],
    "load_de_laender_2015": [{}],
    "load_eu_countries": [{}],
    "load_patents": [{}, {"countries_only": False}],
    "load_bea_table": [{"table": t, "level": lv} for t in ("use", "make") for lv in (15, 71)],
    "load_classification": [{"name": n} for n in ckdata.list_classifications()],
    "load_cn_provinces_gdp": [{}, {"three_sectors": True}],
}
CASES = [(name, kwargs) for name, calls in LOADER_CASES.items() for kwargs in calls]


def test_every_dataset_folder_has_a_loader_and_every_loader_a_test():
    folders = {p.parent.name for p in ckdata.data_dir().glob("*/provenance.toml")}
    assert folders == set(ckdata.LOADERS), (
        f"folders without a loader: {folders - set(ckdata.LOADERS)}; "
        f"loaders without a folder: {set(ckdata.LOADERS) - folders}")
    registered = {f.__name__ for loaders in ckdata.LOADERS.values() for f in loaders}
    exported = {n for n in ckdata.__all__ if n.startswith("load_")}
    assert exported == registered, f"exported but not registered: {exported - registered}"
    assert registered == set(LOADER_CASES), (
        f"loaders missing from LOADER_CASES: {registered - set(LOADER_CASES)}")


@pytest.mark.parametrize("name,kwargs", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_loaders_return_typed_tidy_frames(name, kwargs):
    frame = getattr(ckdata, name)(**kwargs)
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert frame.index.equals(pd.RangeIndex(len(frame)))
    for col in frame.columns:
        assert frame[col].dtype != object, f"{name}.{col} is an untyped object column"
    required = [c for c in frame.columns if c not in ("row_code", "column_code")]
    assert not frame[required].isna().any().any(), f"{name} has missing values"


@pytest.mark.parametrize("name,flag", [
    ("load_us_states", "include_us_total"), ("load_de_laender", "include_manufacturing"),
    ("load_patents", "countries_only"), ("load_cn_provinces_gdp", "three_sectors"),
])
@pytest.mark.parametrize("bad", ["False", "True", 0, 1, None, 1.0])
def test_loader_flags_must_be_bools(name, flag, bad):
    """load_us_states("False") used to return the national rows too: a truthy string."""
    with pytest.raises(TypeError, match=f"'{flag}' must be True or False, got {bad!r}"):
        getattr(ckdata, name)(**{flag: bad})


def test_us_states_columns_and_totals():
    """Census SUSB 2021: 50 states + DC; DC lacks sectors 11 and 21 (PROVENANCE.md)."""
    us = ck.data.load_us_states()
    assert list(us.columns) == ["state", "state_fips", "naics", "sector", "firms",
                                "establishments", "employment", "payroll_kusd"]
    assert us["state"].nunique() == 51
    assert len(us) == 51 * 20 - 2
    assert us["employment"].dtype == "int64"
    with_total = ck.data.load_us_states(include_us_total=True)
    us_total = with_total.loc[with_total["state"] == "United States", "employment"].sum()
    assert us_total == 128_346_299  # PROVENANCE.md cross-check value


def test_de_laender_sections_add_up_to_land_totals():
    """Destatis: the 10 disjoint sections sum to 'Insgesamt' within 0.05 % (PROVENANCE.md:
    "no assignment possible" employees are only in the total)."""
    de = ck.data.load_de_laender()
    raw = ckdata.read_table("de-laender-employment",
                            "de_laender_employment_by_industry_2008_2014.csv")
    totals = raw[(raw["industry"] == "Insgesamt") & (raw["region"] != "Insgesamt")]
    summed = de.groupby("year")["employment"].sum()
    expected = totals.groupby("year")["emp"].sum()
    assert ((summed - expected).abs() / expected).max() < 5e-4
    assert "C" not in set(de["section"])
    assert "C" in set(ck.data.load_de_laender(include_manufacturing=True)["section"])


def test_eu_countries_drop_only_iceland_2007():
    eu = ck.data.load_eu_countries()
    assert len(eu) == 3000 - 10
    assert not ((eu["country"] == "IS") & (eu["year"] == 2007)).any()


def test_bea_table_is_tidy_with_codes_and_names():
    use = ck.data.load_bea_table("use", 71)
    assert list(use.columns) == ["row", "row_code", "column", "column_code", "value"]
    assert use["value"].dtype == "float64"
    farms = use[(use["row"] == "Farms") & (use["column"] == "Farms")]
    assert farms["column_code"].iloc[0] == "111CA" and farms["row_code"].iloc[0] == "111CA"
    assert float(farms["value"].iloc[0]) == 97183.0
    assert set(use["column"]) >= {"Personal consumption expenditures", "Total use of products"}
    make15 = ck.data.load_bea_table("make", 15)
    assert make15.loc[make15["row"] == "Manufacturing", "row_code"].iloc[0] == "31G"
    with pytest.raises(ValueError, match="'level' must be 15 or 71, got 20"):
        ck.data.load_bea_table("use", 20)
    with pytest.raises(ValueError, match="'level' must be 15 or 71, got True"):
        ck.data.load_bea_table("use", True)
    with pytest.raises(ValueError, match="'table' must be 'use' or 'make'"):
        ck.data.load_bea_table("supply", 15)


def test_bea_industry_codes_match_the_rows_of_the_use_table():
    """The 71 codes in use_71.csv's header list the industries in the order of make_71.csv's
    header and of use_71.csv's rows (the classification relies on this)."""
    bea = ck.data.load_classification("bea-2017")
    industries = bea[(bea["level"] == 71) & (bea["kind"] == "industry")]
    use = ck.data.load_bea_table("use", 71)
    rows = list(dict.fromkeys(use["row"]))[:71]
    assert rows == industries["title"].tolist()


def test_short_labels_cover_every_sector_in_the_data():
    us = ck.data.load_us_states()
    assert set(us["sector"]) <= set(ck.data.short_labels("naics-2017-sectors"))
    eu = ck.data.load_eu_countries()
    assert set(eu["nace"]) <= set(ck.data.short_labels("nace-r2-a10", key="code"))
    de = ck.data.load_de_laender(include_manufacturing=True)
    assert set(de["section"]) <= set(ck.data.short_labels("wz2008-a10", key="code"))
    with pytest.raises(ValueError, match="'name' must be one of"):
        ck.data.short_labels("isic")
    with pytest.raises(ValueError, match="'key' must be 'title' or 'code'"):
        ck.data.short_labels("nace-r2-a10", key="short")


def test_loaders_never_touch_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    for name, kwargs in CASES:
        getattr(ckdata, name)(**kwargs)


def test_cn_provinces_gdp_sectors_add_up_and_yearbook_values():
    """NBS provincial accounts (PROVENANCE.md cross-checks): 31 provinces x 10 years x 6
    indicators; GDP = primary + secondary + tertiary to the source's rounding (at most 0.05,
    Xinjiang 2002); Liaoning 2011 GDP 22,226.7 and secondary 12,152.15; Beijing 2011 GDP
    16,251.93; the three north-eastern provinces form the NBS 'northeast' region."""
    cn = ck.data.load_cn_provinces_gdp()
    assert len(cn) == 31 * 10 * 6
    wide = cn.pivot_table(index=["province", "year"], columns="indicator",
                          values="value_100m_yuan")
    gap = (wide["gdp"] - wide[["primary", "secondary", "tertiary"]].sum(axis=1)).abs()
    assert gap.max() <= 0.05 + 1e-9
    assert (wide["real_estate"] < wide["tertiary"]).all()
    assert wide.loc[("Liaoning", 2011), "gdp"] == 22226.7
    assert wide.loc[("Liaoning", 2011), "secondary"] == 12152.15
    assert wide.loc[("Beijing", 2011), "gdp"] == 16251.93
    northeast = sorted(cn.loc[cn["region"] == "northeast", "province"].unique())
    assert northeast == ["Heilongjiang", "Jilin", "Liaoning"]
    assert set(cn["region"]) == {"east", "central", "west", "northeast"}
    sectors = ck.data.load_classification("cn-three-sector")
    assert sectors["title_zh"].tolist() == ["第一产业", "第二产业", "第三产业"]
    three = ck.data.load_cn_provinces_gdp(three_sectors=True)
    assert set(three["indicator"]) == set(sectors["code"])

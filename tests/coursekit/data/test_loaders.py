"""Tests of the dataset loaders (coursekit.data): every loader, typed tidy frames, validated flags."""

from __future__ import annotations

import ast

import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit import data as ckdata

#: Every loader with the calls the tests make (the completeness test keeps this in step with
#: ck.data.LOADERS, so a new loader cannot go untested).
LOADER_CASES = {
    "load_us_susb_2021": [{}, {"include_us_total": True}],
    "load_us_susb_2021_by_size": [{}],
    "load_de_laender_employment": [{}, {"include_manufacturing": True}],
    "load_de_laender_employment_2015": [{}],
    "load_eu_employment_nace": [{}],
    "load_patents_wipo_fields": [{}, {"countries_only": False}],
    "load_bea_io_2021": [{"table": t, "level": lv} for t in ("use", "make") for lv in (15, 71)],
    "load_classification": [{"name": n} for n in ckdata.list_classifications()],
    "load_us_state_income_1929_2024": [{}, {"states_only": False}],
    "load_cn_provinces_gdp_pop_1975_2013": [{}],
    "load_de_counties_gdp_1992_2014": [{}, {"balanced": True}],
    "load_io_eurostat_manual_germany": [{}, {"include_totals": True}],
    "load_cn_liaoning_io_2002_2017": [{}, *({"year": y} for y in (2002, 2007, 2012, 2017))],
    "load_cn_provinces_gdp_2002_2011": [{}, {"three_sectors": True}],
    "load_tiexi_facts": [{}, *({"region": r} for r in ("Tiexi", "Ruhr", "Lorraine", "Great Lakes"))],
}
CASES = [(name, kwargs) for name, calls in LOADER_CASES.items() for kwargs in calls]


def test_every_dataset_folder_has_a_loader_and_every_loader_a_test():
    folders = {p.parent.name for p in ckdata.data_dir().glob("*/provenance.toml")}
    assert folders == set(ckdata.LOADERS), (
        f"folders without a loader: {folders - set(ckdata.LOADERS)}; "
        f"loaders without a folder: {set(ckdata.LOADERS) - folders}")
    registered = {f.__name__ for loaders in ckdata.LOADERS.values() for f in loaders}
    exported = {n for n in ckdata.__all__ if n.startswith("load_")
                and not hasattr(getattr(ckdata, n), "__deprecated__")}
    assert exported == registered, f"exported but not registered: {exported - registered}"
    assert registered == set(LOADER_CASES), (
        f"loaders missing from LOADER_CASES: {registered - set(LOADER_CASES)}")


def test_loaders_are_named_after_their_datasets():
    """load_<dataset id>; a second loader of a dataset adds the part it reads."""
    for dataset, loaders in ckdata.LOADERS.items():
        if dataset == "classifications":  # one classification per call: load_classification
            continue
        first = "load_" + dataset.replace("-", "_")
        assert loaders[0].__name__ == first, (dataset, loaders[0].__name__)
        assert all(f.__name__.startswith(first + "_") for f in loaders[1:]), dataset


#: Old loader names (deprecated aliases until coursekit 0.4) and their replacements.
OLD_LOADERS = {
    "load_us_states": "load_us_susb_2021",
    "load_us_states_by_size": "load_us_susb_2021_by_size",
    "load_de_laender": "load_de_laender_employment",
    "load_de_laender_2015": "load_de_laender_employment_2015",
    "load_eu_countries": "load_eu_employment_nace",
    "load_patents": "load_patents_wipo_fields",
    "load_bea_table": "load_bea_io_2021",
    "load_eurostat_manual_io": "load_io_eurostat_manual_germany",
    "load_liaoning_io": "load_cn_liaoning_io_2002_2017",
    "load_us_state_income": "load_us_state_income_1929_2024",
    "load_cn_provinces_gdp_pop": "load_cn_provinces_gdp_pop_1975_2013",
    "load_de_counties_gdp": "load_de_counties_gdp_1992_2014",
    "load_cn_provinces_gdp": "load_cn_provinces_gdp_2002_2011",
}


@pytest.mark.parametrize("old,new", OLD_LOADERS.items())
def test_old_loader_names_warn_and_return_the_same_frame(old, new):
    with pytest.warns(FutureWarning, match=rf"ck\.data\.{old} is deprecated and will be removed "
                                           rf"in coursekit 0\.4; use ck\.data\.{new} instead"):
        frame = getattr(ckdata, old)()
    pd.testing.assert_frame_equal(frame, getattr(ckdata, new)())
    assert getattr(ckdata, old).__deprecated__ and old in ckdata.__all__


def _role_tables() -> list[tuple[str, str, dict]]:
    return [(dataset, call, roles) for dataset in ckdata.LOADERS
            for call, roles in ckdata.provenance(dataset).get("roles", {}).items()]


@pytest.mark.parametrize("dataset,call,roles", _role_tables(),
                         ids=[call for _, call, _ in _role_tables()])
def test_declared_roles_are_attached_and_name_columns(dataset, call, roles):
    """[roles.<loader>] (or [roles."<loader>(arg=value)"]) in provenance.toml names a loader
    of the dataset; its frame carries exactly those roles, and each names one of its columns."""
    name, _, args = call.partition("(")
    assert name in {f.__name__ for f in ckdata.LOADERS[dataset]}, call
    kwargs = {key.strip(): ast.literal_eval(value) for key, value in
              (part.split("=") for part in args.rstrip(")").split(",") if part)}
    frame = getattr(ckdata, name)(**kwargs)
    assert frame.attrs["roles"] == roles
    assert set(roles) <= {"region", "industry", "value", "time"}
    assert set(roles.values()) <= set(frame.columns)


@pytest.mark.parametrize("loader,kwargs", [
    ("load_us_susb_2021", {}), ("load_de_laender_employment", {}),
    ("load_de_laender_employment_2015", {}), ("load_eu_employment_nace", {}),
    ("load_patents_wipo_fields", {}), ("load_cn_provinces_gdp_2002_2011", {"three_sectors": True}),
])
def test_region_by_industry_data_need_no_keywords(loader, kwargs):
    """ck.activity_matrix(ck.data.load_...()) reads region, industry and value by role."""
    frame = getattr(ckdata, loader)(**kwargs)
    roles = frame.attrs["roles"]
    M = ck.activity_matrix(frame)
    assert M.index.name == roles["region"] and M.columns.name == roles["industry"]
    assert M.to_numpy().sum() == pytest.approx(frame[roles["value"]].sum())
    if "time" in roles:
        assert sorted(ck.activity_matrices(frame)) == sorted(frame[roles["time"]].unique())


def test_roles_are_left_out_where_they_would_mislead():
    """Overlapping indicators (GDP and its parts) and size classes that include their total
    have no industry or value role, so activity_matrix asks for the column."""
    with pytest.raises(ValueError, match="industry column .* is not a column"):
        ck.activity_matrix(ckdata.load_cn_provinces_gdp_2002_2011())
    with pytest.raises(ValueError, match="value column .* is not a column"):
        ck.activity_matrix(ckdata.load_us_susb_2021_by_size())


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
    ("load_us_susb_2021", "include_us_total"), ("load_de_laender_employment", "include_manufacturing"),
    ("load_patents_wipo_fields", "countries_only"), ("load_us_state_income_1929_2024", "states_only"),
    ("load_de_counties_gdp_1992_2014", "balanced"),
    ("load_patents_wipo_fields", "countries_only"), ("load_io_eurostat_manual_germany", "include_totals"),
    ("load_cn_provinces_gdp_2002_2011", "three_sectors"),
])
@pytest.mark.parametrize("bad", ["False", "True", 0, 1, None, 1.0])
def test_loader_flags_must_be_bools(name, flag, bad):
    """load_us_susb_2021("False") used to return the national rows too: a truthy string."""
    with pytest.raises(TypeError, match=f"'{flag}' must be True or False, got {bad!r}"):
        getattr(ckdata, name)(**{flag: bad})


def test_us_states_columns_and_totals():
    """Census SUSB 2021: 50 states + DC; DC lacks sectors 11 and 21 (PROVENANCE.md)."""
    us = ck.data.load_us_susb_2021()
    assert list(us.columns) == ["state", "state_fips", "naics", "sector", "firms",
                                "establishments", "employment", "payroll_kusd"]
    assert us["state"].nunique() == 51
    assert len(us) == 51 * 20 - 2
    assert us["employment"].dtype == "int64"
    with_total = ck.data.load_us_susb_2021(include_us_total=True)
    us_total = with_total.loc[with_total["state"] == "United States", "employment"].sum()
    assert us_total == 128_346_299  # PROVENANCE.md cross-check value


def test_de_laender_sections_add_up_to_land_totals():
    """Destatis: the 10 disjoint sections sum to 'Insgesamt' within 0.05 % (PROVENANCE.md:
    "no assignment possible" employees are only in the total)."""
    de = ck.data.load_de_laender_employment()
    raw = ckdata.read_table("de-laender-employment",
                            "de_laender_employment_by_industry_2008_2014.csv")
    totals = raw[(raw["industry"] == "Insgesamt") & (raw["region"] != "Insgesamt")]
    summed = de.groupby("year")["employment"].sum()
    expected = totals.groupby("year")["emp"].sum()
    assert ((summed - expected).abs() / expected).max() < 5e-4
    assert "C" not in set(de["section"])
    assert "C" in set(ck.data.load_de_laender_employment(include_manufacturing=True)["section"])


def test_eu_countries_drop_only_iceland_2007():
    eu = ck.data.load_eu_employment_nace()
    assert len(eu) == 3000 - 10
    assert not ((eu["country"] == "IS") & (eu["year"] == 2007)).any()


def test_bea_table_is_tidy_with_codes_and_names():
    use = ck.data.load_bea_io_2021("use", 71)
    assert list(use.columns) == ["row", "row_code", "column", "column_code", "value"]
    assert use["value"].dtype == "float64"
    farms = use[(use["row"] == "Farms") & (use["column"] == "Farms")]
    assert farms["column_code"].iloc[0] == "111CA" and farms["row_code"].iloc[0] == "111CA"
    assert float(farms["value"].iloc[0]) == 97183.0
    assert set(use["column"]) >= {"Personal consumption expenditures", "Total use of products"}
    make15 = ck.data.load_bea_io_2021("make", 15)
    assert make15.loc[make15["row"] == "Manufacturing", "row_code"].iloc[0] == "31G"
    with pytest.raises(ValueError, match="'level' must be 15 or 71, got 20"):
        ck.data.load_bea_io_2021("use", 20)
    with pytest.raises(ValueError, match="'level' must be 15 or 71, got True"):
        ck.data.load_bea_io_2021("use", True)
    with pytest.raises(ValueError, match="'table' must be 'use' or 'make'"):
        ck.data.load_bea_io_2021("supply", 15)


def test_bea_industry_codes_match_the_rows_of_the_use_table():
    """The 71 codes in use_71.csv's header list the industries in the order of make_71.csv's
    header and of use_71.csv's rows (the classification relies on this)."""
    bea = ck.data.load_classification("bea-2017")
    industries = bea[(bea["level"] == 71) & (bea["kind"] == "industry")]
    use = ck.data.load_bea_io_2021("use", 71)
    rows = list(dict.fromkeys(use["row"]))[:71]
    assert rows == industries["title"].tolist()


def test_bea_sectors_add_the_71_industries_up_to_beas_15_sector_tables():
    """bea-2017-sectors (BEA's code hierarchy: summary industry -> sector) against BEA's own
    aggregation in data/bea-io-2021: summed over each sector's industries, the 71-industry supply
    table's domestic block and the use table's intermediate block equal the 15-sector tables, and
    industry output equals the 15-sector output, to within BEA's rounding (a few million USD)."""
    sectors = ck.data.load_classification("bea-2017-sectors")
    bea = ck.data.load_classification("bea-2017")
    industries = bea[(bea["level"] == 71) & (bea["kind"] == "industry")]
    assert sectors["code"].tolist() == industries["code"].tolist()
    assert sectors["title"].tolist() == industries["title"].tolist()
    top = bea[(bea["level"] == 15) & (bea["kind"] == "industry")]
    assert list(dict.fromkeys(sectors["sector"])) == top["code"].tolist()
    assert list(dict.fromkeys(sectors["sector_title"])) == top["title"].tolist()
    group = sectors.set_index("title")["sector_title"]
    order = top["title"].tolist()
    for table, total in (("make", "Total industry supply"),
                         ("use", "Total industry output (basic prices)")):
        fine = ck.data.load_bea_io_2021(table, 71).pivot_table(
            index="row", columns="column", values="value", sort=False)
        coarse = ck.data.load_bea_io_2021(table, 15).pivot_table(
            index="row", columns="column", values="value", sort=False)
        block = fine.loc[group.index, group.index]
        summed = block.groupby(group).sum().T.groupby(group).sum().T.loc[order, order]
        assert (summed - coarse.loc[order, order]).abs().to_numpy().max() <= 10
        out = fine.loc[total, group.index].groupby(group).sum()[order]
        assert (out - coarse.loc[total, order]).abs().max() <= 2


def test_short_labels_cover_every_sector_in_the_data():
    us = ck.data.load_us_susb_2021()
    assert set(us["sector"]) <= set(ck.data.short_labels("naics-2017-sectors"))
    eu = ck.data.load_eu_employment_nace()
    assert set(eu["nace"]) <= set(ck.data.short_labels("nace-r2-a10", key="code"))
    de = ck.data.load_de_laender_employment(include_manufacturing=True)
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


def test_us_state_income_regions_add_up_and_spot_values():
    """BEA SAINC1 (PROVENANCE.md cross-checks): states + DC sum to the nation's population in
    every year; United States per-capita income $699 in 1929 and $72,425 in 2024; the Great
    Lakes region is IL, IN, MI, OH, WI with per-capita income $796 in 1929."""
    us = ck.data.load_us_state_income_1929_2024(states_only=False)
    states = us[us["area_type"] == "state"]
    nation = us[us["area_type"] == "nation"].set_index("year")
    assert (states.groupby("year")["population"].sum() == nation["population"]).all()
    assert nation.loc[1929, "per_capita_income_usd"] == 699
    assert nation.loc[2024, "per_capita_income_usd"] == 72_425
    lakes = us[(us["area"] == "Great Lakes") & (us["year"] == 1929)]
    assert int(lakes["per_capita_income_usd"].iloc[0]) == 796
    assert set(us.loc[us["area_type"] == "bea_region", "area"]) == set(
        states["bea_region"].unique())
    assert len(ck.data.load_us_state_income_1929_2024()) == 4854  # 51 areas x 96 years - 42 (AK, HI)


def test_cn_provinces_sigma_of_log_gdp_per_capita():
    """GCAM-China / NBS (PROVENANCE.md cross-check): the standard deviation of log GDP per
    capita across the 31 provinces is 0.552 (1978) and 0.400 (2013) (sample standard
    deviation)."""
    cn = ck.data.load_cn_provinces_gdp_pop_1975_2013()
    wide = cn.pivot(index="province", columns="year", values="gdp_per_capita_2010_usd")
    sd = ck.sigma_convergence(wide[[1978, 2013]])
    assert sd.round(3).tolist() == [0.552, 0.400]
    assert cn.groupby("region")["province"].nunique().to_dict() == {
        "central": 6, "east": 10, "northeast": 3, "west": 12}


def test_de_counties_totals_ruhr_and_types():
    """AK VGRdL county accounts (PROVENANCE.md cross-checks): the 402 counties sum to
    2,915,650 million EUR in 2014; the RVR's 15 members had GDP 158,310 million EUR and
    5.05 million inhabitants in 2014; 325 western and 77 eastern counties."""
    de = ck.data.load_de_counties_gdp_1992_2014()
    y2014 = de[de["year"] == 2014]
    assert abs(y2014["gdp_million_eur"].sum() - 2_915_650) < 1
    ruhr = y2014[y2014["ruhr"]]
    assert round(ruhr["gdp_million_eur"].sum()) == 158_310
    assert round(ruhr["population_thousand"].sum() / 1000, 2) == 5.05
    assert y2014["east_west"].value_counts().to_dict() == {"west": 325, "east": 77}
    types = y2014.set_index("county_name")["county_type"]
    assert types["Dortmund, Kreisfreie Stadt"] == "city" and types["Berlin"] == "city"
    assert types["Unna"] == "district" and types["Region Hannover"] == "district"
    assert int(de["year"].min()) == 1992
    balanced = ck.data.load_de_counties_gdp_1992_2014(balanced=True)
    assert int(balanced["year"].min()) == 2000


def test_de_counties_sigma_of_log_gdp_per_capita():
    """AK VGRdL (PROVENANCE.md cross-check): the standard deviation of log GDP per capita
    across the 402 counties is 0.365 (2000) and 0.344 (2014)."""
    de = ck.data.load_de_counties_gdp_1992_2014(balanced=True)
    wide = de.pivot(index="ags", columns="year", values="gdp_per_capita_eur")
    assert ck.sigma_convergence(wide[[2000, 2014]]).round(3).tolist() == [0.365, 0.344]
def test_eurostat_manual_table_matches_the_published_table():
    """Eurostat Manual (2008), Table 15.4: the loader returns the 6 x 6 block, output (P1;
    manufacturing 1,079,446) and employment as in the Manual (see tests/published.py);
    P1's final-demand cells (a copy of P2 in the source) are dropped."""
    from published import DE_EMP, DE_X, DE_Z

    de = ck.data.load_io_eurostat_manual_germany()
    groups = ["Agriculture", "Manufacturing", "Construction", "Trade, transport, hospitality",
              "Business services", "Other services"]
    block = de[de["row_block"] == "domestic_products"].pivot(
        index="row_order", columns="column", values="value")[groups]
    np.testing.assert_array_equal(block.to_numpy(), DE_Z)
    by_row = de.set_index(["row_code", "column"])["value"]
    np.testing.assert_array_equal(by_row["P1"][groups].to_numpy(), DE_X)
    np.testing.assert_array_equal(by_row["EMP"][groups].to_numpy(), DE_EMP)
    assert set(de.loc[de["row_code"] == "P1", "column"]) == set(groups)
    assert "TOTAL" not in set(de["row_code"])
    full = ck.data.load_io_eurostat_manual_germany(include_totals=True)
    assert {"TOTAL", "P2"} <= set(full["row_code"]) and "Total" in set(full["column"])


def test_liaoning_tables_balance_and_match_the_classification():
    """Liaoning input-output tables (PROVENANCE.md cross-checks): for every sector column,
    intermediate inputs + value added = total input = gross output of the row; every year's
    42 sector labels are those of data/classifications/cn-io42.csv."""
    ln = ck.data.load_cn_liaoning_io_2002_2017()
    assert sorted(ln["year"].unique().tolist()) == [2002, 2007, 2012, 2017]
    assert len(ln) == 9660
    cls = ck.data.load_classification("cn-io42")
    for year, table in ln.groupby("year"):
        sec = table[table["row_code"].str.startswith("sec") & table["column_code"].str.startswith("sec")]
        inputs = sec.groupby("column_code")["value_10k_yuan"].sum()
        va = table[table["row_code"] == "TVA"].set_index("column_code")["value_10k_yuan"]
        ti = table[table["row_code"] == "TI"].set_index("column_code")["value_10k_yuan"]
        go = table[table["column_code"] == "GO"].set_index("row_code")["value_10k_yuan"]
        np.testing.assert_allclose((inputs + va[inputs.index]).to_numpy(), ti[inputs.index], rtol=1e-8)
        np.testing.assert_allclose(ti[inputs.index].to_numpy(), go[inputs.index], rtol=4e-7)
        labels = table[table["row_code"].str.startswith("sec")][["row_code", "row", "row_zh"]]
        labels = labels.drop_duplicates().set_index("row_code")
        mine = cls[cls["year"] == year].set_index("code")
        assert labels["row"].to_dict() == mine["title"].to_dict()
        assert labels["row_zh"].to_dict() == mine["title_zh"].to_dict()
    with pytest.raises(ValueError, match="'year' must be one of"):
        ck.data.load_cn_liaoning_io_2002_2017(year="2017")


def test_common_chinese_classification_covers_every_year():
    """The course's concordance (classifications PROVENANCE.md): each year's 42 sectors map onto
    all 38 common groups, and short labels are unique within a year."""
    cls = ck.data.load_classification("cn-io42")
    common = ck.data.load_classification("cn-io-common")
    assert len(common) == 38 and common["code"].is_unique
    for _, year in cls.groupby("year"):
        assert len(year) == 42 and year["short"].is_unique
        assert set(year["common"]) == set(common["code"])
    machinery = cls[cls["common"] == "c16"].groupby("year")["code"].apply(list).to_dict()
    assert machinery == {2002: ["sec16"], 2007: ["sec16"], 2012: ["sec16", "sec17"],
                         2017: ["sec16", "sec17"]}


def test_cn_provinces_gdp_sectors_add_up_and_yearbook_values():
    """NBS provincial accounts (PROVENANCE.md cross-checks): 31 provinces x 10 years x 6
    indicators; GDP = primary + secondary + tertiary to the source's rounding (at most 0.05,
    Xinjiang 2002); Liaoning 2011 GDP 22,226.7 and secondary 12,152.15; Beijing 2011 GDP
    16,251.93; the three north-eastern provinces form the NBS 'northeast' region."""
    cn = ck.data.load_cn_provinces_gdp_2002_2011()
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
    three = ck.data.load_cn_provinces_gdp_2002_2011(three_sectors=True)
    assert set(three["indicator"]) == set(sectors["code"])

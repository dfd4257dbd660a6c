"""Tests for coursekit.data._cases: the chapter-7 facts table (data/tiexi-facts): sources,
corrections, conflicts, benchmarks."""

from __future__ import annotations

import pandas as pd
import pytest
from pybtex.database import parse_file

import coursekit as ck
from conftest import ROOT

FACTS = ck.data.load_tiexi_facts()


def test_every_row_cites_a_bibliography_entry_and_an_address():
    keys = set(parse_file(str(ROOT / "references.bib")).entries)
    assert set(FACTS["source_key"]) <= keys, set(FACTS["source_key"]) - keys
    assert FACTS["url"].str.match(r"https?://").all()
    assert (FACTS["source"].str.len() > 5).all() and (FACTS["fact"].str.len() > 5).all()


def test_chinese_names_are_given_for_the_tiexi_case():
    tiexi = FACTS[FACTS["region"] == "Tiexi"]
    assert (tiexi["region_zh"] == "铁西区").all()
    names = set(FACTS["name_zh"])
    for name in ("振兴东北地区等老工业基地", "东搬西建", "铁西区", "沈阳经济技术开发区", "中国工业博物馆"):
        assert name in names, name


def test_conflicting_sources_are_separate_rows():
    """Every conflict group holds at least two rows from at least two sources (or two readings)."""
    groups = FACTS[FACTS["conflict"] != ""].groupby("conflict")
    assert groups.size().min() >= 2
    jobs = FACTS[FACTS["conflict"] == "job-losses"].set_index("id")["value"]
    assert jobs["jobless-cctv"] == 100_000 and jobs["laid-off"] == 130_000
    firsts = FACTS[FACTS["conflict"] == "firsts"]["value"]
    assert sorted(firsts) == [160, 500]


def test_corrections_of_the_source_facts_file_are_applied():
    """Guangming Daily (2014): the 21 bn yuan went to infrastructure and the environment; DW
    (2018): the 30,000 and 5,700 miners are all-Germany figures."""
    row = FACTS.set_index("id")
    assert "infrastructure" in row.loc["investment", "fact"]
    assert "relocation" not in row.loc["investment", "fact"]
    assert row.loc["de-miners-2007", "place"] == "Germany"
    assert row.loc["de-miners-2017", "place"] == "Germany"
    assert row.loc["soe-count", "confirmed"] == "official's quote"


def test_unconfirmed_figures_are_not_in_the_table():
    """yybnet's 80 %, Jiemian's 239 firms and 5.95 million m², the 350 firsts, MDR's 150 Mt."""
    values = set(FACTS["value"])
    assert not values & {239.0, 5.95, 350.0, 150.0}
    assert not FACTS["fact"].str.contains("80%|80 %").any()


def test_lorraine_relative_gdp_per_head_from_the_cited_benchmarks():
    """Rosés-Wolf GDP shares over Insee/INED population shares, by hand: 1970 uses the 1968
    census, 2000 the 1999 census, 2010 the counts of 1 January 2010."""
    v = FACTS.set_index("id")["value"]
    by_hand = {
        1970: (24955 / 592391) / (2274441 / 49_800_000),
        2000: (39622 / 1248262) / (2310376 / 58_518_748),
        2010: (38450 / 1354565) / (2351000 / 62_800_000),
    }
    gdp = pd.DataFrame({y: [v[f"rw-gdp-fr41-{y}"], v[f"rw-gdp-france-{y}"]] for y in by_hand},
                       index=["Lorraine", "France"])
    census = {1970: 1968, 2000: 1999, 2010: 2010}
    pop = pd.DataFrame({y: [v[f"pop-lorraine-{c}"], v[f"pop-france-{c}"]]
                        for y, c in census.items()}, index=["Lorraine", "France"])
    rel = ck.relative_per_capita(gdp, pop, "Lorraine", "France")
    assert rel.to_dict() == pytest.approx(by_hand)
    assert rel[1970] > rel[2000] > rel[2010]


@pytest.mark.parametrize("bad", ["tiexi", "Shenyang", 3])
def test_region_argument_is_checked(bad):
    with pytest.raises((TypeError, ValueError), match="'region' must be one of"):
        ck.data.load_tiexi_facts(bad)

"""Tests for coursekit.inputoutput.tables: the course's input-output tables built from the bundled data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from published import DE_EMP, DE_GVA, DE_X, DE_Z

import coursekit as ck


def test_germany_table_is_the_manuals_table_15_4():
    """Eurostat Manual (2008), Table 15.4: Z, output (P1), GVA (B1G), employment (EMP); the
    implied final demand x - Zi is the sum of the final-use cells of rows 1-6 (the row entries
    add up to the column output, also for manufacturing, whose 'total' cell is 46 lower)."""
    de = ck.germany_io_table()
    np.testing.assert_array_equal(de.Z.to_numpy(), DE_Z)
    np.testing.assert_array_equal(de.x.to_numpy(), DE_X)
    np.testing.assert_array_equal(de.factors["value_added"].to_numpy(), DE_GVA)
    np.testing.assert_array_equal(de.factors["employment"].to_numpy(), DE_EMP)
    cells = ck.data.load_io_eurostat_manual_germany()
    final_use = cells[(cells["row_block"] == "domestic_products")
                      & ~cells["column_code"].str.startswith("CPA")]
    np.testing.assert_array_equal(de.final_demand.to_numpy(),
                                  final_use.groupby("row_order")["value"].sum().to_numpy())
    assert de.Z.index.name == "product group" and de.unit.startswith("million EUR")
    assert de.source == ck.data.attribution("io-eurostat-manual-germany")


def test_us_table_keeps_each_industrys_inputs():
    """Industry technology (Miller & Blair 2009, ch. 5): the column sums of Z equal those of the
    use table (here: scaled to domestic inputs), and industry output is BEA's total industry
    output up to the scrap output left out (< 1 %)."""
    us = ck.us_io_table(domestic=False)
    use = ck.data.load_bea_io_2021("use", 71)
    bea = ck.data.load_classification("bea-2017")
    inds = bea.loc[(bea["level"] == 71) & (bea["kind"] == "industry"), "title"].tolist()
    U = use.pivot_table(index="row", columns="column", values="value", sort=False).loc[inds, inds]
    np.testing.assert_allclose(us.Z.sum(axis=0).to_numpy(), U.sum(axis=0).to_numpy(), rtol=1e-10)
    total = use[use["row"] == "Total industry output (basic prices)"].set_index("column")["value"]
    gap = us.x.to_numpy() / total[inds].to_numpy() - 1
    assert np.abs(gap).max() < 0.01
    dom = ck.us_io_table()
    assert (dom.Z.to_numpy() <= us.Z.to_numpy() + 1e-9).all()
    assert dom.Z.sum().sum() < 0.95 * us.Z.sum().sum()
    assert list(dom.x.index[:2]) == ["Farms", "Forestry & fishing"]
    assert ck.us_io_table(level=15).Z.shape == (15, 15)
    with pytest.raises(ValueError, match="'level' must be 15 or 71"):
        ck.us_io_table(level=70)
    with pytest.raises(TypeError, match="'domestic' must be True or False"):
        ck.us_io_table(domestic="yes")


@pytest.mark.parametrize("year", [2002, 2007, 2012, 2017])
def test_liaoning_common_groups_preserve_totals(year):
    """Aggregation sums rows and columns (Miller & Blair 2009, ch. 4): total flows, output and
    value added are the same in the 42 sectors and in the 38 common groups."""
    fine = ck.liaoning_io_table(year, common=False)
    coarse = ck.liaoning_io_table(year)
    assert fine.Z.shape == (42, 42) and coarse.Z.shape == (38, 38)
    for a, b in ((fine.Z.to_numpy().sum(), coarse.Z.to_numpy().sum()),
                 (fine.x.sum(), coarse.x.sum()),
                 (fine.factors.sum().sum(), coarse.factors.sum().sum())):
        assert a == pytest.approx(b, rel=1e-12)
    # column balance of the published table: inputs + value added = output
    np.testing.assert_allclose(coarse.Z.sum(axis=0) + coarse.factors["value_added"], coarse.x,
                               rtol=1e-6)
    assert "Machinery" in coarse.x.index and "Metal smelting" in coarse.x.index


def test_liaoning_arguments_are_checked():
    with pytest.raises(ValueError, match="'year' must be one of"):
        ck.liaoning_io_table(2010)
    with pytest.raises(TypeError, match="'common' must be True or False"):
        ck.liaoning_io_table(2017, common=1)
    assert isinstance(ck.liaoning_io_table(np.int64(2002)).x, pd.Series)


def test_us_key_sectors_named_in_chapter_5():
    """The 2021 US table (BEA): the key sectors the chapter names as examples, and the
    largest forward linkage (primary metals); a regression check that keeps the text true."""
    us = ck.us_io_table()
    lk = ck.linkages(us.Z, us.x)
    key = set(lk.index[lk["sector_type"] == "key sector"])
    assert {"Wood products", "Nonmetallic minerals", "Primary metals", "Paper", "Plastics & rubber",
            "Petroleum & coal products", "Warehousing", "Broadcasting & telecom", "Insurance",
            "Administrative services"} <= key
    assert lk["forward_index"].idxmax() == "Primary metals"


def test_liaoning_metals_and_machinery_as_told_in_chapter_5():
    """Liaoning's tables in common groups: metal smelting was a key sector in 2002 and is
    backward-oriented in 2017; machinery is backward-oriented in both years and its output
    share fell (regression checks that keep the chapter's text true)."""
    old, new = ck.liaoning_io_table(2002), ck.liaoning_io_table(2017)
    lk_old, lk_new = ck.linkages(old.Z, old.x), ck.linkages(new.Z, new.x)
    assert lk_old.loc["Metal smelting", "sector_type"] == "key sector"
    assert lk_new.loc["Metal smelting", "sector_type"] == "backward-oriented"
    assert lk_old.loc["Machinery", "sector_type"] == lk_new.loc["Machinery", "sector_type"] \
        == "backward-oriented"
    assert new.x["Machinery"] / new.x.sum() < old.x["Machinery"] / old.x.sum()

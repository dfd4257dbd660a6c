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
    """Industry technology (Miller & Blair 2009, ch. 5): industry output is BEA's total industry
    output (basic prices) up to the scrap output left out (< 1 %); the domestic table lies below
    the table with imports; the 15 sectors add up the 71 industries."""
    us = ck.us_io_table(domestic=False)
    use = ck.data.load_bea_io_2021("use", 71)
    bea = ck.data.load_classification("bea-2017")
    inds = bea.loc[(bea["level"] == 71) & (bea["kind"] == "industry"), "title"].tolist()
    total = use[use["row"] == "Total industry output (basic prices)"].set_index("column")["value"]
    gap = us.x.to_numpy() / total[inds].to_numpy() - 1
    assert np.abs(gap).max() < 0.01
    dom = ck.us_io_table()
    assert (dom.Z.to_numpy() <= us.Z.to_numpy() + 1e-9).all()
    assert dom.Z.sum().sum() < 0.95 * us.Z.sum().sum()
    assert list(us.x.index[:2]) == ["Farms", "Forestry & fishing"]
    sectors = ck.us_io_table(level=15)
    assert sectors.Z.shape == (15, 15) and sectors.x.index[4] == "Manufacturing"
    assert sectors.Z.to_numpy().sum() == pytest.approx(dom.Z.to_numpy().sum(), rel=1e-12)
    assert sectors.x.sum() == pytest.approx(dom.x.sum(), rel=1e-12)
    with pytest.raises(ValueError, match="'level' must be 15 or 71"):
        ck.us_io_table(level=70)
    with pytest.raises(TypeError, match="'domestic' must be True or False"):
        ck.us_io_table(domestic="yes")


#: Margin industries by position in BEA's summary list (data/classifications/bea-2017.csv):
#: wholesale trade and transport and warehousing; the four retail industries.
_CARRIER_CODES = ["42", "481", "482", "483", "484", "485", "486", "487OS", "493"]
_RETAIL_CODES = ["441", "445", "452", "4A0"]


def _bea_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(ck.data.data_dir() / "bea-io-2021" / name, index_col=0,
                       na_values="---").fillna(0.0)


def _us_basic_numpy(domestic: bool) -> dict[str, np.ndarray]:
    """Steps 1-3 of ck.us_io_table, by position in numpy from the two CSVs alone: rows 0-70 are
    the 71 commodities and row 71 scrap (use_71.csv and make_71.csv list them in the same
    order); columns 0-70 the industries (use_71.csv's codes), then the 19 final uses F*."""
    use, sup = _bea_csv("use_71.csv"), _bea_csv("make_71.csv")
    codes = list(use.columns[:71])
    finals = [c for c in use.columns if c.startswith("F")]
    U = np.hstack([use.iloc[:72, :71].to_numpy(), use[finals].iloc[:72].to_numpy()])
    s = sup["Total Industry Output"].to_numpy(float)[:72]  # supply at basic prices
    t = U.sum(axis=1)                                      # total use, purchasers' prices
    k = np.divide(s, t, out=np.ones_like(s), where=t > s)
    r = ((1.0 - k)[:, None] * U).sum(axis=0).clip(min=0.0)  # removed from each user
    U = k[:, None] * U
    d = np.clip(s - t, 0.0, None)
    car = [codes.index(c) for c in _CARRIER_CODES]
    ret = [codes.index(c) for c in _RETAIL_CODES]
    back = r * (d[car].sum() + d[ret].sum()) / r.sum()     # margins given back to each user
    U[np.ix_(car, range(71))] += np.outer(d[car] / d[car].sum(), back[:71])
    left = np.zeros(72)
    left[car] = d[car] - d[car] / d[car].sum() * back[:71].sum()
    left[ret] = d[ret]
    U[:, 71:] += np.outer(left / back[71:].sum(), back[71:])
    basic = U.copy()
    V = sup.iloc[:71, :71].to_numpy().clip(min=0.0)       # commodities x industries
    if domestic:
        made = np.append(V.sum(axis=1), sup.iloc[71, :71].clip(lower=0.0).sum())
        m = s - made - sup["CIF/FOB Adjustments on Imports"].to_numpy()[:72]
        own = U.sum(axis=1) - U[:, 71 + finals.index("F040")] - U[:, 71 + finals.index("F030")]
        U[:, :71] *= (1.0 - np.clip(m / own, 0.0, None))[:, None]
    Z = (V.T / V.T.sum(axis=0)) @ U[:71, :71].clip(min=0.0)
    return {"Z": Z, "x": V.sum(axis=0), "basic": basic, "s": s, "t": t, "r": r, "d": d,
            "car": car, "ret": ret}


def test_us_approximation_values_rows_at_basic_prices():
    """The valuation gap of BEA's 2021 use table (QuantEcon's copy; total use at purchasers'
    prices less supply at basic prices) adds up, over all commodities, to BEA's taxes on products
    less subsidies (the use table's own rows, 829,217 million USD, within BEA's rounding): the
    margins net out, so the gap is margins plus net product taxes (Miller & Blair 2009, ch. 2).
    After steps 1-2 every row that was scaled and every margin row sums to its supply at basic
    prices; the margins given back equal the margin rows' shortfalls."""
    use = _bea_csv("use_71.csv")
    taxes = use.loc["Taxes on products and imports", "T001"] \
        - use.loc["Less: Subsidies on products", "T001"]
    sup = _bea_csv("make_71.csv")
    gap = use["T019"].iloc[:73].to_numpy() - sup["Total Industry Output"].iloc[:73].to_numpy()
    assert taxes == 829217.0 and abs(gap.sum() - taxes) <= 10
    b = _us_basic_numpy(domestic=False)
    fixed = (b["t"] > b["s"]) | np.isin(np.arange(72), b["car"] + b["ret"])
    np.testing.assert_allclose(b["basic"].sum(axis=1)[fixed], b["s"][fixed], rtol=1e-12)
    assert b["d"][b["car"] + b["ret"]].sum() == pytest.approx(4435080.0, abs=5)
    # what is not given back: net product taxes and the gaps of rows without margins (a sixth)
    assert b["r"].sum() - b["d"][b["car"] + b["ret"]].sum() == pytest.approx(905960.0, abs=5)
    finals = b["basic"][:71, 71:]
    assert (np.delete(finals, [5, 6], axis=1) >= 0).all()   # all but inventories and exports


def test_us_table_recomputed_with_numpy_from_the_bea_files():
    """Independent computation from data/bea-io-2021 (BEA 2021 supply-use tables, QuantEcon's
    copy; csv read with pandas, algebra in numpy by position): steps 1-3 of the approximation,
    then Z = D U with D = V q^-1 (industry technology, Miller & Blair 2009, ch. 5), and the
    Leontief and Ghosh inverses. Pins the figures chapter 5 tells: 21 key sectors, primary metals
    first on the forward side, farms among them, and the motor-vehicle shock."""
    for domestic in (False, True):
        b = _us_basic_numpy(domestic)
        us = ck.us_io_table(domestic=domestic)
        np.testing.assert_allclose(us.Z.to_numpy(), b["Z"], rtol=1e-10, atol=1e-6)
        np.testing.assert_allclose(us.x.to_numpy(), b["x"], rtol=1e-12)
    Z, x = b["Z"], b["x"]
    n = len(x)
    L = np.linalg.inv(np.eye(n) - Z / x)
    G = np.linalg.inv(np.eye(n) - Z / x[:, None])
    back, fwd = L.sum(axis=0), G.sum(axis=1)
    key = (back > back.mean()) & (fwd > fwd.mean())
    lk = ck.linkages(us.Z, us.x)
    assert list(lk.index[key]) == list(lk.index[lk["sector_type"] == "key sector"])
    assert key.sum() == 21 and key[0]                               # farms
    top = int(np.argmax(fwd))
    assert us.x.index[top] == "Primary metals" and key[top]
    assert fwd[top] / fwd.mean() == pytest.approx(1.578, abs=5e-4)
    j = list(us.x.index).index("Motor vehicles & parts")
    delta = L[:, j] * 1000.0
    assert delta.sum() == pytest.approx(2088.9, abs=0.05)
    others = np.delete(np.arange(n), j)
    order = others[np.argsort(-delta[others])]
    assert list(us.x.index[order[:2]]) == ["Wholesale", "Primary metals"]


def _liaoning_domestic_numpy(year: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Liaoning's domestic table in common groups, from the CSVs alone (pandas and numpy)."""
    root = ck.data.data_dir()
    ln = pd.read_csv(root / "cn-liaoning-io-2002-2017" / "cn_liaoning_io42_2002_2017_long.csv")
    ln = ln[(ln["year"] == year) & ln["row_code"].str.startswith("sec")]
    W = ln.pivot(index="row_code", columns="col_code", values="value_10k_yuan").fillna(0.0)
    secs = sorted(c for c in W.columns if c.startswith("sec"))
    m = W["FU304"] if year == 2007 else W["IM"] + W["IF"]
    e = W["FU302"] if year == 2007 else W["EX"] + W["OF"]
    Zd = W.loc[secs, secs].to_numpy() * (1 - m / (W["GO"] + m - e)).loc[secs].to_numpy()[:, None]
    cls = pd.read_csv(root / "classifications" / "cn-io42.csv")
    common = pd.read_csv(root / "classifications" / "cn-io-common.csv")
    group = cls[cls["year"] == year].set_index("code")["common"].loc[secs]
    S = (group.to_numpy()[None, :] == common["code"].to_numpy()[:, None]).astype(float)
    return S @ Zd @ S.T, S @ W.loc[secs, "GO"].to_numpy(), list(common["short"])


@pytest.mark.parametrize("year,n_key,smelting", [(2007, 9, "backward-oriented"),
                                                 (2012, 11, "key sector"),
                                                 (2017, 10, "key sector")])
def test_liaoning_domestic_tables_recomputed_with_numpy(year, n_key, smelting):
    """Independent computation from data/cn-liaoning-io-2002-2017 (Liaoning Provincial Bureau of
    Statistics via CHNIO): imports and inflows removed in proportion, z_ij (1 - m_i / (x_i + m_i
    - e_i)) (the proportional assumption of BEA's import matrices; Miller & Blair 2009, ch. 2
    and 4), then the 38 common groups. Pins the key sectors chapters 5 and 7 tell."""
    Z, x, names = _liaoning_domestic_numpy(year)
    t = ck.liaoning_io_table(year)
    assert list(t.x.index) == names
    np.testing.assert_allclose(t.Z.to_numpy(), Z, rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(t.x.to_numpy(), x, rtol=1e-12)
    n = len(x)
    back = np.linalg.inv(np.eye(n) - Z / x).sum(axis=0)
    fwd = np.linalg.inv(np.eye(n) - Z / x[:, None]).sum(axis=1)
    key = (back > back.mean()) & (fwd > fwd.mean())
    assert key.sum() == n_key
    lk = ck.linkages(t.Z, t.x)
    assert list(lk.index[key]) == list(lk.index[lk["sector_type"] == "key sector"])
    assert lk.loc["Metal smelting", "sector_type"] == smelting


def _analysis_tables():
    yield "US 71", ck.us_io_table()
    yield "US 15", ck.us_io_table(level=15)
    for year in (2007, 2012, 2017):
        yield f"Liaoning {year}", ck.liaoning_io_table(year)
        yield f"Liaoning {year} (42)", ck.liaoning_io_table(year, common=False)


def test_tables_used_for_linkages_are_consistent():
    """Every table the chapters compute linkages on: intermediate sales at most output in every
    sector, final demand x - Zi non-negative, allocation coefficients (Ghosh's B = x^-1 Z,
    Miller & Blair 2009, ch. 12) with row sums below 1."""
    for name, t in _analysis_tables():
        sales = t.Z.sum(axis=1)
        assert (sales <= t.x).all(), f"{name}: {list(sales.index[sales > t.x])} sell more than they make"
        assert (t.final_demand >= 0).all(), f"{name}: negative final demand"
        assert (t.Z.div(t.x, axis=0).sum(axis=1) < 1).all(), f"{name}: allocation row sum >= 1"


def test_published_final_demand_is_non_negative_except_inventories_and_trade():
    """The published final uses other than inventories and net trade are non-negative: BEA 2021
    use table (consumption, fixed investment, government; QuantEcon's copy), Liaoning 2002-2017
    (household and government consumption, fixed capital formation)."""
    U = _bea_csv("use_71.csv")
    final = [c for c in U.columns if c.startswith("F") and c not in ("F030", "F040")]
    assert (U[final].iloc[:71] >= 0).all().all()
    ln = ck.data.load_cn_liaoning_io_2002_2017()
    own = ln[ln["row_code"].str.startswith("sec")
             & ln["column_code"].isin(["FU101", "FU102", "FU103", "FU201"])]
    assert (own["value_10k_yuan"] >= 0).all()


def test_competitive_and_purchasers_price_tables_fail_the_consistency_check():
    """Why the course removes imports and margins: in the published (competitive-import) tables,
    rows sell more to local industries than the province or country makes (Liaoning 2017: 14 of
    38 common groups; the US table with imports: primary metals among others). And the US table
    the course used before December 2026, BEA's use table at purchasers' prices with imports
    removed in proportion (q / (q + m)) but margins left in, recomputed here with numpy: seven
    industries sold more than they made, non-metallic minerals' final demand -44,476 million USD
    (the independent read of issue 23)."""
    t = ck.liaoning_io_table(2017, domestic=False)
    assert int((t.Z.sum(axis=1) > t.x).sum()) == 14
    us = ck.us_io_table(domestic=False)
    assert us.Z.sum(axis=1)["Primary metals"] > us.x["Primary metals"]
    use, sup = _bea_csv("use_71.csv"), _bea_csv("make_71.csv")
    V = sup.iloc[:71, :71].to_numpy().clip(min=0.0)
    q = V.sum(axis=1)
    m = (sup["Total Industry Output"].to_numpy()[:71] - q
         - sup["CIF/FOB Adjustments on Imports"].to_numpy()[:71]).clip(min=0.0)
    U = use.iloc[:71, :71].to_numpy() * (q / (q + m))[:, None]
    Z, x = (V.T / V.T.sum(axis=0)) @ U, V.sum(axis=0)
    assert int((Z.sum(axis=1) > x).sum()) == 7
    assert (x - Z.sum(axis=1)).min() == pytest.approx(-44476, abs=1)
    assert us.x.index[int(np.argmin(x - Z.sum(axis=1)))] == "Nonmetallic minerals"
    with pytest.raises(ValueError, match="only net outflows"):
        ck.liaoning_io_table(2002)
    assert ck.liaoning_io_table(2002, domestic=False).Z.shape == (38, 38)


@pytest.mark.parametrize("year", [2002, 2007, 2012, 2017])
def test_liaoning_common_groups_preserve_totals(year):
    """Aggregation sums rows and columns (Miller & Blair 2009, ch. 4): total flows, output and
    value added are the same in the 42 sectors and in the 38 common groups."""
    fine = ck.liaoning_io_table(year, common=False, domestic=False)
    coarse = ck.liaoning_io_table(year, domestic=False)
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
    with pytest.raises(TypeError, match="'domestic' must be True or False"):
        ck.liaoning_io_table(2017, domestic="no")
    assert isinstance(ck.liaoning_io_table(np.int64(2007)).x, pd.Series)


def test_us_key_sectors_named_in_chapter_5():
    """The 2021 US table (BEA, basic prices by the course's approximation, domestic flows): the
    key sectors chapter 5 names, materials, distribution and business services, farms among them;
    textiles, key in the purchasers'-price table, no longer; management of companies and forestry
    forward-oriented (regression checks that keep the chapter's text true)."""
    us = ck.us_io_table()
    lk = ck.linkages(us.Z, us.x)
    key = set(lk.index[lk["sector_type"] == "key sector"])
    assert key == {"Primary metals", "Wood products", "Paper", "Printing", "Fabricated metals",
                   "Nonmetallic minerals", "Plastics & rubber", "Petroleum & coal products",
                   "Wholesale", "Trucking", "Other transport services", "Warehousing",
                   "Administrative services", "Other real estate", "Insurance",
                   "Waste management", "Data & internet services", "Film & sound",
                   "Broadcasting & telecom", "Farms", "State & local enterprises"}
    for name in ("Management of companies", "Forestry & fishing", "Oil & gas",
                 "Rail transport"):
        assert lk.loc[name, "sector_type"] == "forward-oriented"
    assert lk.loc["Textiles", "sector_type"] == "backward-oriented"
    # the approximation's step 2: margin industries sell to industries in nearly the same shares
    shares = us.Z.div(us.x, axis=0).loc[["Wholesale", "Trucking", "Rail transport", "Pipelines"]]
    assert np.corrcoef(shares.to_numpy()).min() > 0.85


def test_liaoning_metals_and_machinery_as_told_in_chapters_5_and_7():
    """Liaoning's domestic tables in common groups (imports and inflows removed): metal smelting
    backward-oriented in 2007, a key sector in 2012 and 2017 with a rising forward index; machinery
    backward-oriented throughout; in the published competitive tables the key sectors fell from
    9 (2002) to 4 (2017) and smelting ended backward-oriented (the old headline, now explained)."""
    lk = {y: ck.linkages(t.Z, t.x) for y, t in ((y, ck.liaoning_io_table(y)) for y in (2007, 2012, 2017))}
    fwd = [lk[y].loc["Metal smelting", "forward_index"] for y in (2007, 2012, 2017)]
    assert fwd[0] < 1 < fwd[1] < fwd[2]
    assert all(lk[y].loc["Machinery", "sector_type"] == "backward-oriented" for y in lk)
    old = {y: ck.linkages(t.Z, t.x) for y, t in
           ((y, ck.liaoning_io_table(y, domestic=False)) for y in (2002, 2017))}
    assert [int((old[y]["sector_type"] == "key sector").sum()) for y in (2002, 2017)] == [9, 4]
    assert old[2017].loc["Metal smelting", "sector_type"] == "backward-oriented"

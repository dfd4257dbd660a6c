"""Tests for coursekit.charts.regions (lq_heatmap, lorenz, ranking, shift_share and
density_entry charts), through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import pandas as pd
import pytest
from chartspecs import layer_rows as _rows
from chartspecs import spec_of as _spec

import coursekit as ck
from coursekit.charts import lorenz_chart, lq_heatmap_chart, ranking_chart, shift_share_chart

M = pd.DataFrame(
    {"Mining": [50.0, 1.0, 4.0], "Retail": [100.0, 300.0, 200.0], "Tech": [10.0, 30.0, 90.0]},
    index=pd.Index(["Wyoming", "Ohio", "Texas"], name="state"),
)
M.columns.name = "sector"
#: REAT's Farhauer & Kröll example (three regions, four industries).
E0 = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
                  index=["A", "B", "C"], dtype=float)
E1 = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
                  index=["A", "B", "C"], dtype=float)


def test_lq_heatmap_spec() -> None:
    spec = _spec(lq_heatmap_chart(ck.location_quotient(M), title="LQ", source="Source: test"))
    assert spec["mark"]["type"] == "rect"
    assert spec["width"] == "container"
    assert spec["title"]["text"] == "LQ" and spec["title"]["subtitle"] == ["Source: test"]
    assert "Mining in Wyoming" in spec["description"]
    enc = spec["encoding"]
    assert enc["x"]["field"] == "industry" and enc["y"]["field"] == "region"
    assert enc["color"]["scale"]["type"] == "log" and enc["color"]["scale"]["domainMid"] == 1
    assert enc["y"]["sort"] == ["Wyoming", "Ohio", "Texas"]
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 9


def test_lq_heatmap_zero_lq_is_not_logged() -> None:
    lq = ck.location_quotient(pd.DataFrame({"a": [0.0, 5.0], "b": [5.0, 5.0]}))
    rows = next(iter(_spec(lq_heatmap_chart(lq))["datasets"].values()))
    assert [r["lq_pos"] for r in rows if r["lq"] == 0] == [None]


def test_lorenz_chart_spec() -> None:
    chart = lorenz_chart(ck.lorenz_curve(M, ["Mining", "Tech"]), title="Lorenz")
    spec = _spec(chart)
    assert spec["width"] == "container" and spec["title"]["text"] == "Lorenz"
    assert "Mining, Tech" in spec["description"]
    assert len(spec["layer"]) == 2
    line = spec["layer"][1]
    assert line["mark"]["type"] == "line"
    assert line["encoding"]["x"]["field"] == "cum_total_share"
    assert line["encoding"]["y"]["field"] == "cum_industry_share"


def test_lorenz_chart_rejects_wrong_frame() -> None:
    with pytest.raises(ValueError, match="lacks column"):
        lorenz_chart(pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match="'curve' must be a pandas DataFrame"):
        lorenz_chart([1, 2])


def test_ranking_chart_spec_and_order() -> None:
    K = ck.krugman_index(M)
    spec = _spec(ranking_chart(K, title="Krugman", value_title="Krugman index"))
    assert spec["mark"]["type"] == "bar" and spec["width"] == "container"
    rows = next(iter(spec["datasets"].values()))
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True)
    assert spec["encoding"]["y"]["sort"] == [r["label"] for r in rows]
    assert spec["description"].startswith("Bar chart ranking 3 state values")


def test_ranking_chart_top_and_reference() -> None:
    spec = _spec(ranking_chart(ck.locational_gini(M), top=2, reference=0.5, source="S"))
    assert len(spec["layer"]) == 2 and spec["layer"][1]["mark"]["type"] == "rule"
    assert len(next(iter(spec["datasets"].values()))) in (1, 2)
    assert spec["height"] == 40 and spec["title"]["subtitle"] == ["S"]
    assert spec["description"]


def test_ranking_chart_rejects_empty() -> None:
    with pytest.raises(ValueError, match="'values' is empty"):
        ranking_chart(pd.Series([], dtype=float))


def test_long_titles_and_sources_wrap_for_phones() -> None:
    long_title = "Location quotients of every sector in every US state and DC, 2021"
    spec = _spec(
        lq_heatmap_chart(ck.location_quotient(M), title=long_title, source="Source: " + "x" * 90)
    )
    assert isinstance(spec["title"]["text"], list) and len(spec["title"]["text"]) == 2
    assert " ".join(spec["title"]["text"]) == long_title
    assert len(spec["title"]["subtitle"]) == 2


def test_shift_share_chart_spec() -> None:
    """REAT's Farhauer-Kroell example: stacked components per region, the actual change as
    a dot, regions sorted by it."""
    spec = _spec(shift_share_chart(ck.shift_share(E0, E1), title="Shift-share"))
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["stack"] == "zero"
    assert bars["encoding"]["y"]["sort"] == ["C", "B", "A"]  # by actual change
    rows = _rows(spec, 0)
    assert len(rows) == 9
    assert {r["component"] for r in rows} == {"National share", "Industry mix", "Regional share"}
    b_regional = next(r["value"] for r in rows if r["region"] == "B"
                      and r["component"] == "Regional share")
    assert b_regional == pytest.approx(32.0)
    dots = _rows(spec, 1)
    assert [d["value"] for d in dots] == [25.0, 55.0, 85.0]


def test_shift_share_chart_per_start_and_esteban() -> None:
    """Components as shares of the start (A: 27/180); Esteban-Marquillas parts with their
    sum (the regional share) as the dot."""
    spec = _spec(shift_share_chart(ck.shift_share(E0, E1), per_start=True))
    a = {r["component"]: r["value"] for r in _rows(spec, 0) if r["region"] == "A"}
    assert a["National share"] == pytest.approx(27 / 180)
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == ".0%"
    em = ck.esteban_marquillas(E0, E1)
    spec = _spec(shift_share_chart(em, parts=("competitive", "allocation")))
    dots = _rows(spec, 1)  # the sum of the parts shown: the regional share
    assert [d["value"] for d in dots] == pytest.approx(em["regional_share"].tolist())
    assert "sum of the parts shown" in spec["description"]
    nts = _spec(shift_share_chart(ck.shift_share(E0, E1), parts=("industry_mix",
                                                                  "regional_share")))
    assert [d["value"] for d in _rows(nts, 1)] == pytest.approx([-2.0, 31.0, -29.0])
    assert nts["layer"][0]["encoding"]["y"]["sort"] == ["B", "A", "C"]
    single = _spec(shift_share_chart(em, parts=("allocation",)))
    assert len(single["layer"]) == 2  # one part: bars and the zero rule, no dot
    with pytest.raises(ValueError, match="'parts'"):
        shift_share_chart(em, parts=("growth",))
    with pytest.raises(ValueError, match="one row per region"):
        shift_share_chart(ck.shift_share(E0, E1, by_industry=True))


def test_density_entry_chart_spec():
    before = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0]])
    after = pd.DataFrame([[1, 1, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]])
    res = ck.relatedness_entry(before, after, ck.relatedness_density(before, ck.proximity(before)),
                               n_bins=2)
    spec = _spec(ck.charts.density_entry_chart(res.by_bin, source="Source: test"))
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][1]["mark"]["type"] == "rule"
    bars = _rows(spec, 0)
    assert [b["entry_rate"] for b in bars] == res.by_bin["entry_rate"].tolist()
    assert "overall rate 50%" in spec["description"]



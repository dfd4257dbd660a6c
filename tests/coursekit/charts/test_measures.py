"""Tests for coursekit.charts.measures through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import warnings

import altair as alt
import pandas as pd
import pytest

import coursekit as ck
from coursekit.charts import lorenz_chart, lq_heatmap_chart, ranking_chart

M = pd.DataFrame(
    {"Mining": [50.0, 1.0, 4.0], "Retail": [100.0, 300.0, 200.0], "Tech": [10.0, 30.0, 90.0]},
    index=pd.Index(["Wyoming", "Ohio", "Texas"], name="state"),
)
M.columns.name = "sector"


def _spec(chart: alt.TopLevelMixin) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return chart.to_dict()


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

"""Tests for coursekit.charts.panels through the Vega-Lite spec (chart.to_dict()):
lines_chart (series over time, reference and event rules in the theme's named styles, a
phone's width: 390 px, the chart drawn 342 px wide), the convergence chart and the sector
structure chart."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chartspecs import all_rows as _data
from chartspecs import assert_full_chart as _assert_full_chart

import coursekit as ck
from coursekit.charts import convergence_chart, lines_chart, sector_structure_chart, theme
from coursekit.charts._text import PHONE_CHART_PX, PHONE_TEXT_PX, text_width

#: The chapter-7 chart of four old industrial regions: long series names, four sources.
FOUR = pd.DataFrame({
    "Great Lakes / US, personal income (BEA)": pd.Series({1929: 1.2, 2000: 1.0, 2024: 0.9}),
    "Ruhr / Germany, GDP (15 RVR counties)": pd.Series({1992: 0.9, 2014: 0.85}),
    "Liaoning / 31 provinces, GDP (NBS)": pd.Series({1975: 1.9, 2013: 1.3}),
    "Lorraine / France, GDP (course's calculation)": pd.Series({1970: 1.0, 2010: 0.8}),
})
SOURCES = ck.data.attribution("us-state-income-1929-2024", "de-counties-gdp-1992-2014",
                              "cn-provinces-gdp-pop-1975-2013", "tiexi-facts")


def _four() -> dict:
    return lines_chart(FOUR, reference=1.0, events={2003: "2003"},
                       value_title="Per head, relative to the nation",
                       title="Four old industrial regions against their nations",
                       source=SOURCES).to_dict()


def _legend_lines(spec: dict) -> list[str]:
    """Every line of every legend label as Vega draws it (the labelExpr's lists of lines)."""
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    names = spec["layer"][0]["encoding"]["color"]["sort"]
    wrapped = {}
    if "labelExpr" in legend:
        wrapped = json.loads(re.match(r"(\{.*\})\[datum\.label\]", legend["labelExpr"]).group(1))
    return [line for name in names for line in wrapped.get(name, [name])]


def test_the_four_regions_chart_fits_a_phone_through_its_spec():
    """Title, source line and legend labels wrap to the width a phone leaves them (the
    theme limits titles to the container less 16 px; a legend starts after the y axis)."""
    spec = _four()
    title = spec["title"]
    lines = title["text"] if isinstance(title["text"], list) else [title["text"]]
    assert all(text_width(line, 15, bold=True) <= PHONE_TEXT_PX for line in lines), lines
    assert len(title["subtitle"]) > 2  # the four-source line wraps
    assert all(text_width(line, 12) <= PHONE_TEXT_PX for line in title["subtitle"])
    assert " ".join(title["subtitle"]) == SOURCES
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom" and legend["columns"] == 1
    for line in _legend_lines(spec):
        assert text_width(line, 12) + 20 <= PHONE_CHART_PX - 80, line  # after a y axis
        assert text_width(line, 12) <= legend["labelLimit"]  # never shortened by Vega
    assert {"Lorraine / France, GDP", "(course's calculation)"} <= set(_legend_lines(spec))


def test_the_four_regions_chart_draws_no_ellipsis_at_phone_width():
    """Drawn by Vega (vl-convert) 342 px wide in DejaVu Sans, with the theme's title limit
    as a phone's browser computes it: no text is shortened with "…" and nothing widens
    the chart."""
    vlc = pytest.importorskip("vl_convert")
    spec = _four()
    spec["width"] = PHONE_CHART_PX
    config = spec["config"]
    spec["config"] = {**config, "font": "DejaVu Sans, sans-serif",
                      "title": {**config["title"], "limit": PHONE_CHART_PX - 16}}
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    assert "…" not in svg
    assert float(re.search(r'<svg[^>]*?\swidth="([0-9.]+)"', svg).group(1)) <= PHONE_CHART_PX


def test_reference_and_event_rules_are_theme_styles():
    spec = _four()
    styled = {layer["mark"].get("style"): layer["mark"] for layer in spec["layer"]
              if layer["mark"].get("style")}
    assert set(styled) == {"reference", "event", "event-label"}
    for mark in styled.values():  # the look comes from the theme, not from the chart
        assert not {"color", "strokeDash"} & set(mark)
    assert styled["event-label"]["fontSize"] == theme.EVENT_LABEL_SIZE
    assert set(theme.RULE_STYLES) <= set(spec["config"]["style"])


def test_a_series_and_gaps():
    one = lines_chart(pd.Series([0.3, 0.2], index=[2000, 2010], name="sigma")).to_dict()
    assert "color" not in one["layer"][0]["encoding"]  # one series: no legend
    assert one["layer"][0]["encoding"]["y"]["title"] == "sigma"
    assert one["title"]["text"] == "sigma over time"
    gaps = lines_chart(FOUR).to_dict()
    rows = [r for rows in gaps["datasets"].values() for r in rows if "series" in r]
    assert len(rows) == int(FOUR.notna().sum().sum())  # NaN are gaps, not zeros
    with pytest.raises(TypeError, match="'value_title' must be a string"):
        lines_chart(FOUR, value_title=3)
    with pytest.raises(ValueError, match="'height'"):
        lines_chart(FOUR, height=10)


def test_the_three_old_line_charts_are_thin_deprecated_wrappers():
    values = pd.DataFrame({"a": [1.2, 1.0], "b": [0.8, np.nan]}, index=[2000, 2010])
    for old in ("sigma_chart", "specialisation_chart", "relative_income_chart"):
        with pytest.warns(FutureWarning, match=rf"ck.charts.{old} is deprecated .*lines_chart"):
            spec = getattr(ck.charts, old)(values, title="T").to_dict()
        assert spec["title"]["text"] == "T" and len(spec["layer"]) >= 2
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match="'relative' must be "
                                                                      "positive"):
        ck.charts.relative_income_chart(values * 0)


def _chart_entries() -> dict:
    here = Path(__file__).resolve().parents[2] / "fuzz"
    entries = {}
    for path in sorted(here.glob("registry_*.py")):
        entries.update({k: v for k, v in importlib.import_module(path.stem).ENTRIES.items()
                        if k.startswith("coursekit.charts.") and k.endswith("_chart")})
    return entries


def _marks(spec: dict) -> list[tuple[dict, dict]]:
    """(mark, encoding) of every view of a (layered, concatenated) spec."""
    found = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            found += _marks(part)
    if "mark" in spec:
        mark = spec["mark"] if isinstance(spec["mark"], dict) else {"type": spec["mark"]}
        found.append((mark, spec.get("encoding", {})))
    return found


@pytest.mark.parametrize("name", sorted(_chart_entries()))
def test_every_reference_or_event_rule_uses_a_theme_style(name):
    """A rule across the plot (no x2/y2: a reference value or a marked date) is drawn in a
    named style of the course theme; links between two points (x2, y2) are data."""
    entry = _chart_entries()[name]
    spec = entry.func(**entry.kwargs).to_dict()
    for mark, encoding in _marks(spec):
        if mark["type"] == "rule" and not {"x2", "y2"} & set(encoding):
            assert mark.get("style") in theme.RULE_STYLES, (name, mark)
            assert not {"color", "strokeDash"} & set(mark), (name, mark)


Y = pd.DataFrame({2000: [1.0, 2.0, 4.0, 3.0], 2010: [2.0, 3.0, 5.0, 4.0]}, index=list("abcd"))
REL = pd.DataFrame({"Ruhr (counties)": [0.86, 0.83, np.nan],
                    "Lorraine (benchmarks)": [np.nan, 0.80, 0.76]}, index=[1992, 2000, 2010])
VA = pd.DataFrame({"primary": [1.0, 1.0], "secondary": [5.0, 6.0], "tertiary": [4.0, 3.0]},
                  index=[2011, 2002])


@pytest.mark.parametrize("make", [
    lambda: convergence_chart(Y, 2000, 2010),
    lambda: lines_chart(ck.sigma_convergence(Y), events={2005: "event"}),
    lambda: lines_chart(pd.DataFrame({"x": [2.0, 1.0]}, index=[2000, 2010]), reference=1.0),
    lambda: lines_chart(REL, reference=1.0, events={2003: "2003"}, title="T", source="S"),
    lambda: sector_structure_chart(VA, title="T", source="S"),
])
def test_every_chart_has_title_description_and_container_width(make):
    _assert_full_chart(make())


def test_convergence_chart_draws_the_fitted_line_of_beta_convergence():
    """The dashed line is a + b ln y at the smallest and largest initial incomes."""
    res = ck.beta_convergence(Y, 2000, 2010)
    spec = convergence_chart(Y, 2000, 2010, groups=pd.Series(list("xxyy"), index=Y.index)).to_dict()
    rows = [r for r in _data(spec) if "region" not in r]
    assert [r["growth"] for r in rows] == pytest.approx(
        [res.intercept + res.slope * np.log(1.0), res.intercept + res.slope * np.log(4.0)])
    assert f"{res.slope:.4f}" in spec["description"]
    assert {r["group"] for r in _data(spec) if "group" in r} == {"x", "y"}
    with pytest.raises(ValueError, match="'groups' has no group"):
        convergence_chart(Y, 2000, 2010, groups=pd.Series({"a": "x"}))


def test_lines_chart_takes_several_panels():
    two = pd.DataFrame({"West": [0.3, 0.2], "East": [0.2, 0.1]}, index=[2000, 2014])
    spec = lines_chart(two).to_dict()
    assert {r["series"] for r in _data(spec) if "series" in r} == {"West", "East"}
    spec = lines_chart(two, reference=1.0, value_title="RTA").to_dict()
    assert "West: 0.300 in 2000" in spec["description"]
    with pytest.raises(TypeError, match="'values' must be indexed by years"):
        lines_chart(two.rename(index=str))
def test_lines_chart_draws_every_observed_point_and_no_gap_as_zero():
    spec = lines_chart(REL, reference=1.0).to_dict()
    points = {(r["series"], r["year"], r["value"]) for r in _data(spec) if "series" in r}
    assert points == {("Ruhr (counties)", 1992.0, 0.86), ("Ruhr (counties)", 2000.0, 0.83),
                      ("Lorraine (benchmarks)", 2000.0, 0.80),
                      ("Lorraine (benchmarks)", 2010.0, 0.76)}
    assert {"ref": 1.0} in _data(spec)
    assert "Lorraine (benchmarks): 0.800 in 2000, 0.760 in 2010" in spec["description"]


def test_lines_chart_refuses_bad_series():
    with pytest.raises(ValueError, match="without any value"):
        lines_chart(REL.assign(empty=np.nan))
    with pytest.raises(TypeError, match="indexed by years"):
        lines_chart(REL.set_axis(["a", "b", "c"]))
    with pytest.raises(TypeError, match="'events' must be a dict"):
        lines_chart(REL, events=[2003])


def test_sector_structure_chart_stacks_shares_in_year_order():
    """Shares are each year's values over its total; years are sorted (2002 before 2011)."""
    spec = sector_structure_chart(VA).to_dict()
    rows = _data(spec)
    assert [r["year"] for r in rows][:3] == ["2002", "2002", "2002"]
    share = {(r["year"], r["sector"]): r["share"] for r in rows}
    assert share[("2002", "secondary")] == pytest.approx(0.6)
    assert share[("2011", "tertiary")] == pytest.approx(0.4)
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert "primary: 10% in 2002" in spec["description"]


def test_sector_structure_chart_checks_shares_when_not_normalising():
    with pytest.raises(ValueError, match="add up to 1"):
        sector_structure_chart(VA, normalise=False)
    ok = sector_structure_chart(VA.div(VA.sum(axis=1), axis=0), normalise=False).to_dict()
    assert len(_data(ok)) == 6
    with pytest.raises(ValueError, match="negative"):
        sector_structure_chart(-VA)
    with pytest.raises(TypeError, match="'normalise' must be True or False"):
        sector_structure_chart(VA, normalise="yes")


def test_convergence_chart_axes_fit_the_data():
    """Issue 24: the log axis spans the incomes (padded 10 %), not 100-10,000, and the growth
    axis does not start at 0."""
    spec = convergence_chart(Y, 2000, 2010).to_dict()
    enc = spec["layer"][0]["encoding"]
    low, high = enc["x"]["scale"]["domain"]
    assert enc["x"]["scale"]["nice"] is False
    assert low == pytest.approx(Y[2000].min() / 1.1) and high == pytest.approx(Y[2000].max() * 1.1)
    assert enc["y"]["scale"]["zero"] is False

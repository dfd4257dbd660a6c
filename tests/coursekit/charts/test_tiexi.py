"""Tests for the chapter-7 chart helpers (Tiexi and old industrial regions), through their specs."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

from coursekit.charts import lines_chart, sector_structure_chart

REL = pd.DataFrame({"Ruhr (counties)": [0.86, 0.83, np.nan],
                    "Lorraine (benchmarks)": [np.nan, 0.80, 0.76]}, index=[1992, 2000, 2010])
VA = pd.DataFrame({"primary": [1.0, 1.0], "secondary": [5.0, 6.0], "tertiary": [4.0, 3.0]},
                  index=[2011, 2002])


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


@pytest.mark.parametrize("make", [
    lambda: lines_chart(REL, reference=1.0, events={2003: "2003"}, title="T", source="S"),
    lambda: sector_structure_chart(VA, title="T", source="S"),
])
def test_every_chart_has_title_description_and_container_width(make):
    chart = make()
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()
    assert spec["title"]["text"] == "T" and spec["title"]["subtitle"] == ["S"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    json.dumps(spec)


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

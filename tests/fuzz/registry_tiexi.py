"""Fuzz entries: chapter 7 (relative income per head, growth by period, the facts loader, charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

OUTPUT = pd.DataFrame({2000: [30.0, 70.0, 50.0], 2010: [40.0, 110.0, 50.0]},
                      index=["a", "b", "c"])
POPULATION = pd.DataFrame({2000: [3.0, 7.0, 10.0], 2010: [4.0, 6.0, 10.0]},
                          index=["a", "b", "c"])
LEVELS = pd.DataFrame({2000: [100.0, 50.0], 2002: [121.0, 60.0], 2010: [150.0, 80.0]},
                      index=["a", "b"])
RELATIVE = pd.DataFrame({"A": [1.2, 1.0, np.nan], "B": [np.nan, 0.9, 0.8]},
                        index=[1990, 2000, 2010])
SECTORS = pd.DataFrame({"primary": [1.0, 1.0], "secondary": [5.0, 6.0], "tertiary": [4.0, 3.0]},
                       index=[2002, 2011])
TEXT = {"title": "A title", "source": "Source: test", "description": "A test chart."}


def _positive_ratio(result, kwargs):
    """A ratio of incomes per head is positive, indexed by years of the data."""
    assert (result > 0).all() and set(result.index) <= set(OUTPUT.columns)


def _growth_check(result, kwargs):
    """(1 + g)^(t1 - t0) reproduces the ratio of the levels."""
    for label in result.columns:
        start, end = (int(t) for t in label.split("-"))
        ratio = (1 + result[label]) ** (end - start)
        assert np.allclose(ratio, kwargs["values"][end] / kwargs["values"][start])


def _facts_check(result, kwargs):
    assert len(result) > 0 and not result["id"].duplicated().any()
    if kwargs["region"] is not None:
        assert set(result["region"]) == {kwargs["region"]}


ENTRIES = {
    "coursekit.relative_per_capita": Entry(
        ck.relative_per_capita, {"output": OUTPUT, "population": POPULATION, "members": "a",
                                 "benchmark": None, "skipna": False}, check=_positive_ratio,
        extra={"members": [["a", "a"], ["z"], pd.Series([True, False], index=["a", "b"])],
               "population": [POPULATION.iloc[:2], POPULATION * 0.0],
               "benchmark": [[], "z"]}),
    "coursekit.annual_growth": Entry(
        ck.annual_growth, {"values": LEVELS, "periods": [(2000, 2002), (2002, 2010)]},
        check=_growth_check,
        extra={"periods": [[(2002, 2000)], [(2000, 2003)], [(2000,)], [("2000", 2002)]],
               "values": [LEVELS.set_axis(["x", "y", "z"], axis=1), LEVELS * 0.0]}),
    "coursekit.data.load_tiexi_facts": Entry(
        ck.data.load_tiexi_facts, {"region": "Ruhr"}, check=_facts_check,
        extra={"region": ["ruhr", "Shenyang", ["Ruhr"]]}),
    "coursekit.charts.lines_chart": Entry(
        ck.charts.lines_chart, {"values": RELATIVE, "reference": 1.0, "events": {2003: "2003"},
                                "value_title": "Ratio", "value_format": ".2f", "height": 300,
                                **TEXT},
        extra={"values": [RELATIVE.assign(C=np.nan), RELATIVE.set_axis([1990.5, 2000, 2010]),
                          RELATIVE["A"], RELATIVE.rename(columns={"B": "A"})],
               "events": [[2003], {"x": "y"}], "height": [10**7, 2.5]}),
    "coursekit.charts.sector_structure_chart": Entry(
        ck.charts.sector_structure_chart, {"values": SECTORS, "normalise": True,
                                           "value_title": "Share", **TEXT},
        extra={"values": [SECTORS * 0.0, SECTORS.set_axis(["a", "b"])]}),
}

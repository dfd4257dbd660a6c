"""Tests for coursekit.charts.models_innovation (absorptive capacity, co-operation and
replicator charts), through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import pytest
from chartspecs import layer_rows as _rows
from chartspecs import spec_of as _spec

import coursekit as ck


def test_absorptive_chart_spec():
    grid = ck.absorptive_statics([0.0, 1.0, 2.0], [1.0, 3.0])
    spec = _spec(ck.charts.absorptive_chart(grid, y="marginal_rd"))
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["y"]["field"] == "marginal_rd"
    assert spec["title"]["text"] == "The return to own R&D"
    with pytest.raises(ValueError, match="'y'"):
        ck.charts.absorptive_chart(grid, y="own_rd")


def test_cooperation_chart_draws_the_threshold():
    values = ck.grim_trigger_values(5, 3, 1, [0.0, 0.25, 0.5, 0.75, 0.95])
    spec = _spec(ck.charts.cooperation_chart(values))
    assert spec["layer"][1]["mark"]["type"] == "rule"
    assert _rows(spec, 1) == [{"delta": 0.5}]
    assert "δ* = 0.50" in spec["description"]


def test_replicator_chart_marks_the_rest_point():
    paths = ck.replicator_path(ck.stag_hunt(), [0.7, 0.8], t_max=10, n_steps=20)
    spec = _spec(ck.charts.replicator_chart(paths))
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Share playing Stag"
    assert _rows(spec, 1) == [{"share": 0.75}]
    assert "rest point 0.75" in spec["description"]

"""Tests for coursekit.charts.models (core-periphery and growth-and-agglomeration charts),
through the Vega-Lite spec (chart.to_dict())."""

from __future__ import annotations

import pytest
from chartspecs import all_rows as _data
from chartspecs import assert_full_chart as _assert_full_chart

import coursekit as ck
from coursekit import CorePeriphery
from coursekit.charts import (
    adjustment_chart,
    growth_rate_chart,
    take_off_chart,
    tomahawk_chart,
    wiggle_chart,
    wiggle_slider_chart,
)

M = CorePeriphery(5.0, 0.4)
G = ck.GrowthAgglomeration()


@pytest.mark.parametrize("make", [
    lambda: wiggle_chart(M, [1.5, 2.0], n_lam=11),
    lambda: wiggle_slider_chart(M, n_T=5, n_lam=11),
    lambda: tomahawk_chart(M, [1.4, 1.7, 2.0], n_lam=21),
    lambda: adjustment_chart(M.simulate([0.4, 0.6], T=1.5, n_steps=10)),
    lambda: growth_rate_chart(G, [0.5, 1.0], n_points=11),
    lambda: take_off_chart(G, [0.2, 0.253, 0.3]),
    lambda: take_off_chart(G, [0.2, 0.253, 0.3], show="share"),
])
def test_every_chart_has_title_description_and_container_width(make):
    _assert_full_chart(make())


def test_wiggle_has_one_line_per_T():
    spec = wiggle_chart(M, [1.5, 1.7, 2.0], n_lam=11).to_dict()
    labels = {row["label"] for row in _data(spec) if "label" in row}
    assert labels == {"T = 1.50", "T = 1.70", "T = 2.00"}
    assert "sigma=5" in spec["description"]


def test_slider_is_bound_range_and_filters_precomputed_grid():
    spec = wiggle_slider_chart(M, T_min=1.3, T_max=2.1, n_T=9, n_lam=11).to_dict()
    param = spec["params"][0]
    assert param["bind"]["input"] == "range"
    assert param["bind"]["min"] == pytest.approx(1.3) and param["bind"]["max"] == pytest.approx(2.1)
    assert param["bind"]["step"] == pytest.approx(0.1)
    rows = [r for r in _data(spec) if "gap" in r]
    assert len(rows) == 9 * 11  # the whole (T, λ) grid is in the page
    filters = [t["filter"] for layer in spec["layer"] for t in layer.get("transform", [])]
    assert any("T_sel" in f for f in filters)


def test_slider_rejects_bad_range():
    with pytest.raises(ValueError, match="T_min"):
        wiggle_slider_chart(M, T_min=0.9, T_max=2.0)


def test_tomahawk_marks_break_and_sustain_points():
    spec = tomahawk_chart(M, [1.4, 1.7, 2.0], n_lam=21).to_dict()
    labels = [r["label"] for r in _data(spec) if "label" in r]
    assert any(lab.startswith("break point T_B = 1.627") for lab in labels)
    assert any(lab.startswith("sustain point T_S = 1.807") for lab in labels)
    eq = {r["Equilibrium"] for r in _data(spec) if "Equilibrium" in r}
    assert eq == {"stable", "unstable"}


def test_tomahawk_black_hole_says_so():
    spec = tomahawk_chart(CorePeriphery(2.0, 0.6), [1.2, 2.0], n_lam=21).to_dict()
    assert "no-black-hole condition fails" in spec["description"]
    assert len(spec["layer"]) == 1  # no empty rule/text layers (they would lack alt text)


def test_adjustment_chart_data_and_labels_from_the_simulation():
    spec = adjustment_chart(M.simulate([0.4, 0.6], T=1.5, gamma=5.0, n_steps=10)).to_dict()
    starts = {r["start"] for r in _data(spec)}
    assert starts == {"λ₀ = 0.40", "λ₀ = 0.60"}
    assert spec["title"]["text"] == "Adjustment dynamics at T = 1.5"
    assert "γ = 5" in spec["title"]["subtitle"][0]


def test_bad_model_type():
    with pytest.raises(TypeError, match="model"):
        wiggle_chart("not a model")


def test_adjustment_chart_takes_the_paths_it_draws():
    paths = M.simulate([0.3, 0.7], T=1.5, gamma=5.0, t_max=10.0, n_steps=5)
    spec = adjustment_chart(paths, title="Paths").to_dict()
    assert len(_data(spec)) == len(paths)
    assert "0.30, 0.70" in spec["description"]
    with pytest.raises(ValueError, match="paths"):
        adjustment_chart(paths.drop(columns="lam"))
    with pytest.raises(TypeError, match="'paths' must be a pandas DataFrame"):
        adjustment_chart(M)


def test_growth_rate_chart_global_spillovers_line_is_flat():
    spec = growth_rate_chart(G, [0.5, 1.0], n_points=11).to_dict()
    flat = [r["g"] for r in _data(spec) if r["lam"] == 1.0]
    assert max(flat) - min(flat) < 1e-12
    assert "lambda = 0.5, 1" in spec["description"]


def test_take_off_chart_marks_break_and_sustain_points():
    spec = take_off_chart(G, [0.2, 0.253, 0.3]).to_dict()
    labels = [r["label"] for r in _data(spec) if "label" in r]
    assert labels == [f"break point φ_B = {G.break_point():.3f}",
                      f"sustain point φ_S = {G.sustain_point():.3f}"]
    stages = {r["stage"] for r in _data(spec) if "stage" in r}
    assert stages == {"dispersed", "take-off", "core-periphery"}
    with pytest.raises(ValueError, match="'show' must be"):
        take_off_chart(G, show="both")

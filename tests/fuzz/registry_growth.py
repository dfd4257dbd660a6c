"""Fuzz entries: chapter 3 (growth models, convergence, cluster strength, charts, data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import coursekit as ck
from fuzzing import Entry

MODEL = ck.GrowthAgglomeration(L=1.0, rho=0.1, mu=0.4, sigma=4.0, lam=0.5)
DT = ck.DixonThirlwall()
G_SYM, G_CP = MODEL.growth_rate(0.5), MODEL.growth_rate(1.0)
PANEL = pd.DataFrame({2000: [1.0, 2.0, 4.0, 3.0, 5.0], 2005: [1.5, 2.5, 4.5, 3.0, 5.5],
                      2010: [2.0, 3.0, 5.0, 4.0, 6.0]}, index=list("abcde"))
_rng = np.random.default_rng(0)
_cells = pd.MultiIndex.from_product([range(12), list("xyz")], names=["region", "industry"])
_e0 = _rng.uniform(10, 100, len(_cells))
TIDY = pd.concat([pd.DataFrame({"year": 2000, "employment": _e0}, index=_cells),
                  pd.DataFrame({"year": 2010, "employment": _e0 * _rng.uniform(0.8, 1.3, 36)},
                               index=_cells)]).reset_index()
TIDY.attrs["roles"] = {"value": "employment", "time": "year"}  # as the course's loaders do
SPEC = pd.DataFrame({"telecom": [3.0, 2.0, 1.5], "chemistry": [0.5, 0.6, 0.7]},
                    index=[2000, 2010, 2020])
TEXT = {"title": "A title", "source": "Source: test", "description": "A test chart."}


def _growth_between(result, kwargs):
    values = np.asarray(result, dtype=float).ravel()
    assert ((values >= G_SYM - 1e-12) & (values <= G_CP + 1e-12)).all(), "g outside [g_sym, g_CP]"


def _unit(result, kwargs):
    values = np.asarray(result, dtype=float).ravel()
    assert ((values >= 0) & (values <= 1 + 1e-12)).all(), "outside [0, 1]"


def _model_ok(result, kwargs):
    assert result.break_point() < result.sustain_point() + 1e-12
    assert result.growth_rate(1.0) >= result.growth_rate(0.5) > 0


def _states(result, kwargs):
    assert result["s_K"].between(0, 1).all()
    assert set(result["kind"]) <= {"symmetric", "interior", "core-periphery"}


def _beta(result, kwargs):
    """A slope only where start incomes differ; half-life ln 2 / speed (infinite at speed 0)."""
    start = np.log(np.asarray(kwargs["incomes"][kwargs["start"]], dtype=float))
    assert np.ptp(start) > 1e-9 * (1.0 + np.abs(start).max()), \
        "a slope was fitted although every region starts at the same income"
    finite = [v for k, v in result._asdict().items() if k != "half_life"]
    assert np.isfinite(finite).all(), "NaN or infinity in the result"
    if result.speed == 0:
        assert result.half_life == np.inf
    else:
        assert abs(result.half_life * result.speed - np.log(2)) < 1e-9
    assert result.n >= 3


def _sigma(result, kwargs):
    assert (result >= 0).all()


def _markov(result, kwargs):
    assert np.allclose(result.matrix.sum(axis=1), 1.0)
    assert abs(result.ergodic.sum() - 1) < 1e-9


def _finite_path(result, kwargs):
    assert np.isfinite(result["g"]).all() and np.isfinite(result["log_output"]).all()


def _dt_path(result, kwargs):
    g = result["g"].to_numpy()
    assert np.allclose(g[1:], DT.autonomous + DT.root * g[:-1])


ENTRIES = {
    "coursekit.GrowthAgglomeration": Entry(ck.GrowthAgglomeration, {
        "L": 1.0, "rho": 0.1, "mu": 0.4, "sigma": 4.0, "lam": 0.5, "delta": 0.0},
        check=_model_ok),
    "coursekit.GrowthAgglomeration.omega": Entry(MODEL.omega, {"s_K": [0.2, 0.5]},
                                                 check=lambda r, kw: _unit(np.asarray(r) / 2, kw)),
    "coursekit.GrowthAgglomeration.growth_rate": Entry(MODEL.growth_rate, {"s_K": [0.2, 0.6]},
                                                       check=_growth_between),
    "coursekit.GrowthAgglomeration.real_growth_rate": Entry(MODEL.real_growth_rate,
                                                            {"s_K": 0.7}),
    "coursekit.GrowthAgglomeration.expenditure_share": Entry(MODEL.expenditure_share,
                                                             {"s_K": [0.0, 0.9]}, check=_unit),
    "coursekit.GrowthAgglomeration.tobin_q": Entry(MODEL.tobin_q, {"s_K": [0.3, 0.7],
                                                                   "phi": 0.25}),
    "coursekit.GrowthAgglomeration.location_gap": Entry(MODEL.location_gap, {
        "s_K": 0.6, "phi": [0.2, 0.3]}, extra={"phi": [[0.2, 0.3, 0.4]]}),
    "coursekit.GrowthAgglomeration.freeness": Entry(MODEL.freeness, {"tau": [1.0, 1.5]},
                                                    check=_unit),
    "coursekit.GrowthAgglomeration.break_point": Entry(MODEL.break_point, {}),
    "coursekit.GrowthAgglomeration.sustain_point": Entry(MODEL.sustain_point, {}),
    "coursekit.GrowthAgglomeration.steady_states": Entry(MODEL.steady_states, {
        "phi_values": [0.2, 0.253], "n_grid": 51}, check=_states,
        extra={"n_grid": [10**7, 4.5], "phi_values": [np.linspace(0.01, 1, 5)]}),
    "coursekit.GrowthAgglomeration.take_off": Entry(MODEL.take_off, {
        "phi_values": [0.2, 0.3], "n_grid": 51}),
    "coursekit.GrowthAgglomeration.solve_steady_state": Entry(MODEL.solve_steady_state, {
        "phi": 0.2532, "bracket": (0.5, 1.0)},
        extra={"bracket": [(0.9, 0.6), (0.5, 0.6, 0.7), ("a", 1.0)], "phi": [1.0, 0.01]}),
    "coursekit.DixonThirlwall": Entry(ck.DixonThirlwall, {
        "gamma": 1.0, "eta": -1.5, "delta": 0.5, "epsilon": 1.5, "lam": 0.5, "w": 0.05,
        "r_a": 0.02, "tau": 0.0, "p_f": 0.03, "z": 0.03}),
    "coursekit.DixonThirlwall.equilibrium_growth": Entry(DT.equilibrium_growth, {}),
    # A method's error that comes from the model's parameters names them (issue 22): the
    # parameters are fuzzed through the method.
    "coursekit.DixonThirlwall(parameters).equilibrium_growth": Entry(
        lambda gamma, eta, lam: ck.DixonThirlwall(gamma, eta, lam=lam).equilibrium_growth(),
        {"gamma": 1.0, "eta": -1.5, "lam": 0.5},
        refuse={"lam": [2 / 3], "gamma": [4 / 3]}),  # 1 + gamma*eta*lam = 0: no equilibrium
    "coursekit.DixonThirlwall(parameters).path": Entry(
        lambda gamma, eta, lam: ck.DixonThirlwall(gamma, eta, lam=lam).path(0.02, 40),
        {"gamma": 1.0, "eta": -1.5, "lam": 0.5}, check=_finite_path,
        extra={"gamma": [100.0, 3.0], "eta": [-100.0], "lam": [2.0]}),
    "coursekit.GrowthAgglomeration(parameters).steady_states": Entry(
        lambda L, rho, mu, sigma, lam, delta: ck.GrowthAgglomeration(
            L, rho, mu, sigma, lam, delta).steady_states([0.1, 0.5, 0.9], n_grid=21),
        {"L": 1.0, "rho": 0.1, "mu": 0.4, "sigma": 4.0, "lam": 0.5, "delta": 0.0},
        check=_states, extra={"sigma": [1.0001, 1e4], "mu": [0.999], "lam": [1e-6]}),
    "coursekit.DixonThirlwall.path": Entry(DT.path, {"g0": 0.02, "n_periods": 10},
                                           check=_dt_path, extra={"n_periods": [10**6, 2.5]}),
    "coursekit.beta_convergence": Entry(ck.beta_convergence, {
        "incomes": PANEL, "start": 2000, "end": 2010, "robust": False}, check=_beta,
        allow_nan=True,  # the half-life of a zero speed is infinite; _beta checks the rest
        extra={"end": [2000, 2005.0], "incomes": [PANEL.iloc[:2], PANEL * 0,
                                                  PANEL.rename(columns=str)]},
        # every region starts alike (rounding noise in the mean of the logs, issue 22)
        refuse={"incomes": [pd.DataFrame({2000: [c] * n, 2010: np.linspace(1, 2, n) * c})
                            for c, n in ((1.1, 10), (2.7, 7), (12345.6, 10), (7.3, 7))]}),
    "coursekit.sigma_convergence": Entry(ck.sigma_convergence, {"incomes": PANEL, "ddof": 1},
                                         check=_sigma, extra={"ddof": [2, 0.5]}),
    "coursekit.quah_transitions": Entry(ck.quah_transitions, {
        "incomes": PANEL, "n_classes": 2, "step": 1}, check=_markov,
        extra={"step": [3, 2.5], "n_classes": [21, 1]},
        # two closed groups of classes: the long-run distribution is not unique (issue 22)
        refuse={"incomes": [pd.DataFrame({t: [1.0, 1.1, 2.0, 2.2] for t in range(2000, 2005)})]}),
    "coursekit.cluster_growth_regression": Entry(ck.cluster_growth_regression, {
        "data": TIDY, "start": 2000, "end": 2010, "region": "region", "industry": "industry",
        "value": "employment", "time": "year", "groups": None},
        extra={"groups": [{"x": "a"}, {"x": "a", "y": "a", "z": "b"}],
               "start": [2010, 1999], "value": ["year"],
               "data": [TIDY.assign(employment=-1.0), TIDY.iloc[:6]]}),
    "coursekit.charts.convergence_chart": Entry(ck.charts.convergence_chart, {
        "incomes": PANEL, "start": 2000, "end": 2010, "groups": None, **TEXT},
        extra={"groups": [pd.Series({"a": "x"})]}),
    "coursekit.charts.growth_rate_chart": Entry(ck.charts.growth_rate_chart, {
        "model": MODEL, "lam_values": [0.5, 1.0], "n_points": 11, **TEXT},
        extra={"lam_values": [np.linspace(0.1, 1, 11)], "n_points": [10**6]}),
    "coursekit.charts.take_off_chart": Entry(ck.charts.take_off_chart, {
        "model": MODEL, "phi_values": [0.2, 0.3], "show": "growth", **TEXT},
        extra={"show": ["share "], "phi_values": [np.linspace(0.1, 0.9, 3000)]}),
    "coursekit.data.load_us_state_income_1929_2024": Entry(ck.data.load_us_state_income_1929_2024,
                                                 {"states_only": True}),
    "coursekit.data.load_cn_provinces_gdp_pop_1975_2013": Entry(ck.data.load_cn_provinces_gdp_pop_1975_2013, {}),
    "coursekit.data.load_de_counties_gdp_1992_2014": Entry(ck.data.load_de_counties_gdp_1992_2014,
                                                 {"balanced": True}),
}

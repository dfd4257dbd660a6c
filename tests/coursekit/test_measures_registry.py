"""The property registry of the measures of chapters 1-7, with shared property tests.

In the style of scikit-learn's estimator checks: every measure is described once in
``REGISTRY`` (how to call it on generated data, what its output is indexed by, its bounds,
how it responds to a change of units, a known identity) and each generic property test
runs over all of them, on data drawn by hypothesis (the seeded "course" profile of
``tests/conftest.py``, so every run draws the same examples):

* bounds and finiteness;
* units: a measure of shares is *invariant* to the unit of the data (persons or thousands,
  dollars or euros), a measure of amounts (shift-share components, extraction losses) is
  *linear* in it;
* relabelling: permuting regions, industries or sectors permutes the output, nothing else;
* the measure's known identity (LQ weighted mean = 1, shift-share components adding up to
  the change, L = I + AL, B = x^-1 A x, ECI standardised, CA total inertia = chi2/n,
  relatedness density a weighted share, Katz authority = output multipliers, ...);
* every region alike: the neutral value (LQ = 1, no specialisation, sigma = 0, relative
  income 1) or a clear refusal where the measure is undefined (beta convergence);
* bad input (NaN, negative, text) refused with a clear error.

``test_every_measure_of_the_flat_api_is_registered_or_excused`` fails when a function of
``ck.*`` is neither registered here nor listed in ``NOT_MEASURES`` with a reason.
Chapter 2 (mechanisms) has models only, no measure of data.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import chi2_contingency

import coursekit as ck


@dataclass(frozen=True)
class Measure:
    """One measure: how to call it on generated data and what its output must satisfy."""

    name: str  # the ck.* function measured (a registry key may add a variant in brackets)
    func: Callable[[Any], Any]  # generated data -> result
    kind: str  # the data: "matrix" (regions x industries counts), "sizes", "plants",
    # "pair" (two matrices, start and end), "io" (flows Z and final demand f), "panel"
    # (regions x years incomes)
    output: str  # indexed by "cell", "region", "industry", "industry2" (industry x
    # industry), "sector", "sector2", "year" or "scalar" (permutation-invariant)
    low: float
    high: float
    chapter: int
    units: str = "invariant"  # "invariant" or "linear" in the unit of the data
    identity: Callable[[Any, Any], None] | None = None  # (data, result); asserts
    alike: float | str | None = None  # its value when every region is alike, or "refuse"
    values: Callable[[Any], np.ndarray] | None = None  # the numbers of a result
    refuses_some: bool = False  # undefined on some generated data (a clear ValueError)
    nan_ok: bool = False  # NaN marks an undefined cell (e.g. an isolated activity)
    data: Any = None  # a hypothesis strategy for this measure (default: that of its kind)
    sample: Any = None  # one valid input (default: that of its kind)
    examples: int = 60  # hypothesis examples per property (fewer for the slow estimators)


# --------------------------------------------------------------------------- adapters


def _plants_call(f: Callable[..., Any]) -> Callable[[Any], Any]:
    """Call an EG-type index on a matrix: each cell becomes one plant of an industry."""

    def call(M: Any) -> Any:
        E = np.asarray(M, dtype=float)
        r, i = np.nonzero(np.ones_like(E))
        plants = pd.DataFrame({"region": r, "industry": i, "value": E[r, i]})
        plants = plants[plants["value"] > 0]
        return f(plants, pd.Series(E.sum(axis=1) * 2.0))  # other industries double it

    return call


def _io(data: tuple[Any, Any]) -> tuple[Any, np.ndarray]:
    """Flows Z and output x = Z 1 + f: productive, since each row of B sums to below 1.

    Z is passed on as given (a bad entry reaches coursekit's checks); x is computed from
    its numbers only.
    """
    Z, f = data
    numbers = np.vectorize(lambda v: float(v) if isinstance(v, (int, float, np.number))
                           else 0.0, otypes=[float])(np.asarray(Z, dtype=object))
    return Z, numbers.sum(axis=1) + np.asarray(f, dtype=float)


def _A(data: Any) -> np.ndarray:
    Z, x = _io(data)
    return ck.technical_coefficients(Z, x)


def _L(data: Any) -> np.ndarray:
    return ck.leontief_inverse(_A(data))


def _panel(Y: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(Y, index=[f"r{i}" for i in range(Y.shape[0])],
                        columns=2000 + 5 * np.arange(Y.shape[1]))


def _tidy(pair: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    E0, E1 = pair
    r, i = np.nonzero(np.ones_like(E0))
    return pd.DataFrame({"region": np.tile(r, 2), "industry": np.tile(i, 2),
                         "employment": np.concatenate([E0[r, i], E1[r, i]]),
                         "year": np.repeat([2000, 2010], r.size)})


# --------------------------------------------------------------------------- identities


def _lq_mean_is_one(M: Any, lq: pd.DataFrame) -> None:
    """Each industry's LQ averaged with the regions' employment weights is 1."""
    E = np.asarray(M, dtype=float)
    np.testing.assert_allclose(E.sum(axis=1) / E.sum() @ lq.to_numpy(), 1.0, rtol=1e-9)


def _components_add_up(pair: Any, out: pd.DataFrame) -> None:
    """Dunn (1960): national share + industry mix + regional share = actual change."""
    parts = out[["national_share", "industry_mix", "regional_share"]].sum(axis=1)
    np.testing.assert_allclose(parts, out["actual_change"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(out["actual_change"], (pair[1] - pair[0]).sum(axis=1))


def _em_adds_up(pair: Any, out: pd.DataFrame) -> None:
    """Esteban-Marquillas (1972): competitive + allocation effect = regional share."""
    np.testing.assert_allclose(out["competitive"] + out["allocation"], out["regional_share"],
                               rtol=1e-9, atol=1e-9)


def _leontief(data: Any, L: np.ndarray) -> None:
    """L = I + A L and L (I - A) = I (Miller & Blair 2009, ch. 2); L >= I."""
    A, n = _A(data), len(L)
    np.testing.assert_allclose(L, np.eye(n) + A @ L, atol=1e-9 * np.abs(L).max())
    np.testing.assert_allclose(L @ (np.eye(n) - A), np.eye(n), atol=1e-9 * np.abs(L).max())
    assert (L - np.eye(n) >= -1e-12).all()


def _duality(data: Any, A: np.ndarray) -> None:
    """Allocation and technical coefficients are similar matrices: B = x^-1 A x."""
    Z, x = _io(data)
    B = ck.allocation_coefficients(Z, x)
    np.testing.assert_allclose(B, np.diag(1 / x) @ A @ np.diag(x), rtol=1e-9, atol=1e-15)


def _ghosh(data: Any, G: np.ndarray) -> None:
    """G = x^-1 L x (Miller & Blair 2009, ch. 12)."""
    Z, x = _io(data)
    np.testing.assert_allclose(G, np.diag(1 / x) @ _L(data) @ np.diag(x), rtol=1e-8, atol=1e-12)


def _multipliers(data: Any, m: np.ndarray) -> None:
    """Output multipliers are the column sums of L, each at least 1."""
    np.testing.assert_allclose(m, _L(data).sum(axis=0), rtol=1e-12)


def _factor(data: Any, m: np.ndarray) -> None:
    """Simple factor multipliers w'L with w = factor / x (here the final demand as factor)."""
    Z, x = _io(data)
    np.testing.assert_allclose(m, (data[1] / x) @ _L(data), rtol=1e-9)


def _indices_average_one(data: Any, out: pd.DataFrame) -> None:
    """Rasmussen's indices are normalised to mean 1; forward = row sums of the Ghosh inverse."""
    np.testing.assert_allclose(out[["backward_index", "forward_index"]].mean(), 1.0)
    Z, x = _io(data)
    G = ck.ghosh_inverse(ck.allocation_coefficients(Z, x))
    np.testing.assert_allclose(out["forward"], G.sum(axis=1), rtol=1e-8)


def _extraction(data: Any, out: pd.DataFrame) -> None:
    """Extracting a sector never raises total output (Dietzenbacher & van der Linden 1997)."""
    assert (out.to_numpy() >= -1e-9 * _io(data)[1].sum()).all()


def _katz(data: Any, out: pd.DataFrame) -> None:
    """Authority Katz centrality with beta = 1 is the vector of output multipliers, and the
    eigenvector centralities sum to 1 (QuantEcon, "Networks")."""
    np.testing.assert_allclose(out["katz_authority"], ck.output_multipliers(_L(data)),
                               rtol=1e-9)
    np.testing.assert_allclose([out["hub"].sum(), out["authority"].sum()], 1.0)


def _correlations(data: Any, link: np.ndarray) -> None:
    """Feser & Bergman's linkage matrix is symmetric with a unit diagonal."""
    np.testing.assert_allclose(link, link.T, atol=1e-12)
    np.testing.assert_allclose(np.diag(link), 1.0)


def _proximity(M: Any, phi: pd.DataFrame) -> None:
    """Hidalgo et al. (2007): phi = min of the two conditional probabilities, symmetric."""
    X = ck.presence_matrix(M).to_numpy(dtype=float)
    co = X.T @ X
    ubiquity = X.sum(axis=0)
    want = co / np.maximum.outer(ubiquity, ubiquity)
    np.fill_diagonal(want, 0.0)
    np.testing.assert_allclose(phi.to_numpy(), want, atol=1e-12)


def _density(M: Any, dens: pd.DataFrame) -> None:
    """Density is the proximity-weighted share of related activities present."""
    X = ck.presence_matrix(M).to_numpy(dtype=float)
    phi = ck.proximity(X).to_numpy()
    total = phi.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        want = (X @ phi) / total
    np.testing.assert_allclose(dens.to_numpy(), want, atol=1e-12)


def _eci_standardised(M: Any, res: Any) -> None:
    """ECI has mean 0 and sd 1 (ddof 0) and is the mean PCI of a region's activities."""
    X = ck.presence_matrix(M).to_numpy(dtype=float)
    assert abs(res.eci.mean()) < 1e-9 and abs(res.eci.std(ddof=0) - 1) < 1e-9
    np.testing.assert_allclose(res.eci, (X @ res.pci.to_numpy()) / X.sum(axis=1), atol=1e-9)


def _chi2(M: Any, ca: Any) -> None:
    """Total inertia = chi2 / n (Greenacre 2017); the principal inertias add up to it."""
    N = np.asarray(M, dtype=float)
    chi2 = chi2_contingency(N, correction=False).statistic
    assert ca.total_inertia == pytest.approx(chi2 / N.sum(), rel=1e-9, abs=1e-15)
    assert ca.principal_inertias.sum() == pytest.approx(ca.total_inertia, rel=1e-9, abs=1e-15)


def _sigma(Y: Any, sigma: pd.Series) -> None:
    np.testing.assert_allclose(sigma, np.log(np.asarray(Y, dtype=float)).std(axis=0, ddof=1))


def _beta(Y: Any, res: Any) -> None:
    """b = -(1 - exp(-beta T)) / T and the half-life ln 2 / beta (Barro & Sala-i-Martin)."""
    if res.speed != 0:
        assert res.half_life * res.speed == pytest.approx(np.log(2))
    assert res.slope == pytest.approx(-(1 - np.exp(-res.speed * res.years)) / res.years)


def _markov(Y: Any, res: Any) -> None:
    """Rows of the transition matrix and the ergodic distribution are distributions."""
    np.testing.assert_allclose(res.matrix.sum(axis=1), 1.0)
    assert res.ergodic.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(res.ergodic.to_numpy() @ res.matrix.to_numpy(), res.ergodic,
                               atol=1e-9)


def _compound(Y: Any, g: pd.DataFrame) -> None:
    """(1 + g)^T is the ratio of the levels."""
    Y = np.asarray(Y, dtype=float)
    np.testing.assert_allclose((1 + g.iloc[:, 0]) ** 5, Y[:, 1] / Y[:, 0], rtol=1e-9)


def _ones(Y: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(1.0, index=Y.index, columns=Y.columns)


def _everyone(Y: Any, ratio: pd.Series) -> None:
    """The group of all regions against all regions is at the reference's level: 1; and a
    region's income per head over the nation's is its share of income over its share of
    people (here everyone counts one)."""
    np.testing.assert_allclose(ck.relative_per_capita(Y, _ones(Y), list(Y.index)), 1.0)
    np.testing.assert_allclose(ratio, Y.loc["r0"] / Y.mean(), rtol=1e-9)


# --------------------------------------------------------------------------- the registry


REGISTRY: dict[str, Measure] = {m.name: m for m in [
    # chapter 1: concentration and specialisation
    Measure("location_quotient", ck.location_quotient, "matrix", "cell", 0.0, np.inf, 1,
            identity=_lq_mean_is_one, alike=1.0),
    Measure("locational_gini", ck.locational_gini, "matrix", "industry", 0.0, 1.0, 1,
            alike=0.0),
    Measure("krugman_index", ck.krugman_index, "matrix", "region", 0.0, 2.0, 1, alike=0.0),
    Measure("herfindahl", ck.herfindahl, "sizes", "scalar", 0.0, 1.0, 1),
    Measure("herfindahl[normalized]", lambda s: ck.herfindahl(s, normalise=True), "sizes",
            "scalar", 0.0, 1.0, 1),
    Measure("ellison_glaeser", _plants_call(ck.ellison_glaeser), "plants", "industry",
            -np.inf, np.inf, 1),
    Measure("maurel_sedillot", _plants_call(ck.maurel_sedillot), "plants", "industry",
            -np.inf, 1.0, 1),
    Measure("raw_concentration", _plants_call(ck.raw_concentration), "plants", "industry",
            0.0, 2.0, 1),
    # chapter 3: convergence and cluster growth
    Measure("sigma_convergence", ck.sigma_convergence, "panel", "year", 0.0, np.inf, 3,
            identity=_sigma, alike=0.0),
    Measure("beta_convergence", lambda Y: ck.beta_convergence(Y, Y.columns[0], Y.columns[-1]),
            "panel", "scalar", -np.inf, np.inf, 3, identity=_beta, alike="refuse",
            values=lambda r: np.array([r.slope, r.speed, r.r2]), refuses_some=True, examples=30),
    Measure("quah_transitions", lambda Y: ck.quah_transitions(Y, n_classes=2), "panel",
            "scalar", 0.0, 1.0, 3, identity=_markov,
            values=lambda r: np.concatenate([r.matrix.to_numpy().ravel(), r.ergodic]),
            refuses_some=True, examples=25,
            sample=_panel(np.array([[1.0, 1.0, 2.0], [1.1, 2.0, 1.0], [2.0, 1.1, 1.1],
                                    [2.2, 2.2, 2.2]]))),
    Measure("cluster_growth_regression",
            lambda pair: ck.cluster_growth_regression(_tidy(pair), 2000, 2010, value="employment",
                                                       time="year"), "pair",
            "scalar", -np.inf, np.inf, 3,
            values=lambda r: r.coefficients["coef"].to_numpy(), refuses_some=True, examples=15),
    # chapter 4: relatedness and complexity
    Measure("presence_matrix", ck.presence_matrix, "matrix", "cell", 0.0, 1.0, 4, alike=1.0),
    Measure("proximity", lambda M: ck.proximity(ck.presence_matrix(M)), "matrix",
            "industry2", 0.0, 1.0, 4, identity=_proximity),
    Measure("relatedness_density",
            lambda M: ck.relatedness_density(ck.presence_matrix(M),
                                             ck.proximity(ck.presence_matrix(M))),
            "matrix", "cell", 0.0, 1.0, 4, identity=_density, nan_ok=True),
    Measure("complexity", lambda M: ck.complexity(ck.presence_matrix(M)), "matrix", "region",
            -np.inf, np.inf, 4, identity=_eci_standardised, values=lambda r: r.eci.to_numpy(),
            refuses_some=True, examples=30,
            sample=10 * np.tril(np.ones((4, 4), dtype=int))[::-1] + 1,  # a nested presence
            data=st.integers(6, 10).flatmap(lambda r: st.integers(5, 6).flatmap(
                lambda c: arrays(np.int64, (r, c), elements=st.integers(1, 10_000))))),
    # chapter 5: input-output
    Measure("technical_coefficients", _A, "io", "sector2", 0.0, np.inf, 5, identity=_duality),
    Measure("allocation_coefficients", lambda d: ck.allocation_coefficients(*_io(d)), "io",
            "sector2", 0.0, 1.0, 5),
    Measure("leontief_inverse", _L, "io", "sector2", 0.0, np.inf, 5, identity=_leontief),
    Measure("ghosh_inverse", lambda d: ck.ghosh_inverse(ck.allocation_coefficients(*_io(d))),
            "io", "sector2", 0.0, np.inf, 5, identity=_ghosh),
    Measure("output_multipliers", lambda d: ck.output_multipliers(_L(d)), "io", "sector",
            1.0, np.inf, 5, identity=_multipliers),
    Measure("factor_multipliers", lambda d: ck.factor_multipliers(_L(d), d[1], _io(d)[1]),
            "io", "sector", 0.0, np.inf, 5, identity=_factor),
    Measure("linkages", lambda d: ck.linkages(*_io(d)), "io", "sector", 0.0, np.inf, 5,
            identity=_indices_average_one,
            values=lambda r: r.drop(columns="sector_type").to_numpy(dtype=float)),
    Measure("hypothetical_extraction", lambda d: ck.hypothetical_extraction(*_io(d)), "io",
            "sector", -np.inf, np.inf, 5, units="linear", identity=_extraction),
    Measure("linkage_correlations", lambda d: ck.linkage_correlations(d[0]), "io", "sector2",
            -1.0, 1.0, 5, identity=_correlations, data=st.integers(3, 6).flatmap(
                lambda n: st.tuples(arrays(np.int64, (n, n), elements=st.integers(0, 1000)),
                                    arrays(np.int64, (n,), elements=st.integers(1, 1000))))),
    # chapter 6: methods
    Measure("io_centrality", lambda d: ck.io_centrality(_A(d)), "io", "sector", 0.0, np.inf, 6,
            identity=_katz, refuses_some=True),
    Measure("correspondence_analysis", ck.correspondence_analysis, "matrix", "scalar", 0.0,
            np.inf, 6, identity=_chi2, alike=0.0,
            values=lambda r: np.array([r.total_inertia])),
    Measure("shift_share", lambda pair: ck.shift_share(*pair), "pair", "region", -np.inf,
            np.inf, 6, units="linear", identity=_components_add_up),
    Measure("esteban_marquillas", lambda pair: ck.esteban_marquillas(*pair), "pair", "region",
            -np.inf, np.inf, 6, units="linear", identity=_em_adds_up),
    Measure("dynamic_shift_share",
            lambda pair: ck.dynamic_shift_share({0: pair[0], 1: pair[1], 2: pair[1]}),
            "pair", "region", -np.inf, np.inf, 6, units="linear",
            identity=_components_add_up, examples=25),
    # chapter 7: relative income and growth by period
    Measure("relative_per_capita",
            lambda Y: ck.relative_per_capita(Y, _ones(Y), "r0"), "panel", "year", 0.0, np.inf,
            7, identity=_everyone, alike=1.0, examples=25),
    Measure("annual_growth", lambda Y: ck.annual_growth(Y.iloc[:, :2], [tuple(Y.columns[:2])]),
            "panel", "region", -1.0, np.inf, 7, identity=_compound),
]}

#: Functions of the flat API that are not measures of data, and why.
NOT_MEASURES = {
    "activity_matrix": "builds the measures' input (a regions x industries matrix) from a "
                       "tidy table; tests/coursekit/regions/test_matrices.py",
    "activity_matrices": "one input matrix per year; test_matrices.py",
    "lorenz_curve": "a curve of cumulative shares to draw, not one number per unit; its ends "
                    "and monotonicity are tested in test_measures.py",
    "simulate_plants": "a generator of synthetic plants (Ellison & Glaeser's model); "
                       "test_agglomeration.py",
    "proximity_network": "the skeleton of a drawing (a maximum spanning tree plus the strongest "
                         "links); test_relatedness.py",
    "relatedness_entry": "a test of a hypothesis (entry rates, AUC, a sign test); "
                         "test_relatedness.py",
    "io_network": "a graph of the links kept above a threshold, not a number; test_networks.py",
    "io_communities": "a partition found by Louvain from a seeded node order (not invariant to "
                      "relabelling by construction); test_networks.py",
    "cluster_templates": "a decomposition into candidate clusters whose numbering and signs are "
                         "conventions; test_clusters.py",
    "symmetric_io_table": "builds an industry x industry table from use and make tables; "
                          "test_coefficients.py",
    "us_io_table": "data (BEA tables); test_tables.py",
    "germany_io_table": "data (Eurostat Manual); test_tables.py",
    "liaoning_io_table": "data (Liaoning tables); test_tables.py",
    "load_references": "the bibliography as data; tests/coursekit/data/test_bibliography.py",
    "references_path": "a path; test_bibliography.py",
    "CorePeriphery": "a model (chapter 2), not a measure of data; test_coreperiphery.py",
    "GrowthAgglomeration": "a model (chapter 3); test_growth.py",
    "DixonThirlwall": "a model (chapter 3); test_cumulative.py",
    "knowledge_stock": "a model of absorptive capacity (chapter 4); test_absorptive.py",
    "absorptive_capacity": "a model (chapter 4); test_absorptive.py",
    "absorptive_statics": "the model's comparative statics on a grid; test_absorptive.py",
    "stag_hunt": "a game's payoffs (chapter 4); test_games.py",
    "prisoners_dilemma": "a game's payoffs; test_games.py",
    "equilibria": "the equilibria of a game; test_games.py",
    "cooperation_threshold": "a closed form of the repeated game; test_games.py",
    "grim_trigger_values": "payoffs of the repeated game on a grid; test_games.py",
    "replicator_path": "a solution path of an ODE; test_games.py",
}


# --------------------------------------------------------------------------- data


def _values(out: Any) -> np.ndarray:
    if isinstance(out, (pd.Series, pd.DataFrame)):
        return out.to_numpy(dtype=float)
    return np.asarray(out, dtype=float).ravel() if np.ndim(out) else np.asarray([out], float)


def _numbers(m: Measure, out: Any) -> np.ndarray:
    return np.asarray(m.values(out) if m.values else _values(out), dtype=float)


matrices = st.integers(2, 6).flatmap(
    lambda r: st.integers(2, 5).flatmap(
        lambda c: arrays(np.int64, (r, c), elements=st.integers(1, 10_000))))
sizes = st.lists(st.integers(0, 10_000), min_size=2, max_size=30).filter(lambda v: sum(v) > 0)
pairs = st.integers(2, 6).flatmap(lambda r: st.integers(3, 5).flatmap(
    lambda c: st.tuples(arrays(np.int64, (r, c), elements=st.integers(1, 1000)),
                        arrays(np.int64, (r, c), elements=st.integers(1, 1000)))))
io_tables = st.integers(2, 6).flatmap(lambda n: st.tuples(
    arrays(np.int64, (n, n), elements=st.integers(0, 1000)),
    arrays(np.int64, (n,), elements=st.integers(1, 1000))))
panels = st.integers(3, 8).flatmap(lambda r: st.integers(2, 5).flatmap(lambda t: st.tuples(
    arrays(np.int64, (r, 1), elements=st.integers(100, 100_000)),
    arrays(np.float64, (r, t - 1), elements=st.floats(0.7, 1.6)),
))).map(lambda s: _panel(np.round(np.cumprod(np.hstack([s[0], s[1]]), axis=1), 2)))
"""Incomes by region and year: a start and five-year growth factors (a panel's years are
related, unlike independent draws, whose regression towards the mean leaves no speed)."""

DATA = {"matrix": matrices, "plants": matrices, "sizes": sizes, "pair": pairs, "io": io_tables,
        "panel": panels}
IDS = list(REGISTRY)


def _call(m: Measure, data: Any) -> Any:
    """The measure's result; a clear ValueError on undefined data skips the example."""
    try:
        return m.func(data)
    except ValueError:
        if m.refuses_some:
            assume(False)
        raise


def _scaled(kind: str, data: Any, c: float) -> Any:
    if kind in ("pair", "io"):
        return tuple(np.asarray(d, dtype=float) * c for d in data)
    if kind == "panel":
        return data * c
    return (np.asarray(data, dtype=float) * c).tolist()


def _permuted(kind: str, data: Any, rows: list[int], cols: list[int]) -> Any:
    if kind == "io":  # the same sectors in rows and columns
        Z, f = data
        return Z[np.ix_(rows, rows)], f[rows]
    if kind == "pair":
        return tuple(d[np.ix_(rows, cols)] for d in data)
    if kind == "panel":  # regions only: years keep their order
        return data.iloc[rows]
    return np.asarray(data)[np.ix_(rows, cols)]


def _shape(kind: str, data: Any) -> tuple[int, int]:
    if kind == "io":
        return len(data[1]), len(data[1])
    if kind == "pair":
        return data[0].shape
    return np.shape(data)


# --------------------------------------------------------------------------- generic properties


@pytest.mark.parametrize("m", REGISTRY.values(), ids=IDS)
def test_bounds_and_finiteness(m: Measure) -> None:
    @settings(max_examples=m.examples)
    @given(_data(m))
    def check(data: Any) -> None:
        v = _numbers(m, _call(m, data))
        if m.nan_ok:
            v = v[~np.isnan(v)]
        assert np.isfinite(v).all()
        assert (v >= m.low - 1e-12).all() and (v <= m.high + 1e-9).all()

    check()


@pytest.mark.parametrize("m", REGISTRY.values(), ids=IDS)
def test_units(m: Measure) -> None:
    """Measuring in persons or in thousands of persons (dollars or euros) gives the same
    shares, and amounts in the new unit."""

    @settings(max_examples=m.examples)
    @given(_data(m), st.sampled_from([0.001, 3.0, 1000.0]))
    def check(data: Any, c: float) -> None:
        a = _numbers(m, _call(m, data))
        b = _numbers(m, _call(m, _scaled(m.kind, data, c)))
        expect = a * c if m.units == "linear" else a
        np.testing.assert_allclose(b, expect, rtol=1e-7, atol=1e-9 * max(1.0, c))

    check()


PERMUTED = [m for m in REGISTRY.values() if m.kind != "sizes"]


@pytest.mark.parametrize("m", PERMUTED, ids=[m.name for m in PERMUTED])
def test_relabelling_permutes_the_output(m: Measure) -> None:
    """Relabelling regions, industries or sectors permutes the output, nothing else."""

    @settings(max_examples=m.examples)
    @given(_data(m), st.randoms(use_true_random=False))
    def check(data: Any, rnd: Any) -> None:
        R, J = _shape(m.kind, data)
        rows, cols = list(range(R)), list(range(J))
        rnd.shuffle(rows)
        rnd.shuffle(cols)
        base = _numbers(m, _call(m, data))
        perm = _numbers(m, _call(m, _permuted(m.kind, data, rows, cols)))
        expected = {"cell": lambda v: v.reshape(R, J)[np.ix_(rows, cols)],
                    "region": lambda v: v.reshape(R, -1)[rows],
                    "industry": lambda v: v.reshape(J, -1)[cols],
                    "industry2": lambda v: v.reshape(J, J)[np.ix_(cols, cols)],
                    "sector": lambda v: v.reshape(R, -1)[rows],
                    "sector2": lambda v: v.reshape(R, R)[np.ix_(rows, rows)],
                    "year": lambda v: v, "scalar": lambda v: v}[m.output](base)
        np.testing.assert_allclose(perm.reshape(np.shape(expected)), expected, rtol=1e-7,
                                   atol=1e-9, equal_nan=True)

    check()


IDENTITIES = [m for m in REGISTRY.values() if m.identity is not None]


@pytest.mark.parametrize("m", IDENTITIES, ids=[m.name for m in IDENTITIES])
def test_known_identity(m: Measure) -> None:
    @settings(max_examples=m.examples)
    @given(_data(m))
    def check(data: Any) -> None:
        m.identity(data, _call(m, data))

    check()


ALIKE = [m for m in REGISTRY.values() if m.alike is not None]


@pytest.mark.parametrize("m", ALIKE, ids=[m.name for m in ALIKE])
def test_every_region_alike(m: Measure) -> None:
    """Regions with the same structure (proportional rows of a matrix, equal incomes in a
    panel): the neutral value, or a clear refusal where the measure is undefined."""

    @settings(max_examples=m.examples)
    @given(_data(m), st.lists(st.integers(1, 50), min_size=2, max_size=6))
    def check(data: Any, sizes: list[int]) -> None:
        if m.kind == "panel":
            alike = data.iloc[[0] * len(data)].set_axis(data.index)
        else:
            first = np.asarray(data, dtype=float)[0]
            alike = np.outer(sizes, first)
        if m.alike == "refuse":
            with pytest.raises(ValueError):
                m.func(alike)
        else:
            np.testing.assert_allclose(_numbers(m, m.func(alike)), m.alike, atol=1e-9)

    check()


MATRIX = [m for m in REGISTRY.values() if m.kind == "matrix"]


@pytest.mark.parametrize("m", MATRIX + [REGISTRY["herfindahl"]],
                         ids=[m.name for m in MATRIX] + ["herfindahl"])
def test_list_array_frame_equivalence(m: Measure) -> None:
    data = np.asarray(_sample(m)).astype(int).tolist()
    as_list = _numbers(m, m.func(data))
    as_array = _numbers(m, m.func(np.asarray(data)))
    wrapped = pd.Series(data) if m.kind == "sizes" else pd.DataFrame(data)
    np.testing.assert_array_equal(as_list, as_array)
    np.testing.assert_array_equal(as_list, _numbers(m, m.func(wrapped)))


def _data(m: Measure) -> Any:
    return m.data if m.data is not None else DATA[m.kind]


def _sample(m: Measure) -> Any:
    if m.sample is not None:
        return m.sample
    plants_or_matrix = [[5.0, 1.0, 3.0], [2.0, 8.0, 1.0], [4.0, 4.0, 9.0], [1.0, 2.0, 2.0]]
    return {"sizes": [5.0, 1.0, 3.0, 0.0, 8.0], "plants": plants_or_matrix,
            "matrix": [[5.0, 1.0, 3.0], [2.0, 8.0, 1.0], [4.0, 4.0, 9.0], [1.0, 2.0, 2.0]],
            "io": (np.array([[10.0, 20.0, 5.0], [15.0, 5.0, 10.0], [5.0, 10.0, 20.0]]),
                   np.array([100.0, 120.0, 90.0])),
            "panel": _panel(np.array([[1.0, 2.0], [2.0, 3.0], [4.0, 5.0], [3.0, 4.0]])),
            "pair": (np.array([[4.0, 2.0, 3.0], [4.0, 3.0, 7.0]]),
                     np.array([[5.0, 2.0, 4.0], [4.0, 4.0, 6.0]]))}[m.kind]


def _spoil(m: Measure, bad: Any) -> Any:
    """The measure's sample with its first number replaced by ``bad``."""
    data = _sample(m)
    if m.kind in ("io", "pair"):
        first = np.asarray(data[0], dtype=object)
        first.flat[0] = bad
        return (first, *data[1:]) if m.kind == "pair" else (first, data[1])
    if m.kind == "panel":
        out = data.astype(object)
        out.iloc[0, 0] = bad
        return out
    arr = np.asarray(data, dtype=object)
    arr.flat[0] = bad
    return arr.tolist()


CHECKED = [m for m in REGISTRY.values() if m.kind != "plants"]


@pytest.mark.parametrize("m", CHECKED, ids=[m.name for m in CHECKED])
@pytest.mark.parametrize("bad,error", [(float("nan"), ValueError), (-3.0, ValueError),
                                       ("12 000", TypeError)], ids=["nan", "negative", "text"])
def test_bad_numbers_are_refused(m: Measure, bad: Any, error: type) -> None:
    """NaN, a negative count or text in the data: a clear error naming the data, never a
    number (the error comes from coursekit's checks: the adapters do no arithmetic)."""
    with pytest.raises(error if bad != -3.0 else (ValueError, TypeError)) as info:
        m.func(_spoil(m, bad))
    assert "'" in str(info.value), f"the message does not name the argument: {info.value}"


def test_return_types() -> None:
    for m in REGISTRY.values():
        out = m.func(_sample(m))
        if m.output == "scalar" and m.values is None:
            assert type(out) is float, m.name
        if m.output == "cell" and m.kind == "matrix":
            assert isinstance(out, pd.DataFrame), m.name


# --------------------------------------------------------------------------- completeness


def test_every_measure_of_the_flat_api_is_registered_or_excused():
    """A new function of ck.* joins the registry (with its properties) or NOT_MEASURES (with
    a reason), so that no measure escapes the shared property tests."""
    registered = {m.name.split("[")[0] for m in REGISTRY.values()}
    for name in ck.__all__:
        obj = getattr(ck, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue  # sub-namespaces (ck.data, ck.charts) and the version
        if inspect.isclass(obj) and (issubclass(obj, BaseException) or hasattr(obj, "_fields")):
            continue  # errors and named results are not behaviour
        if hasattr(obj, "__deprecated__"):
            continue  # a deprecated alias: its new name is registered or excused
        assert name in registered or name in NOT_MEASURES, (
            f"ck.{name} is neither in REGISTRY nor in NOT_MEASURES of "
            f"tests/coursekit/test_measures_registry.py: register it with its properties, or "
            f"say why it is not a measure")
    assert not registered & set(NOT_MEASURES), "a function is both registered and excused"
    stale = (registered | set(NOT_MEASURES)) - set(ck.__all__)
    assert not stale, f"the registry names functions that ck no longer has: {sorted(stale)}"


def test_the_registry_covers_the_measures_of_chapters_1_to_7():
    """Every chapter with measures of data has them here (chapter 2 has models only)."""
    assert {m.chapter for m in REGISTRY.values()} == {1, 3, 4, 5, 6, 7}


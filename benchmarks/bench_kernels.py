"""Kernel benchmarks: coursekit's vectorised kernels against the obvious alternative.

Each comparison runs in the same process on the same seeded data, and the
results of the two are checked against each other before anything is timed.

* ``ck.location_quotient`` on a 3,000 regions x 1,000 industries matrix, against
  the RCA step of the ``ecomplexity`` package (``ComplexityData.calculate_rca``,
  the step inside ``ecomplexity.ecomplexity()`` that produces its ``rca``
  column; ecomplexity has no stand-alone RCA function) and against a
  row-by-row pandas loop.
* ``ck.ellison_glaeser`` by industry over 1,000 industries and 1,000,000 plants,
  against a Python loop over industries calling the single-industry version; on the same
  plants ``ck.maurel_sedillot``, and ``ck.simulate_plants`` drawing them.
* ``ck.leontief_inverse(ck.technical_coefficients(Z, x))`` and ``ck.linkages(Z, x)`` on
  the 71-industry US table of 2021 (``ck.us_io_table()``), against a plain loop
  (QuantEcon's coefficient loop, ``np.linalg.inv``, sums and indices by Python loops) and
  ``pymrio`` (``calc_A`` + ``calc_L``; for linkages also ``calc_B`` + ``calc_G``).
* ``ck.correspondence_analysis`` (two axes) of a 3,000 x 1,000 table against
  ``prince.CA`` (same axes; fit plus the row and column coordinates a map needs).
* ``ck.CorePeriphery(5, 0.4).tomahawk`` over 200 transport costs, against
  solving every (T, lambda) point of the same lambda grid with
  ``scipy.optimize.fsolve`` on the wage equations and refining each sign change
  of the real-wage gap with ``scipy.optimize.brentq``.

Run through ``benchmarks/run.py``; ``python benchmarks/bench_kernels.py`` runs
this part alone.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq, fsolve

import coursekit as ck

SEED = 20261123
N_REGIONS, N_INDUSTRIES = 3_000, 1_000
EG_REGIONS, EG_INDUSTRIES, EG_PLANTS_PER_INDUSTRY = 3_000, 1_000, 1_000
T_VALUES = np.linspace(1.01, 2.5, 200)
N_LAM = 101  # lambda grid of CorePeriphery.tomahawk (its default), used by both methods


def interleaved(fns: dict[str, Callable[[], Any]], repeats: int,
                counts: dict[str, int] | None = None) -> tuple[dict[str, list[float]], dict]:
    """Time several functions in alternating rounds (fairer on a busy machine).

    ``counts`` caps the number of runs of a slow function.  Returns the times
    and the last result of each.
    """
    counts = counts or {}
    times: dict[str, list[float]] = {k: [] for k in fns}
    results: dict[str, Any] = {}
    for k in range(repeats):
        for name, fn in fns.items():
            if k >= counts.get(name, repeats):
                continue
            t0 = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t0)
    return times, results


def ratios(slow: list[float], fast: list[float]) -> list[float]:
    """Speed-up of each round (slow / fast, paired by round; extra rounds of fast dropped)."""
    return [s / f for s, f in zip(slow, fast, strict=False)]


def _row(figure: str, values: list[float], unit: str, target: str = "", ok: bool | None = None,
         note: str = "") -> dict[str, Any]:
    return {"figure": figure, "values": values, "unit": unit, "target": target, "ok": ok,
            "note": note}


# --------------------------------------------------------------------------- location quotient


def lq_data(seed: int = SEED) -> pd.DataFrame:
    """3,000 x 1,000 employment matrix: lognormal region and industry sizes, Poisson noise."""
    rng = np.random.default_rng(seed)
    region_size = rng.lognormal(0.0, 1.0, N_REGIONS)
    industry_size = rng.lognormal(0.0, 1.0, N_INDUSTRIES)
    lam = 20 * np.outer(region_size, industry_size)
    E = rng.poisson(lam).astype(float) + 1.0  # +1: no zero row or column
    return pd.DataFrame(
        E,
        index=pd.Index([f"r{i:04d}" for i in range(N_REGIONS)], name="region"),
        columns=pd.Index([f"i{j:04d}" for j in range(N_INDUSTRIES)], name="industry"),
    )


def lq_pandas_loop(M: pd.DataFrame) -> pd.DataFrame:
    """The obvious code: one region (row) at a time."""
    industry_share = M.sum(axis=0) / M.to_numpy().sum()
    rows = {}
    for region, row in M.iterrows():
        rows[region] = (row / row.sum()) / industry_share
    return pd.DataFrame.from_dict(rows, orient="index")


def ecomplexity_prepared(M: pd.DataFrame) -> Any:
    """ecomplexity's ComplexityData with the long table loaded and rectangularised (untimed)."""
    from ecomplexity.ComplexityData import ComplexityData

    long = M.stack().rename("val").reset_index()
    long.insert(0, "year", 2020)
    cols = {"time": "year", "loc": "region", "prod": "industry", "val": "val"}
    cdata = ComplexityData(long, cols, "coerce")
    cdata.create_full_df(2020)
    return cdata, long, cols


def ecomplexity_end_to_end(long: pd.DataFrame, cols: dict[str, str]) -> np.ndarray:
    """What a user of ecomplexity runs to get RCA from a long table (up to calculate_rca)."""
    from ecomplexity.ComplexityData import ComplexityData

    cdata = ComplexityData(long, cols, "coerce")
    cdata.create_full_df(2020)
    cdata.calculate_rca()
    return cdata.rca_t


def bench_location_quotient(repeats: int) -> list[dict[str, Any]]:
    M = lq_data()
    cdata, long, cols = ecomplexity_prepared(M)

    def eco() -> np.ndarray:
        cdata.calculate_rca()
        return cdata.rca_t

    ck.location_quotient(M)  # warm-up: first touch of fresh memory
    eco()
    t, res = interleaved(
        {"ck": lambda: ck.location_quotient(M), "eco": eco, "loop": lambda: lq_pandas_loop(M),
         "e2e": lambda: ecomplexity_end_to_end(long, cols)},
        repeats, counts={"e2e": min(repeats, 2)},
    )
    t_ck, t_eco, t_loop, t_e2e = t["ck"], t["eco"], t["loop"], t["e2e"]
    lq, rca, lq_loop, rca_e2e = res["ck"], res["eco"], res["loop"], res["e2e"]
    # Same numbers from all of them (ecomplexity sorts regions and industries; so do our labels).
    ref = lq.to_numpy()
    for name, other in (("ecomplexity", rca), ("loop", lq_loop.to_numpy()),
                        ("ecomplexity end-to-end", rca_e2e)):
        if not np.allclose(ref, other, rtol=1e-12, atol=0):
            raise AssertionError(f"location_quotient and {name} disagree")

    speed_eco, speed_loop = ratios(t_eco, t_ck), ratios(t_loop, t_ck)
    ok_eco = statistics.median(speed_eco) >= 1.0
    ok_loop = statistics.median(speed_loop) >= 20.0
    shape = f"{N_REGIONS:,} x {N_INDUSTRIES:,}"
    return [
        _row(f"location_quotient ({shape})", t_ck, "s"),
        _row("  ecomplexity 0.5.3 RCA (calculate_rca)", t_eco, "s"),
        _row("  row-by-row pandas loop", t_loop, "s"),
        _row("  ecomplexity from long table (info)", t_e2e, "s",
             note="ComplexityData + create_full_df + calculate_rca"),
        _row("  speed-up vs ecomplexity RCA", speed_eco, "x", ">= 1x", ok_eco,
             note="per round; target on the median"),
        _row("  speed-up vs pandas loop", speed_loop, "x", ">= 20x", ok_loop,
             note="per round; target on the median"),
    ]


# --------------------------------------------------------------------------- Ellison-Glaeser


def eg_data(seed: int = SEED) -> tuple[pd.DataFrame, pd.Series]:
    """1,000 industries x 1,000 plants located by Ellison & Glaeser's spillover model."""
    rng = np.random.default_rng(seed)
    total = pd.Series(np.ceil(rng.lognormal(8.0, 1.0, EG_REGIONS)),
                      index=[f"r{i:04d}" for i in range(EG_REGIONS)], name="employment")
    gamma = rng.uniform(0.0, 0.1, EG_INDUSTRIES)
    plants = ck.simulate_plants(total, n_plants=EG_PLANTS_PER_INDUSTRY, gamma=gamma,
                                rng=rng)
    return plants, total


def eg_loop(plants: pd.DataFrame, total: pd.Series) -> pd.Series:
    """The obvious code: one industry at a time, calling the single-industry index."""
    out = {}
    for industry, group in plants.groupby("industry", sort=True):
        out[industry] = ck.ellison_glaeser(group[["region", "employment"]], total)
    return pd.Series(out, name="ellison_glaeser")


def bench_ellison_glaeser(repeats: int) -> list[dict[str, Any]]:
    plants, total = eg_data()
    # the same plants with region labels as a Categorical (info: what string hashing costs)
    plants_cat = plants.assign(region=plants["region"].astype(pd.CategoricalDtype(total.index)))
    ck.ellison_glaeser(plants, total)  # warm-up
    gamma = np.random.default_rng(SEED).uniform(0.0, 0.1, EG_INDUSTRIES)
    t, res = interleaved({"ck": lambda: ck.ellison_glaeser(plants, total),
                          "loop": lambda: eg_loop(plants, total),
                          "cat": lambda: ck.ellison_glaeser(plants_cat, total),
                          "ms": lambda: ck.maurel_sedillot(plants, total),
                          "sim": lambda: ck.simulate_plants(
                              total, n_plants=EG_PLANTS_PER_INDUSTRY, gamma=gamma,
                              seed=SEED)}, repeats)
    t_ck, t_loop, eg, eg_l = t["ck"], t["loop"], res["ck"], res["loop"]
    if len(res["sim"]) != EG_INDUSTRIES * EG_PLANTS_PER_INDUSTRY or len(res["ms"]) != len(eg):
        raise AssertionError("simulate_plants or maurel_sedillot returned the wrong size")
    if not np.allclose(eg.to_numpy(), res["cat"].to_numpy(), rtol=1e-12, atol=1e-14):
        raise AssertionError("ellison_glaeser differs with categorical regions")
    if not np.allclose(eg.to_numpy(), eg_l.to_numpy(), rtol=1e-9, atol=1e-12):
        raise AssertionError("ellison_glaeser by industry and the loop disagree")
    speed = ratios(t_loop, t_ck)
    size = f"{EG_INDUSTRIES:,} industries, {len(plants):,} plants"
    return [
        _row(f"ellison_glaeser by industry ({size})", t_ck, "s", "< 1 s", max(t_ck) < 1.0,
             note="target on the slowest run"),
        _row("  per-industry loop of single-industry calls", t_loop, "s"),
        _row("  speed-up vs loop", speed, "x", ">= 20x", statistics.median(speed) >= 20.0,
             note="per round; target on the median"),
        _row("  ellison_glaeser, region as Categorical (info)", t["cat"], "s",
             note="same plants; string region labels hashed once per plant otherwise"),
        _row(f"maurel_sedillot by industry ({size})", t["ms"], "s", "< 1 s",
             max(t["ms"]) < 1.0, note="target on the slowest run"),
        _row(f"simulate_plants ({size})", t["sim"], "s", "< 1.5 s", max(t["sim"]) < 1.5,
             note="the generator (issue 21: was a timed unit test)"),
    ]


# --------------------------------------------------------------------------- input-output


def io_loop_coefficients(Z: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The obvious code (QuantEcon's build_coefficient_matrices): A and B element by element."""
    n = len(x)
    A, B = np.empty_like(Z), np.empty_like(Z)
    for i in range(n):
        for j in range(n):
            A[i, j] = Z[i, j] / x[j]
            B[i, j] = Z[i, j] / x[i]
    return A, B


def io_loop_leontief(Z: np.ndarray, x: np.ndarray) -> np.ndarray:
    A, _ = io_loop_coefficients(Z, x)
    return np.linalg.inv(np.eye(len(x)) - A)


def io_loop_linkages(Z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Backward and Ghosh forward linkages and their indices, with loops for the sums."""
    A, B = io_loop_coefficients(Z, x)
    n = len(x)
    L = np.linalg.inv(np.eye(n) - A)
    G = np.linalg.inv(np.eye(n) - B)
    back = [sum(L[i, j] for i in range(n)) for j in range(n)]
    fwd = [sum(G[i, j] for j in range(n)) for i in range(n)]
    mb, mf = sum(back) / n, sum(fwd) / n
    return np.array([[b, f, b / mb, f / mf] for b, f in zip(back, fwd, strict=True)])


def pymrio_linkages(Z: pd.DataFrame, x: pd.Series) -> np.ndarray:
    import pymrio

    xf = x.to_frame("indout")
    L = pymrio.calc_L(pymrio.calc_A(Z, xf))
    G = pymrio.calc_G(pymrio.calc_B(Z, xf))
    back, fwd = L.sum(axis=0).to_numpy(), G.sum(axis=1).to_numpy()
    return np.column_stack([back, fwd, back / back.mean(), fwd / fwd.mean()])


def bench_inputoutput(repeats: int) -> list[dict[str, Any]]:
    us = ck.us_io_table()  # the 2021 US industry-by-industry table (loading untimed)
    Z, x = us.Z, us.x
    Zv, xv = Z.to_numpy(), x.to_numpy()

    def ck_leontief() -> pd.DataFrame:
        return ck.leontief_inverse(ck.technical_coefficients(Z, x))

    def ck_links() -> np.ndarray:
        lk = ck.linkages(Z, x)
        return lk[["backward", "forward", "backward_index", "forward_index"]].to_numpy()

    fns: dict[str, Callable[[], Any]] = {
        "ck_L": ck_leontief, "loop_L": lambda: io_loop_leontief(Zv, xv),
        "ck_lk": ck_links, "loop_lk": lambda: io_loop_linkages(Zv, xv),
    }
    try:
        import pymrio

        fns["mrio_L"] = lambda: pymrio.calc_L(pymrio.calc_A(Z, x.to_frame("indout")))
        fns["mrio_lk"] = lambda: pymrio_linkages(Z, x)
        mrio = f"pymrio {pymrio.__version__}"
    except ImportError:  # optional: benchmarks/requirements.txt installs it
        mrio = None
    for fn in fns.values():  # warm-up
        fn()
    t, res = interleaved(fns, repeats)
    ref_L, ref_lk = res["ck_L"].to_numpy(), res["ck_lk"]
    checks = [("loop", res["loop_L"], res["loop_lk"])]
    if mrio:
        checks.append((mrio, np.asarray(res["mrio_L"]), res["mrio_lk"]))
    for name, L_other, lk_other in checks:
        if not (np.allclose(ref_L, L_other, rtol=1e-9) and np.allclose(ref_lk, lk_other,
                                                                          rtol=1e-9)):
            raise AssertionError(f"input-output kernels and {name} disagree")
    rows = [
        _row(f"leontief_inverse(technical_coefficients) ({len(x)} industries)", t["ck_L"], "s",
             "< 50 ms", max(t["ck_L"]) < 0.05, note="target on the slowest run; with checks"),
        _row("  plain loop (coefficients by loop, np.linalg.inv)", t["loop_L"], "s"),
    ]
    if mrio:
        rows.append(_row(f"  {mrio} calc_A + calc_L", t["mrio_L"], "s"))
    rows += [
        _row(f"linkages ({len(x)} industries)", t["ck_lk"], "s", "< 50 ms",
             max(t["ck_lk"]) < 0.05, note="backward, Ghosh forward, indices, key sectors"),
        _row("  plain loop (two inverses, sums by loop)", t["loop_lk"], "s"),
        _row("  speed-up vs loop", ratios(t["loop_lk"], t["ck_lk"]), "x",
             note="per round; info"),
    ]
    if mrio:
        rows.append(_row(f"  {mrio} calc_A/L + calc_B/G, sums", t["mrio_lk"], "s"))
    return rows


# --------------------------------------------------------------------------- correspondence


def ca_data(seed: int = SEED) -> pd.DataFrame:
    """3,000 x 1,000 counts: lognormal row and column sizes, three latent gradients, Poisson."""
    rng = np.random.default_rng(seed)
    row_size = rng.lognormal(0.0, 1.0, N_REGIONS)
    col_size = rng.lognormal(0.0, 1.0, N_INDUSTRIES)
    x, y = rng.normal(size=(N_REGIONS, 3)), rng.normal(size=(N_INDUSTRIES, 3))
    lam = 20 * np.outer(row_size, col_size) * np.exp(0.3 * x @ y.T / np.sqrt(3))
    return pd.DataFrame(
        rng.poisson(lam).astype(float) + 1.0,
        index=pd.Index([f"r{i:04d}" for i in range(N_REGIONS)], name="region"),
        columns=pd.Index([f"i{j:04d}" for j in range(N_INDUSTRIES)], name="industry"),
    )


def prince_ca(N: pd.DataFrame, k: int) -> tuple[Any, pd.DataFrame, pd.DataFrame]:
    """prince's CA with what a map needs: the fit and both sets of principal coordinates."""
    import prince

    model = prince.CA(n_components=k, random_state=SEED).fit(N)
    return model, model.row_coordinates(N), model.column_coordinates(N)


def bench_correspondence(repeats: int) -> list[dict[str, Any]]:
    import prince

    N, k = ca_data(), 2
    ck.correspondence_analysis(N, n_components=k)  # warm-up
    prince_ca(N, k)
    t, res = interleaved({"ck": lambda: ck.correspondence_analysis(N, n_components=k),
                          "prince": lambda: prince_ca(N, k)}, repeats)
    ours, (model, rows, cols) = res["ck"], res["prince"]
    if not (np.isclose(ours.total_inertia, model.total_inertia_, rtol=1e-10)
            and np.allclose(ours.principal_inertias, model.eigenvalues_, rtol=1e-8)):
        raise AssertionError("correspondence_analysis and prince disagree on the inertias")
    for mine, theirs in ((ours.row_coordinates, rows), (ours.column_coordinates, cols)):
        a, b = mine.to_numpy(), theirs.to_numpy()
        if not np.allclose(np.abs(a), np.abs(b), rtol=1e-6, atol=1e-9):
            raise AssertionError("correspondence_analysis and prince disagree on coordinates")
    speed = ratios(t["prince"], t["ck"])
    shape = f"{N_REGIONS:,} x {N_INDUSTRIES:,}"
    return [
        _row(f"correspondence_analysis ({shape}, 2 axes)", t["ck"], "s"),
        _row(f"  prince {prince.__version__} CA (fit + coordinates)", t["prince"], "s",
             note=f"same inertias (total {ours.total_inertia:.6f}; "
                  f"axes {ours.principal_inertias.iloc[0]:.6f}, "
                  f"{ours.principal_inertias.iloc[1]:.6f})"),
        _row("  speed-up vs prince", speed, "x", ">= 1x", statistics.median(speed) >= 1.0,
             note="per round; target on the median"),
    ]


# --------------------------------------------------------------------------- tomahawk


class WageEquations:
    """FKV (1999) wage equations of the core-periphery model, solved point by point."""

    def __init__(self, sigma: float, mu: float) -> None:
        self.sigma, self.mu = sigma, mu

    def _rhs(self, w: np.ndarray, lam: float, T: float) -> tuple[np.ndarray, float, float]:
        s, mu = self.sigma, self.mu
        w1, w2 = w
        y1 = mu * lam * w1 + (1 - mu) / 2
        y2 = mu * (1 - lam) * w2 + (1 - mu) / 2
        g1 = (lam * w1 ** (1 - s) + (1 - lam) * (w2 * T) ** (1 - s)) ** (1 / (1 - s))
        g2 = (lam * (w1 * T) ** (1 - s) + (1 - lam) * w2 ** (1 - s)) ** (1 / (1 - s))
        n1 = (y1 * g1 ** (s - 1) + y2 * g2 ** (s - 1) * T ** (1 - s)) ** (1 / s)
        n2 = (y1 * g1 ** (s - 1) * T ** (1 - s) + y2 * g2 ** (s - 1)) ** (1 / s)
        return np.array([n1, n2]), g1, g2

    def gap(self, lam: float, T: float) -> float:
        """Real-wage gap omega1 - omega2 at one (lambda, T), wages from fsolve."""
        w = fsolve(lambda w: w - self._rhs(w, lam, T)[0], np.ones(2), xtol=1e-12)
        _, g1, g2 = self._rhs(w, lam, T)
        return float(w[0] * g1 ** -self.mu - w[1] * g2 ** -self.mu)


def tomahawk_pointwise(sigma: float, mu: float, T_values: np.ndarray,
                       n_lam: int = N_LAM) -> pd.DataFrame:
    """The obvious code: for each T, the gap at each lambda of the grid (fsolve), then brentq."""
    eqs = WageEquations(sigma, mu)
    lam = np.concatenate([[0.5 + 1e-6], np.linspace(0.5, 1.0, n_lam)[1:]])
    rows = []
    for T in T_values:
        g = np.array([eqs.gap(x, T) for x in lam])
        rows.append((T, 0.5, g[0] < 0))
        rows.extend([(T, 0.0, g[-1] > 0), (T, 1.0, g[-1] > 0)])
        for k in np.flatnonzero(np.sign(g[:-1]) * np.sign(g[1:]) < 0):
            root = brentq(eqs.gap, lam[k], lam[k + 1], args=(T,), xtol=1e-12)
            rows.extend([(T, root, g[k] > 0), (T, 1.0 - root, g[k] > 0)])
    out = pd.DataFrame(rows, columns=["T", "lam", "stable"])
    return out.sort_values(["T", "lam"], ignore_index=True)


def bench_tomahawk(repeats: int, loop_repeats: int) -> list[dict[str, Any]]:
    model = ck.CorePeriphery(sigma=5, mu=0.4)
    model.tomahawk(T_VALUES)  # warm-up
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # fsolve's "not making progress"
        t, res = interleaved({"ck": lambda: model.tomahawk(T_VALUES),
                              "loop": lambda: tomahawk_pointwise(5.0, 0.4, T_VALUES)},
                             repeats, counts={"loop": loop_repeats})
    t_ck, t_loop, tom, tom_l = t["ck"], t["loop"], res["ck"], res["loop"]
    if len(tom) != len(tom_l) or not (
        np.allclose(tom["lam"], tom_l["lam"], atol=1e-6)
        and (tom["stable"].to_numpy() == tom_l["stable"].to_numpy()).all()
    ):
        raise AssertionError("tomahawk and the point-by-point solution disagree")
    speed = ratios(t_loop, t_ck)
    return [
        _row(f"CorePeriphery.tomahawk ({len(T_VALUES)} T values)", t_ck, "s", "< 1 s",
             max(t_ck) < 1.0, note="target on the slowest run"),
        _row("  fsolve per (T, lambda) + brentq per root", t_loop, "s",
             note=f"same {N_LAM}-point lambda grid"),
        _row("  speed-up vs point-by-point", speed, "x", note="per round; info"),
    ]


def run(repeats: int = 5, loop_repeats: int | None = None) -> list[dict[str, Any]]:
    """All kernel figures; ``loop_repeats`` (default ``repeats``) for the slow fsolve loop."""
    loop_repeats = repeats if loop_repeats is None else loop_repeats
    return [
        *bench_location_quotient(repeats),
        *bench_ellison_glaeser(repeats),
        *bench_inputoutput(repeats),
        *bench_correspondence(repeats),
        *bench_tomahawk(repeats, loop_repeats),
    ]


if __name__ == "__main__":  # pragma: no cover
    for r in run():
        print(r["figure"], [round(v, 4) for v in r["values"]], r["unit"], r["target"], r["ok"])

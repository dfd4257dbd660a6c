"""Registry of concentration measures with shared, parametrized property tests.

In the style of scikit-learn's estimator checks: every measure is described
once in ``REGISTRY`` (how to call it, what its output is indexed by, its
bounds) and each generic property test runs over all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import coursekit as ck


@dataclass(frozen=True)
class Measure:
    name: str
    func: Callable[..., Any]
    kind: str  # "matrix": regions × industries; "sizes": 1-D; "plants": plants + regions
    output: str  # "cell", "region", "industry" or "scalar"
    low: float
    high: float


def _plants_call(f: Callable[..., Any]) -> Callable[..., Any]:
    """Call an EG-type index on a matrix: each cell becomes one plant of an industry."""

    def call(M: Any) -> Any:
        E = np.asarray(M, dtype=float)
        r, i = np.nonzero(np.ones_like(E))
        plants = pd.DataFrame({"region": r, "industry": i, "employment": E[r, i]})
        plants = plants[plants["employment"] > 0]
        return f(plants, pd.Series(E.sum(axis=1) * 2.0))  # other industries double it

    return call


REGISTRY = [
    Measure("location_quotient", ck.location_quotient, "matrix", "cell", 0.0, np.inf),
    Measure("locational_gini", ck.locational_gini, "matrix", "industry", 0.0, 1.0),
    Measure("krugman_index", ck.krugman_index, "matrix", "region", 0.0, 2.0),
    Measure("herfindahl", ck.herfindahl, "sizes", "scalar", 0.0, 1.0),
    Measure(
        "herfindahl_normalized",
        lambda s: ck.herfindahl(s, normalized=True),
        "sizes",
        "scalar",
        0.0,
        1.0,
    ),
    Measure(
        "ellison_glaeser", _plants_call(ck.ellison_glaeser), "plants", "industry", -np.inf, np.inf
    ),
    Measure(
        "maurel_sedillot", _plants_call(ck.maurel_sedillot), "plants", "industry", -np.inf, 1.0
    ),
]
IDS = [m.name for m in REGISTRY]
MATRIX_LIKE = [m for m in REGISTRY if m.kind in ("matrix", "plants")]

matrices = st.integers(2, 6).flatmap(
    lambda r: st.integers(2, 5).flatmap(
        lambda c: arrays(np.int64, (r, c), elements=st.integers(1, 10_000))
    )
)
sizes = st.lists(st.integers(0, 10_000), min_size=2, max_size=30).filter(lambda v: sum(v) > 0)


def _call(m: Measure, data: Any) -> Any:
    return m.func(data)


def _values(out: Any) -> np.ndarray:
    if isinstance(out, (pd.Series, pd.DataFrame)):
        return out.to_numpy(dtype=float)
    return np.asarray([out], dtype=float)


def _sample(m: Measure) -> Any:
    if m.kind == "sizes":
        return [5, 1, 3, 0, 8]
    return [[5, 1, 3], [2, 8, 1], [4, 4, 9], [1, 2, 2]]


@pytest.mark.parametrize("m", REGISTRY, ids=IDS)
def test_bounds_and_finiteness(m: Measure) -> None:
    @given(matrices if m.kind != "sizes" else sizes)
    def check(data: Any) -> None:
        v = _values(_call(m, data))
        assert np.isfinite(v).all()
        assert (v >= m.low - 1e-12).all() and (v <= m.high + 1e-12).all()

    check()


@pytest.mark.parametrize("m", REGISTRY, ids=IDS)
def test_scale_invariance(m: Measure) -> None:
    """Measuring in persons or in thousands of persons gives the same answer."""

    @given(matrices if m.kind != "sizes" else sizes, st.sampled_from([0.001, 3.0, 1000.0]))
    def check(data: Any, c: float) -> None:
        a = _values(_call(m, data))
        scaled = (np.asarray(data, dtype=float) * c).tolist()
        b = _values(_call(m, scaled))
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)

    check()


@pytest.mark.parametrize("m", MATRIX_LIKE, ids=[m.name for m in MATRIX_LIKE])
def test_permutation_of_regions_and_industries(m: Measure) -> None:
    """Relabelling regions or industries permutes the output, nothing else."""

    @given(matrices, st.randoms(use_true_random=False))
    def check(data: np.ndarray, rnd: Any) -> None:
        R, J = data.shape
        pr, pc = list(range(R)), list(range(J))
        rnd.shuffle(pr)
        rnd.shuffle(pc)
        base = _call(m, data)
        perm = _call(m, data[np.ix_(pr, pc)])
        base_v, perm_v = _values(base), _values(perm)
        if m.output == "cell":
            expected = base_v.reshape(R, J)[np.ix_(pr, pc)]
            np.testing.assert_allclose(perm_v.reshape(R, J), expected, rtol=1e-12)
        elif m.output == "industry":
            np.testing.assert_allclose(perm_v, base_v[pc], rtol=1e-9, atol=1e-12)
        elif m.output == "region":
            np.testing.assert_allclose(perm_v, base_v[pr], rtol=1e-9, atol=1e-12)

    check()


@pytest.mark.parametrize("m", [m for m in REGISTRY if m.kind == "sizes"], ids=lambda m: m.name)
def test_sizes_permutation_invariance(m: Measure) -> None:
    @given(sizes, st.randoms(use_true_random=False))
    def check(v: list[int], rnd: Any) -> None:
        w = list(v)
        rnd.shuffle(w)
        assert m.func(v) == pytest.approx(m.func(w), rel=1e-12)

    check()


@pytest.mark.parametrize("m", [m for m in REGISTRY if m.kind != "plants"], ids=lambda m: m.name)
def test_list_array_frame_equivalence(m: Measure) -> None:
    data = _sample(m)
    as_list = _values(m.func(data))
    as_array = _values(m.func(np.asarray(data)))
    wrapped = pd.Series(data) if m.kind == "sizes" else pd.DataFrame(data)
    as_frame = _values(m.func(wrapped))
    np.testing.assert_array_equal(as_list, as_array)
    np.testing.assert_array_equal(as_list, as_frame)


@pytest.mark.parametrize("m", [m for m in REGISTRY if m.kind != "plants"], ids=lambda m: m.name)
def test_nan_rejected(m: Measure) -> None:
    data = np.asarray(_sample(m), dtype=float)
    data.flat[1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        m.func(data)


@pytest.mark.parametrize("m", [m for m in REGISTRY if m.kind != "plants"], ids=lambda m: m.name)
def test_negative_rejected(m: Measure) -> None:
    data = np.asarray(_sample(m), dtype=float)
    data.flat[0] = -3
    with pytest.raises(ValueError, match="non-negative.*-3"):
        m.func(data)


@pytest.mark.parametrize("m", [m for m in REGISTRY if m.kind != "plants"], ids=lambda m: m.name)
def test_text_rejected(m: Measure) -> None:
    data = np.asarray(_sample(m), dtype=object)
    data.flat[0] = "12 000"
    with pytest.raises(TypeError, match="non-numeric.*12 000"):
        m.func(data.tolist())


@pytest.mark.parametrize("m", REGISTRY, ids=IDS)
def test_return_types(m: Measure) -> None:
    out = _call(m, _sample(m))
    if m.output == "scalar":
        assert type(out) is float
    elif m.output == "cell":
        assert isinstance(out, pd.DataFrame)
        assert all(pd.api.types.is_float_dtype(d) for d in out.dtypes)
    else:
        assert isinstance(out, pd.Series) and out.dtype == float
        assert not out.isna().any()

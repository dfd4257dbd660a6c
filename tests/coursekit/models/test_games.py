"""Tests for coursekit.models.games against closed forms and nashpy's documented results."""

from __future__ import annotations

import math

import nashpy as nash
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coursekit as ck


def _pairs(eq: pd.DataFrame, n: int = 2) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    values = eq.iloc[:, : 2 * n].to_numpy()
    return [(tuple(v[:n]), tuple(v[n:])) for v in values]


def test_nashpy_documented_coordination_game():
    """nashpy docs, text-book/support-enumeration.rst, "Motivating example: Coordination
    Game": A = [[3, 1], [0, 2]], B = [[2, 1], [0, 3]] has three equilibria: (1, 0)/(1, 0),
    (0, 1)/(0, 1) and (3/4, 1/4)/(1/4, 3/4)."""
    eq = ck.equilibria(np.array([[3, 1], [0, 2]]), np.array([[2, 1], [0, 3]]))
    got = _pairs(eq)
    expected = [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((0.75, 0.25), (0.25, 0.75))]
    assert len(got) == 3
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(np.ravel(g), np.ravel(e), atol=1e-12)
    assert eq["kind"].tolist() == ["pure", "pure", "mixed"]


def test_nashpy_readme_example():
    """nashpy README (PyPI): A = [[1, 2], [3, 0]], B = [[0, 2], [3, 1]] gives (1, 0)/(0, 1),
    (0, 1)/(1, 0) and (1/2, 1/2)/(1/2, 1/2)."""
    eq = ck.equilibria(np.array([[1, 2], [3, 0]]), np.array([[0, 2], [3, 1]]))
    np.testing.assert_allclose(eq.iloc[:, :4].to_numpy(),
                               [[1, 0, 0, 1], [0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5]], atol=1e-12)


def test_stag_hunt_equilibria_closed_form():
    """Two pure equilibria and the mixed one at p* = (d - b) / ((a - c) + (d - b)): with
    a = 4, b = 0, c = d = 3, p* = 3/4 (notes, section 5; nashpy gives the same)."""
    A = ck.stag_hunt(4, 3, 0)
    eq = ck.equilibria(A)
    assert list(eq.columns[:4]) == ["row: Stag", "row: Hare", "col: Stag", "col: Hare"]
    np.testing.assert_allclose(eq.iloc[:, :4].to_numpy(),
                               [[1, 0, 1, 0], [0, 1, 0, 1], [0.75, 0.25, 0.75, 0.25]], atol=1e-12)
    assert eq["row_payoff"].tolist() == pytest.approx([4.0, 3.0, 3.0])
    for stag, hare, sucker in ((5, 2, 1), (10, 9, -3), (3, 1, 0)):
        mixed = ck.equilibria(ck.stag_hunt(stag, hare, sucker)).query("kind == 'mixed'")
        assert float(mixed["row: Stag"].iloc[0]) == pytest.approx(
            (hare - sucker) / ((stag - hare) + (hare - sucker)))


def test_prisoners_dilemma_has_only_mutual_defection():
    """Defection is dominant: nashpy returns only (Defect, Defect) for A = [[3, 0], [5, 1]]."""
    eq = ck.equilibria(ck.prisoners_dilemma())
    assert len(eq) == 1
    assert eq[["row: Defect", "col: Defect"]].to_numpy().tolist() == [[1.0, 1.0]]
    assert eq["row_payoff"].iloc[0] == 1.0


def test_degenerate_game_is_refused():
    with pytest.raises(ValueError, match="degenerate"):
        ck.equilibria(np.ones((2, 2)))


def test_payoff_keywords_have_payoff_names():
    """``A`` is the input-output coefficient matrix; the games call their matrices payoffs
    (the old keywords A= and B= work for one release, with a FutureWarning)."""
    rows, cols = np.array([[3, 1], [0, 2]]), np.array([[2, 1], [0, 3]])
    new = ck.equilibria(row_payoffs=rows, column_payoffs=cols)
    with pytest.warns(FutureWarning, match="removed in coursekit 0.4; use (row|column)_payoffs="):
        pd.testing.assert_frame_equal(ck.equilibria(A=rows, B=cols), new)
    with pytest.raises(ValueError, match="'column_payoffs' must have the shape of 'row_payoffs'"):
        ck.equilibria(rows, np.ones((3, 2)))
    with pytest.warns(FutureWarning, match="use payoffs="):
        old = ck.replicator_path(A=ck.stag_hunt(), x0=[0.5])
    pd.testing.assert_frame_equal(old, ck.replicator_path(payoffs=ck.stag_hunt(), x0=[0.5]))


def test_cooperation_threshold_closed_form():
    """Grim trigger: R/(1-d) >= T + dP/(1-d) iff d >= (T-R)/(T-P); Axelrod's payoffs
    (T, R, P) = (5, 3, 1) give 1/2 (notes, section 4)."""
    assert ck.cooperation_threshold(5, 3, 1) == 0.5
    for t, r, p in ((5, 3, 1), (7, 4, 0), (2.5, 2, 1.5)):
        d_star = ck.cooperation_threshold(t, r, p)
        for d in (d_star - 0.01, d_star + 0.01):
            coop = r / (1 - d)
            deviate = t + d * p / (1 - d)
            assert (coop >= deviate) == (d >= d_star)


@given(st.floats(1, 10), st.floats(0.01, 5), st.floats(0.01, 5))
def test_threshold_comparative_statics(r, gain, loss):
    """d* rises with the temptation, falls with the reward, rises with the punishment."""
    t, p = r + gain, r - loss
    base = ck.cooperation_threshold(t, r, p)
    assert ck.cooperation_threshold(t + 1, r, p) > base
    assert ck.cooperation_threshold(t, min(r + gain / 2, t - 1e-3), p) < base
    assert ck.cooperation_threshold(t, r, p + loss / 2) > base


def test_grim_trigger_values_cross_at_the_threshold():
    """Average payoffs: delta = 0.6 gives 3 vs 2.6 (present values 7.5 vs 6.5 times 0.4),
    delta = 0.5 gives 3 vs 3, delta = 0.4 gives 3 vs 3.4 (notes, section 4)."""
    v = ck.grim_trigger_values(5, 3, 1, [0.4, 0.5, 0.6])
    np.testing.assert_allclose(v["deviate"], [3.4, 3.0, 2.6])
    np.testing.assert_allclose(v["cooperate"], [3.0, 3.0, 3.0])
    assert v.attrs["threshold"] == 0.5
    np.testing.assert_allclose(0.4 * np.array([7.5, 6.5]), [3.0, 2.6])


def test_replicator_reproduces_nashpy_how_to_values():
    """nashpy how-to (replicator dynamics): A = [[3, 2], [4, 2]] from (0.5, 0.5) over
    linspace(0, 10, 1000) ends at (0.10180527, 0.89819473); from (0.9, 0.1) at
    (0.14074972, 0.85925028)."""
    A = np.array([[3, 2], [4, 2]])
    for x0, end in ((0.5, 0.10180527), (0.9, 0.14074972)):
        path = ck.replicator_path(A, x0, t_max=10.0, n_steps=999)
        assert path["share"].iloc[-1] == pytest.approx(end, abs=1e-7)
        ref = nash.Game(A).replicator_dynamics(y0=np.array([x0, 1 - x0]),
                                               timepoints=np.linspace(0, 10, 1000))
        np.testing.assert_allclose(path["share"], ref[:, 0], atol=1e-6)


def test_replicator_logistic_closed_form():
    """With a - c = b - d = k the dynamics are logistic: x(t) = x0 e^{kt} / (1 - x0 + x0 e^{kt})."""
    A = np.array([[2.0, 1.5], [0.0, -0.5]])  # k = 2
    path = ck.replicator_path(A, [0.1, 0.6], t_max=3.0, n_steps=30)
    for x0, group in path.groupby("x0"):
        t = group["t"].to_numpy()
        exact = x0 * np.exp(2 * t) / (1 - x0 + x0 * np.exp(2 * t))
        np.testing.assert_allclose(group["share"], exact, atol=1e-8)


def test_stag_hunt_basins_and_hawk_dove_stability():
    """Stag hunt: rest point 3/4 divides the basins (0.8 -> all Stag, 0.7 -> all Hare, 0.75
    stays). Hawk-Dove A = [[2, 1], [3, 0]] (nashpy docs): dx/dt = x(1 - x)(1 - 2x), the
    interior rest point 1/2 is stable."""
    path = ck.replicator_path(ck.stag_hunt(), [0.7, 0.75, 0.8], t_max=40.0)
    end = path.groupby("x0")["share"].last()
    assert end[0.7] < 1e-6 and end[0.8] > 1 - 1e-6 and end[0.75] == pytest.approx(0.75)
    assert path.attrs["rest_point"] == pytest.approx(0.75) and path.attrs["strategy"] == "Stag"
    hd = ck.replicator_path(np.array([[2, 1], [3, 0]]), [0.1, 0.9], t_max=40.0)
    np.testing.assert_allclose(hd.groupby("x0")["share"].last(), [0.5, 0.5], atol=1e-6)
    assert math.isnan(ck.replicator_path(ck.prisoners_dilemma(), 0.5).attrs["rest_point"])


def test_payoff_builders_check_their_orderings():
    with pytest.raises(ValueError, match="'stag'"):
        ck.stag_hunt(3, 4, 0)
    with pytest.raises(ValueError, match="'temptation'"):
        ck.prisoners_dilemma(2, 3, 1, 0)
    with pytest.raises(ValueError, match="'temptation'"):
        ck.cooperation_threshold(3, 3, 1)

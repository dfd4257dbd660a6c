"""Fuzz entries: the core–periphery model and its methods."""

from __future__ import annotations

import numpy as np

import coursekit as ck
from fuzzing import Entry

MODEL = ck.CorePeriphery(5.0, 0.4)


def _stable_column(result, kwargs):
    assert set(result["kind"]) <= {"symmetric", "interior", "core-periphery"}
    assert result["lam"].between(0, 1).all()


ENTRIES = {
    "coursekit.CorePeriphery": Entry(ck.CorePeriphery, {"sigma": 5.0, "mu": 0.4}),
    "coursekit.CorePeriphery.equilibrium": Entry(MODEL.equilibrium, {
        "lam": 0.6, "T": 1.5, "tol": 1e-12, "max_iter": 100}),
    "coursekit.CorePeriphery.real_wage_gap": Entry(MODEL.real_wage_gap, {
        "lam": [0.2, 0.6], "T": 1.5, "tol": 1e-12, "max_iter": 100}),
    "coursekit.CorePeriphery.break_point": Entry(MODEL.break_point, {"log": False}),
    "coursekit.CorePeriphery.sustain_point": Entry(MODEL.sustain_point, {"log": False}),
    "coursekit.CorePeriphery.tomahawk": Entry(MODEL.tomahawk, {
        "T_values": [1.5, 1.7], "n_lam": 21, "tol": 1e-12, "max_iter": 100},
        check=_stable_column, extra={"T_values": [np.linspace(1.05, 5, 8), [1e308]],
                                     "n_lam": [1e308, 10**7]}),
    "coursekit.CorePeriphery.simulate": Entry(MODEL.simulate, {
        "lam0": [0.4, 0.6], "T": 1.5, "gamma": 5.0, "t_max": 10.0, "n_steps": 10},
        extra={"n_steps": [2e8, 10**9], "t_max": [1e308]}),
    # the class-level extremes that used to overflow or fail to converge (issue 11)
    "coursekit.CorePeriphery(extremes).break_point": Entry(
        lambda sigma, mu: ck.CorePeriphery(sigma, mu).break_point(log=True),
        {"sigma": 1.001, "mu": 0.0005}),
    "coursekit.CorePeriphery(extremes).sustain_point": Entry(
        lambda sigma, mu: ck.CorePeriphery(sigma, mu).sustain_point(), {"sigma": 2000.0, "mu": 0.4},
        refuse={"sigma": [1.001, 1.0001]}),  # T_S beyond the largest float: name sigma
    "coursekit.CorePeriphery(extremes).break_point(log=False)": Entry(
        lambda sigma, mu: ck.CorePeriphery(sigma, mu).break_point(), {"sigma": 5.0, "mu": 0.0005},
        refuse={"sigma": [1.001, 1.0001]}),
    "coursekit.CorePeriphery(extremes).tomahawk": Entry(
        lambda sigma, mu: ck.CorePeriphery(sigma, mu).tomahawk(np.linspace(1.05, 5, 80)),
        {"sigma": 20.0, "mu": 0.75}, check=_stable_column),
}

"""Regional panels over time: relative income per head, growth by period, convergence
(β, σ, Quah transitions) and cluster strength and growth.
"""

from __future__ import annotations

from coursekit.panels.clustergrowth import ClusterGrowth, cluster_growth_regression
from coursekit.panels.convergence import (
    BetaConvergence,
    IncomeTransitions,
    beta_convergence,
    quah_transitions,
    sigma_convergence,
)
from coursekit.panels.relative import annual_growth, relative_per_capita

__all__ = [
    "relative_per_capita",
    "annual_growth",
    "BetaConvergence",
    "IncomeTransitions",
    "beta_convergence",
    "sigma_convergence",
    "quah_transitions",
    "ClusterGrowth",
    "cluster_growth_regression",
]

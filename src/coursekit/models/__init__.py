"""Models of the geography of industry: core–periphery, growth and agglomeration,
cumulative causation, absorptive capacity and games of co-operation.
"""

from __future__ import annotations

from coursekit.models.absorptive import (
    KnowledgeStock,
    absorptive_capacity,
    absorptive_statics,
    knowledge_stock,
)
from coursekit.models.coreperiphery import (
    BlackHoleError,
    ConvergenceError,
    CorePeriphery,
    ShortRunEquilibrium,
)
from coursekit.models.cumulative import DixonThirlwall
from coursekit.models.games import (
    cooperation_threshold,
    equilibria,
    grim_trigger_values,
    prisoners_dilemma,
    replicator_path,
    stag_hunt,
)
from coursekit.models.growth import GrowthAgglomeration, GrowthSteadyState

__all__ = [
    "BlackHoleError",
    "ConvergenceError",
    "CorePeriphery",
    "ShortRunEquilibrium",
    "GrowthAgglomeration",
    "GrowthSteadyState",
    "DixonThirlwall",
    "KnowledgeStock",
    "absorptive_capacity",
    "absorptive_statics",
    "knowledge_stock",
    "cooperation_threshold",
    "equilibria",
    "grim_trigger_values",
    "prisoners_dilemma",
    "replicator_path",
    "stag_hunt",
]

"""Region × industry methods: activity matrices, concentration and specialisation,
agglomeration indices, relatedness and complexity, shift-share, correspondence analysis.

They share one data vocabulary (``region``, ``industry``, ``value``, ``time``; ``start`` and
``end`` for two dates, ``benchmark`` for the aggregate compared with; see
:mod:`coursekit._vocabulary`) and take a regions × industries matrix or a tidy frame.
"""

from __future__ import annotations

from coursekit.regions.agglomeration import (
    ellison_glaeser,
    maurel_sedillot,
    raw_concentration,
    simulate_plants,
)
from coursekit.regions.complexity import Complexity, complexity
from coursekit.regions.correspondence import CorrespondenceAnalysis, correspondence_analysis
from coursekit.regions.matrices import activity_matrices, activity_matrix
from coursekit.regions.measures import (
    herfindahl,
    krugman_index,
    location_quotient,
    locational_gini,
    lorenz_curve,
)
from coursekit.regions.relatedness import (
    RelatednessEntry,
    presence_matrix,
    proximity,
    proximity_network,
    relatedness_density,
    relatedness_entry,
)
from coursekit.regions.shiftshare import dynamic_shift_share, esteban_marquillas, shift_share

__all__ = [
    "activity_matrix",
    "activity_matrices",
    "location_quotient",
    "herfindahl",
    "locational_gini",
    "lorenz_curve",
    "krugman_index",
    "ellison_glaeser",
    "maurel_sedillot",
    "simulate_plants",
    "raw_concentration",
    "RelatednessEntry",
    "presence_matrix",
    "proximity",
    "proximity_network",
    "relatedness_density",
    "relatedness_entry",
    "Complexity",
    "complexity",
    "shift_share",
    "esteban_marquillas",
    "dynamic_shift_share",
    "CorrespondenceAnalysis",
    "correspondence_analysis",
]

"""coursekit: tested helpers for the Industrial Clusters course.

``import coursekit as ck`` gives the course's methods and models flat
(``ck.location_quotient``, ``ck.CorePeriphery``, ...), the data loaders under
``ck.data`` (``ck.data.load_us_states()``) and the chart helpers under
``ck.charts`` (``ck.charts.lq_heatmap_chart(...)``).  Grading checks live in
``coursekit.grading`` and the book-build plumbing in ``coursekit.book``;
neither is part of this flat namespace.

Every name below is imported explicitly, so editors and type checkers see the
whole API; a test fails if a name is exported twice or if ``__all__`` differs
from these imports.
"""

from __future__ import annotations

from coursekit import charts, data
from coursekit.absorptive import (
    KnowledgeStock,
    absorptive_capacity,
    absorptive_statics,
    knowledge_stock,
)
from coursekit.agglomeration import (
    ellison_glaeser,
    maurel_sedillot,
    raw_concentration,
    simulate_plants,
)
from coursekit.bibliography import load_references, references_path
from coursekit.clustergrowth import ClusterGrowth, cluster_growth_regression
from coursekit.complexity import Complexity, complexity
from coursekit.convergence import (
    BetaConvergence,
    IncomeTransitions,
    beta_convergence,
    quah_transitions,
    sigma_convergence,
)
from coursekit.coreperiphery import (
    BlackHoleError,
    ConvergenceError,
    CorePeriphery,
    ShortRunEquilibrium,
)
from coursekit.cumulative import DixonThirlwall
from coursekit.games import (
    cooperation_threshold,
    equilibria,
    grim_trigger_values,
    prisoners_dilemma,
    replicator_path,
    stag_hunt,
)
from coursekit.growth import GrowthAgglomeration, GrowthSteadyState
from coursekit.inputoutput import (
    SymmetricTable,
    allocation_coefficients,
    factor_multipliers,
    ghosh_inverse,
    leontief_inverse,
    output_multipliers,
    symmetric_io_table,
    technical_coefficients,
)
from coursekit.ioclusters import ClusterTemplates, cluster_templates, linkage_correlations
from coursekit.iolinkages import hypothetical_extraction, linkages
from coursekit.iotables import IOTable, germany_io_table, liaoning_io_table, us_io_table
from coursekit.matrices import employment_matrices, employment_matrix
from coursekit.measures import (
    herfindahl,
    krugman_index,
    location_quotient,
    locational_gini,
    lorenz_curve,
)
from coursekit.relatedness import (
    RelatednessEntry,
    presence_matrix,
    proximity,
    proximity_network,
    relatedness_density,
    relatedness_entry,
)

__version__ = "0.2.0"

__all__ = [
    "__version__",
    # namespaces
    "charts",
    "data",
    # building matrices
    "employment_matrices",
    "employment_matrix",
    # concentration and specialisation
    "herfindahl",
    "krugman_index",
    "location_quotient",
    "locational_gini",
    "lorenz_curve",
    # agglomeration indices
    "ellison_glaeser",
    "maurel_sedillot",
    "raw_concentration",
    "simulate_plants",
    # core-periphery model
    "BlackHoleError",
    "ConvergenceError",
    "CorePeriphery",
    "ShortRunEquilibrium",
    # growth and agglomeration, cumulative causation
    "GrowthAgglomeration",
    "GrowthSteadyState",
    "DixonThirlwall",
    # convergence and cluster strength
    "BetaConvergence",
    "IncomeTransitions",
    "beta_convergence",
    "quah_transitions",
    "sigma_convergence",
    "ClusterGrowth",
    "cluster_growth_regression",
    # relatedness and complexity
    "Complexity",
    "RelatednessEntry",
    "complexity",
    "presence_matrix",
    "proximity",
    "proximity_network",
    "relatedness_density",
    "relatedness_entry",
    # absorptive capacity
    "KnowledgeStock",
    "absorptive_capacity",
    "absorptive_statics",
    "knowledge_stock",
    # games of co-operation
    "cooperation_threshold",
    "equilibria",
    "grim_trigger_values",
    "prisoners_dilemma",
    "replicator_path",
    "stag_hunt",
    # input-output analysis
    "technical_coefficients",
    "leontief_inverse",
    "output_multipliers",
    "factor_multipliers",
    "allocation_coefficients",
    "ghosh_inverse",
    "symmetric_io_table",
    "SymmetricTable",
    "linkages",
    "hypothetical_extraction",
    # clusters from input-output linkages
    "linkage_correlations",
    "cluster_templates",
    "ClusterTemplates",
    # the course's input-output tables
    "IOTable",
    "us_io_table",
    "germany_io_table",
    "liaoning_io_table",
    # bibliography
    "load_references",
    "references_path",
]

"""coursekit: tested helpers for the Industrial Clusters course.

``import coursekit as ck`` gives the course's methods and models flat
(``ck.location_quotient``, ``ck.CorePeriphery``, ...), the data loaders under
``ck.data`` (``ck.data.load_us_susb_2021()``) and the chart helpers under
``ck.charts`` (``ck.charts.lq_heatmap_chart(...)``).  Grading checks live in
``coursekit.grading`` and the book-build plumbing in ``coursebook``;
neither is part of this flat namespace.

Every name below is imported explicitly, so editors and type checkers see the
whole API; a test fails if a name is exported twice or if ``__all__`` differs
from these imports.
"""

from __future__ import annotations

from coursekit import charts, data
from coursekit._aliases import employment_matrices, employment_matrix
from coursekit.data.bibliography import load_references, references_path
from coursekit.inputoutput import (
    ClusterTemplates,
    Communities,
    IOTable,
    SymmetricTable,
    allocation_coefficients,
    cluster_templates,
    factor_multipliers,
    germany_io_table,
    ghosh_inverse,
    hypothetical_extraction,
    io_centrality,
    io_communities,
    io_network,
    leontief_inverse,
    liaoning_io_table,
    linkage_correlations,
    linkages,
    output_multipliers,
    symmetric_io_table,
    technical_coefficients,
    us_io_table,
)
from coursekit.models import (
    BlackHoleError,
    ConvergenceError,
    CorePeriphery,
    DixonThirlwall,
    GrowthAgglomeration,
    GrowthSteadyState,
    KnowledgeStock,
    ShortRunEquilibrium,
    absorptive_capacity,
    absorptive_statics,
    cooperation_threshold,
    equilibria,
    grim_trigger_values,
    knowledge_stock,
    prisoners_dilemma,
    replicator_path,
    stag_hunt,
)
from coursekit.panels import (
    BetaConvergence,
    ClusterGrowth,
    IncomeTransitions,
    annual_growth,
    beta_convergence,
    cluster_growth_regression,
    quah_transitions,
    relative_per_capita,
    sigma_convergence,
)
from coursekit.regions import (
    Complexity,
    CorrespondenceAnalysis,
    RelatednessEntry,
    activity_matrices,
    activity_matrix,
    complexity,
    correspondence_analysis,
    dynamic_shift_share,
    ellison_glaeser,
    esteban_marquillas,
    herfindahl,
    krugman_index,
    location_quotient,
    locational_gini,
    lorenz_curve,
    maurel_sedillot,
    presence_matrix,
    proximity,
    proximity_network,
    raw_concentration,
    relatedness_density,
    relatedness_entry,
    shift_share,
    simulate_plants,
)

__version__ = "0.3.0"

__all__ = [
    "__version__",
    # namespaces
    "charts",
    "data",
    # building matrices
    "activity_matrices",
    "activity_matrix",
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
    # levels and methods: correspondence analysis
    "CorrespondenceAnalysis",
    "correspondence_analysis",
    # levels and methods: graph analysis of input-output networks
    "Communities",
    "io_centrality",
    "io_communities",
    "io_network",
    # levels and methods: shift-share
    "dynamic_shift_share",
    "esteban_marquillas",
    "shift_share",
    # old industrial regions (chapter 7): relative income per head, growth by period
    "annual_growth",
    "relative_per_capita",
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
    # deprecated aliases (they warn; removed in 0.4)
    "employment_matrices",
    "employment_matrix",
]

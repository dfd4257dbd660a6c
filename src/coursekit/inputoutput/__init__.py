"""Input–output analysis: the course's tables, coefficients and multipliers, linkages
and key sectors, clusters from linkages, and inter-industry networks.
"""

from __future__ import annotations

from coursekit.inputoutput.clusters import ClusterTemplates, cluster_templates, linkage_correlations
from coursekit.inputoutput.coefficients import (
    SymmetricTable,
    allocation_coefficients,
    factor_multipliers,
    ghosh_inverse,
    leontief_inverse,
    output_multipliers,
    symmetric_io_table,
    technical_coefficients,
)
from coursekit.inputoutput.linkages import hypothetical_extraction, linkages
from coursekit.inputoutput.networks import Communities, io_centrality, io_communities, io_network
from coursekit.inputoutput.tables import IOTable, germany_io_table, liaoning_io_table, us_io_table

__all__ = [
    "IOTable",
    "us_io_table",
    "germany_io_table",
    "liaoning_io_table",
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
    "linkage_correlations",
    "cluster_templates",
    "ClusterTemplates",
    "io_network",
    "io_centrality",
    "io_communities",
    "Communities",
]

"""Chart helpers: data in, an :class:`altair.Chart` out, in the course's one theme.

Every helper takes its data (or model) first and the keywords ``title=``,
``source=`` (a credit line under the title) and ``description=`` (what screen
readers announce; written from the data when omitted), and returns an Altair
chart that you can display, change or save.  Importing this package registers
and enables the ``coursekit`` theme (``coursekit.charts.theme``), whose named styles
``"reference"`` and ``"event"`` draw every reference value and dated event alike.

>>> import pandas as pd
>>> import coursekit as ck
>>> M = ck.activity_matrix(pd.DataFrame({"region": ["a", "a", "b"],
...                                      "industry": ["x", "y", "x"], "value": [1, 2, 3]}))
>>> spec = ck.charts.lq_heatmap_chart(ck.location_quotient(M), title="LQ").to_dict()
>>> spec["mark"]["type"], spec["width"]
('rect', 'container')
"""

from __future__ import annotations

from coursekit.charts._aliases import relative_income_chart, sigma_chart, specialisation_chart
from coursekit.charts.concepts import concept_map_chart, timeline_chart
from coursekit.charts.inputoutput import (
    cluster_chart,
    linkage_quadrant_chart,
    multiplier_chart,
    network_chart,
)
from coursekit.charts.models import (
    adjustment_chart,
    growth_rate_chart,
    take_off_chart,
    tomahawk_chart,
    wiggle_chart,
    wiggle_slider_chart,
)
from coursekit.charts.models_innovation import absorptive_chart, cooperation_chart, replicator_chart
from coursekit.charts.panels import convergence_chart, lines_chart, sector_structure_chart
from coursekit.charts.regions import (
    density_entry_chart,
    lorenz_chart,
    lq_heatmap_chart,
    ranking_chart,
    shift_share_chart,
)
from coursekit.charts.regions_maps import ca_biplot_chart, technology_network_chart
from coursekit.charts.theme import register_theme as _register_theme

__all__ = [
    "absorptive_chart",
    "adjustment_chart",
    "cooperation_chart",
    "density_entry_chart",
    "replicator_chart",
    "technology_network_chart",
    "ca_biplot_chart",
    "cluster_chart",
    "concept_map_chart",
    "linkage_quadrant_chart",
    "multiplier_chart",
    "lorenz_chart",
    "lq_heatmap_chart",
    "network_chart",
    "ranking_chart",
    "shift_share_chart",
    "timeline_chart",
    "tomahawk_chart",
    "wiggle_chart",
    "wiggle_slider_chart",
    # chapter 3: growth
    "convergence_chart",
    "growth_rate_chart",
    "take_off_chart",
    # series over time (dispersion, relative income, specialisation, linkages)
    "lines_chart",
    # chapter 7: Tiexi and old industrial regions
    "sector_structure_chart",
    # deprecated: thin wrappers of lines_chart (they warn; removed in 0.4)
    "relative_income_chart",
    "sigma_chart",
    "specialisation_chart",
]

_register_theme()

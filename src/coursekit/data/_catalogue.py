"""The catalogue of loaders: which loaders read each dataset folder.

:data:`LOADERS` maps every dataset under ``data/`` to its loaders; a test fails when a
dataset folder has no loader or a loader has no test.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from coursekit.data._cases import load_tiexi_facts
from coursekit.data._inputoutput import load_bea_table, load_eurostat_manual_io, load_liaoning_io
from coursekit.data._labels import load_classification
from coursekit.data._panels import (
    load_cn_provinces_gdp,
    load_cn_provinces_gdp_pop,
    load_de_counties_gdp,
    load_us_state_income,
)
from coursekit.data._regions import (
    load_de_laender,
    load_de_laender_2015,
    load_eu_countries,
    load_patents,
    load_us_states,
    load_us_states_by_size,
)

__all__ = ["LOADERS"]

LOADERS: dict[str, tuple[Callable[..., pd.DataFrame], ...]] = {
    "us-susb-2021": (load_us_states, load_us_states_by_size),
    "de-laender-employment": (load_de_laender, load_de_laender_2015),
    "eu-employment-nace": (load_eu_countries,),
    "patents-wipo-fields": (load_patents,),
    "bea-io-2021": (load_bea_table,),
    "io-eurostat-manual-germany": (load_eurostat_manual_io,),
    "cn-liaoning-io-2002-2017": (load_liaoning_io,),
    "classifications": (load_classification,),
    "us-state-income-1929-2024": (load_us_state_income,),
    "cn-provinces-gdp-pop-1975-2013": (load_cn_provinces_gdp_pop,),
    "de-counties-gdp-1992-2014": (load_de_counties_gdp,),
    "cn-provinces-gdp-2002-2011": (load_cn_provinces_gdp,),
    "tiexi-facts": (load_tiexi_facts,),
}

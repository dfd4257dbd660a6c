"""The catalogue of loaders: which loaders read each dataset folder.

:data:`LOADERS` maps every dataset under ``data/`` to its loaders, each named after the
dataset (``load_<dataset id>``; a second loader of a dataset adds the part it reads, e.g.
``load_us_susb_2021_by_size``); a test fails when a dataset folder has no
loader or a loader has no test.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from coursekit.data._cases import load_tiexi_facts
from coursekit.data._inputoutput import (
    load_bea_io_2021,
    load_cn_liaoning_io_2002_2017,
    load_io_eurostat_manual_germany,
)
from coursekit.data._labels import load_classification
from coursekit.data._panels import (
    load_cn_provinces_gdp_2002_2011,
    load_cn_provinces_gdp_pop_1975_2013,
    load_de_counties_gdp_1992_2014,
    load_us_state_income_1929_2024,
)
from coursekit.data._regions import (
    load_de_laender_employment,
    load_de_laender_employment_2015,
    load_eu_employment_nace,
    load_patents_wipo_fields,
    load_us_susb_2021,
    load_us_susb_2021_by_size,
)

__all__ = ["LOADERS"]

LOADERS: dict[str, tuple[Callable[..., pd.DataFrame], ...]] = {
    "us-susb-2021": (load_us_susb_2021, load_us_susb_2021_by_size),
    "de-laender-employment": (load_de_laender_employment, load_de_laender_employment_2015),
    "eu-employment-nace": (load_eu_employment_nace,),
    "patents-wipo-fields": (load_patents_wipo_fields,),
    "bea-io-2021": (load_bea_io_2021,),
    "io-eurostat-manual-germany": (load_io_eurostat_manual_germany,),
    "cn-liaoning-io-2002-2017": (load_cn_liaoning_io_2002_2017,),
    "classifications": (load_classification,),  # one classification per call, by name
    "us-state-income-1929-2024": (load_us_state_income_1929_2024,),
    "cn-provinces-gdp-pop-1975-2013": (load_cn_provinces_gdp_pop_1975_2013,),
    "de-counties-gdp-1992-2014": (load_de_counties_gdp_1992_2014,),
    "cn-provinces-gdp-2002-2011": (load_cn_provinces_gdp_2002_2011,),
    "tiexi-facts": (load_tiexi_facts,),
}

"""Old names of the loaders in ``ck.data``, kept for one release (removed in 0.4).

The loaders are now named after their datasets (the folders under ``data/``); each old
name warns with a :class:`FutureWarning` naming its replacement.
"""

from __future__ import annotations

from coursekit._deprecation import deprecated_alias
from coursekit.data._inputoutput import (
    load_bea_io_2021,
    load_cn_liaoning_io_2002_2017,
    load_io_eurostat_manual_germany,
)
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

__all__ = [
    "load_bea_table",
    "load_cn_provinces_gdp",
    "load_cn_provinces_gdp_pop",
    "load_de_counties_gdp",
    "load_de_laender",
    "load_de_laender_2015",
    "load_eu_countries",
    "load_eurostat_manual_io",
    "load_liaoning_io",
    "load_patents",
    "load_us_state_income",
    "load_us_states",
    "load_us_states_by_size",
]

load_bea_table = deprecated_alias(load_bea_io_2021, "load_bea_table", namespace="ck.data")
load_cn_provinces_gdp = deprecated_alias(load_cn_provinces_gdp_2002_2011, "load_cn_provinces_gdp",
                                         namespace="ck.data")
load_cn_provinces_gdp_pop = deprecated_alias(load_cn_provinces_gdp_pop_1975_2013,
                                             "load_cn_provinces_gdp_pop", namespace="ck.data")
load_de_counties_gdp = deprecated_alias(load_de_counties_gdp_1992_2014, "load_de_counties_gdp",
                                        namespace="ck.data")
load_de_laender = deprecated_alias(load_de_laender_employment, "load_de_laender",
                                   namespace="ck.data")
load_de_laender_2015 = deprecated_alias(load_de_laender_employment_2015, "load_de_laender_2015",
                                        namespace="ck.data")
load_eu_countries = deprecated_alias(load_eu_employment_nace, "load_eu_countries",
                                     namespace="ck.data")
load_eurostat_manual_io = deprecated_alias(load_io_eurostat_manual_germany,
                                           "load_eurostat_manual_io", namespace="ck.data")
load_liaoning_io = deprecated_alias(load_cn_liaoning_io_2002_2017, "load_liaoning_io",
                                    namespace="ck.data")
load_patents = deprecated_alias(load_patents_wipo_fields, "load_patents", namespace="ck.data")
load_us_state_income = deprecated_alias(load_us_state_income_1929_2024, "load_us_state_income",
                                        namespace="ck.data")
load_us_states = deprecated_alias(load_us_susb_2021, "load_us_states", namespace="ck.data")
load_us_states_by_size = deprecated_alias(load_us_susb_2021_by_size,
                                          "load_us_states_by_size", namespace="ck.data")

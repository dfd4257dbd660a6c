"""The course's datasets: one registry, checksummed files, tidy typed loaders.

Every dataset lives in its own folder under the repository's ``data/`` (or, in
an installed wheel, under ``coursekit/_data``) with a human-readable
``PROVENANCE.md`` and a machine-readable ``provenance.toml`` that records the
source, licence, attribution, units, retrieval date, the SHA-256 of every file
and each file's column schema.  Everything here reads through that record
(:func:`read_table`), never touches the network, and returns typed frames.  Loaders are
named after their datasets, and each frame carries the roles of its columns
(``frame.attrs["roles"]``: which is the region, the industry, the value, the time), so
that :func:`coursekit.activity_matrix` and the other functions that read columns by role
need no keywords on course data.

>>> import coursekit as ck
>>> us = ck.data.load_us_susb_2021()
>>> us["state"].nunique(), us["sector"].nunique()
(51, 20)
>>> us.attrs["roles"]
{'region': 'state', 'industry': 'sector', 'value': 'employment'}
>>> ck.data.attribution("eu-employment-nace")
'Source: Eurostat'
"""

from __future__ import annotations

from coursekit.data._aliases import (
    load_bea_table,
    load_cn_provinces_gdp,
    load_cn_provinces_gdp_pop,
    load_de_counties_gdp,
    load_de_laender,
    load_de_laender_2015,
    load_eu_countries,
    load_eurostat_manual_io,
    load_liaoning_io,
    load_patents,
    load_us_state_income,
    load_us_states,
    load_us_states_by_size,
)
from coursekit.data._cases import load_tiexi_facts
from coursekit.data._catalogue import LOADERS
from coursekit.data._inputoutput import (
    load_bea_io_2021,
    load_cn_liaoning_io_2002_2017,
    load_io_eurostat_manual_germany,
)
from coursekit.data._labels import list_classifications, load_classification, short_labels
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
from coursekit.data._registry import (
    ChecksumError,
    DataSchemaError,
    attribution,
    data_dir,
    dataset_path,
    list_datasets,
    provenance,
    read_table,
    verify_checksum,
)

__all__ = [
    # registry
    "ChecksumError",
    "DataSchemaError",
    "attribution",
    "data_dir",
    "dataset_path",
    "list_datasets",
    "provenance",
    "read_table",
    "verify_checksum",
    # classifications
    "list_classifications",
    "load_classification",
    "short_labels",
    # loaders, named after their datasets (the folders under data/)
    "LOADERS",
    "load_bea_io_2021",
    "load_cn_liaoning_io_2002_2017",
    "load_cn_provinces_gdp_2002_2011",
    "load_cn_provinces_gdp_pop_1975_2013",
    "load_de_counties_gdp_1992_2014",
    "load_de_laender_employment",
    "load_de_laender_employment_2015",
    "load_eu_employment_nace",
    "load_io_eurostat_manual_germany",
    "load_patents_wipo_fields",
    "load_tiexi_facts",
    "load_us_state_income_1929_2024",
    "load_us_susb_2021",
    "load_us_susb_2021_by_size",
    # deprecated loader names (they warn; removed in 0.4)
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

"""Fuzz entries: the data registry and loaders (``ck.data``)."""

from __future__ import annotations

import coursekit as ck
from fuzzing import Entry

ENTRIES = {
    "coursekit.data.load_us_susb_2021": Entry(ck.data.load_us_susb_2021, {"include_us_total": False}),
    "coursekit.data.load_us_susb_2021_by_size": Entry(ck.data.load_us_susb_2021_by_size, {}),
    "coursekit.data.load_de_laender_employment": Entry(ck.data.load_de_laender_employment,
                                            {"include_manufacturing": False}),
    "coursekit.data.load_de_laender_employment_2015": Entry(ck.data.load_de_laender_employment_2015, {}),
    "coursekit.data.load_eu_employment_nace": Entry(ck.data.load_eu_employment_nace, {}),
    "coursekit.data.load_patents_wipo_fields": Entry(ck.data.load_patents_wipo_fields, {"countries_only": True}),
    "coursekit.data.load_bea_io_2021": Entry(ck.data.load_bea_io_2021, {"table": "use", "level": 15},
                                           extra={"level": [15.0, "15", 71.5]}),
    "coursekit.data.load_io_eurostat_manual_germany": Entry(ck.data.load_io_eurostat_manual_germany,
                                                    {"include_totals": False}),
    "coursekit.data.load_cn_liaoning_io_2002_2017": Entry(ck.data.load_cn_liaoning_io_2002_2017, {"year": 2017},
                                             extra={"year": [2017.0, "2017", 2010, [2017]]}),
    "coursekit.data.load_cn_provinces_gdp_2002_2011": Entry(ck.data.load_cn_provinces_gdp_2002_2011,
                                                  {"three_sectors": False}),
    "coursekit.data.load_classification": Entry(ck.data.load_classification,
                                                {"name": "nace-r2-a10"}),
    "coursekit.data.short_labels": Entry(ck.data.short_labels, {"name": "nace-r2-a10",
                                                                "key": "code"}),
    "coursekit.data.list_classifications": Entry(ck.data.list_classifications, {}),
    "coursekit.data.list_datasets": Entry(ck.data.list_datasets, {}),
    "coursekit.data.provenance": Entry(ck.data.provenance, {"name": "us-susb-2021"}),
    "coursekit.data.attribution": Entry(ck.data.attribution, {"name": "us-susb-2021"}),
    "coursekit.data.data_dir": Entry(ck.data.data_dir, {}),
    "coursekit.data.dataset_path": Entry(ck.data.dataset_path, {
        "name": "us-susb-2021", "filename": "us_state_naics2_2021_totals.csv"}),
    "coursekit.data.read_table": Entry(ck.data.read_table, {
        "name": "patents-wipo-fields", "filename": "wipo_fields.csv", "index_col": None}),
    "coursekit.data.verify_checksum": Entry(ck.data.verify_checksum, {
        "path": ck.data.dataset_path("patents-wipo-fields", "wipo_fields.csv"),
        "expected": ck.data.provenance("patents-wipo-fields")["files"]["wipo_fields.csv"]}),
}

"""Fuzz entries: the chart helpers (``ck.charts``)."""

from __future__ import annotations

import pandas as pd
from registry_measures import M

import coursekit as ck
from fuzzing import Entry

MODEL = ck.CorePeriphery(5.0, 0.4)
LQ = ck.location_quotient(M)
CURVE = ck.lorenz_curve(M, industry=["a", "b"])
RANKED = ck.krugman_index(M)
PATHS = MODEL.simulate([0.4, 0.6], T=1.5, t_max=5.0, n_steps=5)
REFS = ck.load_references()
IO = ck.germany_io_table()
LINKAGES = ck.linkages(IO.Z, IO.x)
MULTIPLIERS = ck.output_multipliers(ck.leontief_inverse(ck.technical_coefficients(IO.Z, IO.x)))
TEMPLATES = ck.cluster_templates(IO.Z, n_clusters=2)
TEXT = {"title": "A title", "source": "Source: test", "description": "A test chart."}

ENTRIES = {
    "coursekit.charts.lq_heatmap_chart": Entry(ck.charts.lq_heatmap_chart,
                                               {"lq": LQ, "height": 100, **TEXT}),
    "coursekit.charts.lorenz_chart": Entry(ck.charts.lorenz_chart,
                                           {"curve": CURVE, "height": 200, **TEXT}),
    "coursekit.charts.ranking_chart": Entry(ck.charts.ranking_chart, {
        "values": RANKED, "top": 2, "reference": 0.5, "value_format": ".2f", **TEXT},
        extra={"value_format": ["%", "{}", ".2q"], "top": [0, -3, 2.5]}),
    "coursekit.charts.timeline_chart": Entry(ck.charts.timeline_chart, {
        "references": REFS, "start": 1900, **TEXT}, extra={"start": [3000]}),
    "coursekit.charts.wiggle_chart": Entry(ck.charts.wiggle_chart, {
        "model": MODEL, "T_values": [1.5, 2.0], "n_lam": 11, **TEXT},
        extra={"n_lam": [0, 1, 2.5, 10**9]}),
    "coursekit.charts.wiggle_slider_chart": Entry(ck.charts.wiggle_slider_chart, {
        "model": MODEL, "T_min": 1.3, "T_max": 2.0, "n_T": 5, "n_lam": 11, "T_init": 1.5,
        **TEXT}, extra={"n_T": [1, 10**9], "T_init": [5.0]}),
    "coursekit.charts.tomahawk_chart": Entry(ck.charts.tomahawk_chart, {
        "model": MODEL, "T_values": [1.5, 1.7, 2.0], "n_lam": 21, **TEXT}),
    "coursekit.charts.adjustment_chart": Entry(ck.charts.adjustment_chart, {"paths": PATHS, **TEXT},
                                               extra={"paths": [PATHS.assign(lam="x")]}),
    "coursekit.charts.linkage_quadrant_chart": Entry(ck.charts.linkage_quadrant_chart, {
        "linkages": LINKAGES, "label": "key", "max_labels": 5, "height": 300, **TEXT},
        extra={"label": [["Nowhere"], [3], []], "max_labels": [-1, 2.5],
               "linkages": [LINKAGES.assign(sector_type="odd")]}),
    "coursekit.charts.multiplier_chart": Entry(ck.charts.multiplier_chart, {
        "values": MULTIPLIERS, "top": 3, "reference": 1.0, "value_title": "Multiplier",
        "value_format": ".3f", **TEXT}, extra={"top": [0, 2.5], "value_format": ["%", "{}"]}),
    # the theme (coursekit.charts.theme); only enable=True is ever valid here, so no fuzz
    # value switches the course theme off for the other tests of this process
    "coursekit.charts.theme.course_theme": Entry(ck.charts.theme.course_theme, {}),
    "coursekit.charts.theme.register_theme": Entry(ck.charts.theme.register_theme,
                                                   {"enable": True}),
    "coursekit.charts.cluster_chart": Entry(ck.charts.cluster_chart, {
        "templates": TEMPLATES, "clusters": None, **TEXT},
        extra={"clusters": [[99], [1.5], "1", [True]]}),
}

_ = pd  # the battery's frames come from fuzzing.BATTERY

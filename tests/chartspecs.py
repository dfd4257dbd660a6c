"""Shared helpers of the chart tests (tests/coursekit/charts/): a chart's Vega-Lite spec
built with warnings as errors, the rows a layer draws, and the checks every full chart meets."""

from __future__ import annotations

import json
import warnings

import altair as alt


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec; any warning while building it is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return chart.to_dict()


def layer_rows(spec: dict, layer: int) -> list[dict]:
    """The rows drawn by one layer of a layered chart (its own data, else the chart's)."""
    data = spec["layer"][layer].get("data", spec.get("data"))
    return spec["datasets"][data["name"]]


def all_rows(spec: dict) -> list[dict]:
    """Every row of every dataset of the spec."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def assert_full_chart(chart) -> None:
    """A title, a description long enough to be read aloud, the container's width, JSON."""
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()
    assert spec["title"]["text"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    json.dumps(spec)  # serialisable for the static page

"""Answers travel from the student's process to the grader as data, never as code."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from coursekit.grading.values import MAX_ELEMENTS, Unsupported, dumps, from_data, to_data


def _round_trip(value):
    return from_data(json.loads(json.dumps(to_data(value), allow_nan=False)))


@pytest.mark.parametrize("value", [
    None, "text", True, 3, -2**70, 1.5, float("nan"), float("inf"), 1 + 2j, ...,
    [1, "a", None], (1, 2.0), {"a": 1, 2: [3]},
])
def test_scalars_and_containers_round_trip(value):
    back = _round_trip(value)
    if isinstance(value, float) and np.isnan(value):
        assert np.isnan(back)
    else:
        assert back == value and type(back) is type(value)


def test_series_and_frames_keep_labels_dtypes_and_names():
    s = pd.Series([1.5, np.nan], index=pd.Index(["a", "b"], name="state"), name="lq")
    back = _round_trip(s)
    pd.testing.assert_series_equal(back, s)
    f = pd.DataFrame({"x": [1, 2], "y": ["u", "v"], "z": [True, False]},
                     index=pd.Index([0.5, 2.5]))
    back = _round_trip(f)
    pd.testing.assert_frame_equal(back, f, check_dtype=False)
    assert back["x"].dtype == "int64" and back["z"].dtype == bool
    mi = pd.Series([1.0, 2.0], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))
    assert _round_trip(mi).index.tolist() == [("a", 1), ("b", 2)]


def test_text_that_looks_like_numbers_stays_text():
    back = _round_trip(pd.Series(["0.25", "0.5"]))
    assert back.tolist() == ["0.25", "0.5"]
    assert not pd.api.types.is_numeric_dtype(back)


class Hostile:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("boom")

    def __reduce__(self):
        raise RuntimeError("never pickled")


@pytest.mark.parametrize("value", [Hostile(), len, np, object(), lambda: 1])
def test_objects_that_are_not_data_become_unsupported(value):
    back = _round_trip(value)
    assert isinstance(back, Unsupported)


def test_huge_answers_are_refused_not_copied():
    assert isinstance(_round_trip(np.zeros(MAX_ELEMENTS + 1)), Unsupported)


def test_malformed_records_cannot_crash_the_grader():
    for record in ({"t": "nonsense"}, {"no": "type"}, 5, [1, 2], {"t": "dict", "items": [[[1], 2]]},
                   {"t": "bigint", "v": "9" * 5000}):
        assert isinstance(from_data(record), Unsupported)


def test_dumps_is_strict_json():
    text = dumps({"x": float("nan"), "y": pd.Series([1.0])})
    json.loads(text)

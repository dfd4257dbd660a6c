"""Answers as data: a JSON encoding that can carry numbers, text, arrays and frames, never code.

The grader takes the values of a student's answer variables out of the
student's process with :func:`to_data` and rebuilds them in a fresh process
with :func:`from_data`.  The format is plain JSON (no pickle, no ``eval``), so
whatever a submission puts into its answers, the grader only ever reads
numbers, strings, lists and dicts.  Anything else is recorded as an
:class:`Unsupported` placeholder, which every check rejects with a message.

>>> import pandas as pd
>>> s = pd.Series([1.5, 2.0], index=["a", "b"], name="lq")
>>> back = from_data(json.loads(json.dumps(to_data(s))))
>>> back.equals(s), back.name
(True, 'lq')
>>> from_data(to_data(["1.5", True, 1 + 2j]))
['1.5', True, (1+2j)]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["MAX_ELEMENTS", "Unsupported", "dumps", "from_data", "to_data"]

#: Largest number of elements an answer may have (larger answers become Unsupported).
MAX_ELEMENTS = 2_000_000
_MAX_DEPTH = 6


@dataclass(frozen=True)
class Unsupported:
    """Placeholder for an answer that is not data (a function, a module, a huge object...)."""

    type_name: str
    reason: str = "not a number, text, list, dict, array, Series or DataFrame"

    def __repr__(self) -> str:
        return f"<{self.type_name} object: {self.reason}>"


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, (int, np.integer)):
        if abs(int(value)) < 2**53:
            return {"t": "int", "v": int(value)}
        return {"t": "bigint", "v": str(int(value))}
    if isinstance(value, (float, np.floating)):
        x = float(value)
        return {"t": "float", "v": x if math.isfinite(x) else repr(x)}
    if isinstance(value, (complex, np.complexfloating)):
        return {"t": "complex", "re": _scalar(value.real), "im": _scalar(value.imag)}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if value is pd.NA or value is pd.NaT:
        return {"t": "na"}
    return None


def _array(values: Any) -> dict[str, Any]:
    arr = np.asarray(values)
    if arr.size > MAX_ELEMENTS:
        raise _TooLarge
    kind = arr.dtype.kind
    if kind in "iu":
        return {"t": "ndarray", "dtype": "int64", "shape": list(arr.shape),
                "data": arr.astype(np.int64).ravel().tolist()}
    if kind == "f":
        data = [x if math.isfinite(x) else repr(x) for x in arr.astype(float).ravel().tolist()]
        return {"t": "ndarray", "dtype": "float64", "shape": list(arr.shape), "data": data}
    if kind == "b":
        return {"t": "ndarray", "dtype": "bool", "shape": list(arr.shape),
                "data": arr.ravel().tolist()}
    return {"t": "ndarray", "dtype": "object", "shape": list(arr.shape),
            "data": [to_data(v, _depth=_MAX_DEPTH - 1) for v in arr.ravel().tolist()]}


class _TooLarge(Exception):
    pass


def _index(index: pd.Index) -> dict[str, Any]:
    if isinstance(index, pd.MultiIndex):
        return {"t": "multiindex", "names": [to_data(n) for n in index.names],
                "levels": [_array(np.asarray(index.get_level_values(i), dtype=object))
                           for i in range(index.nlevels)]}
    values = index.to_numpy()
    if values.dtype.kind not in "iufb":
        values = np.asarray(values, dtype=object)
    return {"t": "index", "name": to_data(index.name), "values": _array(values)}


def to_data(value: Any, *, _depth: int = 0) -> Any:
    """Encode ``value`` as JSON-compatible data (see the module docstring).

    Never raises: an object it cannot encode becomes an ``unsupported`` record.
    """
    try:
        simple = _scalar(value)
        if simple is not None or value is None:
            return simple
        if _depth >= _MAX_DEPTH:
            return {"t": "unsupported", "type": type(value).__name__, "reason": "nested too deep"}
        if isinstance(value, pd.DataFrame):
            if value.size > MAX_ELEMENTS:
                raise _TooLarge
            return {"t": "frame", "index": _index(value.index), "columns": _index(value.columns),
                    "data": [_array(value.iloc[:, j].to_numpy(dtype=object)
                                    if value.iloc[:, j].dtype.kind not in "iufb"
                                    else value.iloc[:, j].to_numpy())
                             for j in range(value.shape[1])]}
        if isinstance(value, pd.Series):
            vals = value.to_numpy()
            if vals.dtype.kind not in "iufb":
                vals = np.asarray(vals, dtype=object)
            return {"t": "series", "name": to_data(value.name, _depth=_depth + 1),
                    "index": _index(value.index), "values": _array(vals)}
        if isinstance(value, pd.Index):
            return _index(value)
        if isinstance(value, np.ndarray):
            return _array(value)
        if isinstance(value, (list, tuple)):
            if len(value) > MAX_ELEMENTS:
                raise _TooLarge
            return {"t": type(value).__name__,
                    "items": [to_data(v, _depth=_depth + 1) for v in value]}
        if isinstance(value, dict):
            if len(value) > MAX_ELEMENTS:
                raise _TooLarge
            return {"t": "dict", "items": [[to_data(k, _depth=_depth + 1),
                                            to_data(v, _depth=_depth + 1)]
                                           for k, v in value.items()]}
    except _TooLarge:
        return {"t": "unsupported", "type": type(value).__name__,
                "reason": f"more than {MAX_ELEMENTS:,} elements"}
    except Exception as err:  # a hostile __array__ or property: record, never crash
        return {"t": "unsupported", "type": type(value).__name__,
                "reason": f"could not be read ({type(err).__name__})"}
    return {"t": "unsupported", "type": type(value).__name__}


def _float(v: Any) -> float:
    return float(v) if not isinstance(v, str) else float(v)  # 'nan', 'inf', '-inf'


def _from_array(obj: dict[str, Any]) -> np.ndarray:
    shape = tuple(int(n) for n in obj["shape"])
    dtype = obj["dtype"]
    if dtype == "float64":
        return np.array([_float(v) for v in obj["data"]], dtype=float).reshape(shape)
    if dtype == "int64":
        return np.array(obj["data"], dtype=np.int64).reshape(shape)
    if dtype == "bool":
        return np.array(obj["data"], dtype=bool).reshape(shape)
    out = np.empty(len(obj["data"]), dtype=object)
    out[:] = [from_data(v) for v in obj["data"]]
    return out.reshape(shape)


def _from_index(obj: dict[str, Any]) -> pd.Index:
    if obj["t"] == "multiindex":
        levels = [_from_array(a) for a in obj["levels"]]
        return pd.MultiIndex.from_arrays(levels, names=[from_data(n) for n in obj["names"]])
    return pd.Index(_from_array(obj["values"]), name=from_data(obj["name"]))


def from_data(obj: Any) -> Any:
    """Rebuild a value from :func:`to_data`'s encoding.

    Never raises: a malformed record (wrong fields, a shape that does not fit its data,
    nesting too deep) becomes an :class:`Unsupported` placeholder, which every check
    rejects with a message.

    >>> from_data({"t": "ndarray", "dtype": "float64", "shape": [3], "data": [1.0]})
    <ndarray object: malformed answer record>
    """
    try:
        return _from_data(obj)
    except Exception as err:  # RecursionError, ValueError, KeyError, TypeError, ...
        kind = obj.get("t", "?") if isinstance(obj, dict) else type(obj).__name__
        return Unsupported(str(kind)[:40], "malformed answer record") if not isinstance(
            err, MemoryError) else Unsupported(str(kind)[:40], "too large")


def _from_data(obj: Any) -> Any:
    if obj is None or isinstance(obj, str):
        return obj
    if not isinstance(obj, dict) or "t" not in obj:
        return Unsupported(type(obj).__name__, "malformed answer record")
    t = obj["t"]
    if t == "bool":
        return bool(obj["v"])
    if t == "int":
        return int(obj["v"])
    if t == "bigint":
        text = str(obj["v"])
        return int(text) if len(text) <= 4300 else Unsupported("int", "too many digits")
    if t == "float":
        return _float(obj["v"])
    if t == "complex":
        return complex(from_data(obj["re"]), from_data(obj["im"]))
    if t == "ellipsis":
        return Ellipsis
    if t == "na":
        return pd.NA
    if t == "ndarray":
        return _from_array(obj)
    if t in ("index", "multiindex"):
        return _from_index(obj)
    if t == "series":
        return pd.Series(_from_array(obj["values"]), index=_from_index(obj["index"]),
                         name=from_data(obj["name"]))
    if t == "frame":
        columns = _from_index(obj["columns"])
        index = _from_index(obj["index"])
        data = {j: _from_array(col) for j, col in enumerate(obj["data"])}
        frame = pd.DataFrame(data, index=index)
        frame.columns = columns
        return frame
    if t in ("list", "tuple"):
        items = [from_data(v) for v in obj["items"]]
        return items if t == "list" else tuple(items)
    if t == "dict":
        out = {}
        for k, v in obj["items"]:
            key = from_data(k)
            if isinstance(key, Unsupported):
                return Unsupported("dict", "has a key that is not a number or text")
            try:
                out[key] = from_data(v)
            except TypeError:  # an unhashable key (e.g. a list): the answer is not usable
                return Unsupported("dict", "has a key that is not a number or text")
        return out
    return Unsupported(str(obj.get("type", t)), str(obj.get("reason", "not data")))


def dumps(values: dict[str, Any]) -> str:
    """Encode a mapping of answer names to values as one JSON document."""
    return json.dumps({k: to_data(v) for k, v in values.items()}, allow_nan=False)

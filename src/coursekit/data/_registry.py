"""The data registry: every bundled file is read through its ``provenance.toml``.

Each dataset folder under ``data/`` holds a ``provenance.toml`` with the
source, licence, attribution, units and retrieval date, the SHA-256 of every
file (``[files]``), for every CSV a schema (``[schema."file.csv"]``), and the column
roles of each loader's frame (``[roles.<loader>]``, see :func:`attach_roles`)::

    [schema."patents_long.csv"]
    columns = { wipo_field = "string", region = "string", year = "int64", patents = "int64" }
    nullable = []                # columns that may have empty cells ("*" = all)
    na_values = []               # extra cell texts that mean "missing", e.g. ["---"]
    other_columns = "float64"    # type of columns not listed (omit: extra columns are errors)

    [roles.load_patents_wipo_fields]  # columns of the loader's frame, by role
    region = "region"
    industry = "wipo_field"
    value = "patents"
    time = "year"

:func:`read_table` is the one path from a file to a DataFrame: it checks the
checksum, reads every cell as text, and converts each column to its declared
type, naming the file, line and column of the first cell that does not fit.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coursekit._roles import with_roles

__all__ = [
    "ChecksumError",
    "DataSchemaError",
    "data_dir",
    "list_datasets",
    "provenance",
    "attribution",
    "dataset_path",
    "verify_checksum",
    "read_table",
]

_TYPES = ("string", "int64", "float64")
_INT = re.compile(r"^[+-]?\d{1,18}$")


class ChecksumError(ValueError):
    """A bundled data file does not match the SHA-256 in its provenance record."""


class DataSchemaError(ValueError):
    """A bundled data file does not match the schema in its provenance record."""


def data_dir() -> Path:
    """Folder holding the datasets: ``coursekit/_data`` in a wheel, else the repository's ``data/``.

    >>> (data_dir() / "us-susb-2021" / "provenance.toml").is_file()
    True
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data", here.parents[1] / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The course data folder was not found next to the coursekit package "
        f"(looked in {here / '_data'} and {here.parents[1] / 'data'}). "
        "Install coursekit from a clone of the repository with `pip install -e .`."
    )


def list_datasets() -> list[str]:
    """Names of the bundled datasets (folders with a ``provenance.toml``).

    >>> "us-susb-2021" in list_datasets()
    True
    """
    return sorted(p.parent.name for p in data_dir().glob("*/provenance.toml"))


def _check_name(name: Any) -> str:
    if not isinstance(name, str):
        raise TypeError(f"'name' must be a dataset name (str), got {type(name).__name__}; "
                        f"choose one of {list_datasets()}.")
    if name not in list_datasets():
        raise ValueError(f"Unknown dataset 'name'={name!r}: choose one of {list_datasets()}.")
    return name


def provenance(name: str) -> dict[str, Any]:
    """The provenance record of dataset ``name`` as a dict.

    >>> provenance("us-susb-2021")["licence"][:11]
    'Public doma'
    """
    return _provenance(_check_name(name))


@cache
def _provenance(name: str) -> dict[str, Any]:
    with (data_dir() / name / "provenance.toml").open("rb") as fh:
        return tomllib.load(fh)


provenance.cache_clear = _provenance.cache_clear  # type: ignore[attr-defined]


def attribution(name: str, *more: str) -> str:
    """The credit line to print wherever dataset ``name`` is shown (from its provenance).

    Given several datasets (a chart that combines them), one line credits them all.

    >>> attribution("us-susb-2021")
    'Source: U.S. Census Bureau, 2021 Statistics of U.S. Businesses'
    >>> attribution("us-susb-2021", "us-susb-2021").count("U.S. Census Bureau")
    1
    """
    lines = list(dict.fromkeys(str(provenance(n)["attribution"]) for n in (name, *more)))
    if len(lines) == 1:
        return lines[0]
    return "Sources: " + "; ".join(line.removeprefix("Source: ") for line in lines)


def dataset_path(name: str, filename: str) -> Path:
    """Path of ``filename`` in dataset ``name``, which must be listed in its provenance."""
    files = provenance(name)["files"]
    if not isinstance(filename, str):
        raise TypeError(f"'filename' must be a file name (str), got {type(filename).__name__}.")
    if filename not in files:
        raise ValueError(
            f"'filename' {filename!r} is not part of dataset {name!r}; "
            f"its files are {sorted(files)}."
        )
    return data_dir() / name / filename


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksum(path: str | Path, expected: str) -> None:
    """Raise :class:`ChecksumError` unless the file's SHA-256 equals ``expected``.

    The message names the file and both digests and says how to repair it.
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(f"'path' must be a file path (str or Path), got {type(path).__name__}.")
    if not isinstance(expected, str) or len(expected) != 64:
        raise TypeError(f"'expected' must be a SHA-256 digest (64 hexadecimal characters), "
                        f"got {expected!r}.")
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"'path' {str(path)!r} is not a file.")
    actual = _sha256(path)
    if actual != expected.lower():
        raise ChecksumError(
            f"Checksum mismatch for data file '{path.name}': expected SHA-256 "
            f"{expected}, found {actual}. The file was changed or damaged (a checkout that "
            f"converts line endings does this; the repository's .gitattributes prevents it); "
            f"restore it with `git checkout -- data/{path.parent.name}/{path.name}`, or, if the "
            f"change is deliberate, update the digest in provenance.toml and PROVENANCE.md."
        )


def _schema(name: str, filename: str) -> dict[str, Any]:
    schema = provenance(name).get("schema", {}).get(filename)
    if not schema or "columns" not in schema:
        raise DataSchemaError(
            f"Dataset {name!r} has no schema for {filename!r}: add a [schema.\"{filename}\"] "
            f"table with its columns and types to data/{name}/provenance.toml."
        )
    for col, kind in [*schema["columns"].items(), ("(other columns)",
                                                   schema.get("other_columns", "string"))]:
        if kind not in _TYPES:
            raise DataSchemaError(f"data/{name}/provenance.toml: column {col!r} of {filename!r} "
                                  f"has type {kind!r}; use one of {_TYPES}.")
    return schema


def _fail(name: str, filename: str, line: int | None, column: str, problem: str) -> None:
    where = f", line {line}" if line is not None else ""
    raise DataSchemaError(
        f"Data file 'data/{name}/{filename}'{where}, column {column!r}: {problem}. The file does "
        f"not match the schema in its provenance.toml: restore it with "
        f"`git checkout -- data/{name}/{filename}`, or fix the file and update the schema."
    )


def _convert(raw: pd.Series, kind: str, nullable: bool, name: str, filename: str) -> pd.Series:
    missing = raw.isna()
    if missing.any() and not nullable:
        _fail(name, filename, int(np.flatnonzero(missing.to_numpy())[0]) + 2, str(raw.name),
              "an empty (missing) cell where a value is required")
    if kind == "string":
        return raw.astype("string")
    text = raw.str.strip()
    if kind == "int64":
        # .eq(True): a missing cell's match is NaN, which counts as no match; no fillna on an
        # object Series (pandas 2.2 warns that it downcasts: FutureWarning, seen on Colab).
        ok = text.str.fullmatch(_INT).eq(True) | missing
        if not ok.all():
            k = int(np.flatnonzero(~ok.to_numpy())[0])
            _fail(name, filename, k + 2, str(raw.name),
                  f"{raw.iloc[k]!r} is not a whole number")
        if missing.any():
            return pd.to_numeric(text).astype("Int64")
        return text.astype("int64")
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & ~missing
    finite = np.isfinite(values.to_numpy(dtype=float)) | missing.to_numpy()
    if bad.any() or not finite.all():
        k = int(np.flatnonzero((bad.to_numpy()) | ~finite)[0])
        _fail(name, filename, k + 2, str(raw.name), f"{raw.iloc[k]!r} is not a finite number")
    return values.astype("float64")


def _check_shape(path: Path, name: str, filename: str) -> None:
    """Every row has as many fields as the header (pandas would shift or drop a column)."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                _fail(name, filename, 1, "(all)", "the file has no header line")
            for row in reader:
                if len(row) != len(header):
                    _fail(name, filename, reader.line_num, "(all)",
                          f"the line has {len(row)} fields but the header has {len(header)}")
    except UnicodeDecodeError as err:
        _fail(name, filename, None, "(all)", f"the file is not UTF-8 text ({err.reason})")


def attach_roles(frame: pd.DataFrame, name: str, loader: str) -> pd.DataFrame:
    """``frame`` with the column roles of ``[roles.<loader>]`` in dataset ``name``'s provenance.

    The roles (``region``, ``industry``, ``value``, ``time``: which column is which) go to
    ``frame.attrs["roles"]``, where :func:`coursekit.activity_matrix` and the other
    functions that read columns by role find them.  A loader without a table gets none.
    """
    roles = provenance(name).get("roles", {}).get(loader)
    return frame if roles is None else with_roles(frame, roles)


def read_table(name: str, filename: str, *, index_col: str | None = None) -> pd.DataFrame:
    """Read a bundled CSV: verify its checksum, then type every column by its schema.

    Raises :class:`ChecksumError` if the file was changed and
    :class:`DataSchemaError` (naming file, line and column) if a cell does not fit.

    >>> fields = read_table("patents-wipo-fields", "wipo_fields.csv")
    >>> str(fields["wipo_field"].dtype), str(fields["ncses_table_id"].dtype)
    ('string', 'int64')
    """
    path = dataset_path(name, filename)
    verify_checksum(path, provenance(name)["files"][filename])
    schema = _schema(name, filename)
    if index_col is not None and (not isinstance(index_col, str) or
                                  index_col not in schema["columns"]):
        raise ValueError(f"'index_col' must be one of the columns {list(schema['columns'])} "
                         f"(or None), got {index_col!r}.")
    _check_shape(path, name, filename)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False,
                          na_values=["", *schema.get("na_values", [])], encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        _fail(name, filename, None, "(all)", f"the file cannot be parsed as CSV ({err})")
    declared = dict(schema["columns"])
    missing_cols = [c for c in declared if c not in raw.columns]
    if missing_cols:
        _fail(name, filename, 1, missing_cols[0], "the column is missing from the header")
    other = schema.get("other_columns")
    extra = [c for c in raw.columns if c not in declared]
    if extra and other is None:
        _fail(name, filename, 1, extra[0], "the header has a column the schema does not list")
    nullable = set(schema.get("nullable", []))
    out = {
        col: _convert(raw[col], declared.get(col, other or "string"),
                      "*" in nullable or col in nullable, name, filename)
        for col in raw.columns
    }
    frame = pd.DataFrame(out)
    return frame.set_index(index_col) if index_col else frame

"""Industry and country classifications, with short labels for charts.

The classifications live in the ``classifications`` dataset (``data/classifications/``),
one CSV each, read through the registry like every other file.  Every table has
``code``, ``title`` and, where charts need it, ``short``.
"""

from __future__ import annotations

import pandas as pd

from coursekit.data._registry import data_dir, provenance, read_table

__all__ = ["list_classifications", "load_classification", "short_labels"]


def list_classifications() -> list[str]:
    """Names of the bundled classifications.

    >>> "naics-2017-sectors" in list_classifications()
    True
    """
    return sorted(f.removesuffix(".csv") for f in provenance("classifications")["files"])


def load_classification(name: str) -> pd.DataFrame:
    """One classification table (``code``, ``title``, often ``short`` and more columns).

    Parameters
    ----------
    name : str
        One of :func:`list_classifications`, e.g. ``"naics-2017-sectors"``,
        ``"nace-r2-a10"``, ``"wz2008-a10"``, ``"bea-2017"``.

    Returns
    -------
    DataFrame
        Typed columns as declared in ``data/classifications/provenance.toml``.

    Examples
    --------
    >>> load_classification("nace-r2-a10").loc[0, ["code", "short"]].tolist()
    ['A', 'Agriculture']
    """
    if not isinstance(name, str) or name not in list_classifications():
        raise ValueError(
            f"'name' must be one of {list_classifications()}, got {name!r}. "
            f"(Classifications are files in {data_dir() / 'classifications'}.)"
        )
    return read_table("classifications", f"{name}.csv")


def short_labels(name: str, key: str = "title") -> dict[str, str]:
    """Short chart labels of a classification, keyed by ``title`` (default) or ``code``.

    Use it to rename long industry names before drawing, e.g.
    ``lq.rename(columns=ck.data.short_labels("naics-2017-sectors"))``.

    Parameters
    ----------
    name : str
        A classification with a ``short`` column.
    key : {"title", "code"}
        What the returned mapping is keyed by.

    Returns
    -------
    dict
        ``{title or code: short label}``.

    Examples
    --------
    >>> short_labels("naics-2017-sectors")["Accommodation and Food Services"]
    'Accommodation & food'
    >>> short_labels("nace-r2-a10", key="code")["M_N"]
    'Business services'
    """
    if not isinstance(key, str) or key not in ("title", "code"):
        raise ValueError(f"'key' must be 'title' or 'code', got {key!r}.")
    table = load_classification(name)
    if "short" not in table.columns:
        raise ValueError(f"Classification {name!r} has no short labels (no 'short' column).")
    return dict(zip(table[key].astype(str), table["short"].astype(str), strict=True))

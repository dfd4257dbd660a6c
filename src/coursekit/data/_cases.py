"""Loader for the dataset added with chapter 7 (Tiexi and three old industrial regions).

Like every loader, it reads through :func:`coursekit.data.read_table` (checksum and
schema verified) and never touches the network.
"""

from __future__ import annotations

import pandas as pd

from coursekit._validation import _show
from coursekit.data._registry import read_table

__all__ = ["load_tiexi_facts"]

#: The four cases of chapter 7, as written in the ``region`` column.
TIEXI_REGIONS = ("Tiexi", "Ruhr", "Lorraine", "Great Lakes")

#: How a row was confirmed (see the dataset's PROVENANCE.md).
CONFIRMED = ("confirmed", "confirmed (copy)", "official's quote", "secondary", "database value")

_TEXT = ("place_zh", "name_zh", "conflict", "note")


def load_tiexi_facts(region: str | None = None) -> pd.DataFrame:
    """Sourced facts on Tiexi (Shenyang), the Ruhr, Lorraine and the US Great Lakes.

    A table compiled by the course (CC BY 4.0): each row is one figure with its unit,
    the period it refers to, its source (``source``, the ``references.bib`` key
    ``source_key`` and ``url``) and how it was confirmed (``confirmed``: ``"confirmed"``,
    ``"confirmed (copy)"``, ``"official's quote"``, ``"secondary"`` or ``"database value"``).
    Most Tiexi figures come from press and government reports, several of them quotes
    of officials; rows that report the same quantity from different sources share a
    ``conflict`` group.  A few benchmark values are cited from the Rosés-Wolf regional
    database (not redistributed) and from Insee and INED population counts.  Empty text
    cells (no Chinese name, no conflict group, no note) are empty strings.

    Parameters
    ----------
    region : {"Tiexi", "Ruhr", "Lorraine", "Great Lakes"}, optional
        Keep only the rows of one case; ``None`` (default) returns all of them.

    Returns
    -------
    DataFrame
        Columns ``id``, ``region``, ``region_zh``, ``place``, ``place_zh``, ``topic``,
        ``fact``, ``name_zh``, ``value``, ``qualifier``, ``unit``, ``period``, ``year``,
        ``source``, ``source_key``, ``url``, ``confirmed``, ``conflict``, ``note``.

    References
    ----------
    The sources of each row (``source_key``); see the dataset's PROVENANCE.md for the
    corrections applied and the figures that could not be confirmed.

    Examples
    --------
    >>> facts = load_tiexi_facts()
    >>> sorted(facts["region"].unique())
    ['Great Lakes', 'Lorraine', 'Ruhr', 'Tiexi']
    >>> row = facts.set_index("id").loc["investment"]
    >>> float(row["value"]), str(row["unit"]), str(row["qualifier"])
    (21.0, 'billion yuan', 'more than')
    >>> sorted(load_tiexi_facts("Tiexi").query("conflict == 'job-losses'")["source_key"])
    ['cctv2004tiexi', 'chinaorg2010tiexi', 'sanlian2007tiexi', 'sanlian2007tiexi', 'xinhua2007tiexi']
    """
    if region is not None:
        if not isinstance(region, str):
            raise TypeError(f"'region' must be one of {list(TIEXI_REGIONS)} or None, got "
                            f"{_show(region)} of type {type(region).__name__}.")
        if region not in TIEXI_REGIONS:
            raise ValueError(f"'region' must be one of {list(TIEXI_REGIONS)} or None, got "
                             f"{region!r}.")
    raw = read_table("tiexi-facts", "tiexi_facts.csv")
    problems = sorted(set(raw["region"]) - set(TIEXI_REGIONS)) + \
        sorted(set(raw["confirmed"]) - set(CONFIRMED))
    if problems or raw["id"].duplicated().any():
        raise ValueError(f"tiexi_facts.csv has unknown regions or confirmation codes {problems} "
                         f"or duplicate ids; restore it with `git checkout -- data/tiexi-facts`.")
    facts = raw.copy()
    for col in _TEXT:
        facts[col] = facts[col].fillna("").astype("string")
    if region is not None:
        facts = facts[facts["region"] == region]
    return facts.reset_index(drop=True)

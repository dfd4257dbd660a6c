"""The course bibliography as data: ``references.bib`` read into a tidy table.

The introduction's timeline of the works the course covers is drawn from this
table, so the chart and the bibliography can never disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

__all__ = ["references_path", "load_references"]

_WAVES = (
    (0, 1919, "Classical location theory"),
    (1920, 1969, "Marshall to Hoover: external economies"),
    (1970, 1989, "Flexible specialisation and new industrial spaces"),
    (1990, 9999, "New economic geography, competitiveness and innovation"),
)


def references_path() -> Path:
    """Path of the course's ``references.bib`` (in the repository, or bundled in a wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / "references.bib", here.parents[1] / "references.bib"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "references.bib was not found next to the coursekit package; install coursekit "
        "from a clone of the repository with `pip install -e .`."
    )


def _clean(text: str) -> str:
    text = re.sub(r"\\[`'\"^~=.]\{?([A-Za-z])\}?", r"\1", text)  # accents -> base letter
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def load_references(path: str | Path | None = None) -> pd.DataFrame:
    """Read a BibTeX file into a DataFrame, one row per entry, sorted by year.

    Columns: ``key``, ``year`` (int), ``authors`` (short form, e.g. ``"Krugman"``,
    ``"Fujita, Krugman & Venables"`` or ``"Ellison et al."``), ``title``, ``type``
    (BibTeX entry type) and ``wave`` (the period of cluster theory it belongs to).

    Parameters
    ----------
    path : str or Path, optional
        A ``.bib`` file; default :func:`references_path`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bib = pathlib.Path(tempfile.mkdtemp()) / "x.bib"
    >>> _ = bib.write_text('@book{k, author={Krugman, Paul}, title={Geography and Trade},'
    ...                    ' year={1991}, publisher={MIT Press}}')
    >>> load_references(bib)[["key", "year", "authors"]].to_dict("records")
    [{'key': 'k', 'year': 1991, 'authors': 'Krugman'}]
    """
    from pybtex.database import parse_file

    source = Path(path) if path is not None else references_path()
    bib = parse_file(str(source), bib_format="bibtex")
    if not bib.entries:
        raise ValueError(f"The bibliography file '{source}' has no entries; check 'path'.")
    rows = []
    for key, entry in bib.entries.items():
        year_text = entry.fields.get("year", "")
        match = re.search(r"\d{4}", year_text)
        if match is None:
            raise ValueError(
                f"Entry {key!r} in the bibliography has no four-digit 'year' field "
                f"(got {year_text!r}); add one."
            )
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            names = [_clean(" ".join(p.last_names)) for p in people]
        else:
            org = entry.fields.get("institution") or entry.fields.get("publisher") or key
            names = [_clean(org)]
        if len(names) == 1:
            short = names[0]
        elif len(names) <= 3:
            short = ", ".join(names[:-1]) + " & " + names[-1]
        else:
            short = names[0] + " et al."
        year = int(match.group())
        wave = next(label for lo, hi, label in _WAVES if lo <= year <= hi)
        rows.append(
            {
                "key": key,
                "year": year,
                "authors": short,
                "title": _clean(entry.fields.get("title", "")),
                "type": entry.type,
                "wave": wave,
            }
        )
    frame = pd.DataFrame(rows, columns=["key", "year", "authors", "title", "type", "wave"])
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values(["year", "key"], kind="stable").reset_index(drop=True)

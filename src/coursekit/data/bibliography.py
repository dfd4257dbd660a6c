"""The course bibliography as data: ``references.bib`` read into a tidy table.

The introduction's timeline of the works the course covers is drawn from this
table, so the chart and the bibliography can never disagree.

Which wave of cluster theory a work belongs to is a judgement, not a function
of its year (a 2009 textbook on input–output analysis is not part of the
"third wave"), so every entry of ``references.bib`` carries a hand-set
``coursewave`` field; ``WAVES`` maps its tags to the labels shown in the
timeline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

__all__ = ["WAVES", "references_path", "load_references"]

#: ``coursewave`` tag -> label in the ``wave`` column.  Only the first three are
#: waves of cluster theory; the others keep methods, textbooks, data sources,
#: context and duplicate versions of a work out of any wave's count.
WAVES: dict[str, str] = {
    "marshall-hoover": "Marshall to Hoover: external economies",
    "flexible-specialisation": "Flexible specialisation and new industrial spaces",
    "third-wave": "New economic geography, competitiveness and innovation",
    "method": "Methods and textbooks the course uses (not a wave)",
    "data": "Data sources (not a wave)",
    "context": "Related, earlier or later work (not a wave)",
    "other-version": "Another version of a listed work (not counted)",
}


def references_path() -> Path:
    """Path of the course's ``references.bib`` (in the repository, or bundled in a wheel)."""
    package = Path(__file__).resolve().parents[1]  # coursekit/
    for candidate in (package / "_data" / "references.bib", package.parents[1] / "references.bib"):
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
    (BibTeX entry type) and ``wave``: the label in ``WAVES`` of the entry's
    hand-set ``coursewave`` tag (a wave of cluster theory, or a kind of work
    that belongs to none).  The year plays no part in it.

    Parameters
    ----------
    path : str or Path, optional
        A ``.bib`` file; default :func:`references_path`.

    Raises
    ------
    ValueError
        If the file has no entries, or an entry has no four-digit ``year``, no
        ``coursewave`` field or a tag that is not a key of ``WAVES``; the
        message names the entry.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bib = pathlib.Path(tempfile.mkdtemp()) / "x.bib"
    >>> _ = bib.write_text('@book{k, author={Krugman, Paul}, title={Geography and Trade},'
    ...                    ' year={1991}, publisher={MIT Press}, coursewave={third-wave}}'
    ...                    ' @book{m, author={Miller, R. and Blair, P.}, year={2009},'
    ...                    ' title={Input-Output Analysis}, publisher={CUP}, coursewave={method}}')
    >>> load_references(bib)[["key", "year", "authors", "wave"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'key': 'k', 'year': 1991, 'authors': 'Krugman',
      'wave': 'New economic geography, competitiveness and innovation'},
     {'key': 'm', 'year': 2009, 'authors': 'Miller & Blair',
      'wave': 'Methods and textbooks the course uses (not a wave)'}]
    """
    from pybtex.database import parse_file

    if path is not None and not isinstance(path, (str, Path)):
        raise TypeError(f"'path' must be a .bib file path (str or Path) or None, got "
                        f"{type(path).__name__}.")
    source = Path(path) if path is not None else references_path()
    if not source.is_file():
        raise ValueError(f"'path' {str(source)!r} is not a file; pass the path of a .bib file.")
    try:
        bib = parse_file(str(source), bib_format="bibtex")
    except Exception as err:  # pybtex raises its own syntax and decoding errors
        raise ValueError(f"'path' {str(source)!r} is not a readable BibTeX file: "
                         f"{type(err).__name__}: {err}") from None
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
        tag = entry.fields.get("coursewave", "").strip()
        if not tag:
            raise ValueError(
                f"Entry {key!r} in '{source}' has no 'coursewave' field; add one of "
                f"{', '.join(WAVES)} (see the comment at the top of references.bib)."
            )
        if tag not in WAVES:
            raise ValueError(
                f"Entry {key!r} in '{source}' has coursewave = {{{tag}}}, which is not a known "
                f"tag; use one of {', '.join(WAVES)}."
            )
        rows.append(
            {
                "key": key,
                "year": year,
                "authors": short,
                "title": _clean(entry.fields.get("title", "")),
                "type": entry.type,
                "wave": WAVES[tag],
            }
        )
    frame = pd.DataFrame(rows, columns=["key", "year", "authors", "title", "type", "wave"])
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values(["year", "key"], kind="stable").reset_index(drop=True)

"""The bibliography: one references.bib, complete entries, every citation resolvable."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

import coursekit as ck
from conftest import ROOT
from coursekit.data.bibliography import WAVES

BIB = ROOT / "references.bib"
REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "phdthesis": ("author", "title", "school", "year"),
}


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for page in list((ROOT / "chapters").glob("*.md")) + list((ROOT / "notebooks").glob("*.ipynb")):
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", page.read_text(encoding="utf-8")):
            keys.update(k.strip() for k in group.split(","))
    return keys


def test_only_one_bibliography_file():
    assert [p.name for p in ROOT.glob("*.bib")] == ["references.bib"]


def test_entries_are_complete():
    db = parse_file(str(BIB))
    assert len(db.entries) >= 50
    for key, entry in db.entries.items():
        fields = {k.lower() for k in entry.fields} | set(entry.persons)
        needed = REQUIRED.get(entry.type, ("title", "year"))
        missing = [f for f in needed if f not in fields and not (f == "author" and "editor" in fields)]
        assert not missing, f"{key} ({entry.type}) lacks {missing}"
        if entry.type == "book":
            assert "author" in fields or "editor" in fields, key


def test_article_dois_are_well_formed():
    db = parse_file(str(BIB))
    for key, entry in db.entries.items():
        doi = entry.fields.get("doi")
        if doi:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", doi), f"{key}: bad DOI {doi!r}"


def test_every_cited_key_exists():
    db = parse_file(str(BIB))
    missing = sorted(_cited_keys() - set(db.entries))
    assert not missing, f"cited but not in references.bib: {missing}"


def test_load_references_matches_the_file():
    refs = ck.load_references()
    assert len(refs) == len(parse_file(str(BIB)).entries)
    assert refs["year"].is_monotonic_increasing
    assert refs["year"].between(1800, 2030).all()


def test_load_references_rejects_empty_file(tmp_path):
    empty = tmp_path / "empty.bib"
    empty.write_text("")
    with pytest.raises(ValueError, match="has no entries"):
        ck.load_references(empty)


def test_every_entry_has_a_known_coursewave_tag():
    db = parse_file(str(BIB))
    for key, entry in db.entries.items():
        tag = entry.fields.get("coursewave")
        assert tag in WAVES, f"{key}: coursewave = {tag!r}; use one of {list(WAVES)}"


def test_waves_come_from_the_tag_not_the_year():
    refs = ck.load_references().set_index("key")["wave"]
    third = WAVES["third-wave"]
    # Founding texts of the third wave and a study the review surveys are counted ...
    for key in ("porter1990competitive", "krugman1991increasing", "lundvall1992national",
                "mytelka2000local"):
        assert refs[key] == third, key
    # ... but not methods, textbooks or later work published in the same years or after,
    for key in ("ellison1997geographic", "fujita1999spatial", "miller2009input",
                "delgado2016defining", "alder2023labor"):
        assert refs[key] != third, key
    # and a second version of a work is not counted twice.
    assert refs["beaudry2001growth"] == third
    assert refs["beaudry2009firm"] == WAVES["other-version"]
    assert refs["marshall1920principles"] == WAVES["marshall-hoover"]
    assert refs["piore1984second"] == WAVES["flexible-specialisation"]


def test_load_references_names_an_entry_without_a_tag(tmp_path):
    bib = tmp_path / "untagged.bib"
    bib.write_text("@book{good, title={A}, year={1990}, publisher={P}, coursewave={method}}\n"
                   "@book{untagged2001, title={B}, year={2001}, publisher={P}}\n")
    with pytest.raises(ValueError, match="'untagged2001'.*no 'coursewave' field"):
        ck.load_references(bib)


def test_load_references_rejects_an_unknown_tag(tmp_path):
    bib = tmp_path / "badtag.bib"
    bib.write_text("@book{odd, title={A}, year={1990}, publisher={P}, coursewave={fourth-wave}}\n")
    with pytest.raises(ValueError, match="'odd'.*fourth-wave.*not a known tag"):
        ck.load_references(bib)

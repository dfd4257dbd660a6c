"""The translated editions' catalogues, checked without a build (locales/README.md).

For every language (``locales/<language>/LC_MESSAGES``) and every page it declares
translated (``locales/<language>/TRANSLATED``): the page's catalogue has no untranslated,
fuzzy or obsolete message; each translation keeps the message's roles (citations, glued
numbers, references, terms), inline code and formulas, and types no number the English
does not have (numbers come from code, through glue); every chart string on the page and
every note of the editions is translated, with the same number placeholders.  The build
itself fails (``-W``) when a declared page's English text changed and its catalogue was
not brought up to date (:func:`coursebook.i18n.check_translated`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from coursebook import charttext, delivery, editions, i18n

LANGUAGES = editions.languages(ROOT)
DECLARED = [(lang, page) for lang in LANGUAGES
            for page in sorted(editions.declared_translated(ROOT, lang))]

_ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
_CODE = re.compile(r"(?<![`{])`([^`]+)`")
_MATH = re.compile(r"\$[^$]+\$")
_NUMBER = re.compile(r"\d+")


def _catalogue(lang: str, domain: str):
    path = ROOT / editions.LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    assert path.is_file(), f"{path} is missing: run 'make locales'"
    with path.open("rb") as f:
        return read_po(f)


def _roles(text: str) -> list[tuple[str, str]]:
    """Roles with their targets (``title <target>`` keeps the target only)."""
    out = []
    for role, body in _ROLE.findall(text):
        m = re.search(r"<([^<>]+)>\s*$", body)
        out.append((role, m.group(1) if m and role in ("term", "ref", "doc", "numref")
                    else body))
    return sorted(out)


def _prose(text: str) -> str:
    return _MATH.sub(" ", _CODE.sub(" ", _ROLE.sub(" ", text)))


def test_there_is_a_chinese_edition():
    assert "zh_CN" in LANGUAGES
    assert {"chapters/intro", "chapters/glossary"} <= editions.declared_translated(ROOT, "zh_CN")


@pytest.mark.parametrize(("lang", "page"), DECLARED, ids=[f"{a}:{b}" for a, b in DECLARED])
def test_declared_page_is_fully_translated(lang, page):
    cat = _catalogue(lang, page)
    problems = []
    for m in cat:
        if not m.id:
            continue
        if not m.string:
            problems.append(f"untranslated: {m.id[:80]!r}")
        elif m.fuzzy:
            problems.append(f"fuzzy (check it, then remove the fuzzy flag): {m.id[:80]!r}")
    assert not problems, f"{lang}/{page} is declared translated:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lang", "page"), DECLARED, ids=[f"{a}:{b}" for a, b in DECLARED])
def test_translations_keep_roles_code_maths_and_numbers(lang, page):
    problems = []
    for m in _catalogue(lang, page):
        if not m.id or not m.string:
            continue
        if _roles(m.id) != _roles(m.string):
            problems.append(f"roles differ: {_roles(m.id)} vs {_roles(m.string)} in "
                            f"{m.id[:60]!r}")
        if sorted(_CODE.findall(_ROLE.sub(" ", m.id))) != sorted(
                _CODE.findall(_ROLE.sub(" ", m.string))):
            problems.append(f"inline code differs in {m.id[:60]!r}")
        if sorted(_MATH.findall(m.id)) != sorted(_MATH.findall(m.string)):
            problems.append(f"formulas differ in {m.id[:60]!r}")
        typed = set(_NUMBER.findall(_prose(m.string))) - set(_NUMBER.findall(_prose(m.id)))
        if typed:
            problems.append(f"numbers {sorted(typed)} are not in the English {m.id[:60]!r} "
                            "(glue them from code instead of typing them)")
    assert not problems, f"{lang}/{page}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_strings_of_declared_pages_are_translated(lang):
    declared = editions.declared_translated(ROOT, lang)
    cat = _catalogue(lang, i18n.CHARTS_DOMAIN)
    problems = []
    for m in cat:
        pages = {where for where, _ in m.locations}
        if not m.id or not pages & declared:
            continue
        if not m.string or m.fuzzy:
            problems.append(f"{'fuzzy' if m.fuzzy else 'untranslated'} ({sorted(pages)}): "
                            f"{m.id[:80]!r}")
        elif charttext.numbers_of(m.id) != charttext.numbers_of(m.string):
            problems.append(f"number placeholders differ: {m.id[:60]!r} -> {m.string[:60]!r}")
    assert not problems, f"{lang}: chart strings of declared pages:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editions_notes_are_translated(lang):
    strings = {m.id: m.string for m in _catalogue(lang, i18n.UI_DOMAIN) if m.id and not m.fuzzy}
    assert set(i18n.UI_MESSAGES) <= {k for k, v in strings.items() if v}


def test_edition_links_point_at_the_same_page():
    links = i18n.edition_links("chapters/intro", "zh_CN", ["en", "zh_CN"])
    assert [(x["hreflang"], x["url"], x["current"]) for x in links] == [
        ("en", "../../chapters/intro.html", False), ("zh-CN", "intro.html", True)]
    assert (Path("/site/zh_CN/chapters") / links[0]["url"]).resolve() == Path(
        "/site/chapters/intro.html")


def test_another_edition_inside_the_site_is_not_its_pages(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.html").write_text("<html></html>")
    (tmp_path / "zh_CN" / "chapters").mkdir(parents=True)
    (tmp_path / "zh_CN" / ".buildinfo").write_text("")
    (tmp_path / "zh_CN" / "chapters" / "a.html").write_text("<html></html>")
    assert delivery.page_files(tmp_path) == [tmp_path / "chapters" / "a.html"]
    assert delivery.page_files(tmp_path / "zh_CN") == [tmp_path / "zh_CN" / "chapters" / "a.html"]


def test_chart_messages_are_not_flagged_as_printf_formats(tmp_path):
    """"55% of inertia" is chart text with {0}-style placeholders, not a printf format:
    flagged python-format, msgfmt -c would reject every translation of it."""
    from coursebook.i18n import _write_template

    pot = tmp_path / "charts.pot"
    _write_template(pot, {"Dim {0} ({1}% of inertia)": ["chapters/methods"]})
    text = pot.read_text(encoding="utf-8")
    assert "python-format" not in text.replace("python-brace-format", "")

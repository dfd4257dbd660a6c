"""The translated editions in the built site: one book, computed once, in several languages.

Built by the ``built_book`` fixture as ``make book`` builds it (tests/conftest.py): the
English edition in ``_build/html``, every translated one (``locales/<language>``) in
``_build/html/<language>``.  Checked here: the same pages in every edition; the same
code outputs (byte-identical: nothing ran twice), the same glued numbers,
the same charts (data and numbers identical, text translated from ``charts.po``); the
``lang`` of each page, the language switcher and the ``hreflang`` links, both ways; the
English-fallback note on exactly the pages not declared translated; the Chinese search
index.  Page weights: ``test_budgets_editions.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursebook import charttext, delivery, editions, i18n, i18n_doctrees

pytestmark = pytest.mark.book

LANGUAGES = editions.languages(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module", params=LANGUAGES)
def edition(request, built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    return request.param, built_book.html / request.param


def _pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in delivery.page_files(site)]


def _specs(site: Path, page: str) -> list[dict]:
    text = (site / page).read_text(encoding="utf-8")
    out = []
    for digest in re.findall(r'class="coursekit-chart" data-spec="([0-9a-f]+)"', text):
        body = (site / "_static" / delivery.SPECS_DIR / f"{digest}.js").read_text(encoding="utf-8")
        out.append(json.loads(body[body.index("] = ") + 4:body.rindex(";")]))
    return out


def test_every_page_exists_in_every_edition(built_book, edition):
    lang, site = edition
    english, translated = _pages(built_book.html), _pages(site)
    assert english == translated, (
        f"pages in one edition only: English only {sorted(set(english) - set(translated))}, "
        f"{lang} only {sorted(set(translated) - set(english))}")


def _cell_outputs(page: Path) -> list[str]:
    """The HTML of every code cell's output on a page, charts left out (their specs are
    compared by test_charts_are_the_same_charts_with_translated_text)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    outputs = []
    for div in soup.select("div.cell_output"):
        for chart in div.select("div.coursekit-chart-wrapper"):
            chart.decompose()
        outputs.append(str(div))
    return outputs


def test_code_outputs_are_byte_identical(built_book, edition):
    """Every page ran once, in the English build; the translated edition took every output
    from the same jupyter-cache: each code cell's output is byte for byte the English one."""
    lang, site = edition
    n, differ = 0, []
    for page in _pages(built_book.html):
        en, other = _cell_outputs(built_book.html / page), _cell_outputs(site / page)
        n += len(en)
        if en != other:
            differ.append(f"{page}: {sum(a != b for a, b in zip(en, other, strict=False))} of {len(en)} "
                          f"outputs differ" if len(en) == len(other) else
                          f"{page}: {len(en)} outputs in English, {len(other)} in {lang}")
    assert n > 50 and not differ, "code outputs that differ between the editions:\n" + \
        "\n".join(differ)
    if built_book.log:  # built by the fixture: the translated build's log comes last
        tail = built_book.log[built_book.log.rfind("Running Sphinx"):]
        assert "Using cached notebook" in tail and "Executing notebook" not in tail, (
            f"the {lang} build executed a page instead of reusing the English cache")


_PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.S)


def test_glued_values_are_the_same_in_every_edition(built_book, edition):
    lang, site = edition
    problems = []
    for page in _pages(built_book.html):
        en = _PASTED.findall((built_book.html / page).read_text(encoding="utf-8"))
        other = _PASTED.findall((site / page).read_text(encoding="utf-8"))
        if sorted(en) != sorted(other):
            problems.append(f"{page}: English {en} vs {lang} {other}")
    assert not problems, "glued values that differ between the editions:\n" + "\n".join(problems)


def test_charts_are_the_same_charts_with_translated_text(built_book, edition):
    """Same structure, data and numbers; the text is the catalogue's translation; on a
    page declared translated no chart string is left in English."""
    lang, site = edition
    charts = i18n.catalogue(built_book.root, lang, i18n.CHARTS_DOMAIN) or {}
    declared = editions.declared_translated(built_book.root, lang)
    n, problems = 0, []
    for page in _pages(built_book.html):
        en, other = _specs(built_book.html, page), _specs(site, page)
        assert len(en) == len(other), f"{page}: {len(en)} charts in English, {len(other)} in {lang}"
        for a, b in zip(en, other, strict=True):
            n += 1
            if charttext.strip_text(a) != charttext.strip_text(b):
                problems.append(f"{page}: the {lang} chart differs beyond its text")
            expected, missing = charttext.translate_spec(a, charts.get)
            if b != expected:
                problems.append(f"{page}: the {lang} chart is not the catalogue's translation")
            if missing and page[:-5] in declared:
                problems.append(f"{page}: untranslated chart strings {missing[:5]}")
    assert n and not problems, "\n".join(problems)


def _site_url() -> str:
    import yaml

    from coursebook.sphinxext import site_url

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "_config.yml").read_text(
        encoding="utf-8"))
    return site_url(config["repository"]["url"]).rstrip("/") + "/"


def test_lang_switcher_and_hreflang_on_every_page(built_book, edition):
    """hreflang links are absolute URLs of the published site (search engines read no
    other), naming the same page in each edition; the switcher is relative (offline)."""
    lang, site = edition
    published = _site_url()

    def local(href: str) -> Path:
        assert href.startswith(published), f"hreflang href {href!r} is not under {published}"
        return (built_book.html / href[len(published):]).resolve()

    problems = []
    for root, language in ((built_book.html, editions.SOURCE_LANGUAGE), (site, lang)):
        for page in _pages(root):
            path = root / page
            text = path.read_text(encoding="utf-8")
            if re.search(r'<meta http-equiv="Refresh"', text, re.I) and "<article" not in text:
                continue  # the root redirect
            if f'<html lang="{editions.hreflang(language)}"' not in text:
                problems.append(f"{path}: not lang={editions.hreflang(language)}")
            alternates = dict(re.findall(
                r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', text))
            other_lang = lang if language == editions.SOURCE_LANGUAGE else editions.SOURCE_LANGUAGE
            for tag in (editions.hreflang(other_lang), editions.hreflang(language), "x-default"):
                if tag not in alternates or not local(alternates[tag]).is_file():
                    problems.append(f"{path}: hreflang {tag} missing or broken")
            other = site if root == built_book.html else built_book.html
            if alternates.get(editions.hreflang(other_lang)) and local(
                    alternates[editions.hreflang(other_lang)]) != (other / page).resolve():
                problems.append(f"{path}: hreflang does not name the same page")
            switch = re.findall(r'<a class="btn btn-sm coursekit-edition" href="([^"]+)" '
                                r'hreflang="([^"]+)"', text)
            if [h for _, h in switch] != [editions.hreflang(other_lang)] or not (
                    path.parent / switch[0][0]).resolve() == (other / page).resolve():
                problems.append(f"{path}: the language switcher {switch} does not lead to the "
                                "same page in the other edition")
    assert not problems, "\n".join(problems[:30])


def test_fallback_note_only_on_pages_not_translated(built_book, edition):
    lang, site = edition
    declared = editions.declared_translated(built_book.root, lang)
    for page in editions.toc_pages(built_book.root):
        text = (site / f"{page}.html").read_text(encoding="utf-8")
        english = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
        noted = "coursekit-edition-note" in text
        assert "coursekit-edition-note" not in english
        if editions.ENGLISH_BY_DESIGN.match(page):
            assert noted, f"{lang} {page}: no note that the API reference stays English"
        else:
            assert noted == (page not in declared), (
                f"{lang} {page}: {'a fallback note on a translated page' if noted else 'no note'}")


def test_chinese_search_index_splits_chinese_words(built_book):
    if "zh_CN" not in LANGUAGES:
        pytest.skip("no Chinese edition")
    index = (built_book.html / "zh_CN" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1:index.rindex(")")])["terms"]
    for word in ("产业集群", "区位商", "集聚经济"):
        assert word in terms, f"{word!r} is not a term of the Chinese search index"


def test_chinese_glossary_is_in_pinyin_order(built_book):
    if "zh_CN" not in LANGUAGES:
        pytest.skip("no Chinese edition")
    text = (built_book.html / "zh_CN" / "chapters" / "glossary.html").read_text(encoding="utf-8")
    readings = re.findall(r"<dd><p>拼音：([^。<]+)。", text)
    keys = [i18n_doctrees.reading_key("", f"拼音：{r}。", "zh_CN") for r in readings]
    assert len(keys) > 40 and keys == sorted(keys), keys

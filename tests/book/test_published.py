"""The published editions: what `make site`, `make release` and `make linkcheck` produce.

One copy of the strictly built book (its execution cache included, so nothing executes
again) runs the targets the workflows run: `make site` (PDF, EPUB, then the HTML that links
them, in English and Chinese), `make release` (the release's files and checksums) and `make
linkcheck` (offline, every remote link ignored). Each PDF is checked as a reader would:
pages, every chart as a vector image, fonts embedded, Chinese text present, no chart
placeholder; the Chinese one also for its charts' translated text and LaTeX's own words.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from coursebook.notebooks import myst_leftovers
from coursebook.publish import BOOK_NAME, check_epub, pdf_report

pytestmark = pytest.mark.book

#: The PDF's expected length (262 pages at 0.3.0): a range, so prose edits do not fail it.
PAGES = range(200, 340)
#: Budget of one executed notebook for download (charts as PNG), and of all of them.
NOTEBOOK_BYTES = 1_500_000
NOTEBOOKS_TOTAL_BYTES = 8_000_000


@dataclass(frozen=True)
class Site:
    root: Path
    log: str


def _make(root: Path, *targets: str, **variables: str) -> subprocess.CompletedProcess:
    args = [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(["make", "-C", str(root), *targets, f"VENV={ROOT / '.venv'}", *args],
                          capture_output=True, text=True, timeout=3600,
                          env={**os.environ, "COURSE_ROOT": str(root)})


@pytest.fixture(scope="module")
def site(built_book, tmp_path_factory) -> Site:
    if shutil.which("latexmk") is None:
        pytest.fail("make site needs TeX from Debian: run 'make debian-deps' (as root)")
    root = tmp_path_factory.mktemp("site") / "repo"
    shutil.copytree(built_book.root, root, symlinks=True)
    proc = _make(root, "site")
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return Site(root=root, log=proc.stdout)


def _charts_outside_solutions(html: Path) -> int:
    """Charts on the site's pages that are not inside an exercise solution (the PDF omits
    solutions)."""
    from bs4 import BeautifulSoup

    count = 0
    for page in sorted((html / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for chart in soup.select("div.coursekit-chart"):
            if not any("solution" in " ".join(p.get("class", [])) for p in chart.parents):
                count += 1
    return count


def test_pdf_has_every_chart_as_a_vector_image_and_renders_chinese(site):
    pdf = site.root / "_build" / "editions" / f"{BOOK_NAME}.pdf"
    report = pdf_report(pdf)
    assert report.pages in PAGES, report.pages
    expected = _charts_outside_solutions(site.root / "_build" / "html")
    assert expected >= 40
    assert report.vector_images == expected, (report.vector_images, expected)
    assert report.raster_images == 0
    assert "<Chart" not in report.text
    assert not report.fonts_not_embedded, report.fonts_not_embedded
    assert report.cjk_characters > 100, "Chinese text of chapter 7 and the glossary is missing"
    assert "铁西" in report.text
    text = " ".join(report.text.split())
    assert "Interactive in the online edition; printed at" in text  # the slider chart
    assert "Bibliography" in text and "Porter" in text


#: The Chinese PDF's expected length (298 pages at 0.3.0, the API reference in English).
ZH_PAGES = range(220, 380)


def _chinese_chart_title(root: Path) -> str:
    """The introduction's timeline chart's title as the Chinese edition prints it: the
    English title the chart function gives, translated by the charts catalogue."""
    import coursekit as ck
    from coursebook import charttext, i18n

    title = ck.charts.timeline_chart(ck.load_references()).to_dict()["title"]
    message, numbers = charttext.template(title["text"] if isinstance(title, dict) else title)
    translated = (i18n.catalogue(root, "zh_CN", i18n.CHARTS_DOMAIN) or {}).get(message)
    assert translated, f"charts.po has no translation of {message!r}"
    return charttext.fill(translated, numbers)


def test_chinese_pdf_has_every_chart_as_a_vector_image_with_chinese_text(site):
    pdf = site.root / "_build" / "editions" / "zh_CN" / f"{BOOK_NAME}.pdf"
    report = pdf_report(pdf)
    assert report.pages in ZH_PAGES, report.pages
    expected = _charts_outside_solutions(site.root / "_build" / "html" / "zh_CN")
    assert expected == _charts_outside_solutions(site.root / "_build" / "html")  # same charts
    assert report.vector_images == expected, (report.vector_images, expected)
    assert report.raster_images == 0
    assert "<Chart" not in report.text
    assert not report.fonts_not_embedded, report.fonts_not_embedded
    assert report.cjk_characters > 20_000, "the Chinese text is missing"
    text = "".join(report.text.split())
    assert _chinese_chart_title(site.root).replace(" ", "") in text  # the chart's own text
    assert "在线版中可交互调节" in text  # the slider chart's line, translated
    assert "目录" in text and "参考文献" in text and "第1章" in text  # LaTeX's own words
    assert "Interactive in the online edition" not in text and "Contents" not in text


def test_chinese_pdf_per_page_and_epub(site):
    from book_pages import toc_pages

    editions = site.root / "_build" / "editions" / "zh_CN"
    for page in toc_pages():
        path = editions / f"{Path(page).name}.pdf"
        assert path.is_file(), path
        text = pdf_report(path).text
        assert "参考文献" in text, page  # each ends with the list of works
    assert pdf_report(editions / "tiexi.pdf").cjk_characters > 1_000
    epub = editions / f"{BOOK_NAME}.epub"
    assert check_epub(epub) == []
    import zipfile

    with zipfile.ZipFile(epub) as z:
        charts = [n for n in z.namelist() if re.search(r"chart-[0-9a-f]+\.svg$", n)]
        text = " ".join(z.read(n).decode("utf-8") for n in z.namelist()
                        if n.endswith(".xhtml"))
        svg = " ".join(z.read(n).decode("utf-8") for n in charts)
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")
    assert len(charts) >= 40
    assert "<Chart" not in text and "&lt;Chart" not in text
    assert "<dc:language>zh-CN</dc:language>" in opf
    assert "铁西" in text and _chinese_chart_title(site.root) in svg


def test_chinese_pages_link_the_chinese_editions(site):
    html = site.root / "_build" / "html" / "zh_CN"
    page = (html / "chapters" / "tiexi.html").read_text(encoding="utf-8")
    for target in ("editions/tiexi.pdf", f"editions/{BOOK_NAME}.pdf",
                   f"editions/{BOOK_NAME}.epub"):
        assert f'href="../{target}"' in page, target
        assert (html / target).read_bytes() == (
            site.root / "_build" / "editions" / "zh_CN" / Path(target).name).read_bytes()
    assert "PDF（本页）" in page and "PDF（全书）" in page
    english = (site.root / "_build" / "html" / "editions" / "tiexi.pdf").read_bytes()
    assert (html / "editions" / "tiexi.pdf").read_bytes() != english


def test_one_pdf_per_page_each_ending_with_the_bibliography(site):
    from book_pages import toc_pages

    editions = site.root / "_build" / "editions"
    for page in toc_pages():
        path = editions / f"{Path(page).name}.pdf"
        assert path.is_file(), path
        text = pdf_report(path).text
        assert "Bibliography" in text or page.endswith("bibliography"), page


def test_epub_is_valid_and_has_the_charts(site):
    epub = site.root / "_build" / "editions" / f"{BOOK_NAME}.epub"
    assert check_epub(epub) == []
    import zipfile

    with zipfile.ZipFile(epub) as z:
        charts = [n for n in z.namelist() if re.search(r"chart-[0-9a-f]+\.svg$", n)]
        text = " ".join(z.read(n).decode("utf-8") for n in z.namelist()
                        if n.endswith(".xhtml"))
    assert len(charts) >= 40
    assert "<Chart" not in text and "&lt;Chart" not in text


def test_download_menu_links_the_editions_and_every_link_resolves(site):
    html = site.root / "_build" / "html"
    page = (html / "chapters" / "tiexi.html").read_text(encoding="utf-8")
    for target in ("editions/tiexi.pdf", f"editions/{BOOK_NAME}.pdf", f"editions/{BOOK_NAME}.epub",
                   "_sources/chapters/tiexi.ipynb"):
        assert f'href="../{target}"' in page, target
        assert (html / target).is_file(), target
    index = (html / "chapters" / "glossary.html").read_text(encoding="utf-8")
    assert 'href="../editions/glossary.pdf"' in index


def test_release_has_the_assets_and_their_checksums(site):
    proc = _make(site.root, "release")
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    out = site.root / "_build" / "release"
    names = {p.name for p in out.iterdir()}
    assert {f"{BOOK_NAME}-site.zip", f"{BOOK_NAME}.pdf", f"{BOOK_NAME}.epub", "SHA256SUMS",
            "NOTES.md", f"{BOOK_NAME}-zh_CN.pdf", f"{BOOK_NAME}-zh_CN.epub"} <= names
    assert any(n.startswith("assignment-") and n.endswith(".zip") for n in names)
    for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    assert "### Added" in (out / "NOTES.md").read_text(encoding="utf-8")


def test_linkcheck_target_runs_offline(site):
    """`make linkcheck` (weekly in CI, with a network) runs here with every remote link
    ignored, so the target and its builder cannot rot unnoticed."""
    import yaml

    config = yaml.safe_load((site.root / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["config"]["linkcheck_ignore"] = [r"https?://.*"]
    offline = site.root / "_build" / "linkcheck-offline.yml"
    offline.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    proc = _make(site.root, "linkcheck", LINKCHECK_ARGS=f"--config {offline}")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (site.root / "_build" / "linkcheck" / "output.json").is_file()


def test_executed_notebooks_render_everywhere_within_their_budget(built_book):
    sources = built_book.html / "_sources" / "chapters"
    total = 0
    from book_pages import code_pages

    for page in code_pages():
        path = built_book.html / "_sources" / f"{page}.ipynb"
        assert path.is_file(), path
        size = path.stat().st_size
        total += size
        assert size <= NOTEBOOK_BYTES, f"{path.name}: {size:,} bytes"
        nb = nbformat.read(path, as_version=4)
        assert not myst_leftovers(nb), myst_leftovers(nb)[:5]
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert outputs, f"{path.name} has no outputs"
        raw = json.dumps(nb.cells)
        assert "coursekit-chart-spec" not in raw and "scrapbook" not in raw
        html = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
        charts = html.count('class="coursekit-chart"')
        pngs = sum(1 for o in outputs if "image/png" in o.get("data", {}))
        assert pngs == charts, (path.name, pngs, charts)
    assert total <= NOTEBOOKS_TOTAL_BYTES, f"{total:,} bytes"
    assert sources.is_dir()

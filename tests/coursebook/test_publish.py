"""Tests for coursebook.publish: splitting a small PDF made here with pypdf, the PDF report's
counts of images and fonts, the EPUB check and the checksums (no book build, no LaTeX).
The real PDF and EPUB are checked by tests/book/test_published.py."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from coursebook import publish
from coursebook.publish import BOOK_NAME

TOC = """format: jb-book
root: chapters/intro
parts:
  - caption: Concepts and mechanisms
    chapters:
      - file: chapters/definitions
      - file: chapters/models
  - caption: Reference
    chapters:
      - file: chapters/glossary
"""

PAGES = {
    "chapters/intro": "# Introduction\n\nText.\n",
    "chapters/definitions": "(sec-def)=\n# Definitions and   typologies\n",
    "chapters/models": "# Models: `ck.*`\n",  # the outline shows "Models: ck.*"
    "chapters/glossary": "# Glossary\n",  # not in the outline below: no PDF
}


def _pages_of(path: Path) -> list[int]:
    """Each page's width: the tiny book's page *i* is ``100 + i`` points wide."""
    return [int(p.mediabox.width) - 100 for p in PdfReader(str(path)).pages]


@pytest.fixture
def tiny_book(tmp_path) -> tuple[Path, Path]:
    """A repository (``_toc.yml`` and four pages) and an 11-page PDF laid out as Sphinx's
    LaTeX builder lays out the book: title and contents numbered i, ii; the untitled
    introduction from page 1; a part with two chapters (the second with a section, a third
    outline level); a part entry; the bibliography."""
    root = tmp_path / "repo"
    (root / "chapters").mkdir(parents=True)
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    for name, text in PAGES.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    writer = PdfWriter()
    for i in range(11):
        writer.add_blank_page(width=100 + i, height=200)
    writer.set_page_label(0, 1, style="/r")
    writer.set_page_label(2, 10, style="/D", start=1)
    part = writer.add_outline_item(title="Concepts and mechanisms", page_number=4)
    writer.add_outline_item(title="Definitions and typologies", page_number=5, parent=part)
    chapter = writer.add_outline_item(title="Models: ck.*", page_number=7, parent=part)
    writer.add_outline_item(title="A section (level 3)", page_number=8, parent=chapter)
    writer.add_outline_item(title="Reference", page_number=9)
    writer.add_outline_item(title="Bibliography", page_number=10)
    writer.add_metadata({"/Author": "The authors"})
    book = tmp_path / "book.pdf"
    with book.open("wb") as fh:
        writer.write(fh)
    return root, book


def test_page_titles_are_the_pages_first_headings_as_plain_text(tiny_book):
    root, _ = tiny_book
    assert publish.page_titles(root) == {
        "chapters/intro": "Introduction", "chapters/definitions": "Definitions and   typologies",
        "chapters/models": "Models: ck.*", "chapters/glossary": "Glossary"}


def test_split_book_gives_each_page_its_chapter_and_the_bibliography(tiny_book, tmp_path):
    root, book = tiny_book
    out = tmp_path / "editions"
    written = publish.split_book(book, root, out)
    assert written == {"book": out / f"{BOOK_NAME}.pdf",
                       "chapters/intro": out / "intro.pdf",
                       "chapters/definitions": out / "definitions.pdf",
                       "chapters/models": out / "models.pdf"}  # no glossary in the outline
    assert written["book"].read_bytes() == book.read_bytes()
    assert _pages_of(out / "intro.pdf") == [2, 3, 10]  # from page "1" to the first part
    assert _pages_of(out / "definitions.pdf") == [5, 6, 10]  # spaces and case do not matter
    assert _pages_of(out / "models.pdf") == [7, 8, 10]  # to the next entry of two levels
    meta = PdfReader(str(out / "definitions.pdf")).metadata
    assert meta["/Title"] == "Definitions and   typologies — Industrial Clusters"
    assert meta["/Author"] == "The authors"


def test_a_translated_book_is_split_by_its_titles_as_built(tmp_path):
    """The Chinese edition's outline holds the translated titles (``page-titles.json``);
    its bibliography page comes before other pages, and the list of works, titled like
    it, is the last entry: each chapter's PDF ends with that list only."""
    root = tmp_path / "repo"
    (root / "chapters").mkdir(parents=True)
    (root / "_toc.yml").write_text(TOC + "      - file: chapters/bibliography\n"
                                   "      - file: chapters/cite\n", encoding="utf-8")
    writer = PdfWriter()
    for i in range(12):
        writer.add_blank_page(width=100 + i, height=200)
    writer.set_page_label(0, 1, style="/r")
    writer.set_page_label(2, 11, style="/D", start=1)
    part = writer.add_outline_item(title="概念与机制", page_number=4)
    writer.add_outline_item(title="定义与类型", page_number=5, parent=part)
    writer.add_outline_item(title="参考", page_number=7)
    writer.add_outline_item(title="参考文献", page_number=8)
    writer.add_outline_item(title="如何引用", page_number=9)
    writer.add_outline_item(title="参考文献", page_number=10)  # the list of works
    writer.add_metadata({"/Title": "Industrial Clusters"})
    book = tmp_path / "book.pdf"
    with book.open("wb") as fh:
        writer.write(fh)
    titles = {"chapters/intro": "产业集群", "chapters/definitions": "定义与类型",
              "chapters/bibliography": "参考文献", "chapters/cite": "如何引用"}
    written = publish.split_book(book, root, tmp_path / "zh", titles)
    assert sorted(written) == ["book", "chapters/bibliography", "chapters/cite",
                               "chapters/definitions", "chapters/intro"]
    assert _pages_of(written["chapters/definitions"]) == [5, 6, 10, 11]
    assert _pages_of(written["chapters/cite"]) == [9, 10, 11]
    assert _pages_of(written["chapters/bibliography"]) == [8, 10, 11]
    meta = PdfReader(str(written["chapters/definitions"])).metadata
    assert meta["/Title"] == "定义与类型 — Industrial Clusters"


def test_the_bibliography_is_not_repeated_in_its_own_pdf(tiny_book, tmp_path):
    root, book = tiny_book
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    (root / "_toc.yml").write_text(toc + "      - file: chapters/bibliography\n", encoding="utf-8")
    (root / "chapters" / "bibliography.md").write_text("# Bibliography\n", encoding="utf-8")
    written = publish.split_book(book, root, tmp_path / "editions")
    assert _pages_of(written["chapters/bibliography"]) == [10]


# --- the PDF report ------------------------------------------------------------------------

def _name(value: str) -> NameObject:
    return NameObject(value)


def _stream(data: bytes, **entries) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({_name(f"/{k}"): v for k, v in entries.items()})
    return stream


def _font(writer: PdfWriter, base: str, subtype: str = "/Type1", file_key: str | None = None,
          descendant: bool = False):
    font = DictionaryObject({_name("/Type"): _name("/Font"), _name("/Subtype"): _name(subtype),
                             _name("/BaseFont"): _name(base)})
    if file_key:
        descriptor = DictionaryObject({_name("/Type"): _name("/FontDescriptor"),
                                       _name(file_key): writer._add_object(_stream(b"font"))})
        if descendant:  # a Type 0 font: the descriptor is its descendant's
            child = DictionaryObject({_name("/FontDescriptor"): writer._add_object(descriptor)})
            font[_name("/DescendantFonts")] = ArrayObject([writer._add_object(child)])
        else:
            font[_name("/FontDescriptor")] = writer._add_object(descriptor)
    return writer._add_object(font)


def _report_pdf(path: Path) -> Path:
    """Two pages: text in a standard font that is not embedded, a chart placeholder, one
    vector chart drawn twice (one Form XObject), one raster image, and fonts embedded three
    ways (TrueType file, a Type 0 font's descendant, Type 3), one inside the Form."""
    writer = PdfWriter()
    box = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)])
    form_resources = DictionaryObject({_name("/Font"): DictionaryObject(
        {_name("/F9"): _font(writer, "/ChartFont", "/TrueType", "/FontFile2")})})
    form = writer._add_object(_stream(b"0 0 m 10 10 l S", Type=_name("/XObject"),
                                      Subtype=_name("/Form"), BBox=box,
                                      Resources=form_resources))
    image = writer._add_object(_stream(b"\x00\x00\x00", Type=_name("/XObject"),
                                       Subtype=_name("/Image"), Width=NumberObject(1),
                                       Height=NumberObject(1), ColorSpace=_name("/DeviceRGB"),
                                       BitsPerComponent=NumberObject(8)))
    fonts = DictionaryObject({
        _name("/F1"): _font(writer, "/Helvetica"),
        _name("/F2"): _font(writer, "/NotoSansCJK", "/Type0", "/FontFile3", descendant=True),
        _name("/F3"): _font(writer, "/Glyphs", "/Type3")})
    texts = [b"BT /F1 12 Tf 10 100 Td (<Chart: bars>) Tj ET /Fm1 Do /Im1 Do",
             b"BT /F1 12 Tf 10 100 Td (Bibliography) Tj ET /Fm1 Do"]
    for text in texts:
        page = writer.add_blank_page(width=200, height=200)
        page[_name("/Resources")] = DictionaryObject({
            _name("/Font"): fonts,
            _name("/XObject"): DictionaryObject({_name("/Fm1"): form, _name("/Im1"): image})})
        page[_name("/Contents")] = writer._add_object(_stream(text))
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_pdf_report_counts_distinct_images_and_fonts_not_embedded(tmp_path):
    report = publish.pdf_report(_report_pdf(tmp_path / "r.pdf"))
    assert (report.pages, report.vector_images, report.raster_images) == (2, 1, 1)
    assert report.fonts_not_embedded == ["/Helvetica"]
    assert "<Chart: bars>" in report.text and "Bibliography" in report.text
    assert report.cjk_characters == 0


def test_check_pdf_names_what_a_reader_would_see(tmp_path, tiny_book):
    assert publish.check_pdf(_report_pdf(tmp_path / "r.pdf")) == [
        "a chart printed as its '<Chart: …>' placeholder",
        "fonts not embedded: ['/Helvetica']",
        "1 raster images (charts must be vector)"]
    _, book = tiny_book
    assert publish.check_pdf(book) == []


# --- the EPUB check ------------------------------------------------------------------------

CONTAINER = ('<?xml version="1.0"?><container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             '<rootfile full-path="OEBPS/content.opf" '
             'media-type="application/oebps-package+xml"/></rootfiles></container>')


def _epub(path: Path, entries: list[tuple[str, str, int]]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text, compression in entries:
            z.writestr(zipfile.ZipInfo(name), text, compress_type=compression)
    return path


STORED, DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
MIMETYPE = ("mimetype", "application/epub+zip", STORED)


def test_check_epub_without_epubcheck_checks_the_mimetype_and_the_xml(tmp_path, monkeypatch):
    monkeypatch.setattr(publish.shutil, "which", lambda name: None)
    good = [MIMETYPE, ("META-INF/container.xml", CONTAINER, DEFLATED),
            ("OEBPS/a.xhtml", "<html><body><p>a<br/></p></body></html>", DEFLATED),
            ("OEBPS/style.css", "p { }", DEFLATED)]
    assert publish.check_epub(_epub(tmp_path / "good.epub", good)) == []
    bad = [("META-INF/container.xml", CONTAINER, DEFLATED), MIMETYPE,
           ("OEBPS/b.xhtml", "<html><body><p>b<br></p></body></html>", DEFLATED)]
    problems = publish.check_epub(_epub(tmp_path / "bad.epub", bad))
    assert problems[0] == "'mimetype' is not the first, stored entry"
    assert len(problems) == 2 and problems[1].startswith("OEBPS/b.xhtml: not well-formed (")
    compressed = [("mimetype", "application/epub+zip", DEFLATED)]
    assert publish.check_epub(_epub(tmp_path / "c.epub", compressed)) == [
        "'mimetype' is not the first, stored entry"]


@pytest.mark.parametrize("head, java", [(b"PK\x03\x04", True), (b"#!/bin/sh\n", False)])
def test_check_epub_runs_epubcheck_as_a_jar_or_a_script_and_keeps_its_errors(
        tmp_path, monkeypatch, head, java):
    """Debian's epubcheck is the jar itself (run with java: binfmt_misc may be missing);
    another may be a script.  Its ERROR and FATAL lines are the problems, else its status."""
    import subprocess

    tool = tmp_path / "epubcheck"
    tool.write_bytes(head)
    monkeypatch.setattr(publish.shutil, "which", lambda name: str(tool))
    epub = _epub(tmp_path / "a.epub", [MIMETYPE])
    runs = []

    def run(command, **kwargs):
        runs.append(command)
        out = "Validating\nWARNING(X): w\nERROR(RSC-005): a.xhtml: duplicate id\n"
        return subprocess.CompletedProcess(command, len(runs), out if len(runs) == 1 else "",
                                           "FATAL(PKG-008): unreadable\n" if len(runs) == 1
                                           else "")

    monkeypatch.setattr(publish.subprocess, "run", run)
    assert publish.check_epub(epub) == ["ERROR(RSC-005): a.xhtml: duplicate id",
                                        "FATAL(PKG-008): unreadable"]
    assert publish.check_epub(epub) == ["epubcheck exited 2"]
    assert runs[0] == (["java", "-jar", str(tool)] if java else [str(tool)]) + [
        "--quiet", str(epub)]


@pytest.mark.skipif(shutil.which("epubcheck") is None, reason="Debian's epubcheck is not installed")
def test_check_epub_reports_epubchecks_errors(tmp_path):
    """Where epubcheck is installed (Debian's is a jar, run with java), its ERROR and FATAL
    lines are the problems: here, an EPUB without its container file."""
    problems = publish.check_epub(_epub(tmp_path / "empty.epub", [MIMETYPE]))
    assert problems and all(p.startswith(("ERROR", "FATAL")) for p in problems), problems
    assert any("META-INF/container.xml" in p for p in problems)


def test_sha256sums_of_named_files_or_every_file_but_itself(tmp_path):
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "SHA256SUMS").write_text("old", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    b = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"
    assert publish.sha256sums(tmp_path) == f"{a}  a.txt\n{b}  b.txt\n"
    assert publish.sha256sums(tmp_path, ["b.txt"]) == f"{b}  b.txt\n"

"""The book's editions as files: the PDF split by chapter, checks of the PDF and EPUB, and
the release's checksums.

``make pdf`` builds ``_build/latex/industrial-clusters.pdf`` (Sphinx's LaTeX builder, then
xelatex) and runs ``python -m coursebook print pdf``, which puts the whole book and one
PDF per page of the table of contents into ``_build/editions/`` (see :func:`split_book`);
``make epub`` builds the EPUB and runs ``python -m coursebook print epub``, which checks
it (:func:`check_epub`) and copies it there too.  An HTML build that finds
``_build/editions/`` links its files from every page's download menu and copies them into
the site (:mod:`coursebook.downloads`).

The PDF is split, not built once per chapter: one xelatex run instead of fifteen.  Each
chapter's PDF is the chapter's pages of the book followed by the book's bibliography.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "BOOK_NAME",
    "TITLES_FILE",
    "PdfReport",
    "check_epub",
    "check_pdf",
    "page_titles",
    "pdf_report",
    "sha256sums",
    "split_book",
]

#: File name (without suffix) of the whole book in each edition.
BOOK_NAME = "industrial-clusters"
#: The LaTeX builder's record of every page's title as built (in the edition's language),
#: beside the ``.tex`` (:func:`coursebook.printed.write_page_titles`).
TITLES_FILE = "page-titles.json"

_CJK = re.compile(r"[\u4e00-\u9fff]")


def page_titles(root: Path) -> dict[str, str]:
    """Title (first ``# `` heading) of every page of the table of contents, by page name."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part.get("chapters", [])]
    titles = {}
    for name in names:
        text = (root / f"{name}.md").read_text(encoding="utf-8")
        match = re.search(r"^# (.+)$", text, re.M)
        if match:
            titles[name] = _plain_title(match.group(1))
    return titles


def _plain_title(title: str) -> str:
    """A heading as the PDF's outline shows it: roles and Markdown marks dropped.

    >>> _plain_title("Charts: `ck.charts`"), _plain_title("Models: `ck.*`")
    ('Charts: ck.charts', 'Models: ck.*')
    """
    title = re.sub(r"\{[a-z:]+\}`([^`]*)`", r"\1", title)
    return re.sub(r"`", "", title).strip()


def _key(title: str) -> str:
    """A title compared without spaces, marks and case (outline text varies in those)."""
    return re.sub(r"[\W_]+", "", title).lower()


def _outline(reader: Any) -> list[tuple[str, int]]:
    """(title, first page index) of every entry of the first two outline levels, in order."""
    entries: list[tuple[str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                if depth < 1:
                    walk(item, depth + 1)
            else:
                entries.append((str(item.title).strip(), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def split_book(book: Path, root: Path, out: Path,
               titles: dict[str, str] | None = None) -> dict[str, Path]:
    """Write the whole book and one PDF per page of the table of contents into ``out``.

    A page's PDF runs from its chapter's first page to the page before the next outline
    entry, followed by the bibliography; the introduction (the book's root page, which the
    LaTeX builder sets before the first part, untitled) runs from the first page numbered
    1 to the first part.  Pages are found in the outline by their ``titles`` (page name ->
    title as built, :data:`TITLES_FILE`; by default the English headings of the sources,
    :func:`page_titles`).  Returns the written files by page name (``"book"`` for the whole).
    """
    from pypdf import PdfReader, PdfWriter

    out.mkdir(parents=True, exist_ok=True)
    reader = PdfReader(str(book))
    n = len(reader.pages)
    entries = _outline(reader)
    starts = sorted({page for _, page in entries} | {n})
    ranges: dict[str, range] = {}
    for title, page in entries:
        end = next(s for s in starts if s > page)
        ranges.setdefault(_key(title), range(page, end))
    titles = titles if titles is not None else page_titles(root)
    bib_titles = {_key("Bibliography")} | {_key(t) for name, t in titles.items()
                                           if Path(name).name == "bibliography"}
    # the list of works is the last entry so titled (the bibliography page, which
    # introduces it, comes earlier, with other pages after it)
    bib = [p for t, p in entries if _key(t) in bib_titles]
    bib_pages = range(max(bib), next(s for s in starts if s > max(bib))) if bib else range(0)
    labels = list(reader.page_labels)
    first_arabic = next((i for i, lab in enumerate(labels) if lab == "1" and i > 0), 0)
    book_title = str((reader.metadata or {}).get("/Title") or "Industrial Clusters")
    written = {"book": out / f"{BOOK_NAME}.pdf"}
    shutil.copyfile(book, written["book"])
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    for name, title in titles.items():
        if name == toc["root"]:
            pages = range(first_arabic, min(p for _, p in entries) if entries else n)
        elif _key(title) in ranges:
            pages = ranges[_key(title)]
        else:
            continue
        writer = PdfWriter()
        for i in list(pages) + [i for i in bib_pages if i not in pages]:
            writer.add_page(reader.pages[i])
        writer.add_metadata({"/Title": f"{title} — {book_title}",
                             "/Author": str((reader.metadata or {}).get("/Author", ""))})
        target = out / f"{Path(name).name}.pdf"
        with target.open("wb") as fh:
            writer.write(fh)
        written[name] = target
    return written


@dataclass(frozen=True)
class PdfReport:
    """What :func:`pdf_report` found in a PDF."""

    pages: int
    vector_images: int  # distinct Form XObjects: the charts, included as PDF
    raster_images: int
    fonts_not_embedded: list[str]
    cjk_characters: int
    text: str


def pdf_report(path: Path) -> PdfReport:
    """Pages, images (vector and raster), fonts and Chinese characters of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    forms: set[int] = set()
    rasters: set[int] = set()
    fonts: dict[str, bool] = {}
    texts = []
    for page in reader.pages:
        texts.append(page.extract_text() or "")
        resources = page.get("/Resources")
        if resources is None:
            continue
        resources = resources.get_object()
        xobjects = resources.get("/XObject")
        for ref in (xobjects.get_object().values() if xobjects else []):
            obj = ref.get_object()
            (forms if obj.get("/Subtype") == "/Form" else rasters).add(ref.idnum)
            _fonts_of(obj.get("/Resources"), fonts)
        _fonts_of(resources, fonts)
    text = "\n".join(texts)
    return PdfReport(pages=len(reader.pages), vector_images=len(forms),
                     raster_images=len(rasters),
                     fonts_not_embedded=sorted(k for k, v in fonts.items() if not v),
                     cjk_characters=len(_CJK.findall(text)), text=text)


def _fonts_of(resources: Any, fonts: dict[str, bool]) -> None:
    if resources is None:
        return
    font_dict = resources.get_object().get("/Font")
    for ref in (font_dict.get_object().values() if font_dict else []):
        font = ref.get_object()
        name = str(font.get("/BaseFont", "?"))
        descriptors = [font.get("/FontDescriptor")]
        for desc in font.get("/DescendantFonts", []) or []:
            descriptors.append(desc.get_object().get("/FontDescriptor"))
        embedded = any(d is not None and any(k in d.get_object() for k in
                                             ("/FontFile", "/FontFile2", "/FontFile3"))
                       for d in descriptors)
        if font.get("/Subtype") == "/Type3":
            embedded = True  # drawn by the PDF's own glyph procedures
        fonts[name] = fonts.get(name, False) or embedded


def check_pdf(path: Path) -> list[str]:
    """Problems a reader would see: chart placeholders, fonts not embedded, no Chinese."""
    report = pdf_report(path)
    problems = []
    if "<Chart" in report.text:
        problems.append("a chart printed as its '<Chart: …>' placeholder")
    if report.fonts_not_embedded:
        problems.append(f"fonts not embedded: {report.fonts_not_embedded}")
    if report.raster_images:
        problems.append(f"{report.raster_images} raster images (charts must be vector)")
    return problems


def check_epub(path: Path) -> list[str]:
    """Problems of an EPUB: ``epubcheck``'s errors where it is installed (Debian's
    ``epubcheck``), else a check that every XHTML, OPF and NCX file is well-formed XML and
    that the ``mimetype`` entry comes first, uncompressed."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED \
                or z.read("mimetype") != b"application/epub+zip":
            problems.append("'mimetype' is not the first, stored entry")
        from xml.dom import minidom
        from xml.parsers.expat import ExpatError

        for info in z.infolist():
            if info.filename.endswith((".xhtml", ".opf", ".ncx", ".svg", ".xml")):
                try:
                    minidom.parseString(z.read(info))
                except ExpatError as err:
                    problems.append(f"{info.filename}: not well-formed ({err})")
    epubcheck = shutil.which("epubcheck")
    if epubcheck:
        command = [epubcheck]
        with open(epubcheck, "rb") as fh:  # Debian's epubcheck is the jar itself, run through
            if fh.read(2) == b"PK":       # binfmt_misc, which a container may not have
                command = ["java", "-jar", epubcheck]
        proc = subprocess.run([*command, "--quiet", str(path)], capture_output=True,
                              text=True, timeout=600)
        if proc.returncode != 0:
            lines = [ln for ln in (proc.stdout + proc.stderr).splitlines()
                     if ln.startswith(("ERROR", "FATAL"))]
            problems.extend(lines or [f"epubcheck exited {proc.returncode}"])
    return problems


def sha256sums(folder: Path, names: list[str] | None = None) -> str:
    """``sha256sum``-style lines (``<hex>  <name>``) for the files of ``folder``.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("a")
    >>> sha256sums(d)
    'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\\n'
    """
    names = names if names is not None else sorted(
        p.name for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    return "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n"
                   for n in names)

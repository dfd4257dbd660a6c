"""The ``editions`` and ``release`` subcommands of ``python -m coursebook`` (see there)."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

from coursebook.editions import SOURCE_LANGUAGE
from coursebook.printed import course_version
from coursebook.publish import (
    BOOK_NAME,
    TITLES_FILE,
    check_epub,
    check_pdf,
    sha256sums,
    split_book,
)

__all__ = ["changelog_section", "edition_paths", "editions", "release", "release_check"]


def edition_paths(root: Path, language: str = SOURCE_LANGUAGE) -> tuple[Path, Path]:
    """Where an edition's LaTeX and EPUB are built (the builders' folders), and where its
    finished files go: ``_build`` and ``_build/editions`` for English, ``_build/<language>``
    and ``_build/editions/<language>`` for a translation.

    >>> [p.as_posix() for p in edition_paths(Path("/b"), "zh_CN")]
    ['/b/_build/zh_CN', '/b/_build/editions/zh_CN']
    """
    build = root / "_build"
    if language == SOURCE_LANGUAGE:
        return build, build / "editions"
    return build / language, build / "editions" / language


def editions(root: Path, kind: str, language: str = SOURCE_LANGUAGE) -> int:
    """Finish one edition into ``_build/editions[/<language>]`` (1, with the problems, if it
    has any)."""
    import json

    build, out = edition_paths(root, language)
    target = "make pdf" if kind == "pdf" else "make epub"
    if kind == "pdf":
        book = build / "latex" / f"{BOOK_NAME}.pdf"
        if not book.is_file():
            print(f"no {book}: run '{target}'", file=sys.stderr)
            return 1
        problems = check_pdf(book)
        if problems:
            print("the PDF has problems:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        for stale in out.glob("*.pdf"):
            stale.unlink()
        recorded = build / "latex" / TITLES_FILE
        titles = json.loads(recorded.read_text(encoding="utf-8")) if recorded.is_file() \
            else None
        written = split_book(book, root, out, titles)
        print(f"{len(written) - 1} chapter PDFs and the book in {out}")
        return 0
    epubs = sorted((build / "epub").glob("*.epub"))
    if not epubs:
        print(f"no EPUB in {build / 'epub'}: run '{target}'", file=sys.stderr)
        return 1
    problems = check_epub(epubs[0])
    if problems:
        print("the EPUB has problems:\n  " + "\n  ".join(problems[:40]), file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(epubs[0], out / f"{BOOK_NAME}.epub")
    print(f"{out / (BOOK_NAME + '.epub')} ({epubs[0].stat().st_size:,} bytes) checked")
    return 0


def release(root: Path, out_name: str) -> int:
    """The release's assets: the site as a zip, the PDF, the EPUB (and each translated
    edition's, ``industrial-clusters-<language>.pdf``), the assignment bundles, and
    ``SHA256SUMS`` beside them (what ``make release`` uploads)."""
    out = Path(out_name)
    out = out if out.is_absolute() else root / out
    build = root / "_build"
    needed = {"site": build / "html", "pdf": build / "editions" / f"{BOOK_NAME}.pdf",
              "epub": build / "editions" / f"{BOOK_NAME}.epub",
              "assignments": build / "assignments"}
    from coursebook.editions import languages

    for lang in languages(root):  # each translation's book, as <book>-<language>.pdf/.epub
        for suffix in ("pdf", "epub"):
            needed[f"{BOOK_NAME}-{lang}.{suffix}"] = \
                build / "editions" / lang / f"{BOOK_NAME}.{suffix}"
    missing = [f"{k} ({p})" for k, p in needed.items() if not p.exists()]
    if missing:
        print(f"missing: {', '.join(missing)}; run 'make site assignments' first",
              file=sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _zip_folder(needed["site"], out / f"{BOOK_NAME}-site.zip")
    shutil.copyfile(needed["pdf"], out / f"{BOOK_NAME}.pdf")
    shutil.copyfile(needed["epub"], out / f"{BOOK_NAME}.epub")
    for name, path in needed.items():
        if name.startswith(f"{BOOK_NAME}-"):
            shutil.copyfile(path, out / name)
    for folder in sorted(p for p in needed["assignments"].iterdir() if p.is_dir()):
        _zip_folder(folder, out / f"assignment-{folder.name}.zip")
    (out / "SHA256SUMS").write_text(sha256sums(out), encoding="utf-8")
    version = course_version(root)
    (out / "NOTES.md").write_text(
        f"Industrial Clusters {version}: the book as a website (zip), PDF and EPUB"
        + "".join(f" (and {lang}: `{BOOK_NAME}-{lang}.pdf`, `.epub`)" for lang in languages(root))
        + ", and the graded assignments' bundles. Check downloads with "
        "`sha256sum -c SHA256SUMS`.\n\n"
        + changelog_section(root, version) + "\n", encoding="utf-8")
    print(f"{len(list(out.iterdir()))} release files in {out}")
    return 0


def _zip_folder(folder: Path, target: Path) -> None:
    """Zip ``folder`` with sorted entries and a fixed timestamp (reproducible archives)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())


def changelog_section(root: Path, version: str) -> str:
    """The body of ``## [version]`` in CHANGELOG.md ("" if there is none)."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |^\[|\Z)", text,
                      re.M | re.S)
    return match.group(1).strip() if match else ""


def release_check(root: Path, tag: str) -> int:
    """0 if ``tag`` (if given) is ``v<version>`` and CHANGELOG.md has that version's section
    with a date, and CITATION.cff has the same version; else 1, saying what differs."""
    import yaml

    version = course_version(root)
    problems = []
    if tag and tag != f"v{version}":
        problems.append(f"the tag {tag!r} is not 'v{version}' (src/coursekit/__init__.py)")
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    if not re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M):
        problems.append(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    if str(cff.get("version")) != version:
        problems.append(f"CITATION.cff says version {cff.get('version')!r}, not {version!r}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0

"""Command line of the book's build tools (``make generated``, ``make book``, ``make locales``).

    python -m coursebook notebooks          # write the Colab/Binder copies of the pages and
                                            # the translated student notebooks
    python -m coursebook notebooks --check  # exit 1 if one is missing or stale
    python -m coursebook edition zh_CN -W -n --keep-going [--all]
                                            # build a translated edition into _build/html/zh_CN
    python -m coursebook edition zh_CN --builder latex|epub -W -n --keep-going
                                            # its LaTeX or EPUB into _build/zh_CN/<builder>
    python -m coursebook locales            # extract messages, update locales/*/LC_MESSAGES
    python -m coursebook print pdf          # split the built PDF by chapter (make pdf)
    python -m coursebook print epub         # check the built EPUB (make epub)
    python -m coursebook print pdf --language zh_CN   # the same for a translated edition
    python -m coursebook release DIR        # the release's files and SHA256SUMS
    python -m coursebook release-check TAG  # TAG is v<version> with a CHANGELOG section

Run it from the course repository (or set ``COURSE_ROOT``).
"""

from __future__ import annotations

import argparse
import time

from coursebook import course_root
from coursebook.notebooks import write_notebooks


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the subcommand."""
    p = argparse.ArgumentParser(prog="python -m coursebook")
    sub = p.add_subparsers(dest="command", required=True)
    nbs = sub.add_parser("notebooks", help="Colab/Binder copies of the chapter pages")
    nbs.add_argument("--check", action="store_true", help="only check they are up to date")
    ed = sub.add_parser("edition", help="build a translated edition of the book")
    ed.add_argument("language", help="a folder of locales/, e.g. zh_CN")
    ed.add_argument("-W", dest="strict", action="store_true", help="warnings are errors")
    ed.add_argument("-n", dest="nitpicky", action="store_true", help="nitpicky mode")
    ed.add_argument("--keep-going", action="store_true", help="report every warning")
    ed.add_argument("--all", dest="force_all", action="store_true", help="rebuild every page")
    ed.add_argument("--builder", default="html", choices=["html", "latex", "epub"],
                    help="the site (default), the LaTeX of the PDF, or the EPUB")
    sub.add_parser("locales", help="extract the messages and update every catalogue")
    eds = sub.add_parser("print", help="finish the PDF or EPUB edition in _build/editions")
    eds.add_argument("kind", choices=["pdf", "epub"])
    eds.add_argument("--language", default="en", help="the edition (default: en)")
    rel = sub.add_parser("release", help="collect the release's files and their checksums")
    rel.add_argument("out", help="folder for the release's files")
    chk = sub.add_parser("release-check", help="a tag matches the version and the changelog")
    chk.add_argument("tag", nargs="?", default="", help="the tag, e.g. v0.3.0 (default: none)")
    a = p.parse_args(argv)
    if a.command == "notebooks":
        from coursebook.translated_notebooks import write_translated

        status = write_notebooks(course_root(), check=a.check)
        return write_translated(course_root(), check=a.check) or status
    if a.command == "edition":
        from coursebook.editions import build_edition

        start = time.monotonic()
        status = build_edition(course_root(), a.language, builder=a.builder,
                               force_all=a.force_all, strict=a.strict, nitpicky=a.nitpicky,
                               keep_going=a.keep_going)
        print(f"edition {a.language} ({a.builder}): {'built' if status == 0 else 'FAILED'} in "
              f"{time.monotonic() - start:.1f} s")
        return status
    if a.command == "locales":
        from coursebook.editions import update_catalogues

        return update_catalogues(course_root())
    if a.command == "print":
        from coursebook.cli import editions

        return editions(course_root(), a.kind, a.language)
    if a.command == "release":
        from coursebook.cli import release

        return release(course_root(), a.out)
    if a.command == "release-check":
        from coursebook.cli import release_check

        return release_check(course_root(), a.tag)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

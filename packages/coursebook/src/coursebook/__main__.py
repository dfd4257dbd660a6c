"""Command line of the book's build tools (``make generated`` runs it).

    python -m coursebook notebooks          # write the Colab/Binder copies of the pages
    python -m coursebook notebooks --check  # exit 1 if one is missing or stale
    python -m coursebook editions pdf       # split the built PDF by chapter (make pdf)
    python -m coursebook editions epub      # check the built EPUB (make epub)
    python -m coursebook release DIR        # the release's files and SHA256SUMS
    python -m coursebook release-check TAG  # TAG is v<version> with a CHANGELOG section

Run it from the course repository (or set ``COURSE_ROOT``).
"""

from __future__ import annotations

import argparse

from coursebook import course_root
from coursebook.notebooks import write_notebooks


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the subcommand."""
    p = argparse.ArgumentParser(prog="python -m coursebook")
    sub = p.add_subparsers(dest="command", required=True)
    nbs = sub.add_parser("notebooks", help="Colab/Binder copies of the chapter pages")
    nbs.add_argument("--check", action="store_true", help="only check they are up to date")
    eds = sub.add_parser("editions", help="finish the PDF or EPUB edition in _build/editions")
    eds.add_argument("kind", choices=["pdf", "epub"])
    rel = sub.add_parser("release", help="collect the release's files and their checksums")
    rel.add_argument("out", help="folder for the release's files")
    chk = sub.add_parser("release-check", help="a tag matches the version and the changelog")
    chk.add_argument("tag", nargs="?", default="", help="the tag, e.g. v0.3.0 (default: none)")
    a = p.parse_args(argv)
    if a.command == "notebooks":
        return write_notebooks(course_root(), check=a.check)
    if a.command == "editions":
        from coursebook.cli import editions

        return editions(course_root(), a.kind)
    if a.command == "release":
        from coursebook.cli import release

        return release(course_root(), a.out)
    if a.command == "release-check":
        from coursebook.cli import release_check

        return release_check(course_root(), a.tag)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

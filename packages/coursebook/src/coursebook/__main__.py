"""Command line of the book's build tools (``make generated`` runs it).

    python -m coursebook notebooks          # write the Colab/Binder copies of the pages
    python -m coursebook notebooks --check  # exit 1 if one is missing or stale

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
    a = p.parse_args(argv)
    if a.command == "notebooks":
        return write_notebooks(course_root(), check=a.check)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line of the grader (what ``make assignments`` and ``make grade`` run).

    python -m coursegrader build [--out DIR] [--publish] [--check] [NAME ...]
    python -m coursegrader grade NAME SUBMISSIONS_DIR [--out DIR] [--jobs N] ...

See :mod:`coursegrader.build`.  Run it from the course repository (or set ``COURSE_ROOT``).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Dispatch ``build`` and ``grade``."""
    from coursegrader import build

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("build", "grade"):
        sys.exit("usage: python -m coursegrader {build,grade} ...  (see --help of each)")
    build.main(argv[1:] if argv[0] == "build" else argv)


if __name__ == "__main__":
    main()

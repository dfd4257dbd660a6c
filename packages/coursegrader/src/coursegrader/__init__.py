"""coursegrader: grade a class's notebooks for the Industrial Clusters course (instructors).

Builds each assignment's autograder from its spec (:mod:`coursegrader.build`); takes in
every entry of a submissions folder (:mod:`coursegrader.intake`); runs each notebook in a
real Jupyter kernel (:mod:`coursegrader.runner`) inside an unprivileged sandbox
(:mod:`coursegrader.sandbox`, :mod:`coursegrader.image`) with per-submission limits
(:mod:`coursegrader.resources`); scores its answers in a separate process
(:mod:`coursegrader.score`); and writes one row per entry, a feedback file per student and
an item analysis (:mod:`coursegrader.batch`, :mod:`coursegrader.report`).  Linux-first;
the command line is ``python -m coursegrader``.

The checks that the tests call live in the student library, :mod:`coursekit.grading`.
"""

from importlib.metadata import version as _version

#: The course's one version number (``__version__`` of ``src/coursekit/__init__.py``, which
#: the three packages' metadata read when they are built); importing coursegrader never
#: imports coursekit.
__version__ = _version("coursegrader")

__all__ = ["__version__"]

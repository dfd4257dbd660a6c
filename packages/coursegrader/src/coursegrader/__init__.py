"""coursegrader: grade a class's notebooks for the Industrial Clusters course (instructors).

Builds each assignment's autograder from its spec (:mod:`coursegrader.build`), runs every
submission in a sandbox (:mod:`coursegrader.sandbox`, :mod:`coursegrader.runner`), scores
its answers in a separate process (:mod:`coursegrader.score`) and writes one row per file
(:mod:`coursegrader.batch`).  Linux-first; the command line is ``python -m coursegrader``.

The checks that the tests call live in the student library, :mod:`coursekit.grading`.
"""

from coursekit import __version__

__all__ = ["__version__"]

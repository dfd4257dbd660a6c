"""coursebook: the Industrial Clusters book's build tools (not part of the student library).

* :mod:`coursebook.sphinxext`: the Sphinx extension listed in ``_config.yml`` (offline
  charts and maths, page delivery for phones, meta descriptions, upstream workarounds),
  with :mod:`~coursebook.delivery`, :mod:`~coursebook.cssbundle`, :mod:`~coursebook.icons`,
  :mod:`~coursebook.mathbox` and :mod:`~coursebook.weight`;
* :mod:`coursebook.renderer` and :mod:`coursebook.kernel`: the offline Altair renderer that
  the pages' kernels load while the book builds;
* :mod:`coursebook.notebooks`: the Colab/Binder copies of the pages;
* :mod:`coursebook.assignments`: graded assignments from their specs and the chapters;
* :mod:`coursebook.editions`, :mod:`coursebook.i18n`, :mod:`coursebook.charttext` and
  :mod:`coursebook.translated_notebooks`: the translated editions (``locales/README.md``).

``import coursekit`` loads none of this.
"""

from __future__ import annotations

import os
from importlib.metadata import version as _version
from pathlib import Path

#: The course's one version number (``__version__`` of ``src/coursekit/__init__.py``, which
#: the three packages' metadata read when they are built); importing coursebook never
#: imports coursekit (the build kernels load coursebook.kernel before any page runs).
__version__ = _version("coursebook")

__all__ = ["__version__", "course_root"]


def course_root() -> Path:
    """The course repository: ``COURSE_ROOT`` if set, else the nearest folder, from the
    current one upwards, that holds ``_toc.yml`` (else the current folder)."""
    if os.environ.get("COURSE_ROOT"):
        return Path(os.environ["COURSE_ROOT"]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    return here

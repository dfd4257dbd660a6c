"""coursekit: tested helpers for the Industrial Clusters course.

Every public name of the topic modules is re-exported here, so chapters,
exercises and instructors write ``import coursekit as ck`` and call
``ck.location_quotient(...)``, ``ck.CorePeriphery(...)`` and so on.
Importing the package also registers and enables the course's Altair theme
(see :mod:`coursekit.charts`).
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# Topic modules whose ``__all__`` is re-exported flat.  A module listed here
# that does not exist yet is skipped, so topics can land one at a time.
_TOPIC_MODULES = (
    "coursekit.measures",
    "coursekit.agglomeration",
    "coursekit.coreperiphery",
    "coursekit.inputoutput",
    "coursekit.networks",
    "coursekit.growth",
    "coursekit.bibliography",
    "coursekit.exercises",
    "coursekit.charts",
)

__all__: list[str] = ["data", "charts", "__version__"]

for _name in _TOPIC_MODULES:
    try:
        _mod = import_module(_name)
    except ModuleNotFoundError as _err:  # pragma: no cover - only while a topic is absent
        if _err.name != _name:
            raise
        continue
    for _public in getattr(_mod, "__all__", ()):
        globals()[_public] = getattr(_mod, _public)
        if _public not in __all__:
            __all__.append(_public)

from coursekit import charts, data  # noqa: E402  (charts registers the theme)

del _name, import_module

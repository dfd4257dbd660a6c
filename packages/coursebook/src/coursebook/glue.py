"""One call glues a page's numbers into its prose: ``glue_values(name=value, ...)``.

A page's hidden cell (tagged ``remove-cell``) names the values that its prose shows with
``{glue:text}`name:.2f``` roles::

    from coursebook.glue import glue_values

    glue_values(lq_wa=lq_wa, n_states=n_states)

Each value is glued with myst-nb's ``glue(..., display=False)`` after being made a plain
Python number or string (a NumPy or pandas scalar prints as ``np.float64(0.5)`` in some
roles); anything else (a Series, a frame, ``None``) is refused, naming it, because the
prose can only show one number or word.  Hidden cells glue names that visible cells
compute, so a reader sees where every number comes from (a test checks this).
"""

from __future__ import annotations

import numbers
from typing import Any

__all__ = ["glue_values", "plain"]


def plain(name: str, value: Any) -> int | float | str:
    """``value`` as a plain ``int``, ``float`` or ``str``; a clear error otherwise.

    >>> import numpy as np
    >>> plain("x", np.float64(0.5)), plain("n", np.int64(3)), plain("who", "Texas")
    (0.5, 3, 'Texas')
    >>> plain("flag", True)
    Traceback (most recent call last):
    ...
    TypeError: glue_values: 'flag' is a bool (True); glue a number or a word ...
    """
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        raise TypeError(f"glue_values: {name!r} is a bool ({value!r}); glue a number or a word "
                        f"(e.g. 'more' if ... else 'less').")
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"glue_values: {name!r} is a {type(value).__name__}, not one number or "
                    f"word; glue one element of it (e.g. {name}.iloc[0] or float({name})).")


def glue_values(**values: Any) -> None:
    """Glue every keyword as ``glue(name, plain(value), display=False)``."""
    from myst_nb import glue

    for name, value in values.items():
        glue(name, plain(name, value), display=False)

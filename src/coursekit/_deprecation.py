"""Renames that keep old code working for one release: deprecated aliases and keywords.

A renamed function keeps its old name as an *alias*: a thin function, listed in its
namespace's ``__all__`` under the old name, that warns and calls the new one.  A renamed
keyword keeps working through :func:`renamed_keywords`.  Both warn with a
:class:`FutureWarning` (shown to students by default, unlike ``DeprecationWarning``) that
names the new name and the release that removes the old one:

>>> import warnings
>>> def activity(data, value=None):
...     "Sum of ``data[value]``."
...     return sum(data[value])
>>> old = deprecated_alias(activity, "employment", namespace="ck")
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     old({"jobs": [1, 2]}, value="jobs")
3
>>> print(caught[0].message)
ck.employment is deprecated and will be removed in coursekit 0.4; use ck.activity instead.
>>> old.__deprecated__ == str(caught[0].message), old.__name__
(True, 'employment')

Every alias carries ``__deprecated__`` (the attribute :pep:`702` gives deprecated
objects): the fuzz registry and the vocabulary test skip such aliases, and the test of
chapters rejects their names in pages.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["REMOVED_IN", "deprecated_alias", "deprecated", "renamed_keywords", "warn_deprecated"]

#: The release that removes the names deprecated in 0.3.
REMOVED_IN = "0.4"
#: How a deprecated name's docstring starts its note (plain text: the API pages keep their
#: styles).
_NOTE = "**Deprecated** since coursekit 0.3:"

F = TypeVar("F", bound=Callable[..., Any])


_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def warn_deprecated(message: str) -> None:
    """Emit ``message`` as a :class:`FutureWarning` pointing at the first line outside coursekit.

    The warning names the reader's own line (a notebook cell, a script), however many
    coursekit functions lie between it and the deprecated name.
    """
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, FutureWarning, stacklevel=level)


def _message(old: str, new: str) -> str:
    return (f"{old} is deprecated and will be removed in coursekit {REMOVED_IN}; "
            f"use {new} instead.")


def deprecated(old: str, new: str) -> Callable[[F], F]:
    """Decorate a thin function kept under an old name: it warns, then runs.

    Use it when the old name needs its own body (old defaults, an old argument order);
    :func:`deprecated_alias` covers a plain rename.  ``old`` and ``new`` are the names
    a reader types, e.g. ``"ck.charts.sigma_chart"`` and ``"ck.charts.lines_chart"``.
    """
    message = _message(old, new)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warn_deprecated(message)
            return func(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]
        doc = inspect.cleandoc(func.__doc__ or "")
        wrapper.__doc__ = (f"{doc}\n\n{_NOTE} use ``{new}``; ``{old}`` will be removed in "
                           f"coursekit {REMOVED_IN}.\n")
        return wrapper  # type: ignore[return-value]

    return decorate


def deprecated_alias(func: F, old_name: str, *, namespace: str = "ck") -> F:
    """``func`` under its old name ``old_name``: same signature, warns on every call.

    ``namespace`` is how a reader reaches both names (``"ck"``, ``"ck.data"``,
    ``"ck.charts"``); the warning says ``<namespace>.<old_name>`` ... ``<namespace>.<new>``.
    """
    message = _message(f"{namespace}.{old_name}", f"{namespace}.{func.__name__}")

    @functools.wraps(func)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warn_deprecated(message)
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old_name
    alias.__deprecated__ = message  # type: ignore[attr-defined]
    target = namespace.replace("ck", "coursekit", 1)
    alias.__doc__ = (f"Deprecated alias of :func:`{target}.{func.__name__}`.\n\n"
                     f"{_NOTE} use ``{namespace}.{func.__name__}``; "
                     f"``{namespace}.{old_name}`` will be removed in coursekit {REMOVED_IN}.\n")
    return alias  # type: ignore[return-value]


def renamed_keywords(**renames: str) -> Callable[[F], F]:
    """Accept old keyword names for one release: ``@renamed_keywords(E0="start")``.

    A call with an old keyword warns and passes the value on under the new name; a call
    that gives both names is a :class:`TypeError`.  Positional calls are unaffected, and
    ``inspect.signature`` shows the new names only.

    >>> @renamed_keywords(before="start")
    ... def entry(start, end):
    ...     return end - start
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", FutureWarning)
    ...     entry(before=1, end=3)
    2
    >>> entry(start=1, end=3, before=1)
    Traceback (most recent call last):
    ...
    TypeError: entry() got 'start' and its deprecated name 'before'; pass 'start' only.
    """

    def decorate(func: F) -> F:
        params = inspect.signature(func).parameters
        for old, new in renames.items():
            if new not in params or old in params:
                raise ValueError(f"renamed_keywords: {func.__name__} has no parameter {new!r} "
                                 f"or still has {old!r}.")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs and new in kwargs:
                    raise TypeError(f"{func.__name__}() got {new!r} and its deprecated name "
                                    f"{old!r}; pass {new!r} only.")
            for old, new in renames.items():
                if old in kwargs:
                    warn_deprecated(f"The keyword {old}= of {func.__name__}() is deprecated and "
                                    f"will be removed in coursekit {REMOVED_IN}; use {new}= "
                                    f"instead.")
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        wrapper.__renamed_keywords__ = dict(renames)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate

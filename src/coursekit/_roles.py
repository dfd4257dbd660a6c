"""Column roles: which column of a tidy table is the region, the industry, the value, the time.

The course's loaders attach the roles their dataset declares (``[roles.<loader>]`` in its
``provenance.toml``) to the frame they return, as ``frame.attrs["roles"]``; a function
that reads columns by role (:func:`coursekit.activity_matrix`,
:func:`coursekit.ellison_glaeser`, :func:`coursekit.cluster_growth_regression`, ...) takes
each column from, in this order,

1. its keyword (``region=``, ``industry=``, ``value=``, ``time=``), if given;
2. the frame's declared roles;
3. the role's own name (a column called ``"region"``, ``"value"``, ...).

>>> import pandas as pd
>>> tidy = pd.DataFrame({"state": ["a"], "sector": ["x"], "jobs": [1]})
>>> tidy.attrs["roles"] = {"region": "state", "industry": "sector", "value": "jobs"}
>>> role_columns(tidy, "data", region=None, industry=None, value="jobs")
{'region': 'state', 'industry': 'sector', 'value': 'jobs'}
>>> role_columns(tidy, "data", time=None)
Traceback (most recent call last):
...
ValueError: The time column (by default the column 'time') is not a column of 'data'; ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from coursekit._deprecation import REMOVED_IN, warn_deprecated
from coursekit._validation import _show, check_label

__all__ = ["ROLES", "declared_roles", "role_columns", "with_roles"]

#: The column roles, in the order functions take them.
ROLES = ("region", "industry", "value", "time")


def declared_roles(data: Any) -> dict[str, str]:
    """The roles a frame declares in ``data.attrs["roles"]`` (empty if none)."""
    if not isinstance(data, pd.DataFrame):
        return {}
    roles = data.attrs.get("roles")
    if roles is None:
        return {}
    if not isinstance(roles, Mapping) or not all(
            role in ROLES and isinstance(column, str) for role, column in roles.items()):
        raise ValueError(f"data.attrs['roles'] must map roles {ROLES} to column names, got "
                         f"{_show(roles)}; fix it or delete it (del data.attrs['roles']).")
    return dict(roles)


def with_roles(frame: pd.DataFrame, roles: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with ``roles`` attached as ``frame.attrs["roles"]`` (checked first)."""
    missing = {role: col for role, col in roles.items()
               if role not in ROLES or col not in frame.columns}
    if missing:
        raise ValueError(f"Roles {missing} name no column of the frame (or no role of {ROLES}); "
                         f"its columns are {list(frame.columns)}.")
    frame.attrs["roles"] = dict(roles)
    return frame


def role_columns(data: Any, name: str, *, legacy: Mapping[str, str] | None = None,
                 **given: Any) -> dict[str, str]:
    """The column of every role in ``given`` (``role=keyword value or None``), checked.

    ``legacy`` maps a role to the column an old default named (e.g. ``value`` to
    ``"employment"``): when neither a keyword nor the frame's roles name the column, the
    role's own name is not a column, and the legacy one is, the legacy column is used with a
    :class:`FutureWarning` for one release.
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"'{name}' must be a pandas DataFrame, got {type(data).__name__}.")
    declared = declared_roles(data)
    out: dict[str, str] = {}
    for role, column in given.items():
        if column is not None:
            check_label(column, role)
            where = f"'{role}'={column!r}"
        elif role in declared:
            column = declared[role]
            where = f"The {role} column {column!r} (declared in {name}.attrs['roles'])"
        else:
            column = role
            where = f"The {role} column (by default the column {role!r})"
            old = (legacy or {}).get(role)
            if column not in data.columns and old is not None and old in data.columns:
                warn_deprecated(
                    f"'{name}' has no column {role!r} and declares no {role} role, so the old "
                    f"default column {old!r} is used; this fallback is deprecated and will be "
                    f"removed in coursekit {REMOVED_IN}. Pass {role}={old!r}.")
                column = old
        if column not in data.columns:
            raise ValueError(f"{where} is not a column of '{name}'; its columns are "
                             f"{_show(list(data.columns), 200)}. Pass {role}=<the right "
                             f"column name>.")
        out[role] = column
    return out

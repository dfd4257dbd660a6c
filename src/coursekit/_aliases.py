"""Old names of the flat namespace ``ck.*``, kept for one release (removed in 0.4).

Each warns with a :class:`FutureWarning` naming its replacement; see
:mod:`coursekit._vocabulary` for the names to use.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from coursekit._deprecation import deprecated
from coursekit.regions.matrices import activity_matrices, activity_matrix

__all__ = ["employment_matrix", "employment_matrices"]


@deprecated("ck.employment_matrix", "ck.activity_matrix")
def employment_matrix(
    data: pd.DataFrame,
    region: str = "region",
    industry: str = "industry",
    value: str = "employment",
) -> pd.DataFrame:
    """Regions × industries matrix, with the old defaults (the column ``"employment"``).

    ``ck.activity_matrix(data, region, industry, value)`` does the same and takes its
    default columns from the frame's roles.
    """
    return activity_matrix(data, region=region, industry=industry, value=value)


@deprecated("ck.employment_matrices", "ck.activity_matrices")
def employment_matrices(
    data: pd.DataFrame,
    region: str = "region",
    industry: str = "industry",
    value: str = "employment",
    by: str = "year",
) -> dict[Any, pd.DataFrame]:
    """One regions × industries matrix per value of ``by``, with the old defaults.

    ``ck.activity_matrices(data, region, industry, value, time)`` does the same, with
    ``time=`` in place of ``by=``, and takes its default columns from the frame's roles.
    """
    return activity_matrices(data, region=region, industry=industry, value=value, time=by)

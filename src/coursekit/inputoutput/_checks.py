"""Input checks and small helpers shared by the input–output modules.

A square table (flows ``Z``, coefficients ``A`` or ``B``, an inverse ``L`` or
``G``) is a DataFrame whose row and column labels are the same sectors, or a
2-D array.  Vectors (output ``x``, a factor such as employment) are Series
labelled by those sectors, or 1-D arrays in the table's order.  Every check
names the argument, shows the bad value and says how to fix it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coursekit._validation import _show, as_float_array, check_nonempty

__all__: list[str] = []  # private helpers

Labels = pd.Index | None


def square(M: Any, name: str, *, nonnegative: bool = True) -> tuple[np.ndarray, Labels]:
    """A square sectors × sectors table as floats, and its labels (None for arrays)."""
    if isinstance(M, pd.Series):
        raise TypeError(f"'{name}' must be a square sectors × sectors table (DataFrame or "
                        f"2-D array), got a Series.")
    labels = None
    if isinstance(M, pd.DataFrame):
        rows, cols = M.index, M.columns
        for axis, what in ((rows, "row"), (cols, "column")):
            if axis.has_duplicates:
                dup = list(axis[axis.duplicated()].unique()[:5])
                raise ValueError(f"'{name}' has duplicate {what} labels {_show(dup)}; each "
                                 f"sector must appear once.")
        if len(rows) == len(cols) and not rows.equals(cols):
            if set(rows) != set(cols):
                odd = [c for c in cols if c not in set(rows)][:5]
                raise ValueError(
                    f"'{name}' must have the same sectors in its rows and columns; the "
                    f"columns {_show(odd)} are not row labels. Sales (rows) and purchases "
                    f"(columns) must refer to the same sectors.")
            M = M.loc[:, rows]  # same sectors in another order: align the columns to the rows
        labels = rows
    values = as_float_array(M, name, ndim=2)
    check_nonempty(values, name)
    if values.shape[0] != values.shape[1]:
        raise ValueError(f"'{name}' must be square (as many sectors in the rows as in the "
                         f"columns), got shape {values.shape}.")
    if nonnegative and values.min() < 0:
        bad = np.argwhere(values < 0)[0]
        where = (f"{labels[bad[0]]!r} → {labels[bad[1]]!r}" if labels is not None
                 else f"row {bad[0]}, column {bad[1]}")
        raise ValueError(
            f"'{name}' has {int((values < 0).sum())} negative entr(y/ies), e.g. {where}: "
            f"{values[tuple(bad)]:g}. Input–output flows and coefficients are >= 0; check the "
            f"data (negative inventories or subsidies belong in final demand or value added).")
    return values, labels


def vector(v: Any, name: str, n: int, labels: Labels, *, table: str, positive: bool = False
           ) -> tuple[np.ndarray, Labels]:
    """A sector vector aligned with ``labels`` (by label for a Series, else by position)."""
    if isinstance(v, pd.DataFrame):
        raise TypeError(f"'{name}' must be a Series or 1-D array with one value per sector, "
                        f"got a DataFrame; select the column first (e.g. df['output']).")
    if isinstance(v, pd.Series):
        if v.index.has_duplicates:
            raise ValueError(f"'{name}' has duplicate labels {_show(list(v.index[v.index.duplicated()][:5]))}.")
        if labels is not None:
            if set(v.index) != set(labels) or len(v) != len(labels):
                missing = [s for s in labels if s not in set(v.index)][:5]
                extra = [s for s in v.index if s not in set(labels)][:5]
                raise ValueError(
                    f"'{name}' must have one value per sector of the table '{table}', with the "
                    f"same labels; missing {_show(missing)}, not in the table {_show(extra)}.")
            v = v.reindex(labels)
        else:
            labels = v.index
    values = as_float_array(v, name, ndim=1)
    if values.size != n:
        raise ValueError(f"'{name}' must have one value per sector of '{table}' ({n}), got "
                         f"{values.size}.")
    if positive and (values <= 0).any():
        k = int(np.flatnonzero(values <= 0)[0])
        who = repr(labels[k]) if labels is not None else f"position {k}"
        raise ValueError(
            f"'{name}' must be > 0 for every sector; sector {who} has {values[k]:g}. A "
            f"sector with zero output has no coefficients: drop it from the table first.")
    if not positive and values.min() < 0:
        k = int(np.argmin(values))
        who = repr(labels[k]) if labels is not None else f"position {k}"
        raise ValueError(f"'{name}' must be >= 0 for every sector; sector {who} has "
                         f"{values[k]:g}.")
    return values, labels


def table(Z: Any, x: Any) -> tuple[np.ndarray, np.ndarray, Labels]:
    """Flows ``Z`` and output ``x`` (> 0), aligned by sector."""
    z, labels = square(Z, "Z")
    out, labels = vector(x, "x", z.shape[0], labels, table="Z", positive=True)
    return z, out, labels


def finite(values: np.ndarray, names: str) -> None:
    """Refuse a result that overflowed (entries spanning more than ~1e300)."""
    if not np.isfinite(values).all():
        raise ValueError(f"The values of {names} span too many orders of magnitude, so the "
                         f"result overflows; rescale the data (e.g. to millions).")


def inverse(M: np.ndarray, names: str) -> np.ndarray:
    """(I − M)^-1 for a non-negative M, refusing singular or non-productive systems.

    For M >= 0 the inverse exists and is >= 0 exactly when the spectral radius of M
    is below 1, which is equivalent to the Hawkins–Simon condition on I − M.
    """
    n = M.shape[0]
    I_M = np.eye(n) - M
    hint = (f"The system given by {names} is not productive: the Hawkins–Simon condition "
            f"(every leading principal minor of I − A positive; equivalently, the spectral "
            f"radius of A below 1) fails, so (I − A) has no non-negative inverse. Check that "
            f"each sector's inputs cost less than its output (value added > 0).")
    try:
        cond = np.linalg.cond(I_M)
        if not np.isfinite(cond) or cond > 1e13:
            raise np.linalg.LinAlgError
        inv = np.linalg.solve(I_M, np.eye(n))
    except np.linalg.LinAlgError:
        raise ValueError(f"I − A is singular or nearly so. {hint}") from None
    # A productive system's inverse is I + M + M^2 + ... >= I.  Both tests are relative to
    # the inverse's own scale: a hugely non-productive M has an inverse of tiny entries,
    # some negative, that an absolute tolerance would let through as zeros.
    if not np.isfinite(inv).all() or inv.min() < -1e-9 * float(np.abs(inv).max()) \
            or np.diag(inv).min() < 1 - 1e-9:
        raise ValueError(hint)
    return np.clip(inv, 0.0, None)


def leontief(L: Any, name: str) -> tuple[np.ndarray, Labels]:
    """A square table that is the inverse (I − A)^-1 of a productive A >= 0, and its labels.

    Such an inverse is >= I entrywise, and A = I − L^-1 must be non-negative with a
    spectral radius below 1; anything else (``0.5 * L``, a table of flows, a matrix of
    identical rows) cannot be a Leontief (or Ghosh) inverse, and its multipliers would be
    numbers without a meaning.
    """
    values, labels = square(L, name)
    n = values.shape[0]
    hint = (f"'{name}' is not the inverse (I − A)^-1 of a productive input–output system; "
            f"pass ck.leontief_inverse(A) (or ck.ghosh_inverse(B)), not the coefficients, "
            f"the flows or a rescaled inverse.")
    if np.diag(values).min() < 1 - 1e-9:
        k = int(np.argmin(np.diag(values)))
        who = repr(labels[k]) if labels is not None else f"position {k}"
        raise ValueError(f"{hint} Its diagonal must be >= 1, but sector {who} has "
                         f"{values[k, k]:g}.")
    try:
        if np.linalg.cond(values) > 1e13:
            raise np.linalg.LinAlgError
        A = np.eye(n) - np.linalg.solve(values, np.eye(n))
    except np.linalg.LinAlgError:
        raise ValueError(f"{hint} It is singular or nearly so.") from None
    if A.min() < -1e-9 * max(1.0, float(np.abs(A).max())):
        raise ValueError(f"{hint} The coefficients it implies, I − {name}^-1, include a "
                         f"negative entry ({A.min():.3g}).")
    rho = float(np.abs(np.linalg.eigvals(np.clip(A, 0.0, None))).max())
    if rho >= 1:
        raise ValueError(f"{hint} The coefficients it implies have spectral radius {rho:.3g} "
                         f">= 1.")
    return values, labels


def matrix_out(values: np.ndarray, labels: Labels) -> np.ndarray | pd.DataFrame:
    """Labelled in, labelled out; arrays in, arrays out."""
    if labels is None:
        return values
    return pd.DataFrame(values, index=labels.copy(), columns=labels.copy())


def vector_out(values: np.ndarray, labels: Labels, name: str) -> np.ndarray | pd.Series:
    if labels is None:
        return values
    return pd.Series(values, index=labels.copy(), name=name)

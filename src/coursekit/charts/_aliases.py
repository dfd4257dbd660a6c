"""Chart helpers replaced by :func:`coursekit.charts.lines_chart`, kept for one release.

``sigma_chart``, ``specialisation_chart`` and ``relative_income_chart`` were three
near-identical line charts; each is now a thin wrapper that warns with a
:class:`FutureWarning` and draws :func:`~coursekit.charts.lines_chart` with its old
defaults.  They are removed in coursekit 0.4.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from coursekit._deprecation import deprecated
from coursekit.charts.panels import lines_chart

__all__ = ["relative_income_chart", "sigma_chart", "specialisation_chart"]


def _check_sign(values: pd.Series | pd.DataFrame, name: str, positive: bool) -> None:
    numbers = values.to_numpy(dtype=float) if isinstance(values, pd.Series | pd.DataFrame) \
        else np.asarray([])
    found = numbers[~np.isnan(numbers)] if numbers.dtype.kind == "f" else numbers
    if (found <= 0).any() if positive else (found < 0).any():
        raise ValueError(f"'{name}' must be {'positive' if positive else '>= 0'}.")


@deprecated("ck.charts.sigma_chart", "ck.charts.lines_chart")
def sigma_chart(
    sigma: pd.Series | pd.DataFrame,
    *,
    title: str = "σ-convergence: dispersion of log income",
    source: str | None = None,
    description: str | None = None,
    events: dict[float, str] | None = None,
) -> alt.LayerChart:
    """Line chart of σ (standard deviation of log income) over time.

    Same as ``ck.charts.lines_chart(sigma, events=events, value_title="σ of log income")``.
    """
    if isinstance(sigma, pd.Series | pd.DataFrame):
        _check_sign(sigma, "sigma", positive=False)
    return lines_chart(sigma, events=events, value_title="σ of log income", title=title,
                       source=source, description=description, height=280)


@deprecated("ck.charts.specialisation_chart", "ck.charts.lines_chart")
def specialisation_chart(
    values: pd.DataFrame,
    *,
    reference: float = 1.0,
    value_title: str = "Revealed advantage (LQ)",
    title: str = "Specialisation over time",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Lines of a region's specialisation indices (e.g. RTA or LQ) over time.

    Same as ``ck.charts.lines_chart(values, reference=1.0, value_title=...)``.
    """
    if isinstance(values, pd.DataFrame):
        _check_sign(values, "values", positive=False)
    return lines_chart(values, reference=reference, value_title=value_title, title=title,
                       source=source, description=description)


@deprecated("ck.charts.relative_income_chart", "ck.charts.lines_chart")
def relative_income_chart(
    relative: pd.DataFrame,
    *,
    reference: float = 1.0,
    events: dict[float, str] | None = None,
    value_title: str = "Per head, relative to the nation",
    title: str = "Old industrial regions against their nations",
    source: str | None = None,
    description: str | None = None,
) -> alt.LayerChart:
    """Lines of regions' income per head relative to their nation, each over its own years.

    Same as ``ck.charts.lines_chart(relative, reference=1.0, events=events, ...)``.
    """
    if isinstance(relative, pd.DataFrame):
        _check_sign(relative, "relative", positive=True)
    return lines_chart(relative, reference=reference, events=events, value_title=value_title,
                       title=title, source=source, description=description)

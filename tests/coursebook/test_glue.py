"""Tests for coursebook.glue: one call glues a page's numbers, each as a plain number or word."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from book_pages import code_pages, removed_cells

from coursebook import glue


def test_plain_turns_numpy_and_pandas_scalars_into_python_numbers():
    """A NumPy float prints as np.float64(0.5) in some roles: the glued value is a float."""
    assert type(glue.plain("x", np.float64(0.5))) is float
    assert type(glue.plain("n", np.int64(3))) is int
    assert type(glue.plain("n", pd.Series([1.5]).iloc[0])) is float
    assert glue.plain("who", "Texas") == "Texas"


@pytest.mark.parametrize("value,match", [
    (True, "'v' is a bool"), (np.bool_(False), "'v' is a bool"),
    (pd.Series([1.0]), "'v' is a Series, not one number"), (None, "'v' is a NoneType"),
    ([1, 2], "'v' is a list"),
])
def test_plain_refuses_what_prose_cannot_show_naming_it(value, match):
    with pytest.raises(TypeError, match=match):
        glue.plain("v", value)


def test_glue_values_glues_every_keyword_hidden(monkeypatch):
    import myst_nb

    calls = []
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True:
                        calls.append((name, value, type(value), display)))
    glue.glue_values(lq_wa=np.float64(1.37), n_states=np.int64(51), top="Texas")
    assert calls == [("lq_wa", 1.37, float, False), ("n_states", 51, int, False),
                     ("top", "Texas", str, False)]
    with pytest.raises(TypeError, match="'frame'"):
        glue.glue_values(frame=pd.DataFrame({"a": [1]}))


@pytest.mark.parametrize("page", code_pages())
def test_hidden_cells_only_glue_what_visible_cells_compute(page):
    """Issue 21: a page's hidden cells call glue_values with values its visible cells
    computed (names, their items or attributes), so a reader sees where each number in the
    prose comes from; any computation lives in a visible cell."""
    problems = [f"hidden cell {i}: {p}" for i, source in enumerate(removed_cells(page), 1)
                for p in glue.glue_cell_problems(source)]
    assert not problems, f"{page}:\n" + "\n".join(problems[:15])

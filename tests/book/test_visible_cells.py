"""A reader can copy any visible cell: each page's visible cells run alone, in order, in a
fresh kernel, and the cells the book hides (remove-cell) exist only to glue numbers."""

from __future__ import annotations

import pytest
from book_pages import code_pages, only_glue, removed_cells

from conftest import ROOT

pytestmark = pytest.mark.book


@pytest.mark.parametrize("page", code_pages())
def test_visible_cells_run_alone_in_a_fresh_kernel(page, executed_pages):
    errors = executed_pages[page]["errors"]
    assert not errors, f"{page}: a visible cell fails without the hidden cells:\n" + "\n".join(errors)


@pytest.mark.parametrize("page", code_pages())
def test_removed_cells_only_glue(page):
    for source in removed_cells(page):
        assert only_glue(source), f"{page}: a remove-cell cell that glues nothing:\n{source}"


@pytest.mark.parametrize("page", code_pages())
def test_first_visible_cell_imports_coursekit(page):
    from book_pages import visible_notebook

    first = visible_notebook(page).cells[0].source
    assert "import coursekit as ck" in first, (
        f"{page}: the first visible code cell must import what the page uses")


def test_pages_use_the_public_api_only():
    """Chapters call ck.* and ck.charts.*, never private modules or removed names."""
    for page in code_pages():
        text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
        for bad in ("from coursekit.charts.", "coursekit._", "ck.check_", "coursekit.exercises"):
            assert bad not in text, f"{page} uses {bad!r}"

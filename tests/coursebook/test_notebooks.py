"""Generated files are up to date, and the launch buttons open runnable notebooks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def test_colab_copies_of_the_pages_are_up_to_date():
    proc = subprocess.run([sys.executable, "-m", "coursebook", "notebooks", "--check"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_colab_copy_installs_coursekit_only_on_colab_and_has_no_hidden_cells():
    import nbformat

    nb = nbformat.read(ROOT / "chapters" / "definitions.ipynb", as_version=4)
    install = nb.cells[1].source
    assert 'if "google.colab" in sys.modules:' in install and "%pip install" in install
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert not any("glue(" in c.source for c in nb.cells if c.cell_type == "code")
    assert not any("{glue:text}" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.book
def test_launch_buttons_open_the_notebook_copies(built_book):
    html = (built_book.html / "chapters" / "definitions.html").read_text(encoding="utf-8")
    assert "colab.research.google.com/github/" in html
    assert "chapters/definitions.ipynb" in html and "chapters/definitions.md" not in html.split(
        "colab.research.google.com", 1)[1][:300]
    assert "urlpath=lab/tree/chapters/definitions.ipynb" in html

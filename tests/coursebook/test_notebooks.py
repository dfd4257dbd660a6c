"""The notebooks handed out render in Jupyter: no MyST left, numbers and references as the book
shows them; the launch buttons open the Colab/Binder copies."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT
from coursebook.notebooks import Citations, Context, myst_leftovers, plain_markdown

GENERATED = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted(
    (ROOT / "notebooks").rglob("*.ipynb"))


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_generated_notebook_holds_a_myst_role_or_directive(path):
    nb = nbformat.read(path, as_version=4)
    assert not myst_leftovers(nb), myst_leftovers(nb)[:10]


def test_colab_copy_installs_coursekit_only_on_colab_and_has_no_hidden_cells():
    nb = nbformat.read(ROOT / "chapters" / "definitions.ipynb", as_version=4)
    install = nb.cells[1].source
    assert 'if "google.colab" in sys.modules:' in install and "%pip install" in install
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert not any("glue(" in c.source for c in nb.cells if c.cell_type == "code")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "‹" not in text, "a glued number without its value"
    assert "(Porter, 1998)" in text and "[Table 1.1](https://" in text
    references = nb.cells[-1].source
    assert references.startswith("## References\n\n- ") and "Porter" in references


CTX = Context(baseurl="https://example.org/book/",
              refs={"tab-x": {"doc": "chapters/a", "anchor": "tab-x", "title": None,
                              "number": "Table 2.1"},
                    "sec-y": {"doc": "chapters/b", "anchor": "sec-y", "title": "Why clusters",
                              "number": None},
                    "ex-z": {"doc": "chapters/a", "anchor": "ex-z", "title": None,
                             "number": "Exercise 2.3"}},
              equations={"eq-w": "2.4"}, glue={"chapters/a": {"g": "0.12345", "who": "'Texas'"}},
              titles={"chapters/b": "Mechanisms"})


@pytest.mark.parametrize("myst, jupyter", [
    ("{glue:text}`g:.2f` and {glue:text}`who`", "0.12 and Texas"),
    ("see {numref}`tab-x`", "see [Table 2.1](https://example.org/book/chapters/a.html#tab-x)"),
    ("{numref}`Tab. %s <tab-x>`", "[Tab. 2.1](https://example.org/book/chapters/a.html#tab-x)"),
    ("in {ref}`sec-y`", "in [Why clusters](https://example.org/book/chapters/b.html#sec-y)"),
    ("in {ref}`there <sec-y>`", "in [there](https://example.org/book/chapters/b.html#sec-y)"),
    ("by {eq}`eq-w`", "by (2.4)"),
    ("a {term}`cluster <Cluster>`", "a cluster"),
    ("{py:func}`~coursekit.location_quotient`", "`location_quotient`"),
    ("(lab)=\n# Title", "# Title"),
    ("```{math}\n:label: eq-w\nx = 1\n```", "$$\nx = 1 \\tag{2.4}\n$$"),
    (":::{exercise}\n:label: ex-z\n\nDo it.\n:::", "**Exercise 2.3**\n\nDo it.\n"),
    (":::{solution-start} ex-z\n:class: dropdown\n:::\n", "**Solution to Exercise 2.3**\n"),
    (":::{solution-end}\n:::\n", ""),
    (":::{table} A caption\n:name: tab-x\n\n| a |\n|---|\n:::", "**Table 2.1.** A caption\n\n| a |\n|---|\n"),
])
def test_myst_becomes_jupyter_markdown(myst, jupyter):
    assert plain_markdown(myst, "chapters/a", CTX) == jupyter


def test_citations_read_as_in_the_book():
    cites = Citations(ROOT / "references.bib")
    cited: list[str] = []
    text = plain_markdown("{cite:t}`porter1998clusters` and {cite:p}`porter1998clusters`",
                          "p", CTX, cites, cited)
    assert text == "Porter (1998) and (Porter, 1998)"
    assert cited == ["porter1998clusters"] and "Porter" in cites.entry("porter1998clusters")


@pytest.mark.book
def test_colab_copies_are_those_of_the_build(built_book):
    """The committed copies are what `python -m coursebook notebooks` makes from a build."""
    proc = subprocess.run([sys.executable, "-m", "coursebook", "notebooks", "--check"],
                          capture_output=True, text=True, timeout=300, cwd=built_book.root)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.book
def test_launch_buttons_open_the_notebook_copies(built_book):
    html = (built_book.html / "chapters" / "definitions.html").read_text(encoding="utf-8")
    assert "colab.research.google.com/github/" in html
    assert "chapters/definitions.ipynb" in html and "chapters/definitions.md" not in html.split(
        "colab.research.google.com", 1)[1][:300]
    assert "urlpath=lab/tree/chapters/definitions.ipynb" in html

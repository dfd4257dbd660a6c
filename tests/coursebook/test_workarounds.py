"""Each workaround in coursebook.sphinxext has a test that FAILS once upstream fixes the bug.

When one of these tests fails after an upgrade, the bug is gone upstream: delete the
workaround (and this test) instead of loosening anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coursebook.sphinxext import RESOLVE_AUTO_THEME

pytestmark = pytest.mark.book


def test_sphinx_thebe_still_duplicates_its_config(tmp_path: Path):
    """Workaround: coursebook.sphinxext.dedupe_scripts (sphinx-thebe 0.3.1, Sphinx 7.4)."""
    (tmp_path / "_config.yml").write_text(
        "title: t\nexecute:\n  execute_notebooks: 'off'\nlaunch_buttons:\n  thebe: true\n"
        "repository:\n  url: https://github.com/a/b\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(tmp_path)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    html = (tmp_path / "_build" / "html" / "intro.html").read_text(encoding="utf-8")
    assert html.count("const THEBE_JS_URL") == 2, (
        "sphinx-thebe no longer registers its configuration twice: remove "
        "coursebook.sphinxext.dedupe_scripts and this test")


def test_docutils_still_writes_doc_biblioentry():
    """Workaround: coursebook.sphinxext.citation_list_roles (docutils HTML5 writer)."""
    from docutils.core import publish_parts

    source = "See [Ref]_.\n\n.. [Ref] A cited work.\n"
    body = publish_parts(source, writer_name="html5")["body"]
    assert 'role="doc-biblioentry"' in body, (
        "docutils no longer writes the deprecated doc-biblioentry role: remove "
        "coursebook.sphinxext.citation_list_roles and this test")


def test_pydata_theme_still_leaves_auto_unresolved_until_its_deferred_script():
    """Workaround: coursebook.sphinxext.resolve_auto_theme (pydata-sphinx-theme 0.17).

    The theme's inline script sets ``data-theme`` to the default mode ("auto") and its
    stylesheet has colours only for "light", "dark" and no attribute."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    layout = (theme / "layout.html").read_text(encoding="utf-8")
    css = (theme / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    still = ('dataset.theme = localStorage.getItem("theme") || "{{ default_mode }}"' in layout
             and "prefers-color-scheme" not in layout.split("</script>")[0]
             and "html[data-theme=light]" in css and "data-theme=auto" not in css)
    assert still, ("pydata-sphinx-theme now resolves or styles the \"auto\" mode before the "
                   "first paint: remove coursebook.sphinxext.resolve_auto_theme and this test")


def test_the_book_applies_the_workarounds(built_book):
    for page in ("chapters/intro.html", "chapters/bibliography.html"):
        html = (built_book.html / page).read_text(encoding="utf-8")
        assert html.count("const THEBE_JS_URL") <= 1
        assert 'role="doc-biblioentry"' not in html
        head = html.split("</head>")[0]
        assert head.index('|| "auto"') < head.index(f"<script>{RESOLVE_AUTO_THEME}</script>")


def test_myst_still_leaves_table_cells_without_source(tmp_path: Path):
    """Workaround: coursebook.i18n_doctrees.TableCellSource (myst-nb 1.x on MyST-Parser 3,
    Sphinx 7.4; executablebooks/sphinx-design#234 and its pull request #306 name the cause):
    in a MyST notebook page, the cells of a table inside a ``{table}`` directive have no
    ``source``, so gettext skips them."""
    from docutils import nodes
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = ['myst_nb']\nnb_execution_mode = 'off'\n"
                                 "myst_enable_extensions = ['colon_fence']\n", encoding="utf-8")
    (src / "index.md").write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# T\n\n"
        ":::{table} Caption\n\n| a | b |\n|---|---|\n| CellOne | CellTwo |\n:::\n",
        encoding="utf-8")
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"),
                 "dummy", status=None, warning=None, freshenv=True)
    app.build()
    doctree = app.env.get_doctree("index")
    cells = [p for p in doctree.findall(nodes.paragraph)
             if p.astext() in ("CellOne", "CellTwo")]
    assert cells and all(not p.source for p in cells), (
        "MyST now gives table cells their source: remove "
        "coursebook.i18n_doctrees.TableCellSource and this test")

"""Runnable ``.ipynb`` copies of the chapter pages, for Colab and Binder.

Colab cannot read a MyST Markdown page, so every page with code gets a notebook copy
beside it (``chapters/<page>.ipynb``, no outputs, never edited by hand).  The theme's
launch buttons use a same-named ``.ipynb`` when one exists, so Colab *and* Binder open
the copy.  The copy

* starts with a cell that, on Colab only, installs ``coursekit`` with its data from the
  repository (the URL and branch come from ``_config.yml``);
* keeps every visible code cell and drops the cells the book hides (``remove-cell``:
  they only glue numbers into the text);
* turns MyST roles that Jupyter cannot render into plain Markdown.

``python -m coursebook notebooks`` writes them (``--check`` compares); a test fails
when one is stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import yaml

__all__ = ["INSTALL_CELL", "colab_notebook", "pages", "plain_markdown", "write_notebooks"]

INSTALL_CELL = '''\
# On Google Colab, install the course package and its data (elsewhere this does nothing).
import sys

if "google.colab" in sys.modules:
    %pip install --quiet "coursekit @ git+{url}@{branch}"'''

_ROLE = re.compile(r"\{(?P<role>[a-z:]+)\}`(?P<body>[^`]*)`")


def _role(match: re.Match[str]) -> str:
    role, body = match.group("role"), match.group("body")
    if role == "glue:text" or role == "glue":
        return f"‹{body.split(':')[0]}›"
    if role.startswith("cite"):
        return "[" + ", ".join(k.strip() for k in body.split(",")) + "]"
    if role in ("term", "ref", "doc", "py:func", "py:class", "py:meth", "py:mod"):
        text = re.sub(r"\s*<[^>]*>$", "", body)
        return f"`{text}`" if role.startswith("py:") else text
    if role == "numref":
        return "the table above"
    if role == "eq":
        return f"equation ({body})"
    return body


def plain_markdown(text: str) -> str:
    """MyST roles and directive fences as plain Markdown (for Jupyter and Colab).

    >>> plain_markdown("LQ of {glue:text}`mi_lq:.2f` {cite:p}`porter1998clusters`")
    'LQ of ‹mi_lq› [porter1998clusters]'
    """
    text = _ROLE.sub(_role, text)
    text = re.sub(r"^\([\w-]+\)=\s*$\n?", "", text, flags=re.M)  # MyST target labels
    text = re.sub(r"^:::\{(solution-start|solution-end)\}.*$\n?(:class: .*\n)?(:::\n?)?", "",
                  text, flags=re.M)
    text = re.sub(r"^:::\{(exercise|solution)\}.*$", r"**\1**", text, flags=re.M)
    text = re.sub(r"^:label: .*$\n?|^:class: .*$\n?|^:name: .*$\n?", "", text, flags=re.M)
    return re.sub(r"^:::\s*$", "", text, flags=re.M)


def colab_notebook(page: str | Path, url: str, branch: str) -> Any:
    """The notebook copy of one chapter page (see the module docstring)."""
    import jupytext
    import nbformat

    nb = jupytext.read(str(page))
    cells = [nbformat.v4.new_markdown_cell(
        "*This notebook is generated from the book page of the same name. Numbers written "
        "as ‹name› in the text are computed by the code cells: run them to see the values.*"),
        nbformat.v4.new_code_cell(INSTALL_CELL.format(url=url.rstrip("/"), branch=branch))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "remove-cell" in cell.metadata.get("tags", []):
                continue
            cells.append(nbformat.v4.new_code_cell(cell.source))
        elif cell.cell_type == "markdown":
            text = plain_markdown(cell.source).strip()
            if text:
                cells.append(nbformat.v4.new_markdown_cell(text))
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python",
                                   "name": "python3"},
                    "language_info": {"name": "python"}}
    for i, cell in enumerate(out.cells):
        cell["id"] = f"cell-{i:03d}"
    return out


def pages(root: Path) -> list[Path]:
    """Table-of-contents pages that have code cells."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part.get("chapters", [])]
    paths = [root / f"{n}.md" for n in names]
    return [p for p in paths if "```{code-cell}" in p.read_text(encoding="utf-8")]


def write_notebooks(root: Path, *, check: bool = False) -> int:
    """Write (or, with ``check``, only compare) every page's notebook copy; 1 if stale."""
    repo = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]
    stale = []
    for page in pages(root):
        text = nbformat.writes(colab_notebook(page, repo["url"], repo.get("branch", "main"))) + "\n"
        target = page.with_suffix(".ipynb")
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target.relative_to(root)))
        else:
            target.write_text(text, encoding="utf-8")
    expected = {page.with_suffix(".ipynb") for page in pages(root)}
    extra = [str(p.relative_to(root)) for p in (root / "chapters").glob("*.ipynb")
             if p not in expected]
    if stale or extra:
        print(f"stale or missing notebook copies: {stale}; copies of no page: {extra}. "
              f"Run 'make generated'.", file=sys.stderr)
        return 1
    return 0

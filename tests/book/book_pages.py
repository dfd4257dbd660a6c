"""Run a chapter page the way a reader would: its visible cells only, in a fresh kernel.

Used by ``test_visible_cells.py`` and by the assignment tests (which compare every answer
that a chapter and its assignment share).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jupytext
import nbformat
import yaml
from nbclient import NotebookClient

from conftest import ROOT

HIDDEN_TAGS = {"remove-cell"}


def toc_pages() -> list[str]:
    """Every page of the book, in table-of-contents order (paths without suffix)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part.get("chapters", [])]
    return pages


def code_pages() -> list[str]:
    """Pages with at least one code cell."""
    return [p for p in toc_pages()
            if "```{code-cell}" in (ROOT / f"{p}.md").read_text(encoding="utf-8")]


def is_removed(cell: nbformat.NotebookNode) -> bool:
    return bool(HIDDEN_TAGS & set(cell.metadata.get("tags", [])))


def visible_notebook(page: str) -> nbformat.NotebookNode:
    """The page as a notebook with every remove-cell cell dropped."""
    nb = jupytext.read(str(ROOT / f"{page}.md"))
    nb.cells = [c for c in nb.cells if c.cell_type == "code" and not is_removed(c)]
    return nb


def removed_cells(page: str) -> list[str]:
    nb = jupytext.read(str(ROOT / f"{page}.md"))
    return [c.source for c in nb.cells if c.cell_type == "code" and is_removed(c)]


def only_glue(source: str) -> bool:
    """A removed cell may compute values, but it must exist to glue them into the prose."""
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Name) and n.func.id in ("glue", "glue_values")]
    imports_glue = any(isinstance(n, ast.ImportFrom) and n.module == "myst_nb" for n in tree.body)
    return bool(calls) or (imports_glue and len(tree.body) == 1)


def run_visible(page: str, names: list[str], workdir: Path, timeout: int = 300) -> dict:
    """Execute the page's visible cells in a fresh kernel; return errors and answer values.

    ``names`` are variables whose final values are read back as data (for the comparison
    with the assignments).
    """
    nb = visible_notebook(page)
    dump = workdir / "answers.json"
    nb.cells.append(nbformat.v4.new_code_cell(
        "import json as _j\nfrom coursekit.grading.values import to_data as _t\n"
        f"_names = {names!r}\n"
        f"open({str(dump)!r}, 'w').write(_j.dumps({{n: _t(globals()[n]) for n in _names "
        f"if n in globals()}}))"))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / Path(page).parent)}})
    client.execute()
    errors = []
    for i, cell in enumerate(nb.cells[:-1]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"visible cell {i + 1}: {out['ename']}: {out['evalue']}\n"
                              f"{cell.source[:300]}")
    answers = json.loads(dump.read_text(encoding="utf-8")) if dump.is_file() else {}
    return {"errors": errors, "answers": answers}

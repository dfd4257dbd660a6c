#!/usr/bin/env python
"""Write the Colab/Binder notebook copies of the chapter pages (``chapters/<page>.ipynb``).

    python scripts/build_notebooks.py          # write them
    python scripts/build_notebooks.py --check  # exit 1 if one is missing or stale

See :mod:`coursekit.book.notebooks`.  ``make generated`` runs this and the assignment build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from coursekit.book.notebooks import colab_notebook  # noqa: E402


def pages() -> list[Path]:
    """Table-of-contents pages that have code cells."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part.get("chapters", [])]
    paths = [ROOT / f"{n}.md" for n in names]
    return [p for p in paths if "```{code-cell}" in p.read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    """Write (or check) every notebook copy."""
    p = argparse.ArgumentParser(prog="build_notebooks.py")
    p.add_argument("--check", action="store_true")
    a = p.parse_args(argv)
    repo = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    stale = []
    for page in pages():
        text = nbformat.writes(colab_notebook(page, repo["url"], repo.get("branch", "main"))) + "\n"
        target = page.with_suffix(".ipynb")
        if a.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text, encoding="utf-8")
    expected = {page.with_suffix(".ipynb") for page in pages()}
    extra = [str(p.relative_to(ROOT)) for p in (ROOT / "chapters").glob("*.ipynb")
             if p not in expected]
    if stale or extra:
        print(f"stale or missing notebook copies: {stale}; copies of no page: {extra}. "
              f"Run 'make generated'.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

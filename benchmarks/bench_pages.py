"""Page-weight benchmark: what a first visit of every built page downloads, from the files.

For each ``*.html`` of the build (outside ``_static/``, ``_sources/``) it adds up the page
and every local file it loads, each once, as :mod:`coursebook.weight` lists them (the
same rules as the budget tests in ``tests/book/test_budgets.py``): stylesheets and their
fonts, scripts, icons and images, and what the page's loaders fetch when the reader
scrolls (the chart bundle; MathJax with the fonts every formula needs).

Two sums per page: **transfer**, what a static host that compresses text sends (gzip,
level 6; fonts and images as stored), checked against the issue-12 budget (1 MB for a
page with charts, 400 kB without); and **raw**, the bytes on disk, for information.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from coursebook import delivery, weight

WITH_CHARTS = 1_000_000
WITHOUT_CHARTS = 400_000


def _row(figure: str, values: list[float], unit: str, target: str = "", ok: bool | None = None,
         note: str = "") -> dict[str, Any]:
    return {"figure": figure, "values": values, "unit": unit, "target": target, "ok": ok,
            "note": note}


def measure(html_root: Path) -> list[dict[str, Any]]:
    """One record per page: transfer and raw bytes, what is loaded later, the largest files."""
    root = Path(html_root).resolve()
    out = []
    for page in delivery.page_files(root):
        p = weight.page_assets(page, root)
        charts = 'class="coursekit-chart"' in page.read_text(encoding="utf-8")
        lazy = p.lazy()
        out.append({
            "page": page.relative_to(root).as_posix(), "charts": charts,
            "html": page.stat().st_size, "html_gzip": weight.transfer_size(page),
            "transfer": p.transfer, "raw": p.raw,
            "later": sum(weight.transfer_size(a) for a in lazy),
            "largest": sorted(((a.relative_to(root).as_posix(), weight.transfer_size(a))
                               for a in p.assets), key=lambda x: -x[1])[:3],
        })
    return out


def run(html_root: Path) -> list[dict[str, Any]]:
    pages = measure(html_root)
    if not pages:
        return [_row("page weight", [], "B", note=f"no HTML pages under {html_root}")]
    ok = [p["transfer"] <= (WITH_CHARTS if p["charts"] else WITHOUT_CHARTS) for p in pages]
    rows = [_row("first visit, everything loaded (gzip transfer)", [p["transfer"] for p in pages],
                 "B", "<= 1 MB charts, 400 kB else", all(ok), note="over pages"),
            _row("  same, raw bytes on disk (info)", [p["raw"] for p in pages], "B",
                 note="over pages")]
    for p, good in sorted(zip(pages, ok, strict=True), key=lambda x: -x[0]["transfer"]):
        note = (f"html {p['html_gzip']:,} B gzip ({p['html']:,} raw); raw total {p['raw']:,} B; "
                f"{p['later']:,} B of it fetched on scroll; largest: "
                + ", ".join(f"{n} {b:,}" for n, b in p["largest"]))
        rows.append(_row(f"  page: {p['page']}", [p["transfer"]], "B",
                         "<= 1 MB" if p["charts"] else "<= 400 kB", good, note))
    return rows


if __name__ == "__main__":  # pragma: no cover
    for r in run(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")):
        print(r["figure"], r["values"], r["target"], r["ok"], r["note"])

"""Page-weight benchmark: bytes of every built HTML page and of what it loads.

For each ``*.html`` in the build (outside ``_static/`` and ``_sources/``) it
adds up the page itself and every local file the page references: scripts
(``<script src>``), stylesheets and preloads (``<link rel=stylesheet|preload|
modulepreload|icon>``), images (``<img src>``, ``<source srcset>``) and the
fonts those stylesheets pull in (``@font-face``: the first ``woff2``, else the
first font listed, since a browser downloads one format; ``@import`` followed).
Each file counts once per page.

Two shared pieces are counted once, separately, and left out of the per-page
sums they would otherwise dominate:

* the shared chart bundle ``_static/coursekit-vega-*.js`` (Vega, Vega-Lite and
  vega-embed, loaded only by pages with a chart);
* MathJax (``_static/mathjax/``): the script a page loads plus all of its
  CHTML web fonts (an upper bound: MathJax fetches only the fonts a page uses).

The check is "every HTML page with everything it loads is at most 1 MB
(1,000,000 bytes), the shared chart bundle excluded", on raw bytes on disk,
with MathJax (shared by every page with maths, counted once) also left out;
the same sum with MathJax included and the gzip transfer size (what a server
that compresses text sends) are printed beside it for information.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

LIMIT_BYTES = 1_000_000
CHART_BUNDLE = re.compile(r"(^|/)coursekit-vega-[^/]*\.js$")
FONT_EXT = (".woff2", ".woff", ".ttf", ".otf", ".eot")
LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut icon"}


def _row(figure: str, values: list[float], unit: str, target: str = "", ok: bool | None = None,
         note: str = "") -> dict[str, Any]:
    return {"figure": figure, "values": values, "unit": unit, "target": target, "ok": ok,
            "note": note}


class _Refs(HTMLParser):
    """Collect the URLs of what a page loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels & LINK_RELS or a.get("rel", "").lower() in LINK_RELS:
                self.urls.append(a["href"])
        elif tag in ("img", "image") and (a.get("src") or a.get("href")):
            self.urls.append(a.get("src") or a.get("href", ""))
        elif tag == "source" and a.get("srcset"):
            self.urls.append(a["srcset"].split(",")[0].split()[0])


def _local(url: str, base: Path, root: Path) -> Path | None:
    """Resolve a reference to a file inside the build, or None (external, data:, missing)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = (base / unquote(parts.path)).resolve()
    try:
        path.relative_to(root)
    except ValueError:
        return None
    return path if path.is_file() else None


_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)")
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.S)


def css_fonts(css: Path, root: Path, seen: set[Path] | None = None) -> set[Path]:
    """Fonts (one format per @font-face) and @import-ed stylesheets of a stylesheet."""
    seen = set() if seen is None else seen
    if css in seen:
        return set()
    seen.add(css)
    text = css.read_text(encoding="utf-8", errors="replace")
    out: set[Path] = set()
    for imp in _IMPORT.findall(text):
        p = _local(imp, css.parent, root)
        if p is not None and p.suffix == ".css":
            out.add(p)
            out |= css_fonts(p, root, seen)
    for block in _FONT_FACE.findall(text):
        fonts = [u for u in _URL.findall(block) if urlsplit(u).path.lower().endswith(FONT_EXT)]
        pick = next((u for u in fonts if ".woff2" in u.lower()), fonts[0] if fonts else None)
        if pick:
            p = _local(pick, css.parent, root)
            if p is not None:
                out.add(p)
    return out


def page_assets(page: Path, root: Path) -> set[Path]:
    """Every local file the page loads (stylesheets followed to their fonts)."""
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    files: set[Path] = set()
    for url in parser.urls:
        p = _local(url, page.parent, root)
        if p is None:
            continue
        files.add(p)
        if p.suffix == ".css":
            files |= css_fonts(p, root)
    return files


@cache
def gzip_size(path: Path) -> int:
    """Bytes sent by a server that gzips text (fonts and images are already compressed)."""
    if path.suffix.lower() in (".js", ".css", ".html", ".svg", ".json", ".txt", ".map"):
        return len(gzip.compress(path.read_bytes(), compresslevel=6))
    return path.stat().st_size


def _is_mathjax(p: Path, root: Path) -> bool:
    return "mathjax" in p.relative_to(root).parts


def measure(html_root: Path) -> dict[str, Any]:
    """Per-page bytes and the shared pieces; see the module docstring."""
    root = Path(html_root).resolve()
    pages = sorted(
        p for p in root.rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(root).parts)
    )
    mathjax_dir = next((d for d in root.glob("_static/**/mathjax") if d.is_dir()), None)
    mathjax_fonts = 0
    if mathjax_dir is not None:
        mathjax_fonts = sum(f.stat().st_size for f in mathjax_dir.rglob("*")
                            if f.is_file() and f.suffix.lower() in FONT_EXT)
    bundle_size, bundle_pages, mathjax_script = 0, 0, 0
    per_page = []
    shared: dict[str, list[int]] = {}  # asset -> [bytes, pages loading it]
    for page in pages:
        assets = page_assets(page, root)
        own = mj = own_gz = 0
        has_bundle = has_mj = False
        for f in assets:
            rel = f.relative_to(root).as_posix()
            size = f.stat().st_size
            if CHART_BUNDLE.search(rel):
                bundle_size, has_bundle = size, True
            elif _is_mathjax(f, root):
                mj += size
                has_mj = True
            else:
                own += size
                own_gz += gzip_size(f)
                shared.setdefault(rel, [size, 0])[1] += 1
        if has_mj:
            mathjax_script = max(mathjax_script, mj)
            mj += mathjax_fonts
        bundle_pages += has_bundle
        html = page.stat().st_size
        per_page.append({
            "page": page.relative_to(root).as_posix(), "html": html, "assets": own,
            "mathjax": mj, "chart_bundle": has_bundle, "total": html + own,
            "total_mathjax": html + own + mj, "total_gzip": gzip_size(page) + own_gz,
        })
    return {"pages": per_page, "bundle": bundle_size, "bundle_pages": bundle_pages,
            "mathjax_script": mathjax_script, "mathjax_fonts": mathjax_fonts, "assets": shared}


def run(html_root: Path) -> list[dict[str, Any]]:
    root = Path(html_root).resolve()
    m = measure(root)
    pages = m["pages"]
    if not pages:
        return [_row("page weight", [], "B", "<= 1 MB each", None,
                     note=f"no HTML pages under {html_root}")]
    totals = [p["total"] for p in pages]
    heaviest = max(pages, key=lambda p: p["total"])
    rows = [
        _row(f"HTML page alone ({len(pages)} pages)", [p["html"] for p in pages], "B",
             note="over pages"),
        _row("page + what it loads, excl. chart bundle, MathJax", totals, "B", "<= 1 MB each",
             max(totals) <= LIMIT_BYTES, note=f"over pages; heaviest {heaviest['page']}"),
        _row("  same, gzip transfer size (info)", [p["total_gzip"] for p in pages], "B",
             note="over pages"),
        _row("  same, MathJax included where loaded (info)",
             [p["total_mathjax"] for p in pages], "B", note="over pages"),
        _row("shared chart bundle coursekit-vega-*.js", [m["bundle"]], "B",
             note=f"counted once; loaded by {m['bundle_pages']} page(s)"),
        _row("MathJax script + all CHTML fonts", [m["mathjax_script"] + m["mathjax_fonts"]], "B",
             note=f"counted once; script {m['mathjax_script']:,} B, fonts {m['mathjax_fonts']:,} B"
                  " (upper bound)"),
    ]
    for rel, (size, n) in sorted(m["assets"].items(), key=lambda kv: -kv[1][0])[:5]:
        rows.append(_row(f"  largest asset: {rel}", [size], "B",
                         note=f"loaded by {n} page(s); gzip {gzip_size(root / rel):,} B"))
    for p in sorted(pages, key=lambda p: -p["total"]):
        note = f"html {p['html']:,} + assets {p['assets']:,} B; gzip {p['total_gzip']:,} B"
        if p["mathjax"]:
            note += "; + MathJax"
        if p["chart_bundle"]:
            note += "; + chart bundle"
        rows.append(_row(f"  page: {p['page']}", [p["total"]], "B", "<= 1 MB",
                         p["total"] <= LIMIT_BYTES, note=note))
    return rows


if __name__ == "__main__":  # pragma: no cover
    import sys

    for r in run(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")):
        print(r["figure"], r["values"], r["target"], r["ok"], r["note"])

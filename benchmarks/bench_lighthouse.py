"""Lighthouse on every built page: the four scores, FCP, LCP, TBT and bytes (median of runs).

Lighthouse (pinned in ``benchmarks/package.json`` / ``package-lock.json``, installed by
``make bench`` into ``benchmarks/node_modules``, which git ignores) runs with its default
configuration, i.e. the **mobile preset** (Moto G Power emulation, simulated throttling:
150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown), against the built site served on 127.0.0.1 by a
small Python server, in Debian's Chromium (``/usr/bin/chromium``, or ``COURSEKIT_CHROMIUM``)
with the same flags as the browser tests.  Each page runs ``--runs`` times (default 3) in
a fresh browser profile, so every run is a first visit; every figure is the median.

Two ways of serving the files (``--serve``):

* ``plain`` (default): bytes as stored, like ``python -m http.server`` (what the issue's
  first figures used);
* ``gzip``: text files (HTML, CSS, JS, SVG, JSON) gzip-compressed on the fly, as static
  hosts such as GitHub Pages send them; fonts and images as stored.

Bytes are Lighthouse's ``total-byte-weight``: what went over the wire during the run.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                  "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Targets of issue 12 (scores are Lighthouse's 0-100).
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 95}
BYTES_WITH_CHARTS = 1_000_000
BYTES_WITHOUT_CHARTS = 400_000
TEXT_TYPES = (".html", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".map", ".xml")


def _row(figure: str, values: list[float], unit: str, target: str = "", ok: bool | None = None,
         note: str = "") -> dict[str, Any]:
    return {"figure": figure, "values": values, "unit": unit, "target": target, "ok": ok,
            "note": note}


def chromium() -> str | None:
    override = os.environ.get("COURSEKIT_CHROMIUM")
    for c in ([override] if override else [shutil.which("chromium"), "/usr/bin/chromium"]):
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``gzip = True`` text files go out gzip-compressed."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript",
                      ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff",
                      ".json": "application/json"}
    gzip = False
    protocol_version = "HTTP/1.1"  # keep-alive, like any real static host

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not (self.gzip and accepts and path.is_file() and path.suffix.lower() in TEXT_TYPES):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class Server:
    """The built site on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, root: Path, serve: str = "plain") -> None:
        handler = type("Handler", (_Handler,), {"gzip": serve == "gzip"})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *args: None  # a browser closing a socket is not news
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def pages(root: Path) -> list[str]:
    """Every built page (``*.html`` outside ``_static`` and ``_sources``), as URL paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(root).parts))


def has_charts(html: Path) -> bool:
    return 'class="coursekit-chart' in html.read_text(encoding="utf-8", errors="replace")


def lighthouse_once(url: str, out_json: Path) -> dict[str, float]:
    """One Lighthouse run (mobile preset); the figures this benchmark reports."""
    env = {**os.environ, "CHROME_PATH": chromium() or "/usr/bin/chromium"}
    cmd = [str(LIGHTHOUSE), url, f"--chrome-flags={CHROMIUM_FLAGS}",
           f"--only-categories={','.join(CATEGORIES)}", "--output=json",
           f"--output-path={out_json}", "--quiet", "--max-wait-for-load=60000"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out_json.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
    report = json.loads(out_json.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error on {url}: {report['runtimeError']}")
    audits = report["audits"]
    figures = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    for key, audit in (("fcp", "first-contentful-paint"), ("lcp", "largest-contentful-paint"),
                       ("tbt", "total-blocking-time"), ("cls", "cumulative-layout-shift"),
                       ("si", "speed-index"), ("bytes", "total-byte-weight")):
        figures[key] = float(audits[audit].get("numericValue") or 0.0)
    figures["requests"] = float(len(audits["network-requests"]["details"]["items"]))
    failed = [k for k, a in audits.items() if a.get("score") is not None
              and a.get("scoreDisplayMode") in ("binary", "metricSavings") and a["score"] < 1
              and k in _REPORTED_AUDITS]
    figures["failed"] = failed  # type: ignore[assignment]
    return figures


# Audits whose failure is worth naming next to a page's scores (a11y / best practices / SEO).
_REPORTED_AUDITS = {
    "meta-description", "document-title", "errors-in-console", "color-contrast", "image-alt",
    "link-name", "button-name", "is-crawlable", "crawlable-anchors", "link-text", "hreflang",
    "http-status-code", "html-has-lang", "label", "heading-order", "target-size",
    "inspector-issues", "valid-source-maps", "deprecations", "font-size", "tap-targets",
}


def measure(root: Path, runs: int = 3, serve: str = "plain",
            only: list[str] | None = None, log: Any = print) -> list[dict[str, Any]]:
    """Median figures per page: ``[{"page", "charts", <figure>: median, ...}]``."""
    return list(measure_pages(root, runs, serve, only, log))


def measure_pages(root: Path, runs: int = 3, serve: str = "plain",
                  only: list[str] | None = None, log: Any = print) -> Iterator[dict[str, Any]]:
    """The median figures of each page, yielded as soon as the page is measured."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"Lighthouse is not installed at {LIGHTHOUSE}: run `make bench` "
                           "(it runs `npm ci --prefix benchmarks`)")
    if chromium() is None:
        raise RuntimeError("Chromium not found (apt-get install chromium)")
    root = Path(root).resolve()
    with Server(root, serve) as base, tempfile.TemporaryDirectory() as tmp:
        for page in only or pages(root):
            samples = []
            for i in range(runs):
                samples.append(lighthouse_once(base + page, Path(tmp) / f"r{i}.json"))
            med = {k: statistics.median(s[k] for s in samples)
                   for k in samples[0] if k != "failed"}
            med["failed"] = sorted({a for s in samples for a in s["failed"]})
            med["page"] = page
            med["charts"] = has_charts(root / page)
            med["runs"] = runs
            log(f"  {format_line(med)}")
            yield med


def _kb(n: float) -> str:
    return f"{n / 1000:,.0f} kB"


def format_line(r: dict[str, Any]) -> str:
    return (f"{r['page']:<28} perf {r['performance']:>3.0f}  a11y {r['accessibility']:>3.0f}  "
            f"bp {r['best-practices']:>3.0f}  seo {r['seo']:>3.0f}  FCP {r['fcp'] / 1000:4.1f} s  "
            f"LCP {r['lcp'] / 1000:4.1f} s  TBT {r['tbt']:5.0f} ms  CLS {r['cls']:.3f}  "
            f"{_kb(r['bytes']):>9}  {r['requests']:.0f} req"
            + (f"  (failing: {', '.join(r['failed'])})" if r["failed"] else ""))


def markdown_table(results: list[dict[str, Any]]) -> str:
    """The per-page table as Markdown (for benchmarks/README.md)."""
    lines = ["| page | perf | a11y | best pr. | SEO | FCP | LCP | TBT | CLS | bytes | requests |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['page']}{' (charts)' if r['charts'] else ''} | {r['performance']:.0f} | "
            f"{r['accessibility']:.0f} | {r['best-practices']:.0f} | {r['seo']:.0f} | "
            f"{r['fcp'] / 1000:.1f} s | {r['lcp'] / 1000:.1f} s | {r['tbt']:.0f} ms | "
            f"{r['cls']:.3f} | {_kb(r['bytes'])} | {r['requests']:.0f} |")
    return "\n".join(lines)


def ok(r: dict[str, Any]) -> bool:
    limit = BYTES_WITH_CHARTS if r["charts"] else BYTES_WITHOUT_CHARTS
    return all(r[c] >= t for c, t in TARGETS.items()) and r["bytes"] <= limit


def rows(root: Path, runs: int = 3, serve: str = "plain") -> Iterator[dict[str, Any]]:
    """Rows for the benchmark table, one per page, each yielded as soon as it is measured;
    then the per-page Markdown table of this way of serving."""
    results = []
    for r in measure_pages(root, runs, serve, log=lambda text: None):
        results.append(r)
        note = (f"a11y {r['accessibility']:.0f}, best practices {r['best-practices']:.0f}, "
                f"SEO {r['seo']:.0f}; FCP {r['fcp'] / 1000:.1f} s, LCP {r['lcp'] / 1000:.1f} s, "
                f"TBT {r['tbt']:.0f} ms, {_kb(r['bytes'])}")
        if r["failed"]:
            note += f"; failing: {', '.join(r['failed'])}"
        yield _row(f"  lighthouse ({serve}): {r['page']}", [r["performance"]], "",
                   "perf >= 90, a11y/bp 100, SEO >= 95, " + ("<= 1 MB" if r["charts"]
                                                             else "<= 400 kB"),
                   ok(r), note)
    print(f"\nLighthouse (mobile preset, median of {runs} runs, served {serve}):\n")
    print(markdown_table(results), flush=True)


def run(root: Path, runs: int = 3, serve: str = "plain") -> list[dict[str, Any]]:
    """All the rows of :func:`rows` at once."""
    return list(rows(root, runs, serve))


if __name__ == "__main__":  # pragma: no cover
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path, nargs="?", default=Path("_build/html"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", choices=("plain", "gzip"), default="plain")
    ap.add_argument("--page", action="append", help="only this page (repeatable)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    a = ap.parse_args()
    res = measure(a.html, a.runs, a.serve, a.page)
    print()
    print(markdown_table(res))
    if a.json:
        a.json.write_text(json.dumps(res, indent=1), encoding="utf-8")

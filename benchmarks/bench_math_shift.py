"""Layout shift while MathJax typesets, on a phone, with MathJax arriving late.

Lighthouse counts only what moves during its load of the first screen.  A reader also sees
formulas typeset further down, when MathJax arrives while they read: this benchmark opens
every page with formulas in Debian's Chromium at a phone's size (412 x 823, as Lighthouse's
mobile preset), holds each MathJax file for ``--delay`` seconds (a slow network), scrolls
through the page a screen at a time (``--step`` px every ``--pause`` ms, faster than anyone
reads) and sums the ``layout-shift`` entries (PerformanceObserver; shifts right after input
excluded, as in CLS).  It prints, per page, the shift on the first screen and over the whole
read-through, and the three largest shifts with the elements that moved.

    .venv/bin/python benchmarks/bench_math_shift.py _build/html [--page chapters/x.html]

Used for issue 12 (the formula boxes of ``coursebook.mathbox``); it only prints.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lighthouse import Server, chromium, pages

RECORD = """window.__shifts = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) { if (!e.hadRecentInput)
  window.__shifts.push({v: e.value, y: Math.round(window.scrollY), src: (e.sources || []).map(
    s => s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + '.' +
      String(s.node.className).split(' ')[0] : '#text')}); } }).observe(
  {type: 'layout-shift', buffered: true});"""


def measure(root: Path, names: list[str], delay: float, step: int, pause: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with Server(root, "gzip") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium() or "/usr/bin/chromium",
                                    args=["--no-sandbox"])
        for name in names:
            ctx = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True,
                                      has_touch=True, device_scale_factor=1)
            page = ctx.new_page()
            page.add_init_script(RECORD)
            page.route("**/_static/mathjax/**",
                       lambda route: (time.sleep(delay), route.continue_()))
            page.goto(base + name, wait_until="load")
            page.wait_for_timeout(3000)
            first = page.evaluate("window.__shifts.reduce((a, s) => a + s.v, 0)")
            height = page.evaluate("document.body.scrollHeight")
            for y in range(0, height, step):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(pause)
            page.wait_for_timeout(2000)
            shifts = page.evaluate("window.__shifts")
            rows.append({"page": name, "first": first, "total": sum(s["v"] for s in shifts),
                         "largest": sorted(shifts, key=lambda s: -s["v"])[:3]})
            ctx.close()
        browser.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--page", action="append", help="only this page (repeatable)")
    ap.add_argument("--delay", type=float, default=0.3, help="seconds per MathJax file")
    ap.add_argument("--step", type=int, default=600)
    ap.add_argument("--pause", type=int, default=150)
    a = ap.parse_args()
    names = a.page or [n for n in pages(a.html) if 'class="math' in
                       (a.html / n).read_text(encoding="utf-8")]
    print(f"{'page':34} {'first screen':>12} {'read-through':>12}")
    for r in measure(a.html, names, a.delay, a.step, a.pause):
        print(f"{r['page']:34} {r['first']:12.3f} {r['total']:12.3f}")
        for s in r["largest"]:
            if s["v"] >= 0.001:
                print(f"{'':36}{s['v']:.3f} at y={s['y']}: {', '.join(s['src'][:3])}")


if __name__ == "__main__":
    main()

"""The built book in a real browser: offline, error-free, accessible, on a phone and a desktop.

Drives Debian's Chromium (``/usr/bin/chromium``) with Playwright against the book built
by the ``built_book`` session fixture (tests/conftest.py), served on 127.0.0.1.  For
every built page (all ``*.html`` outside ``_static``, search and index pages included):

* every request whose host is not 127.0.0.1/localhost is aborted and recorded, and the
  page fails if it tried one (launch buttons are links, so they never load anything);
* console errors and uncaught page errors fail the page;
* charts and MathJax load only when they near the screen: the visit first records what
  the page loaded before any scrolling, then brings every chart and the first formula
  into view; every ``.coursekit-chart`` container must then hold an SVG (or canvas) with
  data marks, and every formula must be typeset, with MathML for screen readers;
* every Font Awesome icon is drawn (by the book's CSS masks, not Font Awesome's script);
* everything the page downloaded, read to the end, fits the budget of issue 12 (1 MB
  with charts, 400 kB without, as a compressing host sends it; tests/book has the same
  budget computed from the files);
* exercise solutions (toggle-button dropdown admonitions) start hidden and open on click;
* axe-core, loaded from the local ``axe-playwright-python`` wheel, finds no violation of
  impact "serious" or "critical";
* screenshots at 390 px (phone) and 1280 px (desktop) go to ``_build/screenshots/``, and
  the page must not scroll sideways at phone width.

Plus: the search page finds "location quotient", the slider chart of chapter 2 redraws
when the slider moves, a chart far down a page is not fetched until the reader gets
near it (its description shows meanwhile), a second page loads only what the first did
not, the colour-mode button switches between light and dark, and the launch menu offers
Binder and Colab.  A per-page summary (charts, solutions, axe results) is
written to ``_build/screenshots/summary.json``.

Without Chromium the module is skipped with a message naming what to install; under CI
(``CI=true``, where ``.ci/run`` installs it) a missing Chromium fails instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT
from coursebook.delivery import AFTER_PAINT, AFTER_PAINT_TYPE, page_files

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The desktop pass runs in the light colour scheme, the phone pass in the dark one, so that
# axe checks contrast in both of the site's modes (default_mode: auto follows the system).
PHONE_SCHEME = "dark"
TIMEOUT_MS = 30_000
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BLOCKING_IMPACTS = ("serious", "critical")


# --- what is needed, and skip (or fail under CI) without it ------------------------------

def _find_chromium() -> str | None:
    override = os.environ.get("COURSEKIT_CHROMIUM")  # when set, the only binary tried
    candidates = [override] if override else [shutil.which("chromium"),
                                              shutil.which("chromium-browser"), "/usr/bin/chromium"]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    return None


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: run `make install` (requirements.txt pins it)."
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        return ("axe-core is not installed: run `make install-test` "
                "(requirements-dev.txt pins axe-playwright-python, which ships axe.min.js).")
    if _find_chromium() is None:
        return ("Chromium not found (looked for `chromium` on PATH and /usr/bin/chromium): "
                "install it with `apt-get install chromium` (Debian), or point "
                "COURSEKIT_CHROMIUM at a Chromium binary.")
    return None


MISSING = _missing()
if MISSING and not IN_CI:
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)


# --- the pages ---------------------------------------------------------------------------

def _toc_files(entries: list[dict]) -> list[str]:
    files: list[str] = []
    for entry in entries or []:
        if "file" in entry:
            files.append(entry["file"])
        files += _toc_files(entry.get("sections", []))
        files += _toc_files(entry.get("chapters", []))
    return files


def _pages() -> list[str]:
    """Every page the build writes: the TOC's pages, Sphinx's own, and the root redirect."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]] + _toc_files(toc.get("chapters", []))
    for part in toc.get("parts", []):
        pages += _toc_files(part.get("chapters", []))
    pages = [re.sub(r"\.(md|ipynb|rst)$", "", p) for p in pages]
    return list(dict.fromkeys(pages + ["index", "search", "genindex"]))


PAGES = _pages()
SUMMARY: dict[str, dict] = {}


def _shot_name(page: str) -> str:
    return page.replace("/", "-")


# --- serving the book and driving the browser -------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript",
                      ".svg": "image/svg+xml", ".woff2": "font/woff2", ".json": "application/json"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def html_dir(built_book) -> Path:
    html = Path(built_book.html)
    if not (html / "index.html").is_file():
        pytest.fail(f"the book was not built ({html} has no index.html):\n{built_book.log[-3000:]}")
    return html


@pytest.fixture(scope="module")
def base_url(html_dir: Path):
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if MISSING:  # only reached under CI, where .ci/run installs Chromium
        pytest.fail(f"CI=true but the browser tests cannot run: {MISSING}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_find_chromium(), args=CHROMIUM_ARGS,
                                      headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def screenshot_dir(html_dir: Path) -> Path:
    out = html_dir.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    yield out
    if SUMMARY:
        (out / "summary.json").write_text(json.dumps(SUMMARY, indent=2, sort_keys=True),
                                          encoding="utf-8")


@pytest.fixture(scope="module")
def axe_source() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    assert path.is_file(), f"axe-core bundle missing from the axe-playwright-python wheel: {path}"
    return path


class Visit:
    """One page opened in its own browser context, with everything it did recorded."""

    def __init__(self, browser, base_url: str, page: str, viewport: dict, *, mobile: bool,
                 html_dir: Path | None = None, color_scheme: str = "light"):
        self.name = page
        self.redirect = _redirect_target(html_dir / f"{page}.html") if html_dir else None
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.context = browser.new_context(
            viewport=viewport, is_mobile=mobile, has_touch=mobile, device_scale_factor=1,
            service_workers="block", reduced_motion="reduce", color_scheme=color_scheme,
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._guard)
        self.context.route_web_socket(re.compile(r".*"), self._guard_ws)
        self.page = self.context.new_page()
        self.responses: list[tuple[str, int]] = []  # (url, status) of every response
        self.page.on("response", lambda r: self.responses.append((r.url, r.status)))
        self.before_scroll: dict = {}
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        self.url = base_url + page + ".html"

    # network guard: only the local server may be reached
    def _guard(self, route) -> None:
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(f"{route.request.resource_type}: {url}")
            route.abort("blockedbyclient")

    def _guard_ws(self, ws) -> None:
        if urlparse(ws.url).hostname in LOCAL_HOSTS:
            ws.connect_to_server()
        else:
            self.external.append(f"websocket: {ws.url}")
            ws.close()

    def _console(self, msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.console_errors.append(f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def open(self, url: str | None = None) -> Visit:
        page = self.page
        page.goto(url or self.url, wait_until="load")
        if self.redirect:  # the root index.html redirects to the first chapter
            page.wait_for_url("**/" + self.redirect)
            page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")
        _wait_for_scripts(page)
        self.before_scroll = {"urls": [u for u, _ in self.responses],
                              **page.evaluate(_BEFORE_SCROLL_JS)}
        self.read_through()
        page.evaluate("() => document.fonts.ready.then(() => null)")
        return self

    def read_through(self) -> None:
        """Bring every chart and the first formula into view (they load when near the
        screen), wait until the charts are drawn and the formulas typeset, scroll back up."""
        page = self.page
        for i in range(page.locator(".coursekit-chart").count()):
            page.locator(".coursekit-chart").nth(i).scroll_into_view_if_needed()
            page.wait_for_timeout(50)
        if page.locator(".math").count():
            page.locator(".math").first.scroll_into_view_if_needed()
        self.wait_for_charts()
        self.wait_for_maths()
        page.evaluate("() => window.scrollTo(0, 0)")

    def wait_for_charts(self) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(_CHARTS_SETTLED_JS, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # test_charts_rendered reports which charts stayed empty

    def wait_for_maths(self) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(_MATHS_SETTLED_JS, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # test_maths_typeset reports what stayed untypeset

    def chart_report(self) -> list[dict]:
        return self.page.evaluate(_CHART_REPORT_JS)

    def close(self) -> None:
        self.context.close()


def _redirect_target(html_file: Path) -> str | None:
    """Where a ``<meta http-equiv="refresh">`` page (the root index.html) sends the reader."""
    if not html_file.is_file():
        return None
    m = re.search(r"""<meta\s+http-equiv=["']refresh["']\s+content=["'][^"']*url=([^"']+)["']""",
                  html_file.read_text(encoding="utf-8"), re.I)
    return m.group(1).strip() if m else None


# What a page shows before the reader scrolls: charts not drawn yet, their descriptions.
_BEFORE_SCROLL_JS = """() => ({
    drawn: document.querySelectorAll('.coursekit-chart--drawn').length,
    charts: [...document.querySelectorAll('.coursekit-chart')].map(el => ({
        top: Math.round(el.getBoundingClientRect().top),
        described: !!el.querySelector('.coursekit-chart-description') &&
            el.querySelector('.coursekit-chart-description').getBoundingClientRect().height > 0,
        height: Math.round(el.getBoundingClientRect().height)})),
    firstMath: Math.round(([...document.querySelectorAll('.math')][0] || {getBoundingClientRect:
        () => ({top: -1})}).getBoundingClientRect().top),
    viewport: window.innerHeight})"""

# Formulas are settled once coursekit-math.js has typeset all of them (or there are none).
_MATHS_SETTLED_JS = """() => !document.querySelector('.math') ||
    document.documentElement.getAttribute('data-coursekit-math') === 'typeset'"""

_MATHS_REPORT_JS = """() => [...document.querySelectorAll('.math')].filter(el =>
    !el.parentElement.closest('.math')).map(el => ({
        text: (el.getAttribute('data-tex') || el.textContent || '').slice(0, 60),
        typeset: !!el.querySelector('mjx-container'),
        mathml: !!el.querySelector('mjx-assistive-mml math')}))"""

# Every visible Font Awesome icon is drawn: its ::before has a mask image and a size.
_ICONS_JS = """() => [...document.querySelectorAll('i[class*="fa-"]')].filter(el =>
    el.getClientRects().length > 0).map(el => {
        const s = getComputedStyle(el, '::before');
        const mask = s.maskImage || s.webkitMaskImage || 'none';
        return {cls: el.className, mask: mask !== 'none' && mask.startsWith('url('),
                width: parseFloat(s.width) || 0, height: parseFloat(s.height) || 0};
    })"""

# A chart is settled once vega-embed drew an svg/canvas into it, or it printed a failure.
_CHARTS_SETTLED_JS = """() => [...document.querySelectorAll('.coursekit-chart')].every(el =>
    el.querySelector('svg .role-mark, canvas') ||
    /^Chart (failed|library)/.test(el.textContent || ''))"""

_CHART_REPORT_JS = """() => [...document.querySelectorAll('.coursekit-chart')].map(el => {
    const svg = el.querySelector('svg');
    const canvas = el.querySelector('canvas');
    const marks = svg ? svg.querySelectorAll('.role-mark > *').length : 0;
    const box = (svg || canvas || el).getBoundingClientRect();
    return {id: el.id, label: el.getAttribute('aria-label') || '', svg: !!svg, canvas: !!canvas,
            marks: marks, width: Math.round(box.width), height: Math.round(box.height),
            text: svg || canvas ? '' : (el.textContent || '').slice(0, 200)};
})"""


# Text (titles, axis titles, labels) that Vega drew outside its own SVG is cut off on screen.
_CLIPPED_TEXT_JS = """() => [...document.querySelectorAll('.coursekit-chart svg')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    const chart = svg.closest('.coursekit-chart');
    return [...svg.querySelectorAll('text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 2 || r.right > box.right + 2);
    }).map(t => '#' + chart.id + ': "' + (t.textContent || '').slice(0, 60) + '" spans '
        + Math.round(t.getBoundingClientRect().left - box.left) + '..'
        + Math.round(t.getBoundingClientRect().right - box.left) + ' px of a '
        + Math.round(box.width) + ' px wide chart');
})"""


def _summary(page: str) -> dict:
    return SUMMARY.setdefault(page, {})


@pytest.fixture(scope="module", params=PAGES)
def desktop(request, browser, base_url, html_dir):
    """Each page opened once at desktop width; the per-page checks below share it."""
    page = request.param
    if not (html_dir / f"{page}.html").is_file():
        pytest.fail(f"{page}.html was not built (listed in _toc.yml or written by Sphinx)")
    visit = Visit(browser, base_url, page, DESKTOP, mobile=False, html_dir=html_dir).open()
    yield visit
    visit.close()


# --- per-page checks ---------------------------------------------------------------------

def test_every_built_page_is_covered(html_dir: Path) -> None:
    built = sorted(str(p.relative_to(html_dir).with_suffix(""))  # (other editions: their own
                   for p in page_files(html_dir))                   # test_browser_editions.py)
    assert sorted(PAGES) == built, (
        "the browser tests must cover exactly the built pages; "
        f"not covered: {sorted(set(built) - set(PAGES))}, missing from build: "
        f"{sorted(set(PAGES) - set(built))}")


def test_no_external_requests(desktop: Visit) -> None:
    assert not desktop.external, (
        f"{desktop.name}: the page tried to reach hosts other than localhost (blocked):\n  "
        + "\n  ".join(desktop.external))


def test_no_console_or_page_errors(desktop: Visit) -> None:
    problems = [f"console error: {e}" for e in desktop.console_errors]
    problems += [f"page error: {e}" for e in desktop.page_errors]
    assert not problems, f"{desktop.name}:\n  " + "\n  ".join(problems)


def test_charts_rendered(desktop: Visit) -> None:
    charts = desktop.chart_report()
    _summary(desktop.name)["charts"] = len(charts)
    _summary(desktop.name)["chart_marks"] = [c["marks"] for c in charts]
    bad = [c for c in charts
           if not ((c["svg"] and c["marks"] > 0) or c["canvas"]) or c["width"] < 50 or c["height"] < 50]
    assert not bad, f"{desktop.name}: charts not rendered (no marks, or no size):\n" + "\n".join(
        f"  #{c['id']} ({c['label'][:80]}): svg={c['svg']} canvas={c['canvas']} marks={c['marks']} "
        f"size={c['width']}x{c['height']} {c['text']}" for c in bad)


def test_maths_typeset(desktop: Visit) -> None:
    """Every formula is typeset by MathJax, with MathML for screen readers."""
    formulas = desktop.page.evaluate(_MATHS_REPORT_JS)
    _summary(desktop.name)["formulas"] = len(formulas)
    bad = [f for f in formulas if not (f["typeset"] and f["mathml"])]
    assert not bad, (f"{desktop.name}: {len(bad)} of {len(formulas)} formulas not typeset "
                     "(or without assistive MathML): " + "; ".join(f["text"] for f in bad[:5]))


def test_icons_drawn(desktop: Visit) -> None:
    """The theme's icons are drawn by the book's CSS (Font Awesome's script is not loaded)."""
    icons = desktop.page.evaluate(_ICONS_JS)
    _summary(desktop.name)["icons"] = len(icons)
    bad = [i for i in icons if not i["mask"] or i["width"] < 4 or i["height"] < 4]
    assert not bad, f"{desktop.name}: icons not drawn: {bad}"
    assert not any("fontawesome" in u for u, _ in desktop.responses)


def test_copy_buttons_on_code_blocks(desktop: Visit) -> None:
    """Every code block has its copy button (the script is loaded where there is code)."""
    counts = desktop.page.evaluate("""() => [document.querySelectorAll('div.highlight pre').length,
        document.querySelectorAll('div.highlight pre + .copybtn, div.highlight .copybtn').length]""")
    assert counts[1] >= counts[0], f"{desktop.name}: {counts[0]} code blocks, {counts[1]} copy buttons"


def test_first_visit_within_budget(desktop: Visit, html_dir: Path) -> None:
    """Everything the page downloaded, read to the end (charts drawn, formulas typeset),
    counted as a compressing host sends it, within issue 12's budget."""
    from coursebook import weight

    files, missing = {}, []
    for url, status in desktop.responses:
        parts = urlparse(url)
        if parts.hostname not in LOCAL_HOSTS or parts.scheme not in ("http", "https"):
            continue
        path = (html_dir / parts.path.lstrip("/")).resolve()
        if path.is_file():
            files[path] = status
        elif status != 304:
            missing.append(f"{status} {parts.path}")
    total = sum(weight.transfer_size(p) for p in files)
    charts = bool(desktop.page.locator(".coursekit-chart").count())
    limit = 1_000_000 if charts else 400_000
    _summary(desktop.name)["first_visit_bytes"] = total
    assert not missing, f"{desktop.name}: requests that found no file: {missing}"
    assert total <= limit, (
        f"{desktop.name}: the first visit downloads {total:,} B > {limit:,} B; largest: "
        + ", ".join(f"{p.relative_to(html_dir)} ({weight.transfer_size(p):,} B)"
                    for p in sorted(files, key=weight.transfer_size, reverse=True)[:6]))


def test_chart_text_not_clipped(desktop: Visit) -> None:
    clipped = desktop.page.evaluate(_CLIPPED_TEXT_JS)
    assert not clipped, (f"{desktop.name}: chart text cut off at the chart's edge (desktop width); "
                         "shorten it, or set a title/label limit:\n  " + "\n  ".join(clipped))


def test_accessibility_axe(desktop: Visit, axe_source: Path) -> None:
    violations = _run_axe(desktop.page, axe_source)
    _summary(desktop.name)["axe_desktop"] = {v["id"]: v["impact"] for v in violations}
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{desktop.name}: axe-core found serious/critical violations:\n" + _format_axe(blocking)


def test_solutions_hidden_then_shown_on_click(desktop: Visit) -> None:
    from playwright.sync_api import expect

    page = desktop.page
    toggles = page.locator(".admonition.dropdown, .admonition.toggle")
    count = toggles.count()
    solutions = page.locator(".solution.dropdown").count()
    _summary(desktop.name)["solutions"] = solutions
    _summary(desktop.name)["dropdowns"] = count
    for i in range(count):
        box = toggles.nth(i)
        label = (box.locator(".admonition-title").first.inner_text() or "").strip()
        body = box.locator(":scope > .admonition-title ~ *")
        assert body.count() > 0, f"{desktop.name}: dropdown {label!r} has no content"
        button = box.locator(":scope > .admonition-title .toggle-button")
        expect(button, f"{desktop.name}: no toggle button on {label!r}").to_have_count(1)
        expect(box).to_have_class(re.compile(r"\btoggle-hidden\b"))
        for j in range(body.count()):
            expect(body.nth(j), f"{desktop.name}: {label!r} content visible before click").to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        button.click()
        expect(box).not_to_have_class(re.compile(r"\btoggle-hidden\b"))
        expect(body.first, f"{desktop.name}: {label!r} content still hidden after click").to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "true")
    assert not desktop.external and not desktop.page_errors, (
        f"{desktop.name}: opening the solutions caused external requests or page errors: "
        f"{desktop.external + desktop.page_errors}")


def test_desktop_screenshot(desktop: Visit, screenshot_dir: Path) -> None:
    desktop.page.screenshot(path=screenshot_dir / f"{_shot_name(desktop.name)}-desktop.png",
                            full_page=True)


@pytest.mark.parametrize("page_name", PAGES)
def test_phone_fits_and_screenshot(page_name, browser, base_url, html_dir, screenshot_dir,
                                   axe_source) -> None:
    """At 390 px nothing may scroll the page sideways; wide content scrolls in its own box."""
    visit = Visit(browser, base_url, page_name, PHONE, mobile=True, html_dir=html_dir,
                  color_scheme=PHONE_SCHEME).open()
    try:
        page = visit.page
        page.screenshot(path=screenshot_dir / f"{_shot_name(page_name)}-phone.png", full_page=True)
        metrics = page.evaluate(_OVERFLOW_JS)
        _summary(page_name)["phone_scroll_width"] = metrics["scrollWidth"]
        problems = [f"external request (blocked): {u}" for u in visit.external]
        problems += [f"page error: {e}" for e in visit.page_errors]
        problems += [f"console error: {e}" for e in visit.console_errors]
        if metrics["innerWidth"] != PHONE["width"] or metrics["scrollWidth"] > metrics["innerWidth"] + 1:
            problems.append(
                f"the page scrolls horizontally at phone width (scrollWidth {metrics['scrollWidth']}"
                f" > innerWidth {metrics['innerWidth']}); elements sticking out:\n    "
                + "\n    ".join(metrics["culprits"]))
        problems += [f"chart text cut off: {c}" for c in page.evaluate(_CLIPPED_TEXT_JS)]
        # The phone layout (dark scheme) has its own scroll boxes and colours: axe it too.
        violations = _run_axe(page, axe_source)
        _summary(page_name)["axe_phone"] = {v["id"]: v["impact"] for v in violations}
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            problems.append("axe-core found serious/critical violations:\n" + _format_axe(blocking))
        assert not problems, f"{page_name} at {PHONE['width']} px ({PHONE_SCHEME} scheme):\n  " + "\n  ".join(problems)
    finally:
        visit.close()


_OVERFLOW_JS = """() => {
    const vw = window.innerWidth;
    const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (p !== document.body && p !== document.documentElement &&
            /(auto|scroll|hidden|clip)/.test(s.overflowX)) return true; } return false; };
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.classList.length ? '.' + [...el.classList].slice(0, 3).join('.') : '');
    const culprits = [...document.body.querySelectorAll('*')].filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > vw + 1 && !scrolls(el);
    }).slice(0, 15).map(el => {
        const r = el.getBoundingClientRect();
        return describe(el) + ' right=' + Math.round(r.right) + ' width=' + Math.round(r.width);
    });
    return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: vw, culprits};
}"""


def _run_axe(page, axe_source: Path) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_source))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
            summary: (v.nodes[0] && v.nodes[0].failureSummary) || ''}));
    }""")
    return result


def _format_axe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = v["targets"][:8]
        more = f" (+{len(v['targets']) - 8} more)" if len(v["targets"]) > 8 else ""
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}\n    targets: "
                     + "; ".join(targets) + more + "\n    " + v["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


# --- search and the interactive chart ----------------------------------------------------

def test_search_finds_location_quotient(browser, base_url) -> None:
    visit = Visit(browser, base_url, "search", DESKTOP, mobile=False)
    try:
        page = visit.page
        page.goto(base_url + "search.html?q=location+quotient", wait_until="load")
        page.wait_for_function("""() => {
            const s = document.querySelector('#search-results .search-summary');
            return s && s.textContent.trim().length > 0 &&
                   !/^Preparing/.test(s.textContent.trim()); }""")
        results = page.locator("#search-results ul.search li")
        texts = results.all_inner_texts()
        summary = page.locator("#search-results .search-summary").inner_text()
        assert len(texts) >= 1, f"search for 'location quotient' found nothing: {summary!r}"
        assert not visit.external, f"search page made external requests: {visit.external}"
        assert not visit.page_errors, f"search page errors: {visit.page_errors}"
        _summary("search")["location_quotient_results"] = len(texts)
    finally:
        visit.close()


def _local_path(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def test_far_charts_wait_for_the_reader(browser, base_url, html_dir) -> None:
    """On a phone, a page whose charts are all far below the first screen does not fetch
    the Vega bundle until the reader scrolls near a chart; meanwhile each chart's box shows
    its description and keeps the chart's height, so nothing jumps when it is drawn."""
    checked = 0
    for page_name in PAGES:
        if 'class="coursekit-chart"' not in (html_dir / f"{page_name}.html").read_text(
                encoding="utf-8"):
            continue
        visit = Visit(browser, base_url, page_name, PHONE, mobile=True, html_dir=html_dir)
        try:
            visit.page.goto(visit.url, wait_until="load")
            visit.page.wait_for_load_state("networkidle")
            state = visit.page.evaluate(_BEFORE_SCROLL_JS)
            urls = [_local_path(u) for u, _ in visit.responses]
            bundle = any("coursekit-vega-" in u for u in urls)
            far = min(c["top"] for c in state["charts"]) > 2 * state["viewport"]
            if far:
                assert not bundle and state["drawn"] == 0, (
                    f"{page_name}: the chart bundle was fetched before any chart came near")
                checked += 1
            assert all(c["described"] for c in state["charts"] if c["top"] > state["viewport"]), (
                f"{page_name}: a chart not yet drawn does not show its description")
            heights = {i: c["height"] for i, c in enumerate(state["charts"])}
            visit.read_through()
            after = visit.page.evaluate(_BEFORE_SCROLL_JS)
            assert after["drawn"] == len(state["charts"]), f"{page_name}: charts not drawn"
            assert any("coursekit-vega-" in _local_path(u) for u, _ in visit.responses)
            moved = {i: (heights[i], c["height"]) for i, c in enumerate(after["charts"])
                     if abs(c["height"] - heights[i]) > 12}
            assert not moved, f"{page_name}: chart boxes changed height when drawn: {moved}"
        finally:
            visit.close()
    assert checked, "no page has its charts far enough down to check lazy loading"


_TRANSFERS_JS = """() => performance.getEntriesByType('resource').map(e => ({
    url: e.name, transfer: e.transferSize, body: e.encodedBodySize}))"""


def test_second_page_loads_only_what_is_new(browser, base_url, html_dir) -> None:
    """Reading pages one after another, each next page downloads only its own HTML and the
    files no earlier page loaded: shared files come from the browser's cache (or as a
    bodiless 304).  Playwright's request interception turns the cache off, so this visit
    does without it and checks instead that every request stayed on 127.0.0.1."""
    pages = [p for p in PAGES if p != "index"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  service_workers="block")
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    try:
        problems, seen = [], set()
        for name in pages[:5]:
            page.goto(base_url + name + ".html", wait_until="load")
            page.wait_for_load_state("networkidle")
            for entry in page.evaluate(_TRANSFERS_JS):
                path = _local_path(entry["url"])
                if path in seen and entry["transfer"] > 1_000:  # more than a 304's headers
                    problems.append(f"{name}: {path} downloaded again ({entry['transfer']:,} B)")
                seen.add(path)
        external = [u for u in requested if urlparse(u).hostname not in LOCAL_HOSTS]
        assert not external, f"requests that left the site: {external}"
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_colour_mode_button_switches_light_and_dark(browser, base_url) -> None:
    visit = Visit(browser, base_url, "chapters/intro", DESKTOP, mobile=False)
    try:
        page = visit.page
        page.goto(visit.url, wait_until="load")
        _wait_for_scripts(page)
        button = page.locator(".theme-switch-button").first
        themes = []
        for _ in range(3):
            button.click()
            themes.append(page.evaluate("() => document.documentElement.dataset.theme"))
            icon = page.evaluate("""() => [...document.querySelectorAll('.theme-switch')]
                .filter(el => el.getClientRects().length).map(el => el.dataset.mode)""")
            assert len(icon) == 1, f"one mode icon should show, got {icon}"
        assert {"light", "dark"} <= set(themes), f"colour modes seen: {themes}"
        assert not visit.page_errors and not visit.console_errors
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_paint_has_the_theme_colours(scheme, browser, base_url) -> None:
    """The theme's colours apply before its deferred script runs (here: never runs).

    pydata-sphinx-theme sets ``data-theme="auto"`` on a first visit and resolves it only in
    its deferred script; until then ``code`` literals have no border, and gaining it moved
    the text of the ``ck.charts`` page (CLS 0.11). ``coursebook.sphinxext`` resolves
    the mode in an inline script."""
    visit = Visit(browser, base_url, "chapters/api-charts", PHONE, mobile=True,
                  color_scheme=scheme)
    try:
        visit.page.route(re.compile(r"\.js(\?|$)"), lambda route: route.abort())
        visit.page.goto(visit.url, wait_until="domcontentloaded")
        theme, border = visit.page.evaluate("""() => [document.documentElement.dataset.theme,
            getComputedStyle(document.querySelector('article code.literal')).borderTopWidth]""")
        assert (theme, border) == (scheme, "1px")
    finally:
        visit.close()


def test_menus_and_copy_buttons_are_fetched_after_the_first_paint(browser, base_url) -> None:
    """``coursebook.delivery.AFTER_PAINT`` scripts are requested only once the page has
    painted (the theme's menus, copy buttons, ...), and then they run: the copy buttons
    appear and the colour-mode button works."""
    visit = Visit(browser, base_url, "chapters/intro", PHONE, mobile=True)
    try:
        visit.page.goto(visit.url, wait_until="load")
        _wait_for_scripts(visit.page)
        visit.page.wait_for_selector("button.copybtn", state="attached")
        # The loader starts them after the load event and two frames. (FCP's timestamp is
        # the frame's presentation time, which can trail the loader by a millisecond.)
        loaded, starts = visit.page.evaluate("""() => [
            performance.getEntriesByType('navigation')[0].loadEventStart,
            performance.getEntriesByType('resource').filter(r => r.initiatorType === 'script'
                || r.name.endsWith('.js') || r.name.includes('.js?'))
                .map(r => [r.name.split('?')[0].split('/').pop(), r.startTime])]""")
        held = [(name, round(t)) for name, t in starts if name in AFTER_PAINT]
        assert {"bootstrap.js", "pydata-sphinx-theme.js", "copybutton.js"} <= {n for n, _ in held}
        early = [(n, t) for n, t in held if t < loaded]
        assert not early, f"requested before the load event ({loaded:.0f} ms): {early}"
        assert visit.page.evaluate(
            "() => performance.getEntriesByName('first-contentful-paint').length") == 1
        assert not visit.page_errors and not visit.console_errors
    finally:
        visit.close()


def test_launch_menu_offers_binder_and_colab(browser, base_url) -> None:
    visit = Visit(browser, base_url, "chapters/definitions", DESKTOP, mobile=False)
    try:
        page = visit.page
        page.goto(visit.url, wait_until="load")
        _wait_for_scripts(page)
        page.locator(".dropdown-launch-buttons button").first.click()
        menu = page.locator(".dropdown-launch-buttons .dropdown-menu")
        from playwright.sync_api import expect

        expect(menu).to_be_visible()
        hrefs = menu.locator("a").evaluate_all("els => els.map(a => a.href)")
        assert any("mybinder.org" in h for h in hrefs), hrefs
        assert any("colab.research.google.com" in h for h in hrefs), hrefs
        assert menu.locator(".btn-launch-thebe").count() == 1, "no Live code button"
        assert page.evaluate("() => typeof window.initThebe === 'function'"), (
            "the Live code button's script (sphinx-thebe) is not on the page")
        assert not visit.external and not visit.page_errors and not visit.console_errors
    finally:
        visit.close()


def test_search_box_on_a_page_opens_the_search_page(browser, base_url) -> None:
    """A chapter does not load the search index; its search box sends the query to the
    search page, which finds it."""
    visit = Visit(browser, base_url, "chapters/glossary", DESKTOP, mobile=False)
    try:
        page = visit.page
        page.goto(visit.url, wait_until="load")
        page.wait_for_load_state("networkidle")
        _wait_for_scripts(page)
        assert not any("searchindex" in u for u, _ in visit.responses)
        page.locator("button.search-button-field").first.click()
        field = page.locator("#pst-search-dialog input[name=q]")
        field.fill("location quotient")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=location*")
        page.wait_for_function("""() => {
            const s = document.querySelector('#search-results .search-summary');
            return s && s.textContent.trim().length > 0 && !/^Preparing/.test(s.textContent.trim()); }""")
        assert page.locator("#search-results ul.search li").count() >= 1
        assert not visit.external and not visit.page_errors and not visit.console_errors
    finally:
        visit.close()


SLIDER_PAGE = "chapters/mechanisms"

_PATHS_JS = """el => [...el.querySelectorAll('svg .role-mark path, svg .role-mark line, '
    + 'svg .role-mark rect, svg .role-mark text')].map(n =>
    (n.getAttribute('d') || '') + (n.getAttribute('transform') || '') + (n.getAttribute('x') || '')
    + (n.getAttribute('y') || '') + (n.getAttribute('width') || '') + (n.textContent || ''))"""


def test_slider_chart_redraws(browser, base_url, html_dir) -> None:
    """Chapter 2's interactive chart: moving its range slider changes the drawing."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if not (html_dir / f"{SLIDER_PAGE}.html").is_file():
        pytest.fail(f"{SLIDER_PAGE}.html was not built")
    visit = Visit(browser, base_url, SLIDER_PAGE, DESKTOP, mobile=False).open()
    try:
        page = visit.page
        charts = page.locator(".coursekit-chart:has(input[type=range])")
        assert charts.count() >= 1, (
            f"{SLIDER_PAGE}: no chart with a range slider (a .coursekit-chart holding "
            "input[type=range], i.e. an Altair parameter bound to alt.binding_range)")
        _summary(SLIDER_PAGE)["sliders"] = charts.count()
        for i in range(charts.count()):
            chart = charts.nth(i)
            slider = chart.locator("input[type=range]").first
            label = chart.get_attribute("aria-label") or chart.get_attribute("id")
            before = chart.evaluate(_PATHS_JS)
            assert before, f"{label}: nothing drawn before the slider moved"
            lo = float(slider.evaluate("e => e.min || 0"))
            hi = float(slider.evaluate("e => e.max || 100"))
            value = float(slider.evaluate("e => e.value"))
            new = hi if abs(value - hi) > abs(value - lo) else lo
            slider.fill(f"{new:g}")
            slider.dispatch_event("input")
            assert abs(float(slider.evaluate("e => e.value")) - new) < 1e-9
            start = time.monotonic()
            try:
                page.wait_for_function(
                    """([id, before]) => {
                        const el = document.getElementById(id);
                        const now = (""" + _PATHS_JS + """)(el);
                        return JSON.stringify(now) !== JSON.stringify(before); }""",
                    arg=[chart.get_attribute("id"), before], timeout=10_000)
            except PlaywrightTimeout:
                pytest.fail(f"{label}: the chart did not redraw within "
                            f"{time.monotonic() - start:.1f} s after the slider moved to {new}")
        assert not visit.page_errors and not visit.console_errors, (
            f"{SLIDER_PAGE}: errors while moving the slider: "
            f"{visit.page_errors + visit.console_errors}")
    finally:
        visit.close()


_MATH_BOXES_JS = """() => ({
    display: Array.from(document.querySelectorAll('div.math')).map(
        d => d.getBoundingClientRect().height),
    inline: Array.from(document.querySelectorAll('span.math')).map(s => {
        const c = s.querySelector('mjx-container');
        return {width: (c || s).getBoundingClientRect().width,
                em: parseFloat(getComputedStyle(s.parentElement).fontSize), tex: s.textContent};
    }),
    shifts: (window.__coursekitShifts || []).reduce((a, e) => a + e.value, 0),
    state: document.documentElement.getAttribute('data-coursekit-math')})"""
_RECORD_SHIFTS_JS = """window.__coursekitShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__coursekitShifts.push(e); } }).observe(
    {type: 'layout-shift', buffered: true});"""


def _holder(held: list, gate: dict):
    """A route handler that keeps requests in ``held`` while ``gate["hold"]`` is true.

    One parameter only: Playwright passes the request too to a handler that takes two."""
    def hold(route) -> None:
        if gate["hold"]:
            held.append(route)
        else:
            route.fallback()
    return hold


_SCRIPTS_READY_JS = f"""() => !document.querySelector('script[type="{AFTER_PAINT_TYPE}"]')
    || document.documentElement.dataset.coursekitScripts === 'ready'"""


def _wait_for_scripts(page) -> None:
    """Wait until the scripts held until after the first paint have run (menus, buttons)."""
    page.wait_for_function(_SCRIPTS_READY_JS)


def test_typesetting_moves_nothing(browser, base_url, html_dir) -> None:
    """On a phone, MathJax arrives late (held here until the page has painted, as on a slow
    network) and typesetting must not move the text: each displayed formula's box is as
    tall before as after (``coursebook.mathbox`` reserves its height), inline formulas
    wait in boxes of about their typeset width, and the page whose first screen holds
    formulas (the API reference of chapters 5-7) shows no layout shift there (Lighthouse
    measured a CLS of 0.077 before the boxes were reserved)."""
    pages = [p for p in PAGES if 'class="math' in (html_dir / f"{p}.html").read_text(
        encoding="utf-8")]
    assert "chapters/api-regional" in pages
    problems, errors = [], []
    for page_name in pages:
        visit = Visit(browser, base_url, page_name, PHONE, mobile=True, html_dir=html_dir)
        held: list = []
        gate = {"hold": True}
        visit.page.route("**/_static/mathjax/**", _holder(held, gate))
        visit.page.add_init_script(_RECORD_SHIFTS_JS)
        try:
            # Not wait_until="load": when a formula is on the first screen the lazy loader
            # asks for MathJax before the load event, and a held script holds that event.
            visit.page.goto(visit.url, wait_until="domcontentloaded")
            for _ in range(150):
                if held or visit.page.evaluate("document.readyState") == "complete":
                    break
                visit.page.wait_for_timeout(100)
            visit.page.wait_for_timeout(300)
            before = visit.page.evaluate(_MATH_BOXES_JS)
            assert before["state"] == "pending", f"{page_name}: formulas not marked pending"
            gate["hold"] = False
            for route in held:
                route.fallback()
            visit.read_through()
            after = visit.page.evaluate(_MATH_BOXES_JS)
            assert after["state"] == "typeset", f"{page_name}: maths not typeset"
            grown = [(i, round(b), round(a)) for i, (b, a) in
                     enumerate(zip(before["display"], after["display"], strict=True)) if a > b + 2]
            if grown:
                problems.append(f"{page_name}: displayed formulas taller than their box "
                                f"(index, reserved px, typeset px): {grown}")
            moved = after["shifts"] - before["shifts"]  # from the release of MathJax on
            if page_name == "chapters/api-regional" and moved > 0.01:
                problems.append(f"{page_name}: layout shift {moved:.3f} on typesetting")
            errors += [abs(b["width"] - a["width"]) / a["em"] for b, a in
                       zip(before["inline"], after["inline"], strict=True)]
        finally:
            visit.close()
    errors.sort()
    median = errors[len(errors) // 2]
    assert median < 0.5, f"inline formula boxes off by a median {median:.2f} em"
    assert not problems, "\n".join(problems)

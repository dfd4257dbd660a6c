"""The browser suite on every translated edition, plus the language switcher and search.

Each translated edition (``_build/html/<language>/``, a complete site of its own) is served
on its own and goes through the per-page checks of ``test_browser.py``: offline, no console
error, charts drawn, formulas typeset, icons, the page-weight budget of what Chromium
downloads, solutions hidden, axe-core at desktop width (light) and phone width (dark), no
sideways scrolling on a phone, lazy charts, the slider chart.  Screenshots go to
``_build/screenshots/<language>/``.  Then, on the whole site: the switcher leads from a
page to the same page in the other edition and back, and the Chinese search page finds
Chinese terms (split by jieba when the index was built).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from test_browser import (  # noqa: F401  (fixtures and tests collected again here)
    DESKTOP,
    PHONE,
    Visit,
    _QuietHandler,
    _wait_for_scripts,
    axe_source,
    base_url,
    browser,
    desktop,
    test_accessibility_axe,
    test_chart_text_not_clipped,
    test_charts_rendered,
    test_copy_buttons_on_code_blocks,
    test_desktop_screenshot,
    test_every_built_page_is_covered,
    test_far_charts_wait_for_the_reader,
    test_first_visit_within_budget,
    test_icons_drawn,
    test_maths_typeset,
    test_no_console_or_page_errors,
    test_no_external_requests,
    test_phone_fits_and_screenshot,
    test_search_finds_location_quotient,
    test_slider_chart_redraws,
    test_solutions_hidden_then_shown_on_click,
)

from coursebook import editions

pytestmark = pytest.mark.browser

LANGUAGES = editions.languages(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module", params=LANGUAGES)
def html_dir(request, built_book) -> Path:
    """One translated edition, served as a site of its own by ``base_url``."""
    html = Path(built_book.html) / request.param
    if not (html / "index.html").is_file():
        pytest.fail(f"the {request.param} edition was not built:\n{built_book.log[-3000:]}")
    return html


@pytest.fixture(scope="module")
def screenshot_dir(html_dir: Path) -> Path:
    out = html_dir.parents[1] / "screenshots" / html_dir.name
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def site_url(built_book):
    """The whole site (every edition under one root), for moving between editions."""
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_switcher_leads_to_the_same_page_and_back(html_dir, browser, site_url,  # noqa: F811
                                                  viewport):
    lang = html_dir.name
    page_name = "chapters/glossary"
    visit = Visit(browser, site_url, f"{lang}/{page_name}", viewport,
                  mobile=viewport is PHONE)
    try:
        page = visit.page
        page.goto(visit.url, wait_until="load")
        _wait_for_scripts(page)
        assert page.evaluate("() => document.documentElement.lang") == editions.hreflang(lang)
        page.locator('.coursekit-editions a[hreflang="en"]').click()
        page.wait_for_url(f"{site_url}{page_name}.html")
        assert page.evaluate("() => document.documentElement.lang") == "en"
        page.locator(f'.coursekit-editions a[hreflang="{editions.hreflang(lang)}"]').click()
        page.wait_for_url(f"{site_url}{lang}/{page_name}.html")
        assert not visit.external and not visit.page_errors and not visit.console_errors
    finally:
        visit.close()


@pytest.mark.parametrize("term", ["区位商", "产业集群", "集聚经济"])
def test_chinese_search_finds_chinese_terms(html_dir, browser, base_url, term):  # noqa: F811
    if not html_dir.name.startswith("zh"):
        pytest.skip("Chinese terms")
    visit = Visit(browser, base_url, "search", DESKTOP, mobile=False)
    try:
        page = visit.page
        page.goto(f"{base_url}search.html?q={term}", wait_until="load")
        page.wait_for_function("""() => {
            const s = document.querySelector('#search-results .search-summary');
            return s && s.textContent.trim().length > 0 &&
                   !/^(Preparing|准备)/.test(s.textContent.trim()); }""")
        hits = page.locator("#search-results ul.search li").all_inner_texts()
        assert hits, f"the Chinese search found nothing for {term!r}"
        assert any("术语表" in h or "产业集群" in h for h in hits), hits[:5]
        assert not visit.external and not visit.page_errors
    finally:
        visit.close()

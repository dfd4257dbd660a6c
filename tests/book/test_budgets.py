"""Page-weight budgets (issue 12), checked on the built files: nothing here can flake.

Every page of the book, on a reader's first visit, with everything it loads (its HTML, the
shared stylesheet, scripts, icons and images, and what its loaders fetch when the reader
scrolls: the chart bundle, MathJax), must stay within

* 1 MB on a page with charts and 400 kB on a page without,

counted as a static host that compresses text sends them (gzip; see
:mod:`coursebook.weight`).  A second page needs only its own HTML and what the first
did not load: every shared file has one URL across the site.  No script in ``<head>`` may
block the first paint (inline ones are tiny), and every page has a meta description.
The browser suite (``tests/browser``) weighs what Chromium really downloads against the
same budgets.  These tests fail if a theme or extension upgrade brings the weight back
(the theme's 1.49 MB ``fontawesome.js``, its web fonts, eleven stylesheets...).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursebook import delivery, weight

pytestmark = pytest.mark.book

WITH_CHARTS = 1_000_000
WITHOUT_CHARTS = 400_000
INLINE_SCRIPT_LIMIT = 1_500  # bytes of any one inline script in <head>
SITE_CSS_LIMIT = 40_000  # the shared stylesheet, gzip-compressed
SHARED_LIMIT = 120_000  # what every page loads before its own content (HTML excluded), gzip


def _pages(built_book) -> list[Path]:
    pages = delivery.page_files(built_book.html)
    assert pages, "no pages built"
    return pages


def _has_charts(page: Path) -> bool:
    return 'class="coursekit-chart"' in page.read_text(encoding="utf-8")


def _is_redirect(text: str) -> bool:
    """The root index.html: a page that only sends the reader to the first chapter."""
    return bool(re.search(r'<meta http-equiv="Refresh"', text, re.I)) and "<article" not in text


def _rel(page: Path, built_book) -> str:
    return page.relative_to(built_book.html).as_posix()


def test_first_visit_within_budget(built_book):
    over, rows = [], []
    for page in _pages(built_book):
        p = weight.page_assets(page, built_book.html)
        limit = WITH_CHARTS if _has_charts(page) else WITHOUT_CHARTS
        rows.append(f"{_rel(page, built_book)}: {p.transfer:,} B (raw {p.raw:,} B)")
        if p.transfer > limit:
            largest = sorted(p.assets, key=weight.transfer_size, reverse=True)[:6]
            over.append(f"{_rel(page, built_book)}: {p.transfer:,} B > {limit:,} B; largest: "
                        + ", ".join(f"{a.relative_to(built_book.html).as_posix()} "
                                    f"({weight.transfer_size(a):,} B)" for a in largest))
    assert not over, "pages over their first-visit budget:\n" + "\n".join(over)
    print("\n".join(rows))


def test_no_render_blocking_script(built_book):
    problems = []
    for page in _pages(built_book):
        for what, size in weight.render_blocking(page):
            if not what.startswith("inline: "):
                problems.append(f"{_rel(page, built_book)}: blocking script {what} ({size:,} B)")
            elif size > INLINE_SCRIPT_LIMIT:
                problems.append(f"{_rel(page, built_book)}: inline script of {size:,} B in "
                                f"<head> ({what})")
    assert not problems, "\n".join(problems)


def test_one_shared_stylesheet_and_no_icon_font(built_book):
    """One small stylesheet for the whole site; Font Awesome drawn by CSS, not its script."""
    sheets = set()
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        if _is_redirect(text):
            assert not weight.page_assets(page, built_book.html).assets.keys() - {
                a for a, why in weight.page_assets(page, built_book.html).assets.items()
                if why == "icon"}, f"{_rel(page, built_book)}: a redirect that loads files"
            continue
        links = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', text)
        assert len(links) == 1 and delivery.BUNDLE_PREFIX in links[0], (
            f"{_rel(page, built_book)}: expected the one site stylesheet, found {links}")
        assert "fontawesome" not in text.lower(), f"{_rel(page, built_book)} loads Font Awesome"
        sheets |= {a for a, why in weight.page_assets(page, built_book.html).assets.items()
                   if why in ("stylesheet", "font")}
    assert len(sheets) == 1, f"pages use different stylesheets or fonts: {sorted(sheets)}"
    css = next(iter(sheets))
    text = css.read_text(encoding="utf-8")
    assert not re.search(r"@font-face[^}]*font-?awesome", text, re.I | re.S)
    assert weight.transfer_size(css) <= SITE_CSS_LIMIT, (
        f"site stylesheet {weight.transfer_size(css):,} B gzip > {SITE_CSS_LIMIT:,} B")


def test_shared_part_is_small(built_book):
    """What every page loads besides its own HTML (stylesheet, theme scripts)."""
    pages = [weight.page_assets(p, built_book.html) for p in _pages(built_book)
             if not _is_redirect(p.read_text(encoding="utf-8"))]
    common = set.intersection(*(set(p.assets) for p in pages))
    total = sum(weight.transfer_size(a) for a in common)
    assert total <= SHARED_LIMIT, (
        f"files every page loads weigh {total:,} B gzip > {SHARED_LIMIT:,} B: "
        + ", ".join(f"{a.name} ({weight.transfer_size(a):,} B)" for a in sorted(common)))


def test_second_page_needs_only_its_own_html(built_book):
    """Every file pages share is requested under one URL, so a browser reuses it."""
    urls: dict[Path, set[str]] = {}
    for page in _pages(built_book):
        for asset, seen in weight.page_assets(page, built_book.html).urls.items():
            urls.setdefault(asset, set()).update(seen)
    split = {a.relative_to(built_book.html).as_posix(): sorted(u)
             for a, u in urls.items() if len(u) > 1}
    assert not split, f"the same file under different URLs (loaded twice): {split}"


def test_every_page_has_a_meta_description(built_book):
    missing = []
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        m = re.search(r'<meta name="description" content="([^"]*)"', text)
        if not m or not 20 <= len(m.group(1)) <= 200:
            missing.append(f"{_rel(page, built_book)}: {m.group(1) if m else 'none'!r}")
    assert not missing, "pages without a useful meta description:\n" + "\n".join(missing)


def test_lazy_assets_are_there(built_book):
    """What the loaders fetch later exists, and only pages that need it name it."""
    for page in _pages(built_book):
        p = weight.page_assets(page, built_book.html)
        text = page.read_text(encoding="utf-8")
        lazy = [a.name for a in p.lazy()]
        assert any(n.startswith("coursekit-vega-") for n in lazy) == _has_charts(page), page
        has_math = 'class="math' in text
        assert ("startup.js" in lazy) == has_math, (
            f"{_rel(page, built_book)}: MathJax {'missing' if has_math else 'loaded without maths'}")


_LOADS = re.compile(r'<(script|link|img|iframe|source|video|audio|embed|object)\b([^>]*)>', re.I)
_EXTERNAL = re.compile(r'\b(?:src|href|data|srcset|poster)="((?:https?:)?//[^"]*)"', re.I)


def test_nothing_is_loaded_from_another_host(built_book):
    """Offline first: every file a page loads is in the site.

    Links a reader follows (Binder, Colab, GitHub, the papers' DOIs) are ``<a>`` elements and
    allowed.  The one external URL in a script is sphinx-thebe's ``THEBE_JS_URL``: Thebe is
    fetched only when the reader presses "Live code", which starts a kernel on mybinder.org
    and so needs the network anyway; pages without that button do not carry it.
    """
    problems = []
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        for tag, attrs in _LOADS.findall(text):
            if tag.lower() == "link" and not re.search(
                    r'rel="[^"]*\b(stylesheet|preload|modulepreload|icon|manifest)\b', attrs):
                continue
            problems += [f"{_rel(page, built_book)}: <{tag}> loads {url}"
                         for url in _EXTERNAL.findall(attrs)]
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S):
            thebe = re.search(r"""\bTHEBE_JS_URL\s*=\s*["']([^"']+)["']""", body)
            thebe_button = "btn-launch-thebe" in text or "thebe-launch-button" in text
            for url in re.findall(r"""["'](https?://[^"']+)["']""", body):
                if not (thebe and url == thebe.group(1) and thebe_button):
                    problems.append(f"{_rel(page, built_book)}: an inline script names {url}")
    for css in (built_book.html / "_static").glob("coursekit-site-*.css"):
        problems += [f"{css.name}: url({u})" for u in
                     re.findall(r"""url\(\s*["']?((?:https?:)?//[^"')]+)""",
                                css.read_text(encoding="utf-8"))]
    assert not problems, "files from another host (the book must work offline):\n" + \
        "\n".join(problems)

"""Book-level tests: a strict build from a clean copy, executed outputs, and the built HTML.

The build (``jupyter-book build --all -W -n --keep-going``) runs once per session in
the ``built_book`` fixture (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.book

# Links that may point outside the site: they are navigated to when clicked, never loaded.
LAUNCH_PREFIXES = (
    "https://mybinder.org", "https://colab.research.google.com",
    "https://github.com/", "https://doi.org/", "https://creativecommons.org",
    "https://www.census.gov", "https://ec.europa.eu", "https://www.bea.gov",
    "https://ncses.nsf.gov", "https://www.regionalstatistik.de", "https://jupyterbook.org",
)
PY_WARNING = re.compile(r"\b\w*(Warning|warnings\.warn)\b:?")


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part.get("chapters", [])]
    return pages


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.other_loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if "stylesheet" in rel or "preload" in rel or "icon" in rel or "modulepreload" in rel:
                self.styles.append(a["href"])
            elif "preconnect" in rel or "dns-prefetch" in rel:
                self.other_loads.append(a["href"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag in ("img", "iframe", "audio", "video", "source") and a.get("src"):
            self.other_loads.append(a["src"])


def _parse(page: Path) -> _Collector:
    parser = _Collector()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _html_pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def _is_remote(url: str) -> bool:
    return urlparse(url).scheme in ("http", "https") or url.startswith("//")


# A kernel's own traceback as it shuts down, after the last cell ran: ipykernel 7 races its
# I/O thread closing against a final flush (the ENOTSOCK race ipykernel PR #1518 catches in
# another path). It is printed by the kernel process, not by Sphinx or a cell, and only when
# the race is lost. Every frame must be inside the kernel's own packages.
_KERNEL_SHUTDOWN_RACE = re.compile(
    r"^ERROR:tornado\.general:Uncaught exception in ZMQStream callback\n"
    r"Traceback \(most recent call last\):\n"
    r"((?:  .*\n)+?)"
    r"zmq\.error\.ZMQError: Socket operation on non-socket$", re.MULTILINE)
_KERNEL_PACKAGES = ("/ipykernel/", "/zmq/", "zmq/backend/", "/tornado/", "/asyncio/")


def _without_kernel_shutdown_race(log: str) -> str:
    """``log`` with the kernel-shutdown traceback above removed, and nothing else."""
    def drop(match: re.Match) -> str:
        frames = [line for line in match.group(1).splitlines() if line.startswith('  File "')]
        if frames and all(any(p in f for p in _KERNEL_PACKAGES) for f in frames):
            return ""
        return match.group(0)
    return _KERNEL_SHUTDOWN_RACE.sub(drop, log)


def test_without_kernel_shutdown_race_removes_only_that_traceback():
    """The filter drops the kernel's shutdown traceback, keeps any other error."""
    race = ("ERROR:tornado.general:Uncaught exception in ZMQStream callback\n"
            "Traceback (most recent call last):\n"
            '  File "/v/site-packages/ipykernel/kernelbase.py", line 408, in process_control\n'
            "    sys.stderr.flush()\n"
            '  File "zmq/backend/cython/_zmq.py", line 190, in zmq.backend.cython._zmq._check_rc\n'
            "zmq.error.ZMQError: Socket operation on non-socket")
    assert _without_kernel_shutdown_race(f"a\n{race}\nb") == "a\n\nb"
    cell = race.replace("/v/site-packages/ipykernel/kernelbase.py", "/repo/chapters/x.md")
    assert "ERROR" in _without_kernel_shutdown_race(cell)
    assert "ERROR" in _without_kernel_shutdown_race("x.md:3: ERROR: Unknown directive")


def test_book_builds_strictly(built_book):
    """The whole book builds with -W -n: no Sphinx warning, no cell error."""
    assert built_book.returncode == 0, built_book.log[-6000:]
    warnings = [line for line in built_book.log.splitlines()
                if "WARNING" in line and "Kernel is running over TCP" not in line]
    assert not warnings, "\n".join(warnings)
    log = _without_kernel_shutdown_race(built_book.log)
    assert "ERROR" not in log, log[max(0, log.find("ERROR") - 500):][:3000]


def test_every_toc_page_is_built(built_book):
    for page in _toc_pages():
        assert (built_book.html / f"{page}.html").is_file(), page


def test_executed_cells_print_no_warnings_or_errors(built_book):
    """Read the executed notebooks (not the HTML): no stderr, no Python warning, no error."""
    executed = sorted((built_book.html.parent / "jupyter_execute").rglob("*.ipynb"))
    assert executed, "no executed notebooks found"
    problems = []
    for nb_path in executed:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                text = "".join(out.get("text", "")) if out.get("output_type") == "stream" else ""
                if out.get("output_type") == "error":
                    problems.append(f"{nb_path.name} cell {i}: error {out.get('ename')}")
                elif out.get("name") == "stderr" and text.strip():
                    problems.append(f"{nb_path.name} cell {i}: stderr {text[:200]!r}")
                elif PY_WARNING.search(text):
                    problems.append(f"{nb_path.name} cell {i}: warning {text[:200]!r}")
    assert not problems, "\n".join(problems)


def test_no_page_loads_anything_from_outside_the_site(built_book):
    offenders = []
    for page in _html_pages(built_book.html):
        parsed = _parse(page)
        for url in parsed.scripts + parsed.styles + parsed.other_loads:
            if _is_remote(url):
                offenders.append(f"{page.relative_to(built_book.html)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_mathjax_is_served_locally(built_book):
    """MathJax comes from _static: the loader names a local startup.js, never a CDN."""
    n = 0
    for page in _html_pages(built_book.html):
        text = page.read_text(encoding="utf-8")
        for src in _parse(page).scripts:
            if "mathjax" in src.lower():
                assert not _is_remote(src)
                assert (page.parent / urlparse(src).path).resolve().is_file(), src
        for loader, startup in re.findall(
                r'<script [^>]*data-mathjax="([^"]+)"[^>]*src="([^"?]+)', text):
            loader, startup = startup, loader  # attributes come sorted: data-* before src
            assert not _is_remote(startup)
            assert ((page.parent / loader).parent / startup).resolve().is_file(), startup
            n += 1
    assert n >= 1, "no page loads MathJax"


_SPEC = re.compile(r'<script type="application/json" id="([^"]+)-spec" '
                   r'class="coursekit-chart-spec">(.*?)</script>', re.S)


def test_charts_have_valid_specs_and_the_local_bundle(built_book):
    """Every Altair chart's spec parses and has a description; its page has the chart
    loader, which names the local Vega bundle."""
    n_charts = 0
    for page in _html_pages(built_book.html):
        text = page.read_text(encoding="utf-8")
        specs = _SPEC.findall(text)
        loaders = re.findall(r'<script [^>]*data-bundle="([^"]+)"[^>]*src="([^"?]+)', text)
        for div_id, digest in re.findall(
                r'<div id="([^"]+)" class="coursekit-chart" data-spec="([0-9a-f]+)"', text):
            assert loaders, f"{page.name}: charts but no chart loader"
            spec_file = (page.parent / loaders[0][1]).parent / "coursekit-specs" / f"{digest}.js"
            assert spec_file.is_file(), f"{page.name}: {spec_file} missing"
            body = spec_file.read_text(encoding="utf-8")
            specs.append((div_id, body[body.index("] = ") + 4:body.rindex(";")]))
        if not specs:
            assert 'class="coursekit-chart"' not in text, f"{page.name}: a chart without a spec"
            continue
        assert len(loaders) == 1, f"{page.name}: charts but no chart loader"
        bundle, loader = loaders[0]
        assert "coursekit-vega-" in bundle and not _is_remote(bundle)
        assert ((page.parent / loader).parent / bundle).resolve().is_file()
        for div_id, raw in specs:
            assert f'id="{div_id}" class="coursekit-chart"' in text
            spec = json.loads(raw.replace("<\\/", "</"))
            assert "$schema" in spec and ("mark" in spec or "layer" in spec or "hconcat" in spec
                                          or "vconcat" in spec or "concat" in spec
                                          or "facet" in spec or "repeat" in spec)
            assert spec.get("description"), f"{page.name}: a chart lacks a description"
            n_charts += 1
    assert n_charts >= 1
    intro = (built_book.html / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert "coursekit-chart" in intro


def test_pages_without_charts_do_not_load_the_bundle(built_book):
    page = built_book.html / "chapters" / "bibliography.html"
    text = page.read_text(encoding="utf-8")
    assert "coursekit-vega-" not in text and "coursekit-charts.js" not in text


def test_internal_links_and_anchors_resolve(built_book):
    html = built_book.html
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page in _html_pages(html):
        for href in _parse(page).links:
            if _is_remote(href) or href.startswith(("mailto:", "javascript:")):
                continue
            path_part, anchor = urldefrag(href)
            target = (page.parent / unquote(path_part)).resolve() if path_part else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {href}")
                continue
            if anchor and target.suffix == ".html":
                ids = ids_cache.setdefault(target, _parse(target).ids)
                if anchor not in ids:
                    broken.append(f"{page.relative_to(html)} -> {href} (no anchor)")
    assert not broken, "\n".join(broken[:50])


def test_external_links_are_known_launch_or_reference_links(built_book):
    """External <a> links are allowed (they are not loaded), but only to expected hosts."""
    odd = set()
    for page in _html_pages(built_book.html):
        for href in _parse(page).links:
            if _is_remote(href) and not href.startswith(LAUNCH_PREFIXES):
                odd.add(href)
    # Citations may link to publishers; only flag links that look like asset loads.
    assert not {h for h in odd if re.search(r"\.(js|css|woff2?)(\?|$)", h)}


def test_launch_buttons_point_to_the_configured_repository(built_book):
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = cfg["repository"]["url"].rstrip("/")
    owner_repo = urlparse(repo).path.strip("/")
    intro = (built_book.html / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert f"mybinder.org/v2/gh/{owner_repo}" in intro
    assert repo in intro

"""How many bytes a built page makes a reader download, worked out from the files.

Used by the page-weight tests (``tests/book/test_budgets.py``) and ``make bench``.  For a
page of the built site, :func:`page_assets` lists every local file the page loads, each
once: the stylesheets it links (their ``@import``s, and for each ``@font-face`` rule one
font: woff2 if there is one), its scripts, icons and images, and what its loaders fetch
later, when the reader scrolls (:mod:`coursebook.sphinxext`):

* the chart bundle named by ``coursekit-charts.js``'s ``data-bundle``, and each chart's
  spec (``_static/coursekit-specs/<data-spec>.js``);
* MathJax: ``coursekit-math.js``'s ``data-mathjax`` (``startup.js``), MathJax's core, the
  components in ``data-load``, the font data of the output, and the web fonts every
  formula needs (:data:`MATHJAX_BASE_FONTS`; others, e.g. bold or calligraphic letters,
  are fetched only for formulas that use them, and are counted by the browser tests,
  which weigh what the browser really loads).

:func:`transfer_size` is what a static host that compresses text (as GitHub Pages does)
sends: gzip at level 6 for text files, fonts and images as stored.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["MATHJAX_BASE_FONTS", "Page", "page_assets", "render_blocking", "transfer_size"]

TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".map", ".xml")
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
#: CommonHTML fonts that nearly every formula needs: the zero-width font, upright and
#: italic letters, and the first two sizes of delimiters and big operators.
MATHJAX_BASE_FONTS = ("MathJax_Zero", "MathJax_Main-Regular", "MathJax_Math-Italic",
                      "MathJax_Size1-Regular", "MathJax_Size2-Regular")
_OUTPUT_FONT_DATA = {"output/chtml": "output/chtml/fonts/tex", "output/svg": "output/svg/fonts/tex"}


@lru_cache(maxsize=4096)
def _gzip_size(path: Path, _mtime: int) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def transfer_size(path: Path) -> int:
    """Bytes a compressing static host sends for ``path`` (gzip for text files)."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _gzip_size(path, path.stat().st_mtime_ns)
    return path.stat().st_size


@dataclass
class _Tag:
    name: str
    attrs: dict[str, str]
    text: str = ""
    in_head: bool = False


class _Tags(HTMLParser):
    """The page's <link>, <script>, <img>, <source> tags (with script text), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_Tag] = []
        self._in_head = False
        self._script: _Tag | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag in ("link", "script", "img", "source", "image", "video", "audio", "iframe") or (
                tag == "div" and "data-spec" in a):
            t = _Tag(tag, a, in_head=self._in_head)
            self.tags.append(t)
            if tag == "script":
                self._script = t

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data


def _tags(page: Path) -> list[_Tag]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser.tags


def _local(url: str, base: Path, root: Path) -> Path | None:
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
    """Fonts (one format per ``@font-face``) and ``@import``-ed stylesheets of a stylesheet."""
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
        fonts = [u for u in _URL.findall(block) if urlsplit(u).path.lower().endswith(FONT_SUFFIXES)]
        pick = next((u for u in fonts if ".woff2" in u.lower()), fonts[0] if fonts else None)
        if pick:
            p = _local(pick, css.parent, root)
            if p is not None:
                out.add(p)
    return out


@dataclass
class Page:
    """A page and what it loads."""

    path: Path
    assets: dict[Path, str] = field(default_factory=dict)  # file -> why it is loaded
    urls: dict[Path, set[str]] = field(default_factory=dict)  # file -> URLs (with query)

    @property
    def raw(self) -> int:
        return self.path.stat().st_size + sum(p.stat().st_size for p in self.assets)

    @property
    def transfer(self) -> int:
        return transfer_size(self.path) + sum(transfer_size(p) for p in self.assets)

    def lazy(self) -> list[Path]:
        return [p for p, why in self.assets.items() if why.startswith("later")]


def _mathjax_files(startup: Path, components: list[str], root: Path) -> dict[Path, str]:
    base = startup.parent
    files = {startup: "later: MathJax startup"}
    names = ["core", *components]
    for c in components:
        if c in _OUTPUT_FONT_DATA:
            names.append(_OUTPUT_FONT_DATA[c])
    for name in names:
        p = base / f"{name}.js"
        if p.is_file():
            files[p] = f"later: MathJax {name}"
    if "output/chtml" in components:
        woff = base / "output" / "chtml" / "fonts" / "woff-v2"
        for font in MATHJAX_BASE_FONTS:
            p = woff / f"{font}.woff"
            if p.is_file():
                files[p] = "later: MathJax font"
    return files


def page_assets(page: Path, root: Path) -> Page:
    """Every local file ``page`` (under the site ``root``) loads, each once, with why."""
    root = root.resolve()
    page = page.resolve()
    result = Page(page)

    def add(p: Path | None, why: str, url: str = "") -> None:
        if p is not None and p not in result.assets:
            result.assets[p] = why
        if p is not None and url:
            result.urls.setdefault(p, set()).add(_absolute(url, page, root))

    tags = _tags(page)
    for tag in tags:
        a = tag.attrs
        if tag.name == "script" and a.get("src"):
            src = _local(a["src"], page.parent, root)
            add(src, "script", a["src"])
            if src is not None and a.get("data-bundle"):
                add(_local(a["data-bundle"], src.parent, root), "later: chart bundle")
                for div in tags:
                    if div.name == "div" and div.attrs.get("data-spec"):
                        add(_local(f"coursekit-specs/{div.attrs['data-spec']}.js", src.parent,
                                   root), "later: chart spec")
            if src is not None and a.get("data-mathjax"):
                startup = _local(a["data-mathjax"], src.parent, root)
                if startup is not None:
                    for p, why in _mathjax_files(startup, a.get("data-load", "").split(),
                                                 root).items():
                        add(p, why)
        elif tag.name == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels & {"stylesheet", "preload", "modulepreload", "icon"}:
                p = _local(a["href"], page.parent, root)
                add(p, "stylesheet" if "stylesheet" in rels else next(iter(sorted(rels))),
                    a["href"])
                if p is not None and p.suffix == ".css":
                    for f in sorted(css_fonts(p, root)):
                        add(f, "font" if f.suffix != ".css" else "stylesheet")
        elif tag.name in ("img", "source", "image", "video", "audio", "iframe"):
            src = a.get("src") or a.get("href") or (a.get("srcset", "").split(",")[0].split()
                                                     or [""])[0]
            if src:
                add(_local(src, page.parent, root), "image", src)
    return result


def _absolute(url: str, page: Path, root: Path) -> str:
    """The URL, resolved against the page, as a path from the site root (query kept)."""
    parts = urlsplit(url)
    base = page.parent.relative_to(root).as_posix()
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return path + (f"?{parts.query}" if parts.query else "")


def render_blocking(page: Path) -> list[tuple[str, int]]:
    """Scripts in ``<head>`` that stop the first paint: ``(what, bytes)``.

    External scripts without ``defer``, ``async`` or ``type="module"`` count with their
    file size (or -1 if the file is not local); inline scripts with their text.  Inline
    ``type="application/json"`` and other non-JavaScript types do not run and do not count.
    """
    out = []
    for tag in _tags(page):
        if tag.name != "script" or not tag.in_head:
            continue
        a = tag.attrs
        kind = a.get("type", "").lower()
        if kind and kind not in ("text/javascript", "application/javascript", "module"):
            continue
        if "defer" in a or "async" in a or kind == "module":
            continue
        if a.get("src"):
            p = _local(a["src"], page.parent, page.parent)  # any local file
            p = p or _local(a["src"], page.parent, Path("/"))
            out.append((a["src"], p.stat().st_size if p else -1))
        else:
            out.append(("inline: " + " ".join(tag.text.split())[:60], len(tag.text.encode())))
    return out

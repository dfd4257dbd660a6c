"""What each built page loads: one stylesheet, no blocking script, only the scripts it uses.

Run by :mod:`coursebook.sphinxext` when the HTML build finishes (:func:`optimize_site`).
For every page of the site it rewrites the ``<head>`` that the theme and the extensions
wrote:

* the eleven stylesheets become one shared, purged and minified stylesheet,
  ``_static/coursekit-site-<hash>.css`` (:mod:`coursebook.cssbundle`), which also
  draws the theme's Font Awesome icons as CSS masks (:mod:`coursebook.icons`);
* the theme's Font Awesome script (1.49 MB) and its preload hints are dropped;
* Sphinx's search scripts and search index are kept on the search page only (the theme's
  search box opens that page unless ``search_as_you_type`` is on);
* Thebe's scripts are kept only on pages with a "Live code" button, the copy button's only
  on pages with code blocks, sphinx-design's tab script only on pages with tabs;
* ``documentation_options.js`` (0.4 kB, needed by inline scripts that follow it) is
  inlined, and every other script gets ``defer``, so no script blocks the first paint;
  the scripts in :data:`AFTER_PAINT` are not even requested until the page has painted;
* each chart's spec (and data) moves out of the page into a small script that the chart
  loader fetches when the chart nears the screen (:func:`externalize_specs`).

Pages that an incremental build did not rewrite were processed by an earlier build; only
their stylesheet link is updated.  The stylesheets each page listed are remembered in a
manifest next to Sphinx's doctrees, so that the shared stylesheet can be rebuilt from the
sources whatever pages a build rewrites.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from coursebook import cssbundle, icons

__all__ = ["AFTER_PAINT", "AFTER_PAINT_TYPE", "BUNDLE_PREFIX", "SiteReport", "optimize_site",
           "page_files", "rewrite_head"]

BUNDLE_PREFIX = "coursekit-site-"
MARKER = 'data-coursekit="site-css"'
#: Stylesheets written whole: their classes appear only once an outside library runs
#: (Thebe), or they are the course's own (small, and styling what scripts draw).
KEEP_WHOLE = ("sphinx-thebe.css", "coursekit.css")
#: Scripts only the search page needs, unless the theme searches as you type.
SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
FONT_AWESOME = re.compile(r"(?:^|/)fontawesome(?:\.min)?\.js$")
#: Scripts that only act on some pages' content, and what they act on: sphinx-design's tab
#: sets, sphinx-copybutton's code blocks (its selector, ``div.highlight pre``).
ONLY_WITH = {
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab-'),
    "copybutton.js": re.compile(r'class="highlight"'),
    "clipboard.min.js": re.compile(r'class="highlight"'),
}
#: Scripts whose work does not change what the first screen shows (menus, copy buttons,
#: tooltips, search highlighting, the lazy chart and maths loaders, Thebe's on-click
#: start): requested only after the first paint, so that on a slow network the first
#: paint does not wait for their bytes.  Sphinx-togglebutton (it collapses solutions) and
#: sphinx-design's tabs stay deferred.  The search scripts are held too (they run in page
#: order, so ``searchtools.js`` still finds ``doctools.js`` and the index after it).
AFTER_PAINT = frozenset({
    "doctools.js", "sphinx_highlight.js", "clipboard.min.js", "copybutton.js",
    "sphinx-book-theme.js", "bootstrap.js", "pydata-sphinx-theme.js", "coursekit-math.js",
    "coursekit-charts.js", "sphinx-thebe.js", *SEARCH_SCRIPTS,
    "translations.js",  # a translated edition's Sphinx strings: calls doctools.js's Documentation
})
#: The inert type that holds an :data:`AFTER_PAINT` script until :data:`AFTER_PAINT_LOADER`
#: starts it: a browser neither fetches nor runs a script of a type it does not know.
AFTER_PAINT_TYPE = "text/x-coursekit-after-paint"
#: After the load event and two animation frames (the first one painted), each held script
#: is started in page order (``async = false`` keeps the order) with its attributes (for
#: ``document.currentScript``).  When the last has run, ``<html>`` gets
#: ``data-coursekit-scripts="ready"`` (the browser tests wait for it).
AFTER_PAINT_LOADER = (
    'addEventListener("load",function(){requestAnimationFrame(function(){'
    'requestAnimationFrame(function(){setTimeout(function(){var s;[].forEach.call('
    'document.querySelectorAll(\'script[type="' + AFTER_PAINT_TYPE + '"]\'),function(o){'
    's=document.createElement("script");[].forEach.call(o.attributes,function(a){'
    'if(a.name!=="type")s.setAttribute(a.name,a.value)});s.async=false;'
    'document.head.appendChild(s)});if(s)s.onload=function(){'
    'document.documentElement.dataset.coursekitScripts="ready"}})})})})')
_FA_FONT_FACE = re.compile(r"font-?awesome", re.I)

_TAG_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_HEAD = re.compile(r"<head\b[^>]*>(.*?)</head>", re.S | re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _attrs(tag: str) -> dict[str, str]:
    inner = re.sub(r"^<\w+|/?>$", "", tag.strip())
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _TAG_ATTR.finditer(inner)}


def _waits_for_paint(name: str, attrs: dict[str, str], body: str) -> bool:
    """Whether a local script file (its basename, attributes and text) is held until after
    the first paint: a classic script with nothing inline, named in :data:`AFTER_PAINT`."""
    return name in AFTER_PAINT and "type" not in attrs and not body.strip()


def _is_local(url: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.I)


def _path_of(url: str) -> str:
    return url.split("#")[0].split("?")[0]


@dataclass
class PageResult:
    """What :func:`rewrite_head` did to one page."""

    stylesheets: list[tuple[str, str | None]] = field(default_factory=list)  # site-relative
    removed: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    after_paint: list[str] = field(default_factory=list)


def rewrite_head(page: str, rel: str, *, search_page: bool, search_as_you_type: bool,
                 inline: dict[str, str]) -> tuple[str, PageResult]:
    """Rewrite one freshly written page's ``<head>`` (see the module docstring).

    ``rel`` is the page's path inside the site (``chapters/intro.html``); ``inline`` maps
    site-relative paths of scripts to inline (``_static/documentation_options.js``) to
    their text.  The stylesheet links are replaced by one link marked ``MARKER`` whose
    ``href`` is set later (:func:`_set_bundle`).
    """
    m = _HEAD.search(page)
    if not m:
        return page, PageResult()
    head = m.group(1)
    result = PageResult()
    base = posixpath.dirname(rel)
    uses_thebe = bool(re.search(r"initThebe|thebe-launch-button", page))

    def site_path(url: str) -> str:
        return posixpath.normpath(posixpath.join(base, _path_of(url)))

    first_css = [True]

    def link(mt: re.Match) -> str:
        tag = mt.group(0)
        a = _attrs(tag)
        rels = set(a.get("rel", "").lower().split())
        href = a.get("href", "")
        if "stylesheet" in rels and _is_local(href) and "title" not in a \
                and "disabled" not in a and "alternate" not in rels:
            result.stylesheets.append((site_path(href), a.get("media")))
            if first_css[0]:
                first_css[0] = False
                return f'<link rel="stylesheet" href="" {MARKER} />'
            return ""
        if "preload" in rels and a.get("as") == "script" and _is_local(href):
            result.removed.append(site_path(href))
            return ""
        return tag

    def script(mt: re.Match) -> str:
        tag_attrs, body = mt.group(1), mt.group(2)
        a = _attrs("<script " + tag_attrs + ">")
        src = a.get("src")
        if not src:
            if "THEBE_JS_URL" in body and not uses_thebe:
                result.removed.append("inline Thebe configuration")
                return ""
            return mt.group(0)
        if not _is_local(src):
            return mt.group(0)
        path = site_path(src)
        name = posixpath.basename(path)
        drop = (FONT_AWESOME.search(path)
                or (name in SEARCH_SCRIPTS and not (search_page or search_as_you_type))
                or (name == "sphinx-thebe.js" and not uses_thebe)
                or (name in ONLY_WITH and not ONLY_WITH[name].search(page)))
        if drop:
            result.removed.append(path)
            return ""
        if path in inline:
            result.removed.append(path)
            return "<script>" + inline[path].strip().replace("</", "<\\/") + "</script>"
        if _waits_for_paint(name, a, body):
            return hold(path, a)
        if "defer" in a or "async" in a or a.get("type", "").lower() == "module":
            return mt.group(0)
        result.deferred.append(path)
        return "<script defer" + mt.group(1) + ">" + body + "</script>"

    def hold(path: str, a: dict[str, str]) -> str:
        result.after_paint.append(path)
        kept = "".join(f' {k}="{html.escape(v)}"' for k, v in a.items()
                       if k not in ("defer", "async"))
        return f'<script type="{AFTER_PAINT_TYPE}"{kept}></script>'

    def body_script(mt: re.Match) -> str:  # the theme puts its own two scripts in <body>
        a = _attrs("<script " + mt.group(1) + ">")
        src = a.get("src", "")
        if src and _is_local(src) and _waits_for_paint(
                posixpath.basename(_path_of(src)), a, mt.group(2)):
            return hold(site_path(src), a)
        return mt.group(0)

    new_head = _LINK.sub(link, head)
    new_head = _SCRIPT.sub(script, new_head)
    rest = _SCRIPT.sub(body_script, page[m.end(1):])
    if result.after_paint:
        new_head = new_head.rstrip() + "\n<script>" + AFTER_PAINT_LOADER + "</script>\n"
    page = page[:m.start(1)] + new_head + rest
    # Thebe's configuration for a page that cannot start Thebe, and Font Awesome anywhere.
    if not uses_thebe:
        page = re.sub(r'\s*<script type="text/x-thebe-config">.*?</script>', "", page, flags=re.S)
    page = re.sub(r'\s*<script\b[^>]*\bsrc="[^"]*fontawesome(?:\.min)?\.js[^"]*"[^>]*></script>',
                  "", page)
    return page, result


_REFRESH = re.compile(r"""<meta\s+http-equiv=["']refresh["']\s+content=["'][^"']*url=([^"']+)["']"""
                      r"[^>]*>", re.I)


def redirect_page(page: str, rel: str, root: Path) -> str | None:
    """A complete small page around a bare ``<meta http-equiv="refresh">`` redirect.

    Jupyter Book writes the site's root ``index.html`` as that one tag; a browser then
    also asks for ``/favicon.ico`` (a 404, logged as a console error) and search engines
    find no title or description.  The page keeps the same tag and gains a title, the
    target's description and icon, and a link for readers whose browser does not follow
    it.  Returns None if ``page`` is not such a stub.
    """
    m = _REFRESH.search(page)
    if not m or re.search(r"<(?:head|body)\b", page, re.I):
        return None
    target = m.group(1).strip()
    dest = (root / posixpath.dirname(rel) / target.split("#")[0].split("?")[0]).resolve()
    title, description, icon, lang = "Industrial Clusters", "", "", "en"
    if dest.is_file():
        text = dest.read_text(encoding="utf-8")
        h = re.search(r'<html\b[^>]*\blang="([^"]+)"', text)
        lang = h.group(1) if h else lang
        t = re.search(r"<title>(.*?)</title>", text, re.S)
        d = re.search(r'<meta name="description" content="([^"]*)"', text)
        i = re.search(r'<link rel="icon" href="([^"]+)"', text)
        title = t.group(1).strip() if t else title
        description = d.group(1) if d else ""
        if i:
            icon = posixpath.normpath(posixpath.join(posixpath.dirname(target), i.group(1)))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8" />\n'
            f"<title>{title}</title>\n"
            + (f'<meta name="description" content="{description}" />\n' if description else "")
            + (f'<link rel="icon" href="{html.escape(icon, quote=True)}" />\n' if icon else "")
            + f'<link rel="canonical" href="{html.escape(target, quote=True)}" />\n'
            + m.group(0) + "\n</head>\n<body>\n"
            + f'<p><a href="{html.escape(target, quote=True)}">{title}</a></p>\n</body>\n</html>\n')


SPECS_DIR = "coursekit-specs"
_SPEC = re.compile(r'<script type="application/json" id="([^"]+)-spec" '
                   r'class="coursekit-chart-spec">(.*?)</script>', re.S)
_SPEC_REF = re.compile(r'<div id="[^"]+" class="coursekit-chart" data-spec="([0-9a-f]+)"')


def externalize_specs(page: str, root: Path) -> str:
    """Move each chart's spec out of the page into ``_static/coursekit-specs/<hash>.js``.

    The chart renderer writes a chart's Vega-Lite spec, data included, into the page as
    JSON (often most of the page's bytes).  Here it becomes a small script named by the
    hash of its content, which ``coursekit-charts.js`` loads together with the Vega bundle
    when the chart nears the screen (a ``<script>``, so it works from ``file://`` too);
    the chart's ``<div>`` gets ``data-spec="<hash>"``.
    """
    folder = root / "_static" / SPECS_DIR
    for m in list(_SPEC.finditer(page)):
        chart_id, text = m.group(1), m.group(2)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{digest}.js"
        body = (f'(window.coursekitSpecs = window.coursekitSpecs || {{}})["{digest}"] = '
                f"{text};\n")
        if not target.is_file() or target.read_text(encoding="utf-8") != body:
            target.write_text(body, encoding="utf-8")
        page = page.replace(m.group(0), "", 1)
        page = page.replace(f'<div id="{chart_id}" class="coursekit-chart"',
                            f'<div id="{chart_id}" class="coursekit-chart" data-spec="{digest}"', 1)
    return page


def _set_bundle(page: str, rel: str, bundle: str) -> str:
    """Point the page's marked stylesheet link at ``_static/<bundle>``."""
    href = posixpath.relpath(f"_static/{bundle}", posixpath.dirname(rel) or ".")
    return re.sub(r'<link rel="stylesheet" href="[^"]*" ' + re.escape(MARKER) + " />",
                  f'<link rel="stylesheet" href="{href}" {MARKER} />', page, count=1)


def page_files(root: Path) -> list[Path]:
    """The site's HTML pages (everything but ``_static``, ``_sources`` and ``_images``).

    Another edition of the book built into a folder of this site (``zh_CN/``, a Sphinx
    site of its own, with its ``.buildinfo``) is not part of it: it is optimised by its
    own build (:mod:`coursebook.editions`).
    """
    nested = {p.parent for p in root.rglob(".buildinfo") if p.parent != root}
    return sorted(p for p in root.rglob("*.html")
                  if not {"_static", "_sources", "_images"} & set(p.relative_to(root).parts)
                  and not any(n in p.parents for n in nested))


def _site_scripts(root: Path) -> list[Path]:
    """Scripts whose text may name classes the pages get at run time (theme, extensions)."""
    static = root / "_static"
    return sorted(p for p in static.rglob("*.js")
                  if "mathjax" not in p.relative_to(static).parts
                  and not FONT_AWESOME.search(p.name)
                  and not p.name.startswith("coursekit-vega-"))


@dataclass
class SiteReport:
    """What :func:`optimize_site` did."""

    pages: int = 0
    rewritten: int = 0
    bundles: dict[str, int] = field(default_factory=dict)  # file name -> bytes
    icons: list[str] = field(default_factory=list)
    specs: int = 0  # chart specs in _static/coursekit-specs
    removed: dict[str, int] = field(default_factory=dict)  # what was dropped -> pages


def optimize_site(root: Path, manifest_path: Path, *, search_as_you_type: bool = False) -> SiteReport:
    """Rewrite every page of the built site in ``root`` (see the module docstring)."""
    root = Path(root).resolve()
    report = SiteReport()
    manifest: dict[str, list[list]] = {}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    inline = {}
    options = root / "_static" / "documentation_options.js"
    if options.is_file():
        inline["_static/documentation_options.js"] = options.read_text(encoding="utf-8")

    pages: dict[str, str] = {}
    vocab = cssbundle.Vocabulary()
    for path in page_files(root):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        vocab.add_html(text)
        report.pages += 1
        if _REFRESH.search(text) and "stylesheet" not in text:  # the root redirect page
            full = redirect_page(text, rel, root)
            if full is not None:  # a bare stub: made a complete page (it loads nothing)
                path.write_text(full, encoding="utf-8")
            continue
        if MARKER in text:  # processed by an earlier build, not rewritten by this one
            if rel not in manifest:
                raise RuntimeError(f"{rel} was optimised by an earlier build whose record "
                                   f"({manifest_path}) is gone; build with --all")
        elif _HEAD.search(text):
            text, res = rewrite_head(text, rel, search_page=rel == "search.html",
                                     search_as_you_type=search_as_you_type, inline=inline)
            text = externalize_specs(text, root)
            manifest[rel] = [list(s) for s in res.stylesheets]
            report.rewritten += 1
            for what in res.removed:
                report.removed[what] = report.removed.get(what, 0) + 1
        else:
            continue
        pages[rel] = text
    manifest = {k: v for k, v in manifest.items() if k in pages}

    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in _site_scripts(root)]
    for text in scripts:
        vocab.add_script(text)
    extra = ""
    used = icons.used_icons(list(pages.values()), scripts)
    if used:
        fa = next(iter(sorted((root / "_static").rglob("fontawesome.js"))), None)
        if fa is None:
            raise icons.IconError("pages use Font Awesome icons but the theme's fontawesome.js "
                                  "is not in _static")
        extra = icons.icon_css(used, icons.parse_fontawesome(fa.read_text(encoding="utf-8")))
        report.icons = sorted(f"{p} fa-{n}" for p, n in used)

    bundles: dict[tuple, str] = {}
    for sheets in sorted({tuple(map(tuple, v)) for v in manifest.values()}):
        files = [(root / p, media) for p, media in sheets if (root / p).is_file()]
        css = cssbundle.bundle(files, root, "_static", vocab, keep_whole=KEEP_WHOLE,
                               drop_font_face=_FA_FONT_FACE, extra=extra)
        name = BUNDLE_PREFIX + hashlib.sha256(css.encode()).hexdigest()[:12] + ".css"
        (root / "_static" / name).write_text(css, encoding="utf-8")
        bundles[sheets] = name
        report.bundles[name] = len(css.encode())
    for stale in (root / "_static").glob(BUNDLE_PREFIX + "*.css"):
        if stale.name not in report.bundles:
            stale.unlink()

    specs = {h for text in pages.values() for h in _SPEC_REF.findall(text)}
    for stale in sorted((root / "_static" / SPECS_DIR).glob("*.js")):
        if stale.stem not in specs:
            stale.unlink()
    report.specs = len(specs)
    for rel, text in pages.items():
        name = bundles[tuple(map(tuple, manifest[rel]))]
        new = _set_bundle(text, rel, name)
        path = root / rel
        if new != path.read_text(encoding="utf-8"):
            path.write_text(new, encoding="utf-8")
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return report

"""The book's print and e-book editions: charts as static images, from the site's own specs.

Loaded by :mod:`coursebook.sphinxext`.  While the book builds, every chart output of a page
holds the chart's Vega-Lite spec (inside the offline renderer's HTML, see
:mod:`coursebook.renderer`) and a ``text/plain`` line ``<Chart: …>``.  The HTML builder
shows the spec as an interactive chart; the LaTeX and EPUB builders cannot run JavaScript
and would print the ``<Chart: …>`` line.  For those builders the post-transform
:class:`StaticCharts` draws each spec with ``vl-convert`` (the same spec, so the same chart,
title and source line as on the site) as a vector PDF (LaTeX) or SVG (EPUB) and offers it
to myst-nb as one more output of the cell, which myst-nb's mime-type selection then picks.
In a translated edition (:func:`coursebook.editions.build_edition` with the ``latex`` or
``epub`` builder) the spec's text is first translated from the edition's charts catalogue,
as its site does (:func:`coursebook.charttext.translate_spec`: same data, same numbers),
and a Chinese chart names its CJK font (:func:`print_spec`); the rest of a translated
print edition is :mod:`coursebook.printed_i18n`.

A chart whose parameters are bound to an input (the slider chart of chapter 2) is drawn at
the parameters' default values, and a line under it says so.  Exercise solutions are left
out of both editions (:func:`drop_solutions`): they stay in the online edition and the
notebooks, so a printed chapter can be used for exercises in class.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = [
    "PRINT_BUILDERS",
    "PRINT_WIDTH",
    "StaticCharts",
    "bound_defaults",
    "chart_spec",
    "drop_solutions",
    "render_chart",
]

#: Builders that cannot draw a chart with JavaScript, and the image format each one gets.
PRINT_BUILDERS = {"latex": "pdf", "epub": "svg"}

#: Width, in CSS pixels (= PDF points), of a chart that is as wide as its container on the
#: site: about the text width of the printed page, so fonts keep their size.
PRINT_WIDTH = 440

_SPEC = re.compile(r'<script type="application/json" id="[^"]*" '
                   r'class="coursekit-chart-spec">(?P<json>.*?)</script>', re.S)


def chart_spec(markup: str) -> dict[str, Any] | None:
    """The Vega-Lite spec in the offline renderer's HTML for one chart, or None.

    >>> from coursebook.renderer import offline_renderer
    >>> chart_spec(offline_renderer({"mark": "bar", "description": "d"})["text/html"])
    {'description': 'd', 'mark': 'bar'}
    >>> chart_spec("<p>no chart</p>") is None
    True
    """
    match = _SPEC.search(markup)
    return json.loads(match.group("json")) if match else None


def bound_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    """The default value of every parameter bound to an input (a slider), by name.

    >>> bound_defaults({"params": [{"name": "T", "value": 0.4, "bind": {"input": "range"}},
    ...                            {"name": "sel", "select": "point"}]})
    {'T': 0.4}
    """
    return {p["name"]: p.get("value") for p in spec.get("params", [])
            if isinstance(p, dict) and p.get("bind")}


#: The font that a chart of an edition in these languages names first: vl-convert would
#: otherwise draw its text in whichever installed font has the glyphs (the PDF's own CJK
#: font family, from Debian's fonts-noto-cjk).
CJK_CHART_FONTS = {"zh": "Noto Sans CJK SC"}


def print_spec(spec: dict[str, Any], language: str = "en") -> dict[str, Any]:
    """The spec as drawn on paper: a container-wide chart gets :data:`PRINT_WIDTH`, and a
    chart of a Chinese edition names its CJK font first (:data:`CJK_CHART_FONTS`).

    >>> print_spec({"width": "container", "mark": "bar"})["width"]
    440
    >>> print_spec({"mark": "bar", "config": {"font": "Arial, sans-serif"}}, "zh_CN")["config"]
    {'font': "'Noto Sans CJK SC', Arial, sans-serif"}
    """
    out = dict(spec)
    if out.get("width") == "container":
        out["width"] = PRINT_WIDTH
    font = CJK_CHART_FONTS.get(language.split("_")[0])
    if font:
        config = dict(out.get("config") or {})
        config["font"] = f"'{font}', {config.get('font') or 'sans-serif'}"
        out["config"] = config
    return out


def render_chart(spec: dict[str, Any], fmt: str, folder: Path, language: str = "en") -> Path:
    """Draw ``spec`` with vl-convert as ``fmt`` ("pdf", "svg" or "png") into ``folder``,
    as printed in the ``language`` edition (:func:`print_spec`).

    The file is named by a digest of the spec, so it is drawn once and builds are
    reproducible; an existing file is reused.
    """
    import vl_convert as vlc

    from coursebook.renderer import vl_version

    if fmt not in ("pdf", "svg", "png"):
        raise ValueError(f"render_chart: fmt must be 'pdf', 'svg' or 'png', not {fmt!r}.")
    text = json.dumps(print_spec(spec, language), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(f"{vlc.__version__}|{text}".encode()).hexdigest()[:16]
    target = folder / f"chart-{digest}.{fmt}"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            data: bytes | str = vlc.vegalite_to_pdf(text, vl_version=vl_version())
        elif fmt == "svg":
            data = vlc.vegalite_to_svg(text, vl_version=vl_version())
        else:
            data = vlc.vegalite_to_png(text, vl_version=vl_version(), scale=1)
        tmp = target.with_suffix(".tmp")
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        tmp.replace(target)
    return target


def _chart_of(bundle: nodes.Element) -> dict[str, Any] | None:
    for child in bundle.children:
        if child.get("mime_type") == "text/html":
            return chart_spec(child.astext())
    return None


class StaticCharts(SphinxPostTransform):
    """Offer every chart output to the LaTeX and EPUB builders as a vector image.

    Runs before myst-nb's ``SelectMimeType`` (priority 4), which then picks the image
    (``application/pdf`` for LaTeX, ``image/svg+xml`` for EPUB) over ``text/plain``.
    """

    default_priority = 3
    builders = tuple(PRINT_BUILDERS)

    def run(self, **kwargs: Any) -> None:
        fmt = PRINT_BUILDERS[self.app.builder.name]
        mime = "application/pdf" if fmt == "pdf" else "image/svg+xml"
        srcdir = Path(self.app.srcdir)
        folder = Path(self.app.doctreedir).parent / "coursebook-charts"
        language = edition_language(self.app)
        lookup = chart_lookup(srcdir, language)
        lacking: dict[str, dict[str, None]] = {}  # by page
        for bundle in list(self.document.findall(
                lambda n: isinstance(n, nodes.container)
                and n.get("nb_element") == "mime_bundle")):
            spec = _chart_of(bundle)
            if spec is None:
                continue
            if lookup is not None:  # a translated edition: the chart's text, not its numbers
                from coursebook.charttext import translate_spec

                spec, missing = translate_spec(spec, lookup)
                from coursebook.i18n_doctrees import page_of

                lacking.setdefault(page_of(bundle, self.env.docname), {}).update(
                    dict.fromkeys(missing))
            path = render_chart(spec, fmt, folder, language)
            rel = path.relative_to(srcdir).as_posix() if path.is_relative_to(
                srcdir) else path.as_posix()
            self.env.images.add_file(self.env.docname, rel)
            description = str(spec.get("description") or "Chart")
            image = nodes.image(uri=rel, candidates={"*": rel}, alt=description,
                                classes=["coursekit-static-chart"])
            parts: list[nodes.Node] = [image]
            defaults = bound_defaults(spec)
            if defaults:
                shown = ", ".join(f"{k} = {v}" for k, v in defaults.items())
                from coursebook.printed_i18n import PRINTED_AT

                note = ui_text(srcdir, language, PRINTED_AT).replace("{0}", shown)
                parts.append(nodes.paragraph("", "", nodes.emphasis("", note)))
            container = nodes.container(mime_type=mime)
            container.extend(parts)
            bundle.children = []  # the image is the only choice left (EPUB prefers HTML)
            bundle.append(container)
        declared = _declared(srcdir, language) if lacking else set()
        for docname, missing in sorted(lacking.items()):
            if not missing or docname not in declared:
                continue
            from coursebook.i18n import CHARTS_DOMAIN, LOCALES, _warn

            _warn(self.app, docname, f"{docname} is declared translated in {LOCALES}/"
                  f"{language}/TRANSLATED, but {len(missing)} chart strings have no "
                  f"translation in {LOCALES}/{language}/LC_MESSAGES/{CHARTS_DOMAIN}.po (run "
                  f"'make locales' and translate them): "
                  + "; ".join(map(repr, list(missing)[:8])))


def edition_language(app: Any) -> str:
    """The language of the edition being built (``en`` for the English one)."""
    return getattr(getattr(app, "config", None), "language", None) or "en"


def chart_lookup(srcdir: Path, language: str) -> Any:
    """The charts catalogue's ``get`` of a translated edition (what the HTML edition uses,
    :func:`coursebook.i18n.translated_page`), or None in the English edition."""
    if language == "en":
        return None
    from coursebook.i18n import CHARTS_DOMAIN, catalogue

    return (catalogue(srcdir, language, CHARTS_DOMAIN) or {}).get


def ui_text(srcdir: Path, language: str, message: str) -> str:
    """A message of the editions' own catalogue (``coursebook.po``) in ``language``."""
    from coursebook.i18n import _ui

    return _ui(srcdir, language, message)


def _declared(srcdir: Path, language: str) -> set[str]:
    if language == "en":
        return set()
    from coursebook.editions import declared_translated

    return declared_translated(srcdir, language)


def epub_xhtml(app: Any, doctree: Any, docname: str) -> None:
    """The EPUB's pages as valid XHTML without scripts (``doctree-resolved``, late).

    An EPUB's pages are XHTML and run no scripts: raw HTML outputs (pandas writes ``<style
    scoped>``, an attribute without a value, and ``valign``) are rewritten by :func:`xhtml`,
    the raw ``<script>`` nodes that sphinx-thebe appends to every page are dropped, and
    sphinx-exercise's ``exercise-content`` section id, which it gives every exercise, is
    made unique (epubcheck RSC-005 "Duplicate ID").
    """
    if app.builder.name != "epub":
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" in node.get("format", "").split():
            text = xhtml(node.astext())
            if text.strip():
                node.children = [nodes.Text(text)]
            else:
                node.parent.remove(node)
    seen: dict[str, int] = {}
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids", [])
        for i, ident in enumerate(ids):
            if ident == "exercise-content":
                seen[ident] = seen.get(ident, 0) + 1
                ids[i] = f"{ident}-{seen[ident]}"


def xhtml(markup: str) -> str:
    """An HTML fragment as well-formed XHTML, without ``style``, ``script`` or ``noscript``.

    >>> xhtml('<style scoped>td {}</style><table border="1"><tr><td>a &amp; b<br></td></tr></table>')
    '<table border="1"><tr><td>a &amp; b<br/></td></tr></table>'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(["style", "script", "noscript"]):
        tag.decompose()
    for tag in soup.find_all(True):
        css = [f"{prop}: {tag.attrs.pop(attr)}" for attr, prop in
               (("valign", "vertical-align"), ("halign", "text-align")) if attr in tag.attrs]
        if css:  # pandas' table attributes, not in HTML 5: as CSS
            tag["style"] = "; ".join(css)
        for key, value in list(tag.attrs.items()):
            if value == "" or value is None:
                tag.attrs[key] = key  # boolean attribute, as XHTML writes it
    return soup.decode(formatter="minimal")


def drop_solutions(app: Any, doctree: Any, docname: str) -> None:
    """Leave exercise solutions out of the PDF and EPUB editions (see the module docstring)."""
    if app.builder.name not in PRINT_BUILDERS:
        return
    for node in list(doctree.findall(nodes.Element)):
        if type(node).__name__ in ("solution_node", "solution_start_node", "solution_end_node"):
            node.parent.remove(node)


def epub_page(app: Any, pagename: str, templatename: str, context: dict,
              doctree: Any) -> None:
    """No scripts in the EPUB's pages, and no stylesheet that the EPUB does not hold.

    EPUB 3 wants every page with a script declared "scripted" (epubcheck OPF-014), and the
    book's scripts (charts, MathJax, search, theme) have nothing to do in an e-book: charts
    are images there.  myst-nb's and sphinx-exercise's stylesheets are written for HTML
    builds only, so the EPUB would reference files it does not contain (RSC-007).
    """
    if app.builder.name != "epub":
        return
    if context.get("script_files") is not None:
        context["script_files"] = []
    css = context.get("css_files")
    if css:
        context["css_files"] = [c for c in css if not re.search(
            r"(^|/)(mystnb\.[0-9a-f]+\.css|exercise\.css)$", str(getattr(c, "filename", c)))]


def no_launch_buttons_in_epub(app: Any) -> None:
    """Turn the theme's launch buttons off for the EPUB builder (``builder-inited``).

    sphinx-book-theme's ``add_launch_buttons`` assumes a repository URL it can split for
    every HTML-like builder and fails under ``epub`` ("cannot unpack non-iterable
    NoneType"); an e-book has nowhere to launch a notebook anyway.
    """
    if app.builder.name == "epub":
        options = dict(app.config.html_theme_options or {})
        options["launch_buttons"] = {}
        app.config.html_theme_options = options


_VERSION = re.compile(r'^__version__\s*=\s*["\']([^"\']+)["\']', re.M)


def course_version(root: Path) -> str:
    """The course's one version number: ``__version__`` in ``src/coursekit/__init__.py``.

    Read from the file, not from installed metadata, so an editable install that was made
    before the number changed cannot show an old one.
    """
    text = (Path(root) / "src" / "coursekit" / "__init__.py").read_text(encoding="utf-8")
    match = _VERSION.search(text)
    if not match:
        raise ValueError(f"no __version__ = '...' line in {root}/src/coursekit/__init__.py")
    return match.group(1)


def set_version(app: Any, config: Any) -> None:
    """``version``/``release`` (EPUB metadata, the PDF's title page) and the footer's
    "Version x.y.z" line, all from :func:`course_version` (``config-inited``)."""
    version = course_version(Path(app.srcdir))
    config.version = config.release = version
    options = dict(config.html_theme_options or {})
    footer = str(options.get("extra_footer", "") or "")
    line = f'<p class="coursekit-version">Version {version}.</p>'
    if line not in footer:
        options["extra_footer"] = footer.rstrip() + "\n" + line
        config.html_theme_options = options

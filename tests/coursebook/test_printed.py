"""Tests for coursebook.printed: a chart spec drawn as a static image (vl-convert, pinned, on a
tiny spec), the post-transform that offers it to the LaTeX and EPUB builders, solutions left
out of print, the EPUB's XHTML and pages, and the course's version (no book build, no LaTeX).
The whole PDF and EPUB are checked by tests/book/test_published.py."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx_exercise.nodes import (
    exercise_node,
    solution_end_node,
    solution_node,
    solution_start_node,
)

from coursebook import printed
from coursebook.renderer import offline_renderer

SPEC = {"data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 2}]}, "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"},
                     "y": {"field": "b", "type": "quantitative"}},
        "width": "container", "height": 60, "description": "Two bars"}
SLIDER = {**SPEC, "description": "Bars with a threshold",
          "params": [{"name": "T", "value": 0.4, "bind": {"input": "range", "min": 0, "max": 1}}]}


# --- chart spec -> static image ------------------------------------------------------------

def test_render_chart_draws_the_spec_once_under_a_name_of_its_digest(tmp_path):
    svg = printed.render_chart(SPEC, "svg", tmp_path / "charts")
    assert svg.parent == tmp_path / "charts" and svg.name.startswith("chart-")
    assert svg.suffix == ".svg" and len(svg.stem) == len("chart-") + 16
    width = re.match(r'<svg [^>]*width="(\d+)"', svg.read_text(encoding="utf-8"))
    assert width and int(width.group(1)) >= printed.PRINT_WIDTH  # "container": the text width
    assert printed.render_chart({**SPEC, "width": printed.PRINT_WIDTH}, "svg",
                                tmp_path / "charts") == svg  # as drawn on paper: the same
    assert printed.render_chart({**SPEC, "height": 80}, "svg", tmp_path / "charts") != svg
    svg.write_text("<svg>drawn before</svg>", encoding="utf-8")
    assert printed.render_chart(SPEC, "svg", tmp_path / "charts") == svg
    assert svg.read_text(encoding="utf-8") == "<svg>drawn before</svg>"  # reused, not redrawn
    assert sorted(p.suffix for p in (tmp_path / "charts").iterdir()) == [".svg", ".svg"]


def test_render_chart_draws_pdf_for_latex_and_png(tmp_path):
    pdf = printed.render_chart(SPEC, "pdf", tmp_path)
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    png = printed.render_chart(SPEC, "png", tmp_path)
    assert png.stem == pdf.stem and png.read_bytes().startswith(b"\x89PNG")


def test_render_chart_rejects_another_format(tmp_path):
    with pytest.raises(ValueError, match="fmt must be 'pdf', 'svg' or 'png', not 'jpg'"):
        printed.render_chart(SPEC, "jpg", tmp_path)
    assert not any(tmp_path.iterdir())


def test_print_spec_leaves_the_site_spec_alone():
    spec = dict(SPEC)
    assert printed.print_spec(spec)["width"] == printed.PRINT_WIDTH
    assert spec["width"] == "container"
    assert printed.print_spec({**SPEC, "width": 300})["width"] == 300


def test_a_chinese_chart_names_its_cjk_font_first_and_the_english_one_does_not():
    themed = {**SPEC, "config": {"font": "system-ui, Arial, sans-serif", "title": {"fontSize": 15}}}
    zh = printed.print_spec(themed, "zh_CN")
    assert zh["config"] == {"font": "'Noto Sans CJK SC', system-ui, Arial, sans-serif",
                            "title": {"fontSize": 15}}
    assert themed["config"]["font"] == "system-ui, Arial, sans-serif"  # not changed in place
    assert printed.print_spec(SPEC, "zh_TW")["config"] == {"font": "'Noto Sans CJK SC', sans-serif"}
    assert printed.print_spec(themed, "en") == {**themed, "width": printed.PRINT_WIDTH}
    assert printed.print_spec(themed, "fr")["config"] == themed["config"]


# --- the post-transform on a small document ------------------------------------------------

class _Images:
    def __init__(self) -> None:
        self.added: list[tuple[str, str]] = []

    def add_file(self, docname: str, path: str) -> None:
        self.added.append((docname, path))


def _document(srcdir: Path, builder: str, *specs: dict, language: str = "en") -> nodes.document:
    """A page with a paragraph and one mime bundle per spec, as myst-nb leaves a chart cell's
    output (``text/html`` from the offline renderer, ``text/plain`` ``<Chart: …>``), and
    one bundle that is not a chart."""
    app = SimpleNamespace(builder=SimpleNamespace(name=builder, format="html"),
                          srcdir=str(srcdir), doctreedir=str(srcdir / "_build" / ".doctrees"),
                          config=SimpleNamespace(language=language))
    env = SimpleNamespace(app=app, images=_Images(), docname="chapters/a")
    settings = get_default_settings(Parser)
    settings.env = env
    doc = new_document("chapters/a.md", settings)
    doc += nodes.paragraph("", "Text.")
    for spec in specs:
        bundle = nodes.container(nb_element="mime_bundle")
        out = offline_renderer(spec)
        bundle += nodes.container("", nodes.raw("", out["text/html"], format="html"),
                                  mime_type="text/html")
        bundle += nodes.container("", nodes.literal_block("", out["text/plain"]),
                                  mime_type="text/plain")
        doc += bundle
    table = nodes.container(nb_element="mime_bundle")
    table += nodes.container("", nodes.raw("", "<table></table>", format="html"),
                             mime_type="text/html")
    doc += table
    return doc


def _bundles(doc: nodes.document) -> list[nodes.container]:
    return [n for n in doc.findall(nodes.container) if n.get("nb_element") == "mime_bundle"]


@pytest.mark.parametrize("builder, fmt, mime", [("epub", "svg", "image/svg+xml"),
                                                ("latex", "pdf", "application/pdf")])
def test_static_charts_replace_each_chart_by_its_image(tmp_path, builder, fmt, mime):
    doc = _document(tmp_path, builder, SPEC, SLIDER)
    printed.StaticCharts(doc).apply()
    chart, slider, table = _bundles(doc)
    env = doc.settings.env
    drawn = []
    for bundle, spec in ((chart, SPEC), (slider, SLIDER)):
        (only,) = bundle.children  # the image is the only choice left
        assert only["mime_type"] == mime
        image = only.children[0]
        path = printed.render_chart(spec, fmt, tmp_path / "_build" / "coursebook-charts")
        rel = path.relative_to(tmp_path).as_posix()
        assert rel.startswith("_build/coursebook-charts/chart-") and rel.endswith(f".{fmt}")
        assert isinstance(image, nodes.image)
        assert (image["uri"], image["candidates"], image["alt"]) == (rel, {"*": rel},
                                                                     spec["description"])
        assert image["classes"] == ["coursekit-static-chart"]
        drawn.append(("chapters/a", rel))
    assert env.images.added == drawn
    assert len(chart.children[0].children) == 1
    assert slider.children[0].children[1].astext() == (
        "Interactive in the online edition; printed at T = 0.4.")
    assert [c["mime_type"] for c in table.children] == ["text/html"]  # not a chart: kept


CHARTS_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Two bars"
msgstr "两根柱"

msgid "Bars with a threshold"
msgstr "带阈值的柱"

msgid "x"
msgstr "甲"

msgid "y"
msgstr "乙"
"""
UI_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Interactive in the online edition; printed at {0}."
msgstr "在线版中可交互调节；印刷版取 {0}。"
"""


def _translated_book(root: Path, charts_po: str = CHARTS_PO, declared: str = "") -> Path:
    """A book with one page, ``chapters/a``, and Chinese catalogues for its charts and notes."""
    folder = root / "locales" / "zh_CN"
    (folder / "LC_MESSAGES").mkdir(parents=True)
    (folder / "LC_MESSAGES" / "charts.po").write_text(charts_po, encoding="utf-8")
    (folder / "LC_MESSAGES" / "coursebook.po").write_text(UI_PO, encoding="utf-8")
    (folder / "TRANSLATED").write_text(declared, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("builder, fmt", [("epub", "svg"), ("latex", "pdf")])
def test_a_translated_edition_prints_each_chart_with_its_translated_text(tmp_path, builder, fmt):
    from coursebook.charttext import strip_text

    root = _translated_book(tmp_path)
    doc = _document(root, builder, SPEC, SLIDER, language="zh_CN")
    printed.StaticCharts(doc).apply()
    chart, slider, _ = _bundles(doc)
    image = chart.children[0].children[0]
    assert image["alt"] == "两根柱"  # the description, as the site's aria-label
    zh = {**SPEC, "description": "两根柱",
          "data": {"values": [{"a": "甲", "b": 1}, {"a": "乙", "b": 2}]}}
    assert strip_text(zh) == strip_text(SPEC)  # same data, same numbers
    expected = printed.render_chart(zh, fmt, root / "_build" / "coursebook-charts", "zh_CN")
    assert image["uri"] == expected.relative_to(root).as_posix()
    assert image["uri"] != printed.render_chart(SPEC, fmt, tmp_path / "en").name
    assert slider.children[0].children[0]["alt"] == "带阈值的柱"
    assert slider.children[0].children[1].astext() == "在线版中可交互调节；印刷版取 T = 0.4。"
    if fmt == "svg":  # the chart's own text is drawn translated
        svg = expected.read_text(encoding="utf-8")
        assert "Noto Sans CJK SC" in svg and "<Chart" not in svg


def test_a_declared_page_with_an_untranslated_chart_string_warns(tmp_path, caplog):
    root = _translated_book(tmp_path, CHARTS_PO.replace('msgstr "两根柱"', 'msgstr ""'),
                            declared="chapters/a\n")
    doc = _document(root, "epub", SPEC, language="zh_CN")
    with caplog.at_level("WARNING"):
        printed.StaticCharts(doc).apply()
    assert "chapters/a is declared translated" in caplog.text
    assert "1 chart strings have no translation" in caplog.text and "'Two bars'" in caplog.text
    assert _bundles(doc)[0].children[0].children[0]["alt"] == "Two bars"  # kept in English
    caplog.clear()
    undeclared = _translated_book(tmp_path / "b", CHARTS_PO.replace('msgstr "两根柱"', 'msgstr ""'))
    with caplog.at_level("WARNING"):
        printed.StaticCharts(_document(undeclared, "epub", SPEC, language="zh_CN")).apply()
    assert caplog.text == ""  # a page not declared translated falls back to English quietly


def test_in_the_latex_builders_whole_book_a_chart_belongs_to_its_own_page(tmp_path, caplog):
    """The LaTeX builder resolves the book as one tree (each page in a ``start_of_file``):
    a missing chart string is reported for the page that shows the chart, and only if that
    page is declared translated."""
    from sphinx import addnodes

    po = CHARTS_PO.replace('msgstr "两根柱"', 'msgstr ""')
    root = _translated_book(tmp_path, po, declared="chapters/a\nchapters/c\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\nchapters:\n"
                                   "  - file: chapters/b\n  - file: chapters/c\n",
                                   encoding="utf-8")
    doc = _document(root, "latex", language="zh_CN")  # the root page: no chart
    for name in ("chapters/b", "chapters/c"):
        page = addnodes.start_of_file(docname=name)
        page += _bundles(_document(root, "latex", SPEC, language="zh_CN"))[0]
        doc += page
    with caplog.at_level("WARNING"):
        printed.StaticCharts(doc).apply()
    assert caplog.text.count("is declared translated") == 1
    assert "chapters/c is declared translated" in caplog.text  # not b, not the root page a


def test_static_charts_leave_the_html_edition_alone(tmp_path):
    doc = _document(tmp_path, "html", SPEC)
    before = doc.pformat()
    printed.StaticCharts(doc).apply()
    assert doc.pformat() == before
    assert not (tmp_path / "_build").exists()


def test_charts_outside_the_book_folder_keep_their_absolute_path(tmp_path):
    doc = _document(tmp_path / "book", "epub", SPEC)
    doc.settings.env.app.doctreedir = str(tmp_path / "elsewhere" / ".doctrees")
    printed.StaticCharts(doc).apply()
    uri = _bundles(doc)[0].children[0].children[0]["uri"]
    assert uri.startswith((tmp_path / "elsewhere" / "coursebook-charts").as_posix() + "/")


# --- solutions, EPUB pages -----------------------------------------------------------------

def _exercise_page() -> nodes.document:
    doc = new_document("p", get_default_settings(Parser))
    exercise = exercise_node("", nodes.paragraph("", "Compute the quotient."))
    solution = solution_node("", nodes.paragraph("", "It is 1.2."))
    doc += [nodes.paragraph("", "Before."), exercise, solution, solution_start_node(),
            nodes.paragraph("", "Between."), solution_end_node()]
    return doc


@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_print_editions_drop_solutions_and_keep_exercises(builder):
    doc = _exercise_page()
    printed.drop_solutions(SimpleNamespace(builder=SimpleNamespace(name=builder)), doc, "p")
    assert [type(c).__name__ for c in doc.children] == [
        "paragraph", "exercise_node", "paragraph"]
    assert "It is 1.2." not in doc.astext() and "Compute the quotient." in doc.astext()


def test_the_online_edition_keeps_solutions():
    doc = _exercise_page()
    printed.drop_solutions(SimpleNamespace(builder=SimpleNamespace(name="html")), doc, "p")
    assert "It is 1.2." in doc.astext() and len(doc.children) == 6


def test_epub_pages_are_xhtml_without_scripts_and_with_unique_exercise_ids():
    doc = new_document("p", get_default_settings(Parser))
    doc += nodes.raw("", '<style scoped>td {}</style><td valign="top">1<br></td>', format="html")
    doc += nodes.raw("", "<script>thebe()</script>", format="html")
    doc += nodes.raw("", "\\textbf{x}", format="latex")
    for _ in range(2):
        doc += nodes.section(ids=["exercise-content"])
    epub = SimpleNamespace(builder=SimpleNamespace(name="epub"))
    printed.epub_xhtml(epub, doc, "p")
    raws = list(doc.findall(nodes.raw))
    assert [r.astext() for r in raws] == [
        '<td style="vertical-align: top">1<br/></td>', "\\textbf{x}"]
    assert [s["ids"] for s in doc.findall(nodes.section)] == [["exercise-content-1"],
                                                              ["exercise-content-2"]]
    html = new_document("p", get_default_settings(Parser))
    html += nodes.raw("", "<script>thebe()</script>", format="html")
    printed.epub_xhtml(SimpleNamespace(builder=SimpleNamespace(name="html")), html, "p")
    assert html.astext() == "<script>thebe()</script>"


def test_epub_pages_load_no_script_and_no_html_only_stylesheet():
    css = [SimpleNamespace(filename="_static/mystnb.4510f1fc1dee50b3e5859aac5469c37c29e427902b24a333a5f9fcb2f0b3ac41.css"),
           SimpleNamespace(filename="_static/exercise.css"), "_static/coursekit.css",
           SimpleNamespace(filename="_static/pygments.css")]
    context = {"script_files": ["a.js"], "css_files": list(css)}
    epub = SimpleNamespace(builder=SimpleNamespace(name="epub"))
    printed.epub_page(epub, "p", "page.html", context, None)
    assert context == {"script_files": [], "css_files": css[2:]}
    html = {"script_files": ["a.js"], "css_files": list(css)}
    printed.epub_page(SimpleNamespace(builder=SimpleNamespace(name="html")), "p", "page.html",
                      html, None)
    assert html == {"script_files": ["a.js"], "css_files": css}


@pytest.mark.parametrize("builder, buttons", [("epub", {}), ("html", {"binderhub_url": "b"})])
def test_launch_buttons_are_off_in_the_epub_only(builder, buttons):
    options = {"launch_buttons": {"binderhub_url": "b"}, "repository_url": "r"}
    app = SimpleNamespace(builder=SimpleNamespace(name=builder),
                          config=SimpleNamespace(html_theme_options=options))
    printed.no_launch_buttons_in_epub(app)
    assert app.config.html_theme_options == {"launch_buttons": buttons, "repository_url": "r"}
    assert options["launch_buttons"] == {"binderhub_url": "b"}  # the configured dict untouched


# --- the version -----------------------------------------------------------------------------

def _package(root: Path, text: str) -> Path:
    (root / "src" / "coursekit").mkdir(parents=True)
    (root / "src" / "coursekit" / "__init__.py").write_text(text, encoding="utf-8")
    return root


def test_course_version_is_read_from_the_file(tmp_path):
    root = _package(tmp_path, '"""x."""\n\nfrom a import b\n\n__version__ = \'1.2.3rc1\'\n')
    assert printed.course_version(root) == "1.2.3rc1"


def test_course_version_without_the_line_says_where(tmp_path):
    root = _package(tmp_path, '"""x."""\nversion = "1.0"\n')
    with pytest.raises(ValueError, match=r"no __version__ = '...' line in .*/src/coursekit/"):
        printed.course_version(root)


def test_set_version_fills_the_metadata_and_one_footer_line(tmp_path):
    root = _package(tmp_path, '__version__ = "0.4.0"\n')
    config = SimpleNamespace(version="", release="",
                             html_theme_options={"extra_footer": "<p>Licence.</p>\n"})
    app = SimpleNamespace(srcdir=str(root))
    printed.set_version(app, config)
    printed.set_version(app, config)  # an incremental build: still one line
    assert config.version == config.release == "0.4.0"
    assert config.html_theme_options["extra_footer"] == (
        '<p>Licence.</p>\n<p class="coursekit-version">Version 0.4.0.</p>')
    bare = SimpleNamespace(version="", release="", html_theme_options=None)
    printed.set_version(app, bare)
    assert bare.html_theme_options == {
        "extra_footer": '\n<p class="coursekit-version">Version 0.4.0.</p>'}

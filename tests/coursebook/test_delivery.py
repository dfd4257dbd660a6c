"""Tests for coursebook.delivery: the rewritten ``<head>`` (one stylesheet, no blocking
script), chart specs out of the page, complete redirect stubs (no book build needed)."""

from __future__ import annotations

import re
from pathlib import Path

from coursebook import delivery

_PAGE = """<!DOCTYPE html><html><head>
<script data-cfasync="false">document.documentElement.dataset.mode = "auto";</script>
<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="../_static/pygments.css?v=2" />
<link rel="stylesheet" href="../_static/print.css" media="print" />
<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>
<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />
<script src="../_static/documentation_options.js?v=3"></script>
<script src="../_static/doctools.js?v=4"></script>
<script>const THEBE_JS_URL = "thebe/lib/index.js"; </script>
<script async="async" src="../_static/sphinx-thebe.js?v=5"></script>
<script src="../_static/searchtools.js"></script>
<script src="../_static/clipboard.min.js?v=6"></script>
<script src="../_static/copybutton.js?v=7"></script>
<script src="../_static/design-tabs.js?v=8"></script>
<script src="../searchindex.js"></script>
<link rel="icon" href="../_static/favicon.svg"/>
</head><body>BODY<script type="text/x-thebe-config">{}</script>
<script defer src="../_static/scripts/bootstrap.js?digest=1"></script></body></html>"""


def _rewrite(page: str = _PAGE, rel: str = "chapters/a.html", **kw):
    kw = {"search_page": False, "search_as_you_type": False,
          "inline": {"_static/documentation_options.js": "const DOCUMENTATION_OPTIONS = {};"},
          **kw}
    return delivery.rewrite_head(page, rel, **kw)


def test_rewrite_head_one_stylesheet_no_blocking_scripts():
    out, res = _rewrite()
    head = out.split("</head>")[0]
    assert res.stylesheets == [("_static/styles/theme.css", None), ("_static/pygments.css", None),
                               ("_static/print.css", "print")]
    assert head.count("stylesheet") == 1 and delivery.MARKER in head
    assert "fontawesome" not in out and 'rel="preload"' not in head
    assert "<script>const DOCUMENTATION_OPTIONS = {};</script>" in head
    held = f'<script type="{delivery.AFTER_PAINT_TYPE}"'
    assert f'{held} src="../_static/doctools.js?v=4"></script>' in head
    assert "searchtools" not in head and "searchindex" not in head
    assert "thebe" not in out.lower()  # no Live code button on this page: no Thebe at all
    assert "copybutton" not in head and "clipboard" not in head and "design-tabs" not in head
    assert f'{held} src="../_static/scripts/bootstrap.js?digest=1"></script>' in out
    assert res.after_paint == ["_static/doctools.js", "_static/scripts/bootstrap.js"]
    assert head.count(delivery.AFTER_PAINT_LOADER) == 1
    assert head.rstrip().endswith(delivery.AFTER_PAINT_LOADER + "</script>")
    assert '<link rel="icon" href="../_static/favicon.svg"/>' in head


def test_after_paint_scripts_keep_their_attributes_and_order():
    """Held scripts keep every attribute but defer/async (the chart loader reads its
    ``data-bundle`` from ``document.currentScript``); a script that changes what the first
    screen shows (solution toggles) stays deferred."""
    page = _PAGE.replace(
        '<script src="../_static/doctools.js?v=4"></script>',
        '<script src="../_static/doctools.js?v=4"></script>\n'
        '<script defer data-bundle="v&amp;l.js" src="../_static/coursekit-charts.js?v=9">'
        '</script>\n<script defer src="../_static/togglebutton.js?v=1"></script>\n'
        '<script>let toggleHintShow = "show";</script>')
    out, res = _rewrite(page)
    held = f'<script type="{delivery.AFTER_PAINT_TYPE}"'
    assert (f'{held} data-bundle="v&amp;l.js" src="../_static/coursekit-charts.js?v=9">'
            '</script>') in out
    assert '<script defer src="../_static/togglebutton.js?v=1"></script>' in out
    assert '<script>let toggleHintShow = "show";</script>' in out
    assert res.after_paint == ["_static/doctools.js", "_static/coursekit-charts.js",
                               "_static/scripts/bootstrap.js"]
    assert out.index("doctools.js") < out.index("coursekit-charts.js") < out.index("bootstrap.js")


def test_rewrite_head_keeps_search_on_the_search_page_and_thebe_with_its_button():
    page = _PAGE.replace("BODY", '<button onclick="initThebeSBT()">Live code</button>'
                         '<div class="highlight"><pre>x = 1</pre></div>')
    out, _ = _rewrite(page, rel="search.html", search_page=True)
    held = f'<script type="{delivery.AFTER_PAINT_TYPE}"'
    # Held too, in page order: searchtools.js runs after doctools.js, the index after both.
    assert f'{held} src="../_static/searchtools.js"></script>' in out
    assert out.index("doctools.js") < out.index("searchtools.js") < out.index("searchindex.js")
    assert f'{held} src="../searchindex.js"></script>' in out
    assert f'{held} src="../_static/sphinx-thebe.js?v=5"></script>' in out
    assert "THEBE_JS_URL" in out and "x-thebe-config" in out
    assert "copybutton.js" in out and "clipboard.min.js" in out and "design-tabs" not in out


def test_externalize_specs_moves_json_out_of_the_page(tmp_path: Path):
    page = ('<div id="ck-1" class="coursekit-chart" role="figure"></div>'
            '<script type="application/json" id="ck-1-spec" class="coursekit-chart-spec">'
            '{"a":"<\\/b>"}</script>')
    out = delivery.externalize_specs(page, tmp_path)
    digest = re.search(r'data-spec="([0-9a-f]{16})"', out).group(1)
    assert "application/json" not in out
    body = (tmp_path / "_static" / "coursekit-specs" / f"{digest}.js").read_text()
    assert body == f'(window.coursekitSpecs = window.coursekitSpecs || {{}})["{digest}"] = ' \
                   '{"a":"<\\/b>"};\n'


def test_redirect_stub_becomes_a_complete_page(tmp_path: Path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "intro.html").write_text(
        '<html><head><title>Intro</title><meta name="description" content="About it." />'
        '<link rel="icon" href="../_static/favicon.svg"/></head></html>')
    stub = '<meta http-equiv="Refresh" content="0; url=chapters/intro.html" />\n'
    out = delivery.redirect_page(stub, "index.html", tmp_path)
    assert stub.strip() in out and "<title>Intro</title>" in out
    assert 'content="About it."' in out and 'href="_static/favicon.svg"' in out
    assert delivery.redirect_page(out, "index.html", tmp_path) is None

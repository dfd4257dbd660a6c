"""Unit tests of what the build does to each page's assets (no book build needed).

:mod:`coursebook.cssbundle` (one purged stylesheet), :mod:`coursebook.icons`
(Font Awesome as CSS), :mod:`coursebook.delivery` (the rewritten ``<head>``, chart
specs out of the page) and :mod:`coursebook.weight` (what a page loads).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from coursebook import cssbundle, delivery, icons, weight


def _vocab(html: str = "", js: str = "") -> cssbundle.Vocabulary:
    v = cssbundle.Vocabulary()
    v.add_html(html)
    v.add_script(js)
    return v


def _purge(css: str, vocab: cssbundle.Vocabulary) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return cssbundle.minify_rules(cssbundle.purge(rules, vocab))


# --- cssbundle ---------------------------------------------------------------------------

def test_purge_keeps_rules_some_page_can_match():
    vocab = _vocab('<div class="used other" id="main"><p class="x">', 'el.classList.add("shown")')
    css = (".used{color:red}.unused{color:blue}#main .x{margin:0}#gone{margin:1px}"
           "p{padding:0}.used.shown{opacity:1}.used:not(.never){top:0}"
           "[class~=never]{left:0}.a,.used>.x{right:0}")
    out = _purge(css, vocab)
    assert ".used{color:red}" in out and "#main .x{margin:0}" in out and "p{padding:0}" in out
    assert ".used.shown{opacity:1}" in out  # a class a script adds
    assert ".used:not(.never){top:0}" in out and "[class~=never]{left:0}" in out
    assert ".used>.x{right:0}" in out and ".a," not in out  # the selector list is trimmed
    assert ".unused" not in out and "#gone" not in out


def test_purge_keeps_classes_a_script_builds_from_a_prefix():
    vocab = _vocab('<div class="tooltip">', "tip.classList.add(`bs-${this.name}-auto`)")
    out = _purge(".bs-tooltip-auto .tooltip{top:0}.cs-other{top:1px}", vocab)
    assert ".bs-tooltip-auto .tooltip" in out and "cs-other" not in out


def test_purge_recurses_into_media_and_drops_empty_blocks_and_icon_fonts():
    vocab = _vocab('<b class="yes">')
    css = ("@media (max-width:600px){.yes{color:red}.no{color:blue}}"
           "@media print{.no{display:none}}@keyframes spin{to{transform:rotate(1turn)}}"
           "@font-face{font-family:'Font Awesome 6 Free';src:url(fa.woff2)}"
           "@font-face{font-family:Lato;src:url(lato.woff2)}")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    out = cssbundle.minify_rules(cssbundle.purge(rules, vocab, re.compile("awesome", re.I)))
    assert "@media (max-width:600px){.yes{color:red}}" in out
    assert "print" not in out and "@keyframes spin" in out
    assert "Font Awesome" not in out and "Lato" in out


def test_minify_keeps_strings_and_significant_spaces():
    css = '.a  >  .b , .c :hover { content : " a , b ; c " ; margin : 0  auto ; width: calc(1px + 2px) }'
    out = cssbundle.minify_rules(tinycss2.parse_stylesheet(css, skip_comments=True,
                                                           skip_whitespace=True))
    assert out == '.a>.b,.c :hover{content:" a , b ; c ";margin:0 auto;width:calc(1px + 2px)}'


def test_bundle_inlines_imports_and_rebases_urls(tmp_path: Path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text(".used{background:url(file.png)}")
    (static / "styles" / "theme.css").write_text(
        '@import "../basic.css";\n.used{background:url("../img/x.svg")}.unused{top:0}')
    css = cssbundle.bundle([(static / "styles" / "theme.css", None)], tmp_path, "_static",
                           _vocab('<i class="used">'), extra=".icon{top:0}")
    assert 'url("file.png")' in css and 'url("img/x.svg")' in css
    assert "@import" not in css and ".unused" not in css and ".icon{top:0}" in css


# --- icons -------------------------------------------------------------------------------

_FA_JS = (
    'var p={github:[496,512,[],"f09b","M1 1z"],"x-twitter":[512,512,[],"e61b","M2 2z"]'
    + "".join(f',b{i}:[10,10,[],"f{i:03d}","M0 0z"]' for i in range(100))
    + '};x(function(){d("fab",p),d("fa-brands",p)});'
    'var p={"file":[384,512,[128459],"f15b","M3 3z"]'
    + "".join(f',r{i}:[10,10,[],"f{i:03d}","M0 0z"]' for i in range(100))
    + '};x(function(){d("far",p),d("fa-regular",p)});'
    'var p={"magnifying-glass":[512,512,[128269,"search"],"f002","M4 4z"],'
    '"file":[384,512,[],"f15b","M5 5z"],duo:[640,512,[],"e000",["M6 6z","M7 7z"]]'
    + "".join(f',s{i}:[10,10,[],"f{i:03d}","M0 0z"]' for i in range(100))
    + '};x(function(){d("fas",p),d("fa-solid",p)});'
)


def test_parse_fontawesome_reads_packs_aliases_and_duotone():
    packs = icons.parse_fontawesome(_FA_JS)
    assert packs["fab"]["github"].width == 496 and packs["fas"]["search"].paths == ("M4 4z",)
    assert packs["far"]["file"].paths == ("M3 3z",) and packs["fas"]["file"].paths == ("M5 5z",)
    assert packs["fas"]["duo"].paths == ("M6 6z", "M7 7z")


def test_parse_fontawesome_fails_loudly_on_an_unknown_layout():
    with pytest.raises(icons.IconError, match="layout changed"):
        icons.parse_fontawesome("window.FontAwesome = {icons: {}}")


def test_used_icons_from_pages_and_scripts_and_their_css():
    html = ('<i class="fa-solid fa-magnifying-glass fa-lg"></i><i class="fab fa-github"></i>'
            '<i class="far fa-file"></i><span class="fa-fw">')
    used = icons.used_icons([html], ['x.classList="fa-solid fa-file"'])
    assert used == {("fas", "magnifying-glass"), ("fab", "github"), ("far", "file"),
                    ("fas", "file")}
    css = icons.icon_css(used, icons.parse_fontawesome(_FA_JS))
    assert ".fab.fa-github,.fa-brands.fa-github{--ck-icon:url(\"data:image/svg+xml," in css
    assert "--ck-icon-w:0.9688em" in css  # 496/512
    assert "M3 3z" in css.split(".far.fa-file")[1].split("}")[0]  # the regular file icon
    with pytest.raises(icons.IconError, match="fa-nope"):
        icons.icon_css({("fas", "nope")}, icons.parse_fontawesome(_FA_JS))


# --- delivery ----------------------------------------------------------------------------

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


# --- weight ------------------------------------------------------------------------------

def test_weight_counts_each_file_once_with_lazy_loads(tmp_path: Path):
    static = tmp_path / "_static"
    (static / "coursekit-specs").mkdir(parents=True)
    (static / "site.css").write_text("@font-face{src:url(f.woff2) format('woff2'),url(f.ttf)}")
    (static / "f.woff2").write_bytes(b"0" * 100)
    (static / "f.ttf").write_bytes(b"0" * 1000)
    (static / "charts.js").write_text("//")
    (static / "bundle.js").write_text("x" * 5000)
    (static / "coursekit-specs" / "ab12.js").write_text("{}")
    page = tmp_path / "p.html"
    page.write_text('<html><head><link rel="stylesheet" href="_static/site.css">'
                    '<script defer src="_static/charts.js" data-bundle="bundle.js"></script>'
                    '<script>var x = 1;</script><script src="_static/charts.js"></script>'
                    '</head><body><div id="c" class="coursekit-chart" data-spec="ab12"></div>'
                    "</body></html>")
    p = weight.page_assets(page, tmp_path)
    names = {a.name: why for a, why in p.assets.items()}
    assert names == {"site.css": "stylesheet", "f.woff2": "font", "charts.js": "script",
                     "bundle.js": "later: chart bundle", "ab12.js": "later: chart spec"}
    assert p.raw == page.stat().st_size + sum(a.stat().st_size for a in p.assets)
    assert weight.transfer_size(static / "bundle.js") < 100  # gzip of a repeated letter
    blocking = weight.render_blocking(page)
    assert [w for w, _ in blocking] == ["inline: var x = 1;", "_static/charts.js"]

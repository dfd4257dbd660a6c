"""Tests for coursebook.cssbundle: one purged, minified stylesheet per build (no book
build needed)."""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

from coursebook import cssbundle


def _vocab(html: str = "", js: str = "") -> cssbundle.Vocabulary:
    v = cssbundle.Vocabulary()
    v.add_html(html)
    v.add_script(js)
    return v


def _purge(css: str, vocab: cssbundle.Vocabulary) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return cssbundle.minify_rules(cssbundle.purge(rules, vocab))


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

"""Tests for coursebook.icons: the Font Awesome icons a site uses, as CSS masks (no book
build needed)."""

from __future__ import annotations

import pytest

from coursebook import icons

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

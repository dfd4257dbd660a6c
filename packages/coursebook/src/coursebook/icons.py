"""Font Awesome icons as CSS masks instead of the theme's 1.49 MB ``fontawesome.js``.

pydata-sphinx-theme writes icons as ``<i class="fa-solid fa-magnifying-glass">`` and
loads Font Awesome's SVG+JS script (every icon of three packs, 1.49 MB) plus its web
fonts to draw them.  The book draws the same icons with a few lines of CSS per icon:
each used icon's SVG path, taken from the theme's own copy of ``fontawesome.js`` (so the
icons are exactly the theme's), becomes a ``mask-image`` painted in ``currentColor``.
Only the icons that occur in the built pages or in the site's scripts are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["Icon", "IconError", "icon_css", "parse_fontawesome", "used_icons"]

#: Class names that select a pack, and the pack they select (Font Awesome 6).
PACK_CLASSES = {
    "fa": "fas", "fas": "fas", "fa-solid": "fas",
    "far": "far", "fa-regular": "far",
    "fab": "fab", "fa-brands": "fab",
}
#: Classes that are modifiers, not icons (sizes, widths, animations, rotations...).
MODIFIERS = re.compile(
    r"^fa-(?:solid|regular|brands|light|thin|duotone|sharp|classic|"
    r"\d*x|2xs|xs|sm|lg|xl|2xl|fw|ul|li|border|pull-(?:left|right|start|end)|inverse|"
    r"beat|beat-fade|bounce|fade|flip|shake|spin|spin-pulse|spin-reverse|pulse|"
    r"rotate-\d+|rotate-by|flip-(?:horizontal|vertical|both)|stack(?:-\dx)?|layers.*|sr-only.*)$"
)


class IconError(ValueError):
    """An icon used by a page is not in the theme's Font Awesome data."""


@dataclass(frozen=True)
class Icon:
    """One icon: its view box and its path(s)."""

    width: int
    height: int
    paths: tuple[str, ...]

    def svg(self) -> str:
        body = "".join(f"<path d='{p}'/>" for p in self.paths)
        return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {self.width} "
                f"{self.height}'>{body}</svg>")

    def data_url(self) -> str:
        return "data:image/svg+xml," + quote(self.svg(), safe=" /:='")


# One icon in the packs: name:[width,height,[aliases...],"unicode","path" or ["p1","p2"]]
_ENTRY = re.compile(
    r'(?:"([^"]+)"|([A-Za-z_$][\w$]*)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-fA-F]*",'
    r'("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\])\]')
_PACK_START = re.compile(r"var \w+=\{")
_PACK_END = re.compile(r'd\("(fa[srb])",\w+\)')


def parse_fontawesome(js: str) -> dict[str, dict[str, Icon]]:
    """Icons of the solid, regular and brands packs in the theme's ``fontawesome.js``.

    Returns ``{"fas": {name: Icon}, "far": {...}, "fab": {...}}``, aliases included.
    Raises :class:`IconError` if the file no longer has the layout this parser knows
    (each pack an object literal registered with ``d("fas", p)``), so that a theme
    upgrade that changes it fails the build instead of dropping icons silently.
    """
    packs: dict[str, dict[str, Icon]] = {}
    for end in _PACK_END.finditer(js):
        pack = end.group(1)
        if pack in packs:
            continue
        starts = [m for m in _PACK_START.finditer(js, 0, end.start())]
        if not starts:
            continue
        chunk = js[starts[-1].end() - 1:end.start()]
        icons: dict[str, Icon] = {}
        for m in _ENTRY.finditer(chunk):
            name = m.group(1) or m.group(2)
            raw = m.group(6)
            paths = tuple(re.findall(r'"((?:[^"\\]|\\.)*)"', raw)) if raw.startswith("[") \
                else (raw[1:-1],)
            icon = Icon(int(m.group(3)), int(m.group(4)), tuple(p for p in paths if p))
            icons[name] = icon
            for alias in re.findall(r'"([^"]+)"', m.group(5)):
                icons.setdefault(alias, icon)
        packs[pack] = icons
    missing = {"fas", "far", "fab"} - set(packs)
    if missing or any(len(v) < 100 for v in packs.values()):
        raise IconError(
            f"could not read the Font Awesome packs {sorted(missing) or ''} from the theme's "
            "fontawesome.js (its layout changed?); coursebook.icons needs updating")
    return packs


_CLASS_ATTR = re.compile(r'class\s*=\s*"([^"]*)"|class\s*=\s*\'([^\']*)\'')
# Icon class lists written inside scripts, e.g. classList="fa-solid fa-xmark" or "fas fa-x".
_JS_ICON = re.compile(r"\b(fa-solid|fa-regular|fa-brands|fas|far|fab)\s+(fa-[a-z0-9-]+)")


def _icons_in(classes: list[str]) -> set[tuple[str, str]]:
    packs = [PACK_CLASSES[c] for c in classes if c in PACK_CLASSES]
    names = [c[3:] for c in classes if c.startswith("fa-") and c not in PACK_CLASSES
             and not MODIFIERS.match(c)]
    if not names or not packs:
        return set()
    return {(packs[0], n) for n in names}


def used_icons(html_pages: list[str], scripts: list[str] = ()) -> set[tuple[str, str]]:
    """``(pack, name)`` of every icon element in the pages and icon class list in the scripts."""
    used: set[tuple[str, str]] = set()
    for page in html_pages:
        for m in _CLASS_ATTR.finditer(page):
            used |= _icons_in((m.group(1) or m.group(2) or "").split())
    for js in scripts:
        for m in _JS_ICON.finditer(js):
            used |= _icons_in([m.group(1), m.group(2)])
    return used


def icon_css(used: set[tuple[str, str]], packs: dict[str, dict[str, Icon]]) -> str:
    """CSS drawing each used icon as a mask (``::before``, in ``currentColor``).

    Raises :class:`IconError` naming any used icon that is not in its pack.
    """
    missing = sorted(f"{p} fa-{n}" for p, n in used if n not in packs.get(p, {}))
    if missing:
        raise IconError("icons used by the book but not in the theme's Font Awesome data: "
                        + ", ".join(missing))
    pack_sel = {"fas": (".fa", ".fas", ".fa-solid"), "far": (".far", ".fa-regular"),
                "fab": (".fab", ".fa-brands")}
    every = [s for sels in pack_sel.values() for s in sels]
    out = [
        "/* coursekit icons: Font Awesome (theme's copy, CC BY 4.0 icons) as CSS masks */",
        ",".join(f"{s}::before" for s in every)
        + "{content:\"\";display:inline-block;width:var(--ck-icon-w,1em);height:1em;"
          "vertical-align:-.125em;background-color:currentColor;"
          "-webkit-mask:var(--ck-icon) 50%/contain no-repeat;"
          "mask:var(--ck-icon) 50%/contain no-repeat}",
    ]
    for pack, name in sorted(used):
        icon = packs[pack][name]
        sel = ",".join(f"{s}.fa-{name}" for s in pack_sel[pack])
        width = f"{icon.width / icon.height:.4g}em"
        out.append(f'{sel}{{--ck-icon:url("{icon.data_url()}");--ck-icon-w:{width}}}')
    return "\n".join(out) + "\n"

"""Room for each displayed formula before MathJax typesets it (no layout shift).

MathJax is loaded only when a formula nears the screen (``static/coursekit-math.js``), so a
reader first sees the TeX source, which MathJax then replaces by the typeset formula.  The
two have different heights: a long source wraps over several lines on a phone, a fraction
is taller than a line of text.  Everything below the formula used to jump when MathJax
finished (Lighthouse measured a cumulative layout shift of 0.077 on the API reference).

At build time every ``<div class="math">`` gets a ``min-height`` estimated from its TeX
(:func:`reserved_height`): rows of a ``split``/``aligned`` block, and, per row, whether it
holds a display-size construct (a fraction, a sum with limits, an ``\\underbrace``...).
The course stylesheet keeps the source on one line (it scrolls sideways if it is long) and
moves MathJax's vertical margin to the ``div``, so that the box is as tall before
typesetting as after.  The browser suite (``test_typesetting_moves_nothing``) checks that
no formula grows out of its box.
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["reserved_height", "reserved_width", "reserve_math_boxes", "ROW", "TALL_ROW",
           "SCRIPT_ROW", "WEIGHTS"]

#: Heights reserved per row, in ``rem`` (16 px).  Measured in Chromium with MathJax 3.2.2
#: CommonHTML on the book's formulas (DejaVu Sans, the largest x-height a Linux browser
#: draws ``system-ui`` in, so the largest typeset maths): a plain row is at most 30 px, a
#: row with a fraction in an exponent or ``\big`` brackets at most 36 px, a row with a
#: display-size fraction or sum at most 66 px.
ROW = 2.0
SCRIPT_ROW = 2.6
TALL_ROW = 4.25

# A display-size construct: a fraction or binomial not in an exponent or a subscript,
# a big operator with limits (unless \textstyle precedes it), braces with labels, \left.
_TALL = re.compile(r"\\(?:d?frac|binom|underbrace|overbrace|left)(?![a-zA-Z])"
                   r"|(?<!\\textstyle)\\(?:sum|prod|int|oint|bigcup|bigcap)(?![a-zA-Z])")
_IN_SCRIPT = re.compile(r"[\^_]\{\s*\\(?:d?frac|binom)")
_SCRIPTISH = re.compile(r"\\(?:t?frac|big|Big|overline|widehat)(?![a-zA-Z])")
_ROWS = re.compile(r"\\\\(?![a-zA-Z])")


def _row_height(row: str) -> float:
    if _TALL.search(_IN_SCRIPT.sub("", row)):  # fractions in exponents are script-size
        return TALL_ROW
    if _SCRIPTISH.search(row):
        return SCRIPT_ROW
    return ROW


def reserved_height(tex: str) -> float:
    r"""Height (rem) to reserve for the typeset display formula ``tex``.

    Parameters
    ----------
    tex : str
        The formula's TeX, with or without its ``\[ ... \]`` delimiters and equation label.

    Returns
    -------
    float
        The sum over its rows (``\\`` separates rows) of :data:`ROW`, :data:`SCRIPT_ROW`
        or :data:`TALL_ROW`.

    Examples
    --------
    >>> reserved_height(r"\[a_{ij} = z_{ij} / x_j\]")
    2.0
    >>> reserved_height(r"\[LQ_{ri} = \frac{E_{ri} / E_r}{E_i / E}\]")
    4.25
    >>> reserved_height(r"\[\begin{split}a &= b, \\ c &= \textstyle\sum_i d_i\end{split}\]")
    4.0
    """
    body = re.sub(r"^.*?\\\[|\\\].*?$", "", tex.strip(), flags=re.S) if "\\[" in tex else tex
    rows = _ROWS.split(body)
    return sum(_row_height(r) for r in rows if r.strip()) or ROW


_OPS = frozenset("le ge leq geq ne neq in notin mid cdot times approx equiv to rightarrow "
                 "Rightarrow sim propto subset subseteq cup cap pm mp gg ll leftarrow mapsto "
                 "setminus ast circ div wedge vee otimes oplus perp iff implies".split())
_BIG = frozenset("sum prod int oint bigcup bigcap".split())
_FUNCS = frozenset("ln log exp min max sin cos tan det lim sup inf arg deg dim ker Pr".split())
_TEXT = frozenset("text mathrm operatorname textrm textit textbf mbox mathtt texttt".split())
_ZERO = frozenset("left right big Big bigg Bigg bigl bigr Bigl Bigr displaystyle textstyle "
                  "scriptstyle limits nolimits mathbf mathit boldsymbol mathcal mathbb mathsf "
                  "bm hat bar tilde widehat overline vec dot ddot check breve underline "
                  "widetilde begin end".split())
_FENCES = frozenset("{ } | langle rangle lbrace rbrace lvert rvert Vert lfloor rfloor "
                    "lceil rceil".split())
_SPACES = {",": 0.17, ";": 0.28, ":": 0.22, "!": -0.17, " ": 0.33, "quad": 1.0,
           "qquad": 2.0, "enspace": 0.5}
_UNARY_AFTER = frozenset(["", "=", "(", "[", "{", ",", "<", ">", "+", "-", "^", "_", "&"])
GLYPH, OP, PUNCT, FENCE, BIGOP, TEXTCH, SPACE = range(7)
#: Width (em of the text) of each kind of item in a typeset inline formula: a letter or digit,
#: a binary operator or relation with its spacing, punctuation, a fence or slash, a big
#: operator, a character of upright text, and TeX's spacing commands (\, \quad...; their
#: width in math em, times MathJax's scale).  Least-squares fit to the widths Chromium drew
#: for the book's 373 distinct inline formulas (MathJax 3.2.2 CommonHTML, DejaVu Sans):
#: median error 0.22 em, 90th percentile 0.7 em.
WEIGHTS = (0.8, 1.466, 0.254, 0.503, 1.336, 0.638, 1.2)


def _group(s: str, i: int) -> tuple[str, int]:
    depth = 0
    for j in range(i, len(s)):
        depth += {"{": 1, "}": -1}.get(s[j], 0)
        if depth == 0:
            return s[i + 1:j], j + 1
    return s[i + 1:], len(s)


def _arg(s: str, i: int) -> tuple[str, int]:
    while i < len(s) and s[i].isspace():
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        return _group(s, i)
    m = re.match(r"\\(?:[a-zA-Z]+|.)|.", s[i:], re.S)
    return m.group(0), i + len(m.group(0))


def _counts(s: str, scale: float = 1.0) -> list[float]:
    """How many of each kind of item (see :data:`WEIGHTS`) the TeX ``s`` typesets to."""
    f = [0.0] * 7
    i, prev = 0, ""

    def add(k: int, v: float = 1.0) -> None:
        f[k] += v * scale

    def merge(g: list[float]) -> None:
        for k in range(7):
            f[k] += g[k]

    env = re.fullmatch(r"\s*\\begin\{(\w*matrix|cases)\}(.*)\\end\{\1\}\s*", s, re.S)
    if env:
        rows = [_counts(r, scale) for r in re.split(r"\\\\", env.group(2))]
        merge(max(rows, key=_width))
        add(FENCE, 0 if env.group(1) == "smallmatrix" else 2)
        return f
    while i < len(s):
        c = s[i]
        if c.isspace() or c == "~":
            i += 1
            continue
        if c == "{":
            g, i = _group(s, i)
            merge(_counts(g, scale))
            prev = "{"
            continue
        if c in "^_":
            a, i = _arg(s, i + 1)
            script = _counts(a, scale * 0.7)
            j = i
            while j < len(s) and s[j].isspace():
                j += 1
            if j < len(s) and s[j] in "^_" and s[j] != c:  # x_i^2: stacked, the wider counts
                b, i = _arg(s, j + 1)
                script = max(script, _counts(b, scale * 0.7), key=_width)
            merge(script)
            prev = c
            continue
        if c == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", s[i:], re.S)
            if m is None:  # a trailing backslash
                break
            name, i = m.group(1), i + len(m.group(0))
            if name in _SPACES:
                add(SPACE, _SPACES[name])
            elif name in _TEXT:
                a, i = _arg(s, i)
                add(TEXTCH, len(a))
            elif name in _FUNCS:
                add(TEXTCH, len(name))
                add(SPACE, 0.17)
            elif name in ("frac", "tfrac", "dfrac", "binom"):
                a, i = _arg(s, i)
                b, i = _arg(s, i)
                merge(max(_counts(a, scale * 0.7), _counts(b, scale * 0.7),
                          key=_width))
            elif name == "sqrt":
                a, i = _arg(s, i)
                merge(_counts(a, scale))
                add(GLYPH)
            elif name in ("ldots", "cdots", "dots"):
                add(GLYPH, 3)
            elif name in _ZERO:
                if name in ("begin", "end"):
                    _, i = _arg(s, i)
            elif name in _OPS:
                add(OP)
            elif name in _BIG:
                add(BIGOP)
            elif name in _FENCES:
                add(FENCE)
            else:
                add(GLYPH)
            prev = "\\" + name
            continue
        if c == "-" and prev in _UNARY_AFTER:
            add(GLYPH)
        elif c in "=+<>-":
            add(OP)
        elif c in ",;:!.":
            add(PUNCT)
        elif c in "()[]|/":
            add(FENCE)
        elif c == "'":
            add(GLYPH, 0.4)
        elif c == "&":
            pass
        else:
            add(GLYPH)
        prev = c
        i += 1
    return f


def _width(f: list[float]) -> float:
    return sum(a * b for a, b in zip(f, WEIGHTS, strict=True))


def reserved_width(tex: str) -> float:
    r"""Estimated width (em) of the typeset inline formula ``tex``.

    Parameters
    ----------
    tex : str
        The formula's TeX, with or without its ``\( ... \)`` delimiters.

    Returns
    -------
    float
        The count of each kind of item times :data:`WEIGHTS`, rounded to 0.1 em.

    Examples
    --------
    >>> reserved_width(r"\(x_r\)")
    1.4
    >>> reserved_width(r"\(LQ_{ri} = \frac{E_{ri} / E_r}{E_i / E}\)")
    6.8
    """
    body = re.sub(r"^\s*\\\(|\\\)\s*$", "", tex)
    return round(max(_width(_counts(body)), 0.5), 1)


_DISPLAY = re.compile(r'(<div class="math notranslate nohighlight"(?![^>]*\bstyle=)[^>]*)>'
                      r"(.*?)</div>", re.S)


_INLINE = re.compile(r'(<span class="math notranslate nohighlight"(?![^>]*\bstyle=)[^>]*)>'
                     r"([^<]*)</span>")


def reserve_math_boxes(body: str) -> str:
    """Give every displayed formula in an HTML ``body`` its ``min-height``, every inline one
    its estimated width (``--ck-math-w``, used until MathJax has typeset it)."""
    def add(m: re.Match) -> str:
        tex = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        return f'{m.group(1)} style="min-height: {reserved_height(tex):g}rem">{m.group(2)}</div>'

    def inline(m: re.Match) -> str:
        tex = html.unescape(m.group(2))
        return f'{m.group(1)} style="--ck-math-w: {reserved_width(tex):g}em">{m.group(2)}</span>'

    return _INLINE.sub(inline, _DISPLAY.sub(add, body))


def reserve_math(app: Any, pagename: str, templatename: str, context: dict,
                 doctree: Any) -> None:
    """Sphinx ``html-page-context`` handler: :func:`reserve_math_boxes` on the page body."""
    body = context.get("body")
    if body and 'class="math notranslate nohighlight"' in body:
        context["body"] = reserve_math_boxes(body)

"""Text that fits a phone: widths of chart text in DejaVu Sans and wrapping to a pixel width.

A Linux browser draws the theme's ``system-ui`` in DejaVu Sans, the widest of the common
sans fonts, so text that fits in DejaVu Sans fits everywhere.  The advance widths below
(in thousandths of an em, printable ASCII from the space to the tilde) were read from the
``hmtx`` tables of ``DejaVuSans.ttf`` and ``DejaVuSans-Bold.ttf`` (DejaVu fonts 2.37);
other characters count as their ASCII base letter (``é`` as ``e``) or, failing that, as a
full em.

>>> round(text_width("Year", 12))
27
>>> wrap_to_width("Sources: one agency; another agency; a third one", 150, 12)
['Sources: one agency;', 'another agency; a third', 'one']
"""

from __future__ import annotations

import unicodedata

__all__: list[str] = []  # private helpers

#: Phone screen: a chart is drawn 342 px wide (390 px less the page's margins), and the
#: theme limits titles to the container's width less 16 px.
PHONE_CHART_PX = 342
PHONE_TEXT_PX = PHONE_CHART_PX - 16 - 6  # a few pixels to spare for rounding

_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)


def _em(char: str, table: tuple[int, ...]) -> float:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    code = ord(base)
    return table[code - 32] / 1000 if 32 <= code < 127 else 1.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in pixels of ``text`` at font ``size`` px in DejaVu Sans (bold or regular)."""
    table = _BOLD if bold else _REGULAR
    return size * sum(_em(char, table) for char in text)


def wrap_to_width(text: str, width: float, size: float, bold: bool = False,
                  balanced: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` px, broken between words.

    A single word wider than ``width`` keeps a line of its own (it is not split).  With
    ``balanced=True`` the lines are as even as the same number of lines allows (no word
    left alone on the last line).

    >>> wrap_to_width("Great Lakes / US, personal income (BEA)", 232, 12, balanced=True)
    ['Great Lakes / US,', 'personal income (BEA)']
    """
    lines = _greedy(text, width, size, bold)
    if balanced and len(lines) > 1:
        narrow = text_width(text, size, bold) / len(lines)
        while narrow < width:
            even = _greedy(text, narrow, size, bold)
            if len(even) == len(lines):
                return even
            narrow += 2.0
    return lines


def _greedy(text: str, width: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]

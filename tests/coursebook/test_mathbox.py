"""Reserved boxes for formulas waiting for MathJax (coursebook.mathbox).

The heights and widths below were measured in Debian's Chromium on the built book (MathJax
3.2.2 CommonHTML, phone viewport, DejaVu Sans): ``tests/browser`` checks the same on every
page (``test_typesetting_moves_nothing``).
"""

from __future__ import annotations

import pytest

from coursebook import mathbox

# (TeX, typeset height in px) of displayed formulas of the book
DISPLAY = [
    (r"\[a_{ij} = z_{ij} / x_j\]", 24),
    (r"\[LQ_{ri} = \frac{E_{ri} / E_r}{E_i / E}\]", 52),
    (r"\[\sigma_t = \sqrt{\tfrac{1}{n-\text{ddof}}\sum_i (\ln y_{it} - \overline{\ln y_t})^2}\]",
     66),
    (r"\[\omega_2^{\sigma} = T^{-\mu\sigma}\Big[\tfrac{1+\mu}{2}T^{1-\sigma} + "
     r"\tfrac{1-\mu}{2}T^{\sigma-1}\Big].\]", 40),
    (r"\[m^W_j = \sum_i w_i\, l_{ij} \qquad (m^{W\prime} = w' L),\]", 47),
    (r"\[z_i = M_i + \gamma_i\Big(\theta \sum_{j \ne i} M_j + T\Big),\]", 55),
    (r"\[\begin{split}\text{national share} &= e^0 (G - 1), \\ \text{industry mix} &= "
     r"\textstyle\sum_i e_i^0 (G_i - G), \\ \text{regional share} &= \textstyle\sum_i "
     r"(e_i^1 - e_i^0 G_i), \\ \text{net total shift} &= e^1 - e^0 G\end{split}\]", 114),
]

# (TeX, typeset width in px at a 16 px font) of inline formulas of the book
INLINE = [
    (r"\(x_r\)", 20), (r"\(\gamma\)", 11), (r"\(E[\gamma] = \gamma\)", 76),
    (r"\(G = \sum_r (s_r - x_r)^2\)", 160), (r"\((\sigma-1)/\sigma > \mu\)", 124),
    (r"\(\omega_1 - \omega_2\)", 68), (r"\(P(u_{kr} u_{lr} = 1) = \gamma x_r + (1-\gamma) x_r^2\)",
                                        285),
]


@pytest.mark.parametrize(("tex", "px"), DISPLAY)
def test_reserved_height_holds_the_typeset_formula(tex: str, px: float):
    reserved = mathbox.reserved_height(tex) * 16
    assert px <= reserved <= px + 30, (tex, px, reserved)


@pytest.mark.parametrize(("tex", "px"), INLINE)
def test_reserved_width_is_close_to_the_typeset_width(tex: str, px: float):
    """Within 1 em (over the book's 373 inline formulas: median 0.2 em, 95th percentile 0.8)."""
    assert abs(mathbox.reserved_width(tex) - px / 16) <= 1.0, (tex, px)


def test_rows_add_up():
    one = mathbox.reserved_height(r"\[a = b\]")
    assert one == mathbox.ROW
    assert mathbox.reserved_height(r"\[\begin{aligned}a &= b\\ c &= d\\ e &= f\end{aligned}\]") \
        == 3 * mathbox.ROW
    assert mathbox.reserved_height(r"\[x = \frac{a}{b}\]") == mathbox.TALL_ROW
    # a fraction in an exponent is script-size, not a display fraction
    assert mathbox.reserved_height(r"\[w = \big[x\big]^{\frac{1}{\sigma}}\]") == mathbox.SCRIPT_ROW


def test_boxes_are_added_once_and_keep_the_markup():
    body = ('<p>Let <span class="math notranslate nohighlight">\\(x_r &lt; 1\\)</span>.</p>'
            '<div class="math notranslate nohighlight" id="equation-a">'
            '<span class="eqno">(1)</span>\\[a = \\frac{b}{c}\\]</div>')
    out = mathbox.reserve_math_boxes(body)
    assert 'style="--ck-math-w: ' in out and 'style="min-height: 4.25rem"' in out
    assert 'id="equation-a" style="min-height' in out and '<span class="eqno">(1)</span>' in out
    assert mathbox.reserve_math_boxes(out) == out
    assert out.replace(' style="min-height: 4.25rem"', "").replace(
        f' style="--ck-math-w: {mathbox.reserved_width("x_r < 1"):g}em"', "") == body


def test_estimates_never_fail_on_odd_tex():
    for tex in ["", "{", "}", r"\frac", r"x^", r"\begin{pmatrix}", r"\\\\", "\\", r"\text"]:
        assert mathbox.reserved_width(tex) >= 0.5
        assert mathbox.reserved_height(tex) >= mathbox.ROW

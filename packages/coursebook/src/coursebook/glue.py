"""One call glues a page's numbers into its prose: ``glue_values(name=value, ...)``.

A page's hidden cell (tagged ``remove-cell``) names the values that its prose shows with
``{glue:text}`name:.2f``` roles::

    from coursebook.glue import glue_values

    glue_values(lq_wa=lq_wa, n_states=n_states)

Each value is glued with myst-nb's ``glue(..., display=False)`` after being made a plain
Python number or string (a NumPy or pandas scalar prints as ``np.float64(0.5)`` in some
roles); anything else (a Series, a frame, ``None``) is refused, naming it, because the
prose can only show one number or word.  Hidden cells glue names that visible cells
compute, so a reader sees where every number comes from (a test checks this).
"""

from __future__ import annotations

import numbers
from typing import Any

__all__ = ["GLUE_CALLS", "glue_cell_problems", "glue_values", "plain"]


def plain(name: str, value: Any) -> int | float | str:
    """``value`` as a plain ``int``, ``float`` or ``str``; a clear error otherwise.

    >>> import numpy as np
    >>> plain("x", np.float64(0.5)), plain("n", np.int64(3)), plain("who", "Texas")
    (0.5, 3, 'Texas')
    >>> plain("flag", True)
    Traceback (most recent call last):
    ...
    TypeError: glue_values: 'flag' is a bool (True); glue a number or a word ...
    """
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        raise TypeError(f"glue_values: {name!r} is a bool ({value!r}); glue a number or a word "
                        f"(e.g. 'more' if ... else 'less').")
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"glue_values: {name!r} is a {type(value).__name__}, not one number or "
                    f"word; glue one element of it (e.g. {name}.iloc[0] or float({name})).")


#: Calls a glued value may be wrapped in: conversions and sizes, no arithmetic.
GLUE_CALLS = frozenset({"len", "int", "float", "str", "abs"})


def _reference(node: Any) -> bool:
    """A name, or an attribute, item or conversion of one: something a visible cell shows."""
    import ast

    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Attribute):
        return _reference(node.value)
    if isinstance(node, ast.Subscript):
        index = node.slice
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        return _reference(node.value) and all(
            isinstance(p, ast.Constant) or (isinstance(p, ast.UnaryOp) and isinstance(
                p.operand, ast.Constant)) or isinstance(p, ast.Name) for p in parts)
    if isinstance(node, ast.Call):  # len(x), float(x), x.idxmax(), x.max()
        func_ok = (isinstance(node.func, ast.Name) and node.func.id in GLUE_CALLS) or (
            isinstance(node.func, ast.Attribute) and _reference(node.func.value))
        return func_ok and not node.keywords and len(node.args) <= 1 and all(
            _reference(a) or isinstance(a, ast.Constant) for a in node.args)
    return False


def glue_cell_problems(source: str) -> list[str]:
    r"""What makes ``source`` more than a glue cell (empty list: it follows the rule).

    A page's hidden cell may only import :func:`glue_values` and call it with values that a
    visible cell computed: names, or their attributes, items (constant keys), a method
    without arguments (``.max()``) or a conversion (``len``, ``int``, ``float``, ``str``,
    ``abs``).  Arithmetic, assignments and other statements belong in a visible cell, where
    a reader sees how each number in the prose comes about.

    >>> glue_cell_problems("from coursebook.glue import glue_values\n"
    ...                    "glue_values(n=len(M), top=lq.loc['WA', 'Information'])")
    []
    >>> glue_cell_problems("share = a / b\nglue_values(share=share, pct=100 * share)")
    ['line 1: a statement other than glue_values(...): share = a / b', "line 2: 'pct' glues a computation (100 * share): compute it in a visible cell"]
    """
    import ast

    problems = []
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "coursebook.glue":
            continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "glue_values"):
            problems.append(f"line {stmt.lineno}: a statement other than glue_values(...): "
                            f"{ast.unparse(stmt)[:80]}")
            continue
        for kw in call.keywords:
            if kw.arg is None or not _reference(kw.value):
                problems.append(f"line {stmt.lineno}: {kw.arg!r} glues a computation "
                                f"({ast.unparse(kw.value)[:60]}): compute it in a visible cell")
    return problems


def glue_values(**values: Any) -> None:
    """Glue every keyword as ``glue(name, plain(value), display=False)``."""
    from myst_nb import glue

    for name, value in values.items():
        glue(name, plain(name, value), display=False)

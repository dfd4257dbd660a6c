"""Every parameter of the public API is a word of the course's vocabulary (coursekit._vocabulary).

In the spirit of scikit-learn's ``test_public_functions`` (sklearn/tests/
test_public_functions.py), which checks every public function's parameters against its
declared constraints: here every parameter name of every public function, class and
method of ``ck``, ``ck.data`` and ``ck.charts`` must be in the vocabulary's tables (or be
a model symbol documented for the module that uses it), so that one idea keeps one name.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator

import pytest

import coursekit as ck
from coursekit._vocabulary import NOTATION, RENAMED, VOCABULARY

NAMESPACES = {"ck": ck, "ck.data": ck.data, "ck.charts": ck.charts}
WHERE = "src/coursekit/_vocabulary.py"


def _callables() -> Iterator[tuple[str, Callable]]:
    """(reader's name, callable) for every public function, class and method; deprecated
    aliases keep their old parameters and are left out."""
    for ns, module in NAMESPACES.items():
        for name in module.__all__:
            obj = getattr(module, name)
            if hasattr(obj, "__deprecated__") or not callable(obj):
                continue
            if inspect.isclass(obj):
                if issubclass(obj, BaseException) or hasattr(obj, "_fields"):
                    continue  # exceptions and named results take no arguments of ours
                yield f"{ns}.{name}", obj
                for meth, member in vars(obj).items():
                    if not meth.startswith("_") and inspect.isfunction(member):
                        yield f"{ns}.{name}.{meth}", member
            elif inspect.isfunction(obj):
                yield f"{ns}.{name}", obj


CALLABLES = dict(_callables())


def _where(obj: Callable) -> str:
    """``module.Qualname`` of a callable (a class's own module for its constructor)."""
    return f"{obj.__module__}.{obj.__qualname__}"


def _parameters(obj: Callable) -> list[str]:
    params = inspect.signature(obj).parameters.values()
    return [p.name for p in params if p.name not in ("self", "cls") and p.kind != p.VAR_KEYWORD]


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_parameters_are_vocabulary_words(name):
    obj = CALLABLES[name]
    place = _where(obj)
    for param in _parameters(obj):
        if param in VOCABULARY:
            continue
        if param in NOTATION:
            assert any(where in place for where in NOTATION[param]), (
                f"{name}({param}=): the symbol {param!r} is model notation for "
                f"{sorted(NOTATION[param])}, not for {place}. Use a vocabulary word, or add "
                f"its meaning here to the model-notation table of {WHERE}.")
            continue
        pytest.fail(f"{name}({param}=): {param!r} is not a word of the course's vocabulary. "
                    f"Use a word of the tables in {WHERE} (e.g. value=, start=/end=, "
                    f"benchmark=, graph=), or add {param!r} there with its meaning.")


def test_every_word_is_used():
    """No stale words: every row of the tables names a parameter of some public callable."""
    used = {param for obj in CALLABLES.values() for param in _parameters(obj)}
    assert sorted(set(VOCABULARY) - used) == []
    assert sorted(set(NOTATION) - used) == []


def test_a_name_has_one_meaning():
    """A word is in one table only; ``A`` is the input-output coefficient matrix only."""
    assert not set(VOCABULARY) & set(NOTATION)
    assert list(NOTATION["A"]) == ["inputoutput"]
    assert all(meaning for meaning in VOCABULARY.values())


def test_the_renamed_names_are_gone_from_the_signatures():
    """No public signature still uses an old keyword (they live on in the deprecation shim)."""
    old_keywords = {old.split("(")[1].rstrip("=)") for old in RENAMED if "(" in old}
    for name, obj in CALLABLES.items():
        shim = getattr(obj, "__renamed_keywords__", {})
        assert not set(_parameters(obj)) & set(shim), name
    assert {"E0", "nation0", "before", "A"} <= old_keywords

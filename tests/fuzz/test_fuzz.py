"""Fuzz every public callable with a battery of bad inputs (issue 11); see fuzzing.py.

The registry is the union of ``ENTRIES`` of every ``registry_*.py`` here, so a chapter adds
one registry file for its module; ``test_every_public_callable_is_in_the_registry`` fails
the moment a function is exported without an entry.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
from pathlib import Path

import pytest

import coursekit as ck
import coursekit.charts.theme
import coursekit.grading
from fuzzing import BATTERY, cases, judge, outcome

HERE = Path(__file__).resolve().parent
REGISTRY = {}
for _path in sorted(HERE.glob("registry_*.py")):
    REGISTRY.update(importlib.import_module(_path.stem).ENTRIES)


#: Public modules outside the flat namespaces, and why some are not fuzzed here.
MODULES = {"coursekit.grading": coursekit.grading,
           "coursekit.charts.theme": coursekit.charts.theme}
NOT_FUZZED = {
    "coursekit.grading.values": "serialisation of answers for the grader, rebuilt by engineer "
                                "'grader' (issue 22); tested in tests/coursekit/grading",
    "coursekit.grading.reference": "reads the grader's reference.json; rebuilt with the grader",
}


def test_every_public_module_is_fuzzed_or_excused():
    """A public module whose callables are reachable nowhere in the registry needs a reason."""
    import pkgutil

    fuzzed = {"coursekit", "coursekit.data", "coursekit.charts", *MODULES}
    for info in pkgutil.walk_packages(ck.__path__, prefix="coursekit."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        module = importlib.import_module(info.name)
        reachable = any(f"{ns}.{name}" in REGISTRY or any(
            key.startswith(f"{ns}.{name}.") for key in REGISTRY)
            for name in getattr(module, "__all__", []) for ns in fuzzed)
        callables = [n for n in getattr(module, "__all__", [])
                     if inspect.isfunction(getattr(module, n)) or inspect.isclass(getattr(module, n))]
        if callables and not reachable:
            assert info.name in NOT_FUZZED, (
                f"{info.name} exports {callables} but none is fuzzed: add its namespace to "
                f"MODULES and entries to tests/fuzz/registry_*.py, or give a reason in NOT_FUZZED")


def _public_callables() -> set[str]:
    names = set()
    for ns_name, ns in (("coursekit", ck), ("coursekit.data", ck.data),
                        ("coursekit.charts", ck.charts), *MODULES.items()):
        for name in ns.__all__:
            obj = getattr(ns, name)
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            if inspect.isclass(obj) and hasattr(obj, "_fields"):
                continue  # named results (NamedTuples) are data, not behaviour
            if hasattr(obj, "__deprecated__"):
                continue  # a deprecated alias: it calls a registered callable (test_names.py)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                names.add(f"{ns_name}.{name}")
            if inspect.isclass(obj):
                for meth, member in vars(obj).items():
                    if not meth.startswith("_") and inspect.isfunction(member):
                        names.add(f"{ns_name}.{name}.{meth}")
    return names


def test_every_public_callable_is_in_the_registry():
    missing = _public_callables() - set(REGISTRY)
    assert not missing, f"add fuzz entries (tests/fuzz/registry_*.py) for: {sorted(missing)}"


CASES = [(key, arg, label, value, expect) for key, entry in sorted(REGISTRY.items())
         for arg in entry.kwargs if arg not in entry.fixed
         for label, value, expect in cases(entry, arg, BATTERY)]


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_the_valid_call_of_every_entry_works(key):
    kind, detail = _valid(REGISTRY[key])
    assert kind == "ok", f"{key}: {detail}"


def _valid(entry):
    if not entry.kwargs:
        try:
            result = entry.func()
        except Exception as err:
            return "error", repr(err)
        return "ok", repr(type(result))
    first = next(iter(entry.kwargs))
    return outcome(entry, first, entry.kwargs[first])


@pytest.fixture(scope="module")
def report():
    """Counts of every outcome, written to _build/fuzz-report.json for the closing note."""
    counts: dict[str, int] = {}
    yield counts
    out = Path(os.environ.get("COURSEKIT_FUZZ_REPORT", HERE.parents[1] / "_build" / "fuzz-report.json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"inputs": sum(counts.values()), **counts}, indent=1))


_WANTED = {"any": "a correct value or a clear error", "refuse": "a clear error",
           "no raise": "a value, never an exception"}


@pytest.mark.parametrize("key,arg,label,value,expect", CASES,
                         ids=[f"{k}-{a}-{lab}" for k, a, lab, _, _ in CASES])
def test_bad_input_gives_a_right_value_or_a_clear_error(key, arg, label, value, expect, report):
    kind, detail = outcome(REGISTRY[key], arg, value)
    report[kind] = report.get(kind, 0) + 1
    assert judge(kind, expect), (f"{key}({arg}={label}): {kind} where {_WANTED[expect]} "
                                 f"was wanted: {detail}")

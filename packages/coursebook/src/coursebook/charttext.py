"""The text of a chart, found and translated in its Vega-Lite spec; numbers never change.

A translated edition shows the *same* chart as the English one: the spec that the build's
kernel drew (cached, shared by every edition) with only its text replaced.  The text is

* the title and subtitle, the description (the chart's ``aria-label`` and the caption
  shown until it is drawn), every axis, legend, header and tooltip title, and the labels
  of bound inputs (sliders);
* a legend's title when the chart gives none and Vega-Lite shows the field's name;
* category labels that are data values: the values of every nominal or ordinal field
  shown on an axis, a legend or a facet header (sector, region, country names), in the
  data and in the explicit sort orders and scale domains that list them, so that colours
  and orders stay matched.  A field named in an expression (a filter, a calculation, a
  condition) keeps its values, since the expression compares them.

Numbers inside a string are not part of its message: ``"Timeline of the 174 works"`` is
the message ``"Timeline of the {0} works"``, and the translation gets the chart's own
numbers back (:func:`template`, :func:`fill`), so a catalogue never holds a number that
could go stale.  Numbers in the data are never touched.

>>> spec = {"title": "Jobs in 2021", "description": "12 sectors",
...         "encoding": {"x": {"field": "n", "type": "quantitative", "title": "Jobs"},
...                      "y": {"field": "sector", "type": "nominal", "title": "Sector"}},
...         "data": {"values": [{"sector": "Mining", "n": 3}]}}
>>> sorted(chart_messages(spec))
['Jobs', 'Jobs in {0}', 'Mining', 'Sector', '{0} sectors']
>>> zh = {"Jobs": "就业", "Jobs in {0}": "{0} 年就业", "Mining": "采矿业", "Sector": "行业",
...       "{0} sectors": "{0} 个行业"}
>>> new, missing = translate_spec(spec, zh.get)
>>> new["title"], new["description"], new["data"]["values"], missing
('2021 年就业', '12 个行业', [{'sector': '采矿业', 'n': 3}], [])
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["chart_messages", "fill", "numbers_of", "strip_text", "template", "translate_spec"]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_LETTER = re.compile(r"[^\W\d_]")
#: Channels whose field values are labels a reader sees (axes, legends, facet headers).
LABEL_CHANNELS = ("x", "y", "color", "fill", "stroke", "shape", "strokeDash", "opacity",
                  "size", "row", "column", "facet", "xOffset", "yOffset", "text")
#: Channels shown in a legend: their field's name is the legend's title when none is given.
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "opacity", "size")
_VIEWS = ("layer", "hconcat", "vconcat", "concat")


def template(text: str) -> tuple[str, list[str]]:
    """``text`` with each number replaced by ``{0}``, ``{1}``..., and the numbers.

    >>> template("Dim 1 (55.1% of inertia)")
    ('Dim {0} ({1}% of inertia)', ['1', '55.1'])
    >>> template("a {brace} 3")
    ('a {brace} 3', [])
    """
    if "{" in text or "}" in text:
        return text, []
    found: list[str] = []

    def number(m: re.Match) -> str:
        found.append(m.group(0))
        return "{" + str(len(found) - 1) + "}"

    return _NUMBER.sub(number, text), found


def fill(message: str, numbers: list[str]) -> str:
    """A translated message with the chart's numbers put back in their placeholders.

    >>> fill("第 {0} 维（惯量的 {1}%）", ["1", "55.1"])
    '第 1 维（惯量的 55.1%）'
    """
    if not numbers:
        return message
    return _PLACEHOLDER.sub(lambda m: numbers[int(m.group(1))], message)


def numbers_of(message: str) -> list[str]:
    """The placeholders of a message, sorted (a translation must keep the same ones).

    >>> numbers_of("{1} of {0}")
    ['{0}', '{1}']
    """
    return sorted(m.group(0) for m in _PLACEHOLDER.finditer(message))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(_LETTER.search(value))


def _views(spec: dict) -> Iterator[tuple[dict, bool]]:
    """Every view of a (compound) spec, and whether it is a layer of another."""
    stack: list[tuple[dict, bool]] = [(spec, False)]
    while stack:
        view, layered = stack.pop()
        yield view, layered
        for key in _VIEWS:
            for sub in view.get(key) or []:
                if isinstance(sub, dict):
                    stack.append((sub, layered or key == "layer"))
        if isinstance(view.get("spec"), dict):
            stack.append((view["spec"], layered))


def _channels(view: dict) -> Iterator[tuple[str, dict]]:
    for name, value in (view.get("encoding") or {}).items():
        for d in value if isinstance(value, list) else [value]:
            if isinstance(d, dict):
                yield name, d
    facet = view.get("facet")
    if isinstance(facet, dict):
        if "field" in facet:
            yield "facet", facet
        for name in ("row", "column"):
            if isinstance(facet.get(name), dict):
                yield name, facet[name]


def _expression_fields(spec: dict) -> set[str]:
    """Fields named in an expression or a predicate anywhere in the spec."""
    names: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("datasets", "data", "config"):
                    continue
                if k in ("filter", "test", "calculate", "expr") and isinstance(v, str):
                    names.update(re.findall(r"datum\.([A-Za-z_]\w*)", v))
                    names.update(re.findall(r"datum\[['\"]([^'\"]+)['\"]\]", v))
                if k in ("filter", "test") and isinstance(v, dict) and "field" in v:
                    names.add(str(v["field"]))
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    walk(spec)
    return names


def _label_fields(spec: dict) -> set[str]:
    """Nominal or ordinal fields whose values show as labels (see the module docstring)."""
    fields = set()
    for view, _ in _views(spec):
        for name, d in _channels(view):
            if name in LABEL_CHANNELS and d.get("type") in ("nominal", "ordinal") \
                    and isinstance(d.get("field"), str):
                fields.add(d["field"])
    return fields - _expression_fields(spec)


def _records(spec: dict) -> Iterator[dict]:
    for rows in (spec.get("datasets") or {}).values():
        yield from (r for r in rows if isinstance(r, dict))
    for view, _ in _views(spec):
        data = view.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            yield from (r for r in data["values"] if isinstance(r, dict))


class _Text:
    """Visits every translatable string of a spec; ``apply`` returns its replacement."""

    def __init__(self, apply: Callable[[str], str]) -> None:
        self.apply = apply

    def value(self, v: Any) -> Any:
        if _is_text(v):
            return self.apply(v)
        if isinstance(v, list):
            return [self.apply(x) if _is_text(x) else x for x in v]
        return v

    def title(self, owner: dict, key: str = "title") -> None:
        t = owner.get(key)
        if isinstance(t, dict):
            for k in ("text", "subtitle"):
                if k in t:
                    t[k] = self.value(t[k])
        elif t is not None:
            owner[key] = self.value(t)

    def spec(self, spec: dict) -> None:
        labels = _label_fields(spec)
        if _is_text(spec.get("description")):
            spec["description"] = self.apply(spec["description"])
        for view, _layered in _views(spec):
            self.title(view)
            for p in view.get("params") or []:
                bind = p.get("bind") if isinstance(p, dict) else None
                if isinstance(bind, dict) and _is_text(bind.get("name")):
                    bind["name"] = self.apply(bind["name"])
            for name, d in _channels(view):
                self.channel(name, d, labels)
        for record in _records(spec):
            for f in labels & record.keys():
                if _is_text(record[f]):
                    record[f] = self.apply(record[f])

    def channel(self, name: str, d: dict, labels: set[str]) -> None:
        for part in ("axis", "legend", "header"):
            if isinstance(d.get(part), dict):
                self.title(d[part])
        if "title" in d:
            self.title(d)
        elif name in LEGEND_CHANNELS and d.get("legend", {}) is not None \
                and isinstance(d.get("field"), str) and "aggregate" not in d \
                and not (d.get("legend") or {}).get("title") and _is_text(d["field"]):
            d["title"] = self.apply(d["field"])  # Vega-Lite shows the field's name
        if d.get("field") in labels:
            if isinstance(d.get("sort"), list):
                d["sort"] = self.value(d["sort"])
            scale = d.get("scale")
            if isinstance(scale, dict) and isinstance(scale.get("domain"), list):
                scale["domain"] = self.value(scale["domain"])


def chart_messages(spec: dict) -> list[str]:
    """The messages of a chart (its strings with numbers as placeholders), in order, once."""
    found: dict[str, None] = {}

    def note(text: str) -> str:
        found.setdefault(template(text)[0])
        return text

    _Text(note).spec(copy.deepcopy(spec))
    return list(found)


def translate_spec(spec: dict, lookup: Callable[[str], str | None]) -> tuple[dict, list[str]]:
    """A copy of ``spec`` with its text translated by ``lookup(message)``.

    ``lookup`` returns the translation of a message (numbers as placeholders), or None.
    Returns the new spec and the messages that had no translation (kept in English).
    Nothing but strings changes: the structure and every number are the spec's own.
    """
    missing: dict[str, None] = {}

    def apply(text: str) -> str:
        message, numbers = template(text)
        translated = lookup(message)
        if not translated:
            missing.setdefault(message)
            return text
        return fill(translated, numbers)

    new = copy.deepcopy(spec)
    _Text(apply).spec(new)
    return new, list(missing)


def strip_text(spec: Any) -> Any:
    """Everything of a spec but its text: strings in a mapping are left out, strings in a
    list become ``""`` (two editions' charts must be equal after this: same structure,
    same data, same numbers; a translation may add a legend title Vega-Lite left implicit).

    >>> strip_text({"a": ["x", 1.5], "b": {"c": "y", "d": 2}})
    {'a': ['', 1.5], 'b': {'d': 2}}
    """
    if isinstance(spec, dict):
        return {k: strip_text(v) for k, v in spec.items() if not isinstance(v, str)}
    if isinstance(spec, list):
        return [strip_text(v) for v in spec]
    return "" if isinstance(spec, str) else spec

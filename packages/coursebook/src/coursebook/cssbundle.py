"""One small stylesheet per site instead of eleven: concatenate, drop unused rules, minify.

Every page of the book links the same eleven stylesheets (theme, Bootstrap, Font Awesome,
extensions; about 550 kB, most of it rules that no page uses).  :func:`bundle` joins them
in the order the page lists them (``@import`` inlined, ``url()`` rebased), and
:func:`purge` keeps a rule only if some page could match it: every class and id that a
selector *requires* must occur in the site's vocabulary (:class:`Vocabulary`), which is
collected from every built page and every script of the site (scripts add classes at run
time; a class name a script builds from a prefix, ``"bs-" + name``, keeps every class
with that prefix).  Type, attribute, pseudo-class and ``:not()``/``:is()`` parts never
remove a rule; at-rules are kept, with their inner rules purged the same way.  The result
is shared by every page (one request, cached for the next page).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2 import ast

__all__ = ["Vocabulary", "bundle", "minify_rules", "purge", "selector_requirements"]

_CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# "bs-" + name, `bs-${name}`, 'toggle-' + x: class names a script assembles from a prefix.
_PREFIX = re.compile(r"""([A-Za-z_][\w-]*-)(?:\$\{|["']\s*\+)""")


@dataclass
class Vocabulary:
    """Every class and id the site's pages have, or its scripts may add."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # identifiers found in scripts
    prefixes: set[str] = field(default_factory=set)

    def add_html(self, text: str) -> None:
        for m in _CLASS_ATTR.finditer(text):
            self.classes.update((m.group(1) or m.group(2) or m.group(3) or "").split())
        for m in _ID_ATTR.finditer(text):
            self.ids.add(m.group(1) or m.group(2) or m.group(3) or "")
        for m in _INLINE_SCRIPT.finditer(text):
            self.add_script(m.group(1))

    def add_script(self, text: str) -> None:
        self.words.update(_WORD.findall(text))
        self.prefixes.update(_PREFIX.findall(text))

    def has_class(self, name: str) -> bool:
        return (name in self.classes or name in self.words
                or any(name.startswith(p) for p in self.prefixes))

    def has_id(self, name: str) -> bool:
        return name in self.ids or name in self.words or any(name.startswith(p)
                                                             for p in self.prefixes)


def _split_selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas."""
    out: list[list] = [[]]
    for tok in prelude:
        if isinstance(tok, ast.LiteralToken) and tok.value == ",":
            out.append([])
        else:
            out[-1].append(tok)
    return [s for s in out if any(not isinstance(t, (ast.WhitespaceToken, ast.Comment))
                                  for t in s)]


def selector_requirements(selector: list) -> tuple[set[str], set[str]]:
    """Classes and ids one selector requires (those inside functions and brackets are
    ignored: ``:not(.x)``, ``:is(.a, .b)``, ``[class~=x]`` never make a rule removable)."""
    classes: set[str] = set()
    ids: set[str] = set()
    for prev, tok in zip([None, *selector[:-1]], selector, strict=True):
        if isinstance(tok, ast.IdentToken) and isinstance(prev, ast.LiteralToken) \
                and prev.value == ".":
            classes.add(tok.value)
        elif isinstance(tok, ast.HashToken) and tok.is_identifier:
            ids.add(tok.value)
    return classes, ids


def _selector_used(selector: list, vocab: Vocabulary) -> bool:
    classes, ids = selector_requirements(selector)
    return all(vocab.has_class(c) for c in classes) and all(vocab.has_id(i) for i in ids)


def _ser(tokens: Iterable, *, selector: bool = False) -> str:
    """Serialise tokens with whitespace collapsed, and dropped next to , { } ; (and, in
    selectors, > + ~).  Works on tokens, so strings and ``url()``s are never touched."""
    tight = {",", ">", "+", "~", "{", "}", ";"} if selector else {",", "{", "}", ";"}
    out: list[str] = []
    pending = last_tight = False
    for tok in tokens:
        if isinstance(tok, ast.Comment):
            continue
        if isinstance(tok, ast.WhitespaceToken):
            pending = True
            continue
        is_tight = isinstance(tok, ast.LiteralToken) and tok.value in tight
        if pending and out and not is_tight and not last_tight:
            out.append(" ")
        pending = False
        if isinstance(tok, ast.FunctionBlock):
            out.append(tinycss2.serialize([ast.IdentToken(0, 0, tok.name)])
                       + "(" + _ser(tok.arguments, selector=selector) + ")")
        elif isinstance(tok, ast.ParenthesesBlock):
            out.append("(" + _ser(tok.content, selector=selector) + ")")
        elif isinstance(tok, ast.SquareBracketsBlock):
            out.append("[" + _ser(tok.content, selector=selector) + "]")
        elif isinstance(tok, ast.CurlyBracketsBlock):
            out.append("{" + _ser(tok.content, selector=selector) + "}")
        else:
            out.append(tinycss2.serialize([tok]))
        last_tight = is_tight
    return "".join(out)


def minify_rules(rules: Iterable) -> str:
    """Serialise parsed rules compactly (comments and redundant whitespace dropped)."""
    out = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            out.append(_ser(rule.prelude, selector=True) + "{" + _declarations(rule.content) + "}")
        elif isinstance(rule, ast.AtRule):
            head = "@" + rule.at_keyword + (" " + _ser(rule.prelude) if _ser(rule.prelude) else "")
            if rule.content is None:
                out.append(head + ";")
            elif _has_rules(rule):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                 skip_whitespace=True)
                out.append(head + "{" + minify_rules(inner) + "}")
            else:
                out.append(head + "{" + _ser(rule.content) + "}")
    return "".join(out)


def _declarations(content: list | None) -> str:
    """A rule's body as ``name:value;...`` (token-wise if it holds anything but declarations,
    e.g. nested rules)."""
    items = tinycss2.parse_declaration_list(content or [], skip_comments=True,
                                            skip_whitespace=True)
    if not all(isinstance(d, ast.Declaration) for d in items):
        return _ser(content or [])
    out = []
    for d in items:
        value = _ser(d.value) or " "  # an empty custom property keeps one space
        out.append(f"{d.name}:{value}{'!important' if d.important else ''}")
    return ";".join(out)


_GROUPING = {"media", "supports", "layer", "container", "document", "scope", "starting-style"}


def _has_rules(rule: ast.AtRule) -> bool:
    return rule.lower_at_keyword in _GROUPING and rule.content is not None


def purge(rules: list, vocab: Vocabulary, drop_font_face: re.Pattern | None = None) -> list:
    """Rules of a parsed stylesheet that some page could use (selector lists trimmed)."""
    kept = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            used = [s for s in _split_selectors(rule.prelude) if _selector_used(s, vocab)]
            if used:
                prelude: list = []
                for i, sel in enumerate(used):
                    if i:
                        prelude.append(ast.LiteralToken(0, 0, ","))
                    prelude.extend(sel)
                kept.append(ast.QualifiedRule(0, 0, prelude, rule.content))
        elif isinstance(rule, ast.AtRule):
            if rule.lower_at_keyword == "font-face" and drop_font_face is not None \
                    and drop_font_face.search(tinycss2.serialize(rule.content or [])):
                continue
            if _has_rules(rule):
                inner = purge(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                       skip_whitespace=True),
                              vocab, drop_font_face)
                if not inner:
                    continue
                content: list = []
                for r in inner:
                    content.append(r)
                kept.append(ast.AtRule(0, 0, rule.at_keyword, rule.lower_at_keyword, rule.prelude,
                                       _as_tokens(content)))
            else:
                kept.append(rule)
    return kept


def _as_tokens(rules: list) -> list:
    """Re-parse serialised rules into the token list an at-rule's content holds."""
    return tinycss2.parse_component_value_list(minify_rules(rules))


_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _rebase(css: str, from_dir: str, to_dir: str) -> str:
    """Rewrite relative ``url()`` references of a stylesheet in ``from_dir`` for ``to_dir``."""
    def fix(m: re.Match) -> str:
        url = m.group(2).strip()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(from_dir, url))
        return f'url("{posixpath.relpath(target, to_dir)}")'
    return _URL.sub(fix, css)


_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)['"]?\s*\)?\s*([^;]*);""")


def _read_inlined(path: Path, root: Path, out_dir: str, seen: set[Path]) -> str:
    """A stylesheet with its local ``@import`` rules replaced by the imported text, and
    every relative ``url()`` rebased for a stylesheet in ``out_dir``."""
    if path in seen:
        return ""
    seen.add(path)
    text = path.read_text(encoding="utf-8")
    rel_dir = path.parent.relative_to(root).as_posix()
    parts: list[str] = []
    pos = 0
    for m in _IMPORT.finditer(text):
        parts.append(_rebase(text[pos:m.start()], rel_dir, out_dir))
        pos = m.end()
        url, media = m.group(1), m.group(2).strip()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.I):
            parts.append(m.group(0))  # a remote import: left for the tests that forbid it
            continue
        target = (path.parent / url.split("?")[0]).resolve()
        inner = _read_inlined(target, root, out_dir, seen) if target.is_file() else ""
        parts.append(f"@media {media}{{{inner}}}" if media else inner)
    parts.append(_rebase(text[pos:], rel_dir, out_dir))
    return "".join(parts)


def bundle(files: list[tuple[Path, str | None]], root: Path, out_dir: str, vocab: Vocabulary,
           *, keep_whole: Iterable[str] = (), drop_font_face: re.Pattern | None = None,
           extra: str = "") -> str:
    """One minified, purged stylesheet from ``files`` (in order) for a file in ``out_dir``.

    ``files`` are ``(path, media)`` pairs of stylesheets under ``root`` (the HTML output);
    ``out_dir`` is the bundle's folder relative to ``root``; stylesheets whose file name is
    in ``keep_whole`` are minified but not purged (their classes appear only when an
    external library runs, e.g. Thebe); ``extra`` CSS is appended, minified, not purged.
    """
    keep = set(keep_whole)
    chunks: list[str] = []
    for path, media in files:
        text = _read_inlined(path, root, out_dir, set())
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        rules = [r for r in rules if not (isinstance(r, ast.AtRule)
                                          and r.lower_at_keyword in ("charset", "import"))]
        if path.name not in keep:
            rules = purge(rules, vocab, drop_font_face)
        css = minify_rules(rules)
        if media and media.lower() != "all":
            css = f"@media {media}{{{css}}}"
        if css:
            chunks.append(f"/* {path.relative_to(root).as_posix()} */\n{css}")
    if extra:
        rules = tinycss2.parse_stylesheet(extra, skip_comments=True, skip_whitespace=True)
        chunks.append(minify_rules(rules))
    text = "\n".join(chunks) + "\n"
    return ('@charset "UTF-8";\n' + text) if not text.isascii() else text

"""Notebooks of the chapter pages in the one flavour that renders everywhere.

Jupyter, JupyterLab, Colab and GitHub show Markdown with ``$…$`` maths, not MyST, so every
notebook the course hands out turns MyST into what they show (:func:`plain_markdown`):

* display maths (```` ```{math} ````) as ``$$…$$``, with its equation number as a ``\\tag``;
* citations as "(Author, year)" or "Author (year)", the cited works listed at the end;
* cross-references as links to the published page, with the text and number the book
  shows ("Table 1.2", "(3.1)", a section's title);
* glued numbers as their values, formatted as on the page;
* exercises and tables with their numbers; MyST targets and options dropped.

Numbers, titles and glued values come from the book build (:class:`Context`, written by
the Sphinx extension to ``_build/coursebook/context.json`` when the HTML build finishes),
so the notebooks say what the book says.  Two kinds are made:

* **Colab/Binder copies** (``chapters/<page>.ipynb``, committed, no outputs): a first cell
  installs ``coursekit`` on Colab only; hidden cells (``remove-cell``) are dropped.
  ``python -m coursebook notebooks`` writes them from the last build's context
  (``make generated``); ``--check`` compares.
* **Executed notebooks for download** (``_sources/chapters/<page>.ipynb`` in the site, the
  download menu's ``.ipynb``): the same cells with the outputs of the build's own
  execution (jupyter-cache), charts as PNG images (at the site's size) drawn from their Vega-Lite specs so that
  any viewer shows them (:func:`executed_notebook`).
"""

from __future__ import annotations

import base64
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

__all__ = [
    "CONTEXT_FILE",
    "INSTALL_CELL",
    "MYST_LEFTOVER",
    "Citations",
    "Context",
    "colab_notebook",
    "executed_notebook",
    "myst_leftovers",
    "pages",
    "plain_markdown",
    "published_url",
    "write_notebooks",
]

INSTALL_CELL = '''\
# On Google Colab, install the course package and its data (elsewhere this does nothing).
import sys

if "google.colab" in sys.modules:
    %pip install --quiet "coursekit @ git+{url}@{branch}"'''

#: Where the HTML build writes the context (relative to the book's folder).
CONTEXT_FILE = Path("_build") / "coursebook" / "context.json"

#: MyST that Jupyter would show as typed: a role, a directive fence or a target label.
MYST_LEFTOVER = re.compile(r"\{[a-z][a-z:-]*\}`|^\s*(```+|:::+)\s*\{[a-z-]+\}|^\([\w-]+\)=\s*$",
                           re.M)

_ROLE = re.compile(r"\{(?P<role>[a-z][a-z:-]*)\}`(?P<body>[^`]*)`")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def published_url(repository_url: str) -> str:
    """The GitHub Pages address of a GitHub repository (where ``make site`` is deployed).

    >>> published_url("https://github.com/industrial-clusters/course")
    'https://industrial-clusters.github.io/course/'
    """
    match = re.match(r"https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", repository_url)
    if not match:
        raise ValueError(f"published_url: repository_url must be a GitHub repository URL "
                         f"(https://github.com/ORG/REPO), not {repository_url!r}.")
    return f"https://{match.group(1).lower()}.github.io/{match.group(2)}/"


@dataclass
class Context:
    """What the book build knows that a notebook should show (see the module docstring).

    ``refs``: label -> ``{"doc", "anchor", "title", "number"}`` (``number`` as the book
    shows it, e.g. "Table 1.2" or "Exercise 3.1", or None); ``equations``: label -> number
    ("3.1"); ``glue``: page -> name -> the value's ``text/plain``; ``titles``: page -> title.
    """

    baseurl: str = ""
    refs: dict[str, dict[str, Any]] = field(default_factory=dict)
    equations: dict[str, str] = field(default_factory=dict)
    glue: dict[str, dict[str, str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Context:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: data.get(k, v) for k, v in cls().__dict__.items()})

    def dump(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.__dict__, indent=1, sort_keys=True, ensure_ascii=False)
                        + "\n", encoding="utf-8")

    def url(self, doc: str, anchor: str = "") -> str:
        return f"{self.baseurl}{doc}.html" + (f"#{anchor}" if anchor else "")


class Citations:
    """Author–year citations and reference entries from the course's ``references.bib``.

    The same style as the book (sphinxcontrib-bibtex's ``author_year`` labels, pybtex's
    ``plain`` entries): one author "Porter", two "Martin and Ottaviano", more "Hidalgo et al.".
    """

    def __init__(self, bibfile: Path) -> None:
        from pybtex.database import parse_file

        self.data = parse_file(str(bibfile))
        self._entries: dict[str, str] | None = None

    def _names(self, key: str) -> tuple[str, str]:
        from pybtex.richtext import Text

        entry = self.data.entries[key]
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        lasts = [Text(*p.rich_last_names).render_as("text") for p in people]
        if not lasts:
            org = entry.fields.get("organization") or entry.fields.get("institution") or key
            lasts = [re.sub(r"[{}]", "", str(org))]
        names = (lasts[0] if len(lasts) == 1 else f"{lasts[0]} and {lasts[1]}"
                 if len(lasts) == 2 else f"{lasts[0]} et al.")
        return names, str(entry.fields.get("year", "n.d."))

    def parenthetical(self, keys: list[str]) -> str:
        """``(Porter, 1998; Krugman, 1991)``."""
        return "(" + "; ".join("{}, {}".format(*self._names(k)) for k in keys) + ")"

    def textual(self, keys: list[str]) -> str:
        """``Porter (1998)`` (and ``Porter (1998) and Krugman (1991)``)."""
        return " and ".join("{} ({})".format(*self._names(k)) for k in keys)

    def entry(self, key: str) -> str:
        """The reference list's entry for ``key``, as Markdown."""
        if self._entries is None:
            from pybtex.plugin import find_plugin

            style = find_plugin("pybtex.style.formatting", "plain")()
            self._entries = {e.key: e.text.render_as("markdown")
                             for e in style.format_entries(self.data.entries.values())}
        return self._entries[key]


def _role(match: re.Match[str], page: str, ctx: Context, cites: Citations | None,
          cited: list[str]) -> str:
    role, body = match.group("role"), match.group("body")
    explicit = _EXPLICIT.match(body)
    text, target = (explicit.group("text"), explicit.group("target")) if explicit else (
        None, body)
    if role in ("glue:text", "glue", "glue:"):
        from myst_nb.core.variables import format_plain_text

        name, _, spec = body.partition(":")
        value = ctx.glue.get(page, {}).get(name)
        if value is None:
            return f"‹{name}›"
        return format_plain_text(value, spec)
    if role.startswith("cite"):
        keys = [k.strip() for k in body.split(",") if k.strip()]
        cited.extend(k for k in keys if k not in cited)
        if cites is None:
            return "[" + ", ".join(keys) + "]"
        return cites.textual(keys) if role == "cite:t" else cites.parenthetical(keys)
    if role == "eq":
        number = ctx.equations.get(target)
        return f"({number})" if number else f"equation ({target})"
    if role in ("ref", "numref", "doc"):
        doc = target.lstrip("/")
        ref = ctx.refs.get(target) or ({"doc": doc, "anchor": "", "title": ctx.titles.get(doc),
                                        "number": None} if doc in ctx.titles else None)
        if ref is None:
            return text or target
        if role == "numref":
            number = ref.get("number") or ""
            shown = (text.replace("%s", number.split()[-1]).replace("{number}", number.split()[-1])
                     if text and number else number or ref.get("title") or target)
        else:
            shown = text or ref.get("title") or target
        return f"[{shown}]({ctx.url(ref['doc'], ref.get('anchor', ''))})" if ctx.baseurl \
            else shown
    if role == "term":
        return text or body
    if role.startswith("py:"):
        name = text or body
        return f"`{name.lstrip('~').split('.')[-1] if name.startswith('~') else name}`"
    return text or body


def _math(match: re.Match[str], ctx: Context) -> str:
    options, body = match.group("options") or "", match.group("body").strip()
    label = re.search(r"^:label:\s*(\S+)", options, re.M)
    number = ctx.equations.get(label.group(1)) if label else None
    tag = f" \\tag{{{number}}}" if number else ""
    return f"$$\n{body}{tag}\n$$"


def _numbered(kind: str, label: str | None, ctx: Context) -> str:
    ref = ctx.refs.get(label or "") or {}
    return ref.get("number") or kind


def plain_markdown(text: str, page: str = "", ctx: Context | None = None,
                   cites: Citations | None = None, cited: list[str] | None = None) -> str:
    """A MyST Markdown cell as plain Jupyter Markdown (see the module docstring).

    ``cited`` collects the citation keys met, for the reference list at the end.

    >>> ctx = Context(glue={"p": {"mi_lq": "1.2345"}}, equations={"eq-a": "2.1"})
    >>> plain_markdown("LQ of {glue:text}`mi_lq:.2f` as in {eq}`eq-a`", "p", ctx)
    'LQ of 1.23 as in (2.1)'
    >>> print(plain_markdown("```{math}\\n:label: eq-a\\nx = 1\\n```", "p", ctx))
    $$
    x = 1 \\tag{2.1}
    $$
    """
    ctx = ctx or Context()
    cited = cited if cited is not None else []
    text = re.sub(r"^(?P<fence>```+)\{math\}[^\n]*\n(?P<options>(?::[\w-]+:[^\n]*\n)*)"
                  r"(?P<body>.*?)^(?P=fence)\s*$", lambda m: _math(m, ctx), text,
                  flags=re.M | re.S)
    text = _ROLE.sub(lambda m: _role(m, page, ctx, cites, cited), text)
    text = re.sub(r"^\([\w-]+\)=\s*$\n?", "", text, flags=re.M)  # MyST target labels

    def table(m: re.Match[str]) -> str:
        name = re.search(r"^:name:\s*(\S+)", m.group("options") or "", re.M)
        number = _numbered("Table", name.group(1) if name else None, ctx)
        return f"**{number}.** {m.group('caption').strip()}\n\n{m.group('body').strip()}\n"

    text = re.sub(r"^:::+\{table\}(?P<caption>[^\n]*)\n(?P<options>(?::[\w-]+:[^\n]*\n)*)"
                  r"(?P<body>.*?)^:::+\s*$", table, text, flags=re.M | re.S)

    def exercise(m: re.Match[str]) -> str:
        label = re.search(r"^:label:\s*(\S+)", m.group("options") or "", re.M)
        number = _numbered("Exercise", label.group(1) if label else None, ctx)
        title = m.group("title").strip()
        return f"**{number}**" + (f" ({title})" if title else "") + "\n"

    text = re.sub(r"^:::+\{exercise\}(?P<title>[^\n]*)\n(?P<options>(?::[\w-]+:[^\n]*\n)*)",
                  exercise, text, flags=re.M)

    def solution(m: re.Match[str]) -> str:
        number = _numbered("the exercise", m.group("target").strip(), ctx)
        return f"**Solution to {number}**\n"

    text = re.sub(r"^:::+\{solution(?:-start)?\}(?P<target>[^\n]*)\n(?::[\w-]+:[^\n]*\n)*"
                  r"(?::::+\s*$\n?)?", solution, text, flags=re.M)
    text = re.sub(r"^:::+\{solution-end\}[^\n]*\n?(?::[\w-]+:[^\n]*\n)*(?::::+\s*$\n?)?", "",
                  text, flags=re.M)
    # any other directive: its name as a bold heading, its options dropped
    text = re.sub(r"^(?:```+|:::+)\{(?P<name>[a-z-]+)\}(?P<arg>[^\n]*)\n(?::[\w-]+:[^\n]*\n)*",
                  lambda m: f"**{m.group('arg').strip() or m.group('name').capitalize()}**\n",
                  text, flags=re.M)
    text = re.sub(r"^:::+\s*$\n?", "", text, flags=re.M)
    return text


def myst_leftovers(nb: Any) -> list[str]:
    """MyST roles, directives or targets left in a notebook's Markdown cells (should be none).

    >>> myst_leftovers(nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("see {cite:p}`x`")]))
    ['cell 0: {cite:p}`']
    """
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found += [f"cell {i}: {m.group(0).strip()}" for m in MYST_LEFTOVER.finditer(cell.source)]
    return found


def _references_cell(cited: list[str], cites: Citations | None) -> Any:
    if not cited or cites is None:
        return None
    lines = [f"- {cites.entry(k)}" for k in sorted(cited, key=lambda k: cites._names(k))]
    return nbformat.v4.new_markdown_cell("## References\n\n" + "\n".join(lines))


def _page_cells(page: Path, name: str, ctx: Context, cites: Citations | None,
                outputs: list[list[Any]] | None = None) -> list[Any]:
    """The page's cells as notebook cells (hidden ones dropped), with ``outputs`` per code
    cell of the page (in order) if given, then the reference list."""
    import jupytext

    nb = jupytext.read(str(page))
    cells, cited = [], []
    code_index = -1
    for cell in nb.cells:
        if cell.cell_type == "code":
            code_index += 1
            if "remove-cell" in cell.metadata.get("tags", []):
                continue
            new = nbformat.v4.new_code_cell(cell.source)
            if outputs is not None:
                new.outputs = outputs[code_index]
            cells.append(new)
        elif cell.cell_type == "markdown":
            text = plain_markdown(cell.source, name, ctx, cites, cited).strip()
            if text:
                cells.append(nbformat.v4.new_markdown_cell(text))
    refs = _references_cell(cited, cites)
    if refs is not None:
        cells.append(refs)
    return cells


def _finish(cells: list[Any]) -> Any:
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python",
                                   "name": "python3"},
                    "language_info": {"name": "python"}}
    for i, cell in enumerate(out.cells):
        cell["id"] = f"cell-{i:03d}"
    return out


def colab_notebook(page: str | Path, url: str, branch: str, ctx: Context | None = None,
                   cites: Citations | None = None) -> Any:
    """The Colab/Binder copy of one chapter page (see the module docstring)."""
    page = Path(page)
    ctx = ctx or Context()
    name = _page_name(page)
    published = ctx.url(name) if ctx.baseurl else "the book"
    intro = nbformat.v4.new_markdown_cell(
        f"*This notebook is generated from the book page [{ctx.titles.get(name, name)}]"
        f"({published}); the numbers in its text are those the page's code computed when "
        f"the book was built. Run the cells to compute them again.*" if ctx.baseurl else
        "*This notebook is generated from the book page of the same name.*")
    install = nbformat.v4.new_code_cell(INSTALL_CELL.format(url=url.rstrip("/"), branch=branch))
    return _finish([intro, install, *_page_cells(page, name, ctx, cites)])


def executed_notebook(page: Path, executed: Any, ctx: Context, cites: Citations | None,
                      chart_folder: Path) -> Any:
    """The page with the outputs of the build's own execution (``executed``: the notebook
    jupyter-cache holds, code cells only), charts as PNG, glue outputs dropped."""
    code = [c for c in executed.cells if c.cell_type == "code"]
    outputs = [[o for o in (_static_output(o, chart_folder) for o in c.get("outputs", []))
                if o is not None] for c in code]
    name = _page_name(page)
    intro = nbformat.v4.new_markdown_cell(
        f"*The page [{ctx.titles.get(name, name)}]({ctx.url(name)}) as a notebook, with the "
        f"outputs of the book's own build (charts as images: run the cells to get them "
        f"interactive).*" if ctx.baseurl else "*A book page with its outputs.*")
    cells = _page_cells(page, name, ctx, cites, outputs=_align(page, outputs))
    return _finish([intro, *cells])


def _align(page: Path, outputs: list[list[Any]]) -> list[list[Any]]:
    import jupytext

    n = sum(1 for c in jupytext.read(str(page)).cells if c.cell_type == "code")
    if n != len(outputs):
        raise ValueError(f"{page}: {n} code cells on the page but {len(outputs)} executed; "
                         f"build the book again.")
    return outputs


def _static_output(output: Any, chart_folder: Path) -> Any:
    """An output as a viewer without the book's scripts shows it; None to drop it."""
    from coursebook.printed import chart_spec, render_chart

    output = nbformat.from_dict(json.loads(json.dumps(output)))
    if "scrapbook" in output.get("metadata", {}):
        return None  # a glued value: shown in the text
    output.pop("execution_count", None) if output.output_type == "display_data" else None
    data = output.get("data", {})
    spec = chart_spec(data.get("text/html", "")) if "text/html" in data else None
    if spec is not None:
        png = render_chart(spec, "png", chart_folder)
        description = str(spec.get("description") or "Chart")
        output["data"] = {"image/png": base64.b64encode(png.read_bytes()).decode("ascii"),
                          "text/plain": f"<Chart: {description}>"}
    if output.output_type == "execute_result":
        output["execution_count"] = None
    return output


def _page_name(page: Path) -> str:
    parts = page.with_suffix("").parts
    return "/".join(parts[parts.index("chapters"):]) if "chapters" in parts else page.stem


def pages(root: Path) -> list[Path]:
    """Table-of-contents pages that have code cells."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part.get("chapters", [])]
    paths = [root / f"{n}.md" for n in names]
    return [p for p in paths if "```{code-cell}" in p.read_text(encoding="utf-8")]


def write_notebooks(root: Path, *, check: bool = False) -> int:
    """Write (or, with ``check``, only compare) every page's Colab copy; 1 if stale.

    The copies need the last build's context (``_build/coursebook/context.json``).
    """
    context_path = root / CONTEXT_FILE
    if not context_path.is_file():
        print(f"no {CONTEXT_FILE}: build the book first ('make book'); the notebooks show "
              f"the numbers and references of the build.", file=sys.stderr)
        return 1
    ctx = Context.load(context_path)
    cites = Citations(root / "references.bib")
    repo = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]
    stale = []
    for page in pages(root):
        nb = colab_notebook(page, repo["url"], repo.get("branch", "main"), ctx, cites)
        text = nbformat.writes(nb) + "\n"
        target = page.with_suffix(".ipynb")
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target.relative_to(root)))
        else:
            target.write_text(text, encoding="utf-8")
    expected = {page.with_suffix(".ipynb") for page in pages(root)}
    extra = [str(p.relative_to(root)) for p in (root / "chapters").glob("*.ipynb")
             if p not in expected]
    if stale or extra:
        print(f"stale or missing notebook copies: {stale}; copies of no page: {extra}. "
              f"Run 'make generated'.", file=sys.stderr)
        return 1
    return 0

"""Directives that generate the book's reference pages from the repository's own records.

Registered by :mod:`coursebook.sphinxext`:

* ``{coursekit-datasets}``: one entry per ``data/<dataset>/provenance.toml`` — title, source
  (linked), licence, attribution, what the files cover (rows and columns), units, retrieval
  date, SHA-256 of every file, the chapters whose code loads it, and a one-line load
  example from the loader catalogue (``coursekit.data._catalogue.LOADERS``);
* ``{coursekit-citation}``: the course's citation and BibTeX entry from ``CITATION.cff``;
* ``{coursekit-execution-status}``: each page's execution time and status in this build
  (myst-nb's record of the build's jupyter-cache execution).  The table is written into the
  page's HTML when the page is written, not into the document, so the site's search index
  (and every other page) stays byte-identical between builds; only this page's times vary.

Each directive records the files it reads, so editing one rebuilds the page.
"""

from __future__ import annotations

import re
import tomllib
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

__all__ = ["CitationDirective", "DatasetsDirective", "ExecutionStatusDirective",
           "dataset_usage", "execution_table", "fill_execution_status"]

_PLACEHOLDER = '<div class="coursekit-exec-status"></div>'


def _field_list(rows: list[tuple[str, list[nodes.Node]]]) -> nodes.field_list:
    fields = nodes.field_list()
    for name, body in rows:
        para = nodes.paragraph("", "", *body)
        fields += nodes.field("", nodes.field_name("", name), nodes.field_body("", para))
    return fields


def _doc_link(doc: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + doc,
                                refexplicit=False, refwarn=True)
    ref += nodes.inline("", doc)
    return ref


def dataset_usage(root: Path, loaders: dict[str, tuple]) -> dict[str, list[str]]:
    """The pages whose code calls one of each dataset's loaders, by dataset name."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]] + [c["file"] for part in toc.get("parts", [])
                             for c in part.get("chapters", [])]
    texts = {p: "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```",
                                     (root / f"{p}.md").read_text(encoding="utf-8"), re.S))
             for p in pages}
    return {name: [p for p in pages if any(re.search(rf"\b{f.__name__}\(", texts[p])
                                           for f in funcs)]
            for name, funcs in loaders.items()}


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return max(sum(1 for _ in fh) - 1, 0)


class DatasetsDirective(SphinxDirective):
    """``{coursekit-datasets}``: the datasets of ``data/`` (see the module docstring)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from coursekit.data._catalogue import LOADERS

        root = Path(self.env.srcdir)
        usage = dataset_usage(root, LOADERS)
        self.env.note_dependency(str(root / "_toc.yml"))
        out: list[nodes.Node] = []
        for folder in sorted((root / "data").iterdir()):
            record = folder / "provenance.toml"
            if not record.is_file():
                continue
            self.env.note_dependency(str(record))
            meta = tomllib.loads(record.read_text(encoding="utf-8"))
            name = meta["name"]
            section = nodes.section(ids=[f"dataset-{name}"], names=[f"dataset-{name}"])
            section += nodes.title("", meta["title"])
            source = [nodes.Text(meta["source"] + " ")]
            url = str(meta.get("source_url", ""))
            urls = [u for u in re.split(r"\s*;\s*", url) if re.match(r"https?://\S+$", u)]
            for i, u in enumerate(urls):  # one or several addresses, separated by ";"
                source += [nodes.Text("; ")] if i else []
                source.append(nodes.reference("", u, refuri=u))
            if url and not urls:  # e.g. "see the url column of each row"
                source.append(nodes.Text(f"({url})"))
            files = meta.get("files", {})
            schema = meta.get("schema", {})
            cover = []
            for i, (filename, _digest) in enumerate(sorted(files.items())):
                columns = list(schema.get(filename, {}).get("columns", {}))
                cover += [nodes.literal("", filename),
                          nodes.Text(f": {_rows(folder / filename):,} rows"
                                     + (f"; columns {', '.join(columns)}" if columns else "")
                                     + (". " if i < len(files) - 1 else "."))]
            units = meta.get("units", {})
            unit_nodes: list[nodes.Node] = []
            for i, (column, unit) in enumerate(sorted(units.items())):
                unit_nodes += [nodes.literal("", column), nodes.Text(f": {unit}"
                                                                      + ("; " if i < len(units) - 1
                                                                         else ""))]
            checks: list[nodes.Node] = []
            for i, (filename, digest) in enumerate(sorted(files.items())):
                checks += [nodes.literal("", filename), nodes.Text(" "),
                           nodes.literal("", digest)]
                if i < len(files) - 1:
                    checks.append(nodes.Text("; "))
            pages = usage.get(name, [])
            used: list[nodes.Node] = []
            for i, page in enumerate(pages):
                used.append(_doc_link(page))
                if i < len(pages) - 1:
                    used.append(nodes.Text(", "))
            rows = [("Source", source),
                    ("Licence", [nodes.Text(meta.get("licence", ""))]),
                    ("Credit", [nodes.Text(meta.get("attribution", ""))]),
                    ("Coverage", cover or [nodes.Text("—")]),
                    ("Units", unit_nodes or [nodes.Text("—")]),
                    ("Retrieved", [nodes.Text(str(meta.get("retrieved", "")))]),
                    ("SHA-256", checks),
                    ("Used in", used or [nodes.Text("the API examples only")])]
            section += _field_list(rows)
            loaders = LOADERS.get(name, ())
            if loaders:
                example = loaders[0].__name__
                call = (f'ck.data.{example}("{_first_table(meta)}")'
                        if example in ("load_bea_io_2021", "load_classification")
                        else f"ck.data.{example}()")
                section += nodes.literal_block("", f"import coursekit as ck\n\n{call}",
                                               language="python")
            section += nodes.paragraph("", "", nodes.Text("Provenance in full: "),
                                       nodes.literal("", f"data/{name}/PROVENANCE.md"),
                                       nodes.Text("."))
            out.append(section)
        return out


def _first_table(meta: dict[str, Any]) -> str:
    files = sorted(meta.get("files", {}))
    return Path(files[0]).stem if files else ""


class CitationDirective(SphinxDirective):
    """``{coursekit-citation}``: the citation and BibTeX entry from ``CITATION.cff``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        import yaml

        path = Path(self.env.srcdir) / "CITATION.cff"
        self.env.note_dependency(str(path))
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
        pref = cff.get("preferred-citation", cff)
        authors = " and ".join(a.get("name") or f"{a.get('given-names', '')} "
                               f"{a.get('family-names', '')}".strip()
                               for a in pref.get("authors", cff["authors"]))
        year = pref.get("year") or str(cff.get("date-released", ""))[:4]
        version = cff.get("version", "")
        url = pref.get("url") or cff.get("url", "")
        text = (f"{authors} ({year}). {pref['title']} (version {version}). {url}")
        key = "industrialclusters" + str(year)
        bibtex = (f"@book{{{key},\n  title     = {{{pref['title']}}},\n"
                  f"  author    = {{{{{authors}}}}},\n  year      = {{{year}}},\n"
                  f"  edition   = {{{version}}},\n  url       = {{{url}}},\n"
                  f"  note      = {{Text CC BY 4.0, code MIT}}\n}}")
        from coursebook.i18n import CITATION_NOTE, _ui

        # The citation is reproduced as CITATION.cff gives it in every edition, and the note
        # is the edition's own message with the version filled in: neither is a message of
        # the page's catalogue, which would turn fuzzy at every release.
        citation = nodes.paragraph("", "", nodes.Text(text), translatable=False)
        note = _ui(self.env.srcdir, self.config.language or "en", CITATION_NOTE).format(
            version, cff.get("date-released", ""), ", ".join(cff.get("license", [])))
        return [citation, nodes.literal_block("", bibtex, language="bibtex"),
                nodes.paragraph("", "", nodes.Text(note), translatable=False)]


class ExecutionStatusDirective(SphinxDirective):
    """``{coursekit-execution-status}``: a placeholder filled by :func:`fill_execution_status`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # the table reports this build's execution
        return [nodes.raw("", _PLACEHOLDER, format="html")]


def execution_table(app: Any, pagename: str) -> str:
    """An HTML table of every executed page: its run time and status in this build."""
    from myst_nb.sphinx_ import NbMetadataCollector

    env = app.env
    rows = []
    for doc in sorted(env.all_docs):
        data = NbMetadataCollector.get_exec_data(env, doc)
        if not data:
            continue
        title = env.titles[doc].astext() if doc in env.titles else doc
        link = app.builder.get_relative_uri(pagename, doc)
        runtime = data.get("runtime")
        ok = data.get("succeeded")
        rows.append(
            f'<tr><td><a href="{escape(link)}">{escape(title)}</a></td>'
            f"<td>{escape(str(data.get('method', '')))}</td>"
            f'<td class="coursekit-num">{"–" if runtime is None else f"{runtime:.1f}"}</td>'
            f"<td>{'passed' if ok else 'failed'}</td></tr>")
    head = ("<thead><tr><th>Page</th><th>How it ran</th><th>Run time (s)</th>"
            "<th>Status</th></tr></thead>")
    return (f'<table class="table coursekit-exec-table"><caption>Execution of the book\'s '
            f"pages in this build</caption>{head}<tbody>{''.join(rows)}</tbody></table>")


def fill_execution_status(app: Any, pagename: str, templatename: str, context: dict,
                          doctree: Any) -> None:
    """``html-page-context``: put the execution table where the directive left its place."""
    body = context.get("body") or ""
    if _PLACEHOLDER in body and app.builder.format == "html":
        context["body"] = body.replace(_PLACEHOLDER, execution_table(app, pagename))

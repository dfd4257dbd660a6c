"""Tests for coursebook.refpages: the reference pages' directives run on a small fake
repository in ``tmp_path`` (a ``provenance.toml``, a ``CITATION.cff``, a table of contents)
with stand-in Sphinx objects (no build).  The real pages are built by the book tier."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from sphinx import addnodes

from coursebook import refpages

TOC = """format: jb-book
root: chapters/intro
parts:
  - caption: Chapters
    chapters:
      - file: chapters/growth
      - file: chapters/methods
"""

PAGES = {
    "chapters/intro": "# Intro\n\nThe loader `load_fake_tables()` is explained later.\n",
    "chapters/growth": ("# Growth\n\n```{code-cell} ipython3\nimport coursekit as ck\n\n"
                        "df = ck.data.load_fake_tables()\n```\n\nText.\n\n"
                        "```{code-cell} ipython3\nck.data.load_other()\n```\n"),
    "chapters/methods": ("# Methods\n\n```{code-cell} ipython3\n"
                         "x = ck.data.load_fake_tables_by_size()\n```\n"),
}

PROVENANCE = """name = "fake-tables"
title = "Fake tables, 2 files"
source = "Statistical Office"
source_url = "https://example.org/a ; https://example.org/b"
licence = "CC BY 4.0"
attribution = "Source: Statistical Office"
retrieved = 2026-11-01
units = { employment = "persons", area = "km²" }

[files]
"b.csv" = "bbbb"
"a.csv" = "aaaa"

[schema."a.csv"]
columns = { region = "string", employment = "int64" }
"""


def load_fake_tables():
    """A stand-in loader (the directive reads its name only)."""


def load_fake_tables_by_size():
    """A second loader of the same dataset."""


def load_other():
    """The loader of a dataset without a provenance record."""


def _repo(root: Path) -> Path:
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    for name, text in PAGES.items():
        (root / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    folder = root / "data" / "fake-tables"
    folder.mkdir(parents=True)
    (folder / "provenance.toml").write_text(PROVENANCE, encoding="utf-8")
    (folder / "a.csv").write_text("region,employment\nA,1\nB,2\nC,3\n", encoding="utf-8")
    (folder / "b.csv").write_text("x\n1", encoding="utf-8")  # no final newline
    (root / "data" / "no-record").mkdir()
    (root / "data" / "README.md").write_text("Datasets.", encoding="utf-8")
    return root


LOADERS = {"fake-tables": (load_fake_tables, load_fake_tables_by_size),
           "other": (load_other,)}


def _run(directive: type, srcdir: Path, language: str = "en"
         ) -> tuple[list[nodes.Node], SimpleNamespace]:
    """Run a directive of the page ``chapters/datasets`` as Sphinx would, on stand-ins."""
    env = SimpleNamespace(srcdir=str(srcdir), docname="chapters/datasets", deps=[],
                          rereads=0, config=SimpleNamespace(language=language))
    env.note_dependency = env.deps.append

    def note_reread() -> None:
        env.rereads += 1

    env.note_reread = note_reread
    state = SimpleNamespace(document=SimpleNamespace(settings=SimpleNamespace(env=env)))
    d = directive("name", [], {}, [], 1, 0, "", state, SimpleNamespace(reporter=None))
    return d.run(), env


def test_dataset_usage_is_the_pages_whose_code_calls_a_loader(tmp_path):
    _repo(tmp_path)
    assert refpages.dataset_usage(tmp_path, LOADERS) == {
        "fake-tables": ["chapters/growth", "chapters/methods"],  # not the prose of intro
        "other": ["chapters/growth"]}


@pytest.fixture
def datasets(tmp_path, monkeypatch) -> tuple[nodes.section, SimpleNamespace]:
    import coursekit.data._catalogue as catalogue

    monkeypatch.setattr(catalogue, "LOADERS", LOADERS)
    out, env = _run(refpages.DatasetsDirective, _repo(tmp_path))
    assert len(out) == 1  # data/no-record and data/README.md are not datasets
    return out[0], env


def _fields(section: nodes.section) -> dict[str, nodes.paragraph]:
    return {f.children[0].astext(): f.children[1].children[0]
            for f in section.findall(nodes.field)}


def test_a_dataset_entry_says_what_its_provenance_record_says(datasets):
    section, _ = datasets
    assert section["ids"] == ["dataset-fake-tables"]
    assert section.children[0].astext() == "Fake tables, 2 files"
    fields = _fields(section)
    assert list(fields) == ["Source", "Licence", "Credit", "Coverage", "Units", "Retrieved",
                            "SHA-256", "Used in"]
    text = {name: para.astext() for name, para in fields.items()}
    assert text["Source"] == "Statistical Office https://example.org/a; https://example.org/b"
    assert [r["refuri"] for r in fields["Source"].findall(nodes.reference)] == [
        "https://example.org/a", "https://example.org/b"]
    assert text["Licence"] == "CC BY 4.0" and text["Credit"] == "Source: Statistical Office"
    assert text["Coverage"] == ("a.csv: 3 rows; columns region, employment. b.csv: 1 rows.")
    assert text["Units"] == "area: km²; employment: persons"
    assert text["Retrieved"] == "2026-11-01"
    assert text["SHA-256"] == "a.csv aaaa; b.csv bbbb"


def test_a_dataset_entry_links_the_pages_that_use_it_and_shows_a_load_call(datasets):
    section, env = datasets
    links = list(_fields(section)["Used in"].findall(addnodes.pending_xref))
    assert [(x["reftype"], x["reftarget"]) for x in links] == [
        ("doc", "/chapters/growth"), ("doc", "/chapters/methods")]
    (example,) = section.findall(nodes.literal_block)
    assert example.astext() == "import coursekit as ck\n\nck.data.load_fake_tables()"
    assert example["language"] == "python"
    assert section.children[-1].astext() == "Provenance in full: data/fake-tables/PROVENANCE.md."
    assert sorted(Path(p).relative_to(env.srcdir).as_posix() for p in env.deps) == [
        "_toc.yml", "data/fake-tables/provenance.toml"]  # editing either rebuilds the page


def test_a_loader_that_needs_a_table_gets_the_first_one_and_unused_data_says_so(
        tmp_path, monkeypatch):
    import coursekit.data._catalogue as catalogue

    def load_classification(name):
        """Needs the name of a table."""

    monkeypatch.setattr(catalogue, "LOADERS", {"fake-tables": (load_classification,)})
    (section,), _ = _run(refpages.DatasetsDirective, _repo(tmp_path))
    (example,) = section.findall(nodes.literal_block)
    assert example.astext().endswith('ck.data.load_classification("a")')
    assert _fields(section)["Used in"].astext() == "the API examples only"


def test_a_source_url_that_is_no_address_is_shown_as_text(tmp_path, monkeypatch):
    import coursekit.data._catalogue as catalogue

    monkeypatch.setattr(catalogue, "LOADERS", {})
    root = _repo(tmp_path)
    record = root / "data" / "fake-tables" / "provenance.toml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        'source_url = "https://example.org/a ; https://example.org/b"',
        'source_url = "see the url column of each row"'), encoding="utf-8")
    (section,), _ = _run(refpages.DatasetsDirective, root)
    source = _fields(section)["Source"]
    assert source.astext() == "Statistical Office (see the url column of each row)"
    assert not list(source.findall(nodes.reference))
    assert not list(section.findall(nodes.literal_block))  # no loader: no example


CFF = """cff-version: 1.2.0
message: "Please cite it as below."
title: "The software"
authors:
  - given-names: Ada
    family-names: Lovelace
version: 0.4.0
date-released: "2027-01-15"
license:
  - CC-BY-4.0
  - MIT
url: "https://example.org/"
preferred-citation:
  type: book
  title: "Industrial Clusters"
  authors:
    - name: "The course authors"
    - given-names: Ada
      family-names: Lovelace
  year: 2027
  url: "https://example.org/book/"
"""


def test_citation_from_citation_cff(tmp_path):
    (tmp_path / "CITATION.cff").write_text(CFF, encoding="utf-8")
    (text, bibtex, note), env = _run(refpages.CitationDirective, tmp_path)
    assert text.astext() == ("The course authors and Ada Lovelace (2027). Industrial Clusters "
                             "(version 0.4.0). https://example.org/book/")
    assert bibtex.astext() == (
        "@book{industrialclusters2027,\n  title     = {Industrial Clusters},\n"
        "  author    = {{The course authors and Ada Lovelace}},\n  year      = {2027},\n"
        "  edition   = {0.4.0},\n  url       = {https://example.org/book/},\n"
        "  note      = {Text CC BY 4.0, code MIT}\n}")
    assert note.astext() == ("Version 0.4.0, released 2027-01-15; licences: CC-BY-4.0, MIT. "
                             "Generated from CITATION.cff.")
    # not messages of the page's catalogue: they would turn fuzzy at every release
    assert text.get("translatable") is False and note.get("translatable") is False
    assert env.deps == [str(tmp_path / "CITATION.cff")]


def test_citation_note_is_the_editions_message_with_the_version_filled_in(tmp_path):
    from coursebook.i18n import CITATION_NOTE

    (tmp_path / "CITATION.cff").write_text(CFF, encoding="utf-8")
    po = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES" / "coursebook.po"
    po.parent.mkdir(parents=True)
    po.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "{CITATION_NOTE}"\nmsgstr "版本 {{0}}，发布于 {{1}}；许可：{{2}}。"\n',
                  encoding="utf-8")
    (_, _, note), _ = _run(refpages.CitationDirective, tmp_path, "zh_CN")
    assert note.astext() == "版本 0.4.0，发布于 2027-01-15；许可：CC-BY-4.0, MIT。"


def test_citation_without_a_preferred_citation_uses_the_software_entry(tmp_path):
    cff = CFF.split("preferred-citation:")[0]
    (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    (text, bibtex, _), _ = _run(refpages.CitationDirective, tmp_path)
    assert text.astext() == "Ada Lovelace (2027). The software (version 0.4.0). https://example.org/"
    assert bibtex.astext().startswith("@book{industrialclusters2027,")


# --- execution status ----------------------------------------------------------------------

def test_the_status_directive_leaves_a_placeholder_and_rereads_its_page(tmp_path):
    (raw,), env = _run(refpages.ExecutionStatusDirective, tmp_path)
    assert raw["format"] == "html" and raw.astext() == refpages._PLACEHOLDER
    assert env.rereads == 1


def _status_app(fmt: str = "html") -> SimpleNamespace:
    env = SimpleNamespace(
        all_docs={"chapters/b": 0, "chapters/a": 0, "chapters/glossary": 0},
        titles={"chapters/a": nodes.title("", "Growth & <decline>")},
        nb_metadata={"chapters/a": {"exec_data": {"method": "cache", "runtime": 12.345,
                                                  "succeeded": True}},
                     "chapters/b": {"exec_data": {"method": "cache", "runtime": None,
                                                  "succeeded": False}},
                     "chapters/glossary": {}})
    builder = SimpleNamespace(format=fmt,
                              get_relative_uri=lambda frm, to: f"../{to}.html")
    return SimpleNamespace(env=env, builder=builder)


def test_execution_table_lists_every_executed_page_with_its_time_and_status():
    table = refpages.execution_table(_status_app(), "chapters/status")
    rows = table.split("<tbody>")[1].split("</tr>")[:-1]
    assert rows == [
        '<tr><td><a href="../chapters/a.html">Growth &amp; &lt;decline&gt;</a></td><td>cache</td>'
        '<td class="coursekit-num">12.3</td><td>passed</td>',
        '<tr><td><a href="../chapters/b.html">chapters/b</a></td><td>cache</td>'
        '<td class="coursekit-num">–</td><td>failed</td>']  # no title: the page's name
    assert table.startswith('<table class="table coursekit-exec-table"><caption>')


def test_the_table_fills_the_placeholder_of_html_pages_only():
    body = f"<h1>Status</h1>{refpages._PLACEHOLDER}<p>end</p>"
    context = {"body": body}
    refpages.fill_execution_status(_status_app(), "chapters/status", "page.html", context, None)
    assert refpages._PLACEHOLDER not in context["body"]
    assert context["body"].startswith("<h1>Status</h1><table ") and "passed" in context["body"]
    other = {"body": body}
    refpages.fill_execution_status(_status_app("latex"), "chapters/status", "page.html", other,
                                   None)
    assert other == {"body": body}
    empty: dict = {}
    refpages.fill_execution_status(_status_app(), "search", "page.html", empty, None)
    assert empty == {}

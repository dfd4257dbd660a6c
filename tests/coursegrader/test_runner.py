"""The runner's pieces that need no kernel: reading notebooks, sizing answers (issue 22)."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from coursegrader.runner import AnswerWriter, NotebookUnreadable, _assigned, _checked, read_notebook

LIMITS = {"answer_bytes": 1000, "answers_bytes": 1500}


def test_a_byte_order_mark_and_list_sources_are_read(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"),
                                         nbformat.v4.new_code_cell("x = 1\ny = 2")])
    raw = json.loads(nbformat.writes(nb))
    raw["cells"][1]["source"] = ["x = 1\n", "y = 2"]
    path = tmp_path / "n.ipynb"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(raw).encode())
    cells = read_notebook(str(path)).cells
    assert [c.cell_type for c in cells] == ["raw", "code"] and cells[1].source == "x = 1\ny = 2"


def test_an_nbformat_3_notebook_is_converted(tmp_path):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [
        {"cells": [{"cell_type": "code", "input": "x = 1", "outputs": [], "language": "python"}]}]}
    (tmp_path / "n.ipynb").write_text(json.dumps(v3))
    assert read_notebook(str(tmp_path / "n.ipynb")).cells[0].source == "x = 1"


@pytest.mark.parametrize("content,why", [
    (b"\xff\xfe{}", "not UTF-8"), (b"{not json", "not JSON"), (b"[1, 2]", "not a notebook"),
    (b'{"cells": 3}', "no list of cells"),
])
def test_files_that_are_not_notebooks_say_so(tmp_path, content, why):
    (tmp_path / "n.ipynb").write_bytes(content)
    with pytest.raises(NotebookUnreadable, match=why):
        read_notebook(str(tmp_path / "n.ipynb"))


def test_the_answers_a_failing_cell_would_have_assigned_are_named():
    source = "%%time\nM = build(us)\nlq, other = f(M)\nif M is not None:\n    gini = 2"
    assert _assigned(source, {"M", "lq", "gini", "K"}) == ["M", "gini", "lq"]


def test_oversized_answers_are_dropped_one_by_one_with_a_message():
    notes: list[str] = []
    answers = {"a": "x" * 2000, "b": "y" * 800, "c": "z" * 600, "d": 1}
    kept = _checked(answers, ["a", "b", "c", "d"], LIMITS, notes)
    assert kept["d"] == 1 and kept["a"]["t"] == "unsupported"
    assert kept["b"]["t"] == "unsupported" and kept["c"] == "z" * 600  # largest dropped first
    assert any("`a` is" in n for n in notes) and any("`b` was dropped" in n for n in notes)


def test_records_alternate_between_two_files(tmp_path):
    fds = [os.open(tmp_path / f"answers-{k}", os.O_RDWR | os.O_CREAT) for k in (0, 1)]
    writer = AnswerWriter(fds)
    for k in range(3):
        writer.write({"answers": {"k": k}})
    first = json.loads((tmp_path / "answers-1").read_text())
    second = json.loads((tmp_path / "answers-0").read_text())
    assert (first["seq"], second["seq"]) == (3, 2) and first["answers"] == {"k": 2}
    for fd in fds:
        os.close(fd)

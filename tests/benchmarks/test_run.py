"""make bench prints each figure as it is measured, then the summary table (issue 21).

A part is a generator of rows; these tests run ``benchmarks/run.py`` with stand-in parts
(nothing is measured or timed) and read what it printed, and when.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # run.py imports its parts by name
_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
run = importlib.util.module_from_spec(_spec)
sys.modules["bench_run"] = run
_spec.loader.exec_module(run)


def _row(figure, values, ok=None, target=""):
    return {"figure": figure, "values": values, "unit": "s", "target": target, "ok": ok,
            "note": ""}


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """run.main's temporary folders under tmp_path; TMPDIR restored afterwards."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_each_figure_is_printed_before_the_next_is_measured(isolated, capsys, monkeypatch):
    printed_before_second: list[str] = []

    def rows(ctx):
        yield _row("first figure", [1.5], ok=True, target="< 2 s")
        printed_before_second.append(capsys.readouterr().out)
        yield _row("  second figure", [2.0, 3.0, 4.0])

    monkeypatch.setattr(run, "PARTS", [run.Part("fake", "a stand-in", rows)])
    assert run.main(["--only", "fake"], signals=False) == 0
    early = printed_before_second[0]
    assert "first figure: 1.5 s  target < 2 s  PASS" in early
    assert "second figure" not in early and "Targets:" not in early
    rest = capsys.readouterr().out
    assert "second figure: 3 s (min 2 s, max 4 s, n 3)" in rest
    table = rest[rest.index("figure "):]  # the summary table comes last, with both
    assert "first figure" in table and "second figure" in table
    assert rest.rstrip().endswith("Targets: 1 PASS, 0 MISS")


def test_one_more_part_is_one_more_line(isolated, capsys, monkeypatch):
    """A part with its own option (as bench_grading has): --only accepts its name and its
    rows reach the table; a crash in a part is a MISS row, the other parts still run."""

    def add_arguments(parser):
        parser.add_argument("--jobs", type=int, default=1)

    def grading(ctx):
        yield _row(f"seconds per notebook (--jobs {ctx.args.jobs})", [2.2], ok=True)

    def broken(ctx):
        yield _row("half", [1.0])
        raise RuntimeError("no kernel")

    monkeypatch.setattr(run, "PARTS", [*run.PARTS, run.Part("broken", "crashes", broken),
                                       run.Part("batch", "batch", grading, add_arguments)])
    assert run.main(["--only", "broken", "--only", "batch", "--jobs", "2"],
                    signals=False) == 0
    out = capsys.readouterr().out
    assert "broken FAILED" in out and "RuntimeError: no kernel" in out
    assert "seconds per notebook (--jobs 2): 2.2 s  PASS" in out
    assert "Targets: 1 PASS, 1 MISS -- broken FAILED" in out


def test_the_work_folder_is_removed_unless_kept(isolated, capsys, monkeypatch):
    seen = []

    def rows(ctx):
        seen.append(ctx.workdir)
        (ctx.workdir / "book-0").mkdir()
        yield _row("x", [1.0])

    monkeypatch.setattr(run, "PARTS", [run.Part("fake", "a stand-in", rows)])
    run.main(["--only", "fake"], signals=False)
    run.main(["--only", "fake", "--keep"], signals=False)
    assert not seen[0].exists() and seen[1].exists()
    assert all(p.parent == isolated for p in seen)

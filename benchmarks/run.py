"""Run the course benchmarks (``make bench``): each figure as it is measured, then one table.

Each figure is the median over repeated runs with the min and max, in its unit, next to
its target and PASS / MISS.  A figure is printed the moment its part has measured it; the
summary table of all of them follows at the end.  Nothing here asserts on time: the
benchmarks only print.  Rows marked "over pages" summarise pages, not repeats.

    python benchmarks/run.py                      # everything (about 20 minutes)
    python benchmarks/run.py --only kernels       # one part (repeatable); see --help
    python benchmarks/run.py --cold 2 --warm 3 --repeats 5
    python benchmarks/run.py --only pages --html _build/html
    python benchmarks/run.py --only lighthouse --html _build/html --serve gzip

Interrupting a run (Ctrl-C, or SIGTERM) ends every browser, book build and kernel it
started and removes its temporary folders (benchmarks/cleanup.py), then prints the
figures measured so far.

**Adding a part** (e.g. ``benchmarks/bench_grading.py``): give the module

* ``rows(ctx: Context) -> Iterator[dict]``, a generator that yields each row (see
  ``_row`` in any part: figure, values, unit, target, ok, note) as soon as it is measured,
  makes its temporary folders with ``ctx.folder()`` and its log lines with ``ctx.log()``;
* optionally ``add_arguments(parser)`` for its own options (read back from ``ctx.args``);

then add one ``Part(...)`` line to ``PARTS`` below.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402
import bench_grading  # noqa: E402
import bench_kernels  # noqa: E402
import bench_lighthouse  # noqa: E402
import bench_pages  # noqa: E402
from cleanup import Cleanup, Interrupted  # noqa: E402


def machine() -> str:
    """One line describing where the figures come from."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
                break
    except OSError:
        pass
    try:
        cores = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        cores = str(os.cpu_count())
    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load average ?"
    return (f"{cores} cores ({cpu}), {mem}, Python {platform.python_version()}, {load}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1:
            return f"{value * 1e3:.3g} ms"
        return f"{value:.3g} s"
    if unit == "B":
        if value >= 1e6:
            return f"{value / 1e6:.3g} MB"
        if value >= 1e3:
            return f"{value / 1e3:.3g} kB"
        return f"{value:.0f} B"
    if unit == "x":
        return f"{value:.3g}x"
    return f"{value:.4g} {unit}".strip()


def format_table(rows: list[dict[str, Any]]) -> str:
    header = ("figure", "median", "min", "max", "n", "target", "result", "note")
    lines = []
    for r in rows:
        vals = r["values"]
        if vals:
            cells = [_fmt(statistics.median(vals), r["unit"]), _fmt(min(vals), r["unit"]),
                     _fmt(max(vals), r["unit"]), str(len(vals))]
        else:
            cells = ["-", "-", "-", "0"]
        result = "" if r["ok"] is None else ("PASS" if r["ok"] else "MISS")
        lines.append((r["figure"], *cells, r["target"], result, r["note"]))
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(len(header) - 1)]

    def fmt(cols: tuple[str, ...]) -> str:
        left = cols[0].ljust(widths[0])
        mid = "  ".join(str(c).rjust(w) for c, w in zip(cols[1:-2], widths[1:-1], strict=True))
        return f"{left}  {mid}  {cols[-2].ljust(widths[-1])}  {cols[-1]}".rstrip()

    rule = "-" * (sum(widths) + 2 * len(widths) + 4)
    return "\n".join([fmt(header), rule, *(fmt(x) for x in lines)])


def format_row(r: dict[str, Any]) -> str:
    """One figure on one line, printed the moment it is measured."""
    vals = r["values"]
    if vals:
        spread = (f" (min {_fmt(min(vals), r['unit'])}, max {_fmt(max(vals), r['unit'])}, "
                  f"n {len(vals)})" if len(vals) > 1 else "")
        value = _fmt(statistics.median(vals), r["unit"]) + spread
    else:
        value = "-"
    result = "" if r["ok"] is None else ("  PASS" if r["ok"] else "  MISS")
    target = f"  target {r['target']}" if r["target"] else ""
    note = f"  ({r['note']})" if r["note"] else ""
    return f"  {r['figure'].strip()}: {value}{target}{result}{note}"


@dataclass
class Context:
    """What the parts of one run share: options, work folder, cleanup, the built HTML."""

    args: argparse.Namespace
    workdir: Path
    cleanup: Cleanup
    html: Path | None = None
    log: Callable[[str], None] = field(default=lambda text: print(text, flush=True))

    def folder(self, prefix: str = "coursekit-bench-") -> Path:
        """A temporary folder removed at the end (and on Ctrl-C)."""
        return self.cleanup.folder(prefix)


@dataclass(frozen=True)
class Part:
    """One part of ``make bench``: a name for ``--only``, and its rows."""

    name: str
    help: str
    rows: Callable[[Context], Iterable[dict[str, Any]]]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


def _need_html(ctx: Context) -> Path | None:
    if ctx.html is None:
        ctx.log("[pages] no --html given: one cold build for the page weights ...")
        for row in bench_build.rows(1, 0, ctx.workdir, ctx.args.keep, ctx):
            if row["figure"].startswith("BUILD FAILED"):
                yield row
    return ctx.html


def build_rows(ctx: Context) -> Iterator[dict[str, Any]]:
    a = ctx.args
    ctx.log(f"[build] cold x{a.cold}, warm x{a.warm} in {ctx.workdir} ...")
    yield from bench_build.rows(a.cold, a.warm, ctx.workdir, a.keep, ctx)


def pages_rows(ctx: Context) -> Iterator[dict[str, Any]]:
    yield from _need_html(ctx)
    if ctx.html is not None:
        ctx.log(f"[pages] {ctx.html} ...")
        yield from bench_pages.run(ctx.html)


def lighthouse_rows(ctx: Context) -> Iterator[dict[str, Any]]:
    yield from _need_html(ctx)
    if ctx.html is None:
        return
    for serve in ctx.args.serve or ["gzip", "plain"]:
        ctx.log(f"[lighthouse] {ctx.html}, served {serve}, x{ctx.args.lighthouse_runs} ...")
        yield from bench_lighthouse.rows(ctx.html, ctx.args.lighthouse_runs, serve)


def kernel_rows(ctx: Context) -> Iterator[dict[str, Any]]:
    n = ctx.args.repeats
    loops = n if ctx.args.loop_repeats is None else ctx.args.loop_repeats
    ctx.log(f"[kernels] x{n} ...")
    for fn in (lambda: bench_kernels.bench_location_quotient(n),
               lambda: bench_kernels.bench_ellison_glaeser(n),
               lambda: bench_kernels.bench_inputoutput(n),
               lambda: bench_kernels.bench_correspondence(n),
               lambda: bench_kernels.bench_tomahawk(n, loops)):
        yield from fn()


def add_grading_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--grading-submissions", type=int, default=200,
                    help="size of the graded batch (default 200)")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="a checkout of the course before the package split, with its .venv, "
                         "to grade the same batch with the old engine (skipped if absent)")


def grading_rows(ctx: Context) -> Iterator[dict[str, Any]]:
    n = ctx.args.grading_submissions
    ctx.log(f"[grading] {n} submissions, --jobs 1 and 2, new and old engine ...")
    keep = ctx.workdir / "grading" if ctx.args.keep else ctx.folder("bench-grading-")
    yield from bench_grading.run(n, keep, ctx.args.baseline)


#: The parts, in the order they run.  One more part is one more line (see the docstring).
PARTS: list[Part] = [
    Part("build", "cold and warm book builds, per-page execution", build_rows),
    Part("pages", "bytes of every page with what it loads", pages_rows),
    Part("lighthouse", "Lighthouse on every page (Chromium)", lighthouse_rows),
    Part("kernels", "coursekit's kernels against the obvious alternatives", kernel_rows),
    Part("grading", "a class-sized batch graded by coursegrader (and the old engine)",
         grading_rows, add_grading_arguments),
]


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=[p.name for p in PARTS],
                    help="run only this part (repeatable); default: all. "
                         + "; ".join(f"{p.name}: {p.help}" for p in PARTS))
    ap.add_argument("--cold", type=int, default=2, help="cold full builds (default 2)")
    ap.add_argument("--warm", type=int, default=3, help="warm rebuilds (default 3)")
    ap.add_argument("--repeats", type=int, default=5, help="runs of each kernel (default 5)")
    ap.add_argument("--loop-repeats", type=int, default=None,
                    help="runs of the slow point-by-point tomahawk loop (default: --repeats)")
    ap.add_argument("--html", type=Path, default=None,
                    help="built HTML to weigh (default: the benchmark's own cold build)")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="where to put the temporary copies (default: a new temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary build copies")
    ap.add_argument("--lighthouse-runs", type=int, default=3,
                    help="Lighthouse runs per page and way of serving (default 3; median)")
    ap.add_argument("--serve", action="append", choices=("gzip", "plain"),
                    help="how the site is served to Lighthouse (repeatable; default both: "
                         "gzip like GitHub Pages, plain like python -m http.server)")
    for part in PARTS:
        if part.add_arguments is not None:
            part.add_arguments(ap)
    return ap


def measure(parts: list[Part], ctx: Context, emit: Callable[[dict[str, Any]], None]) -> None:
    """Run the parts, passing every row to ``emit`` as it comes; a crash is a MISS row."""
    for part in parts:
        try:
            for row in part.rows(ctx):
                emit(row)
        except Exception as err:  # report and go on with the other parts
            emit({"figure": f"{part.name} FAILED", "values": [], "unit": "", "target": "",
                  "ok": False, "note": f"{type(err).__name__}: {err}"})


def summary(rows: list[dict[str, Any]]) -> str:
    """The final table and the line of targets missed."""
    top = [r for r in rows if not r["figure"].startswith(" ")]  # headline figures
    misses = [r["figure"] for r in top if r["ok"] is False]
    sub_misses = [r["figure"].strip() for r in rows if r["figure"].startswith(" ")
                  and r["ok"] is False
                  and not r["figure"].strip().startswith(("page:", "lighthouse"))]
    heavy = sum(r["ok"] is False and r["figure"].strip().startswith("page:") for r in rows)
    if heavy:
        sub_misses.append(f"{heavy} page(s) over their byte budget")
    slow = sum(r["ok"] is False and r["figure"].strip().startswith("lighthouse") for r in rows)
    if slow:
        sub_misses.append(f"{slow} Lighthouse page result(s) under target")
    n_pass = sum(r["ok"] is True for r in rows)
    n_miss = sum(r["ok"] is False for r in rows)
    return (format_table(rows) + "\n\n" + f"Targets: {n_pass} PASS, {n_miss} MISS"
            + (" -- " + "; ".join([*misses, *sub_misses]) if n_miss else ""))


def main(argv: list[str] | None = None, *, signals: bool = True) -> int:
    """Run ``make bench``; ``signals=False`` leaves the signal handlers alone (tests)."""
    args = parser().parse_args(argv)
    parts = [p for p in PARTS if not args.only or p.name in args.only]
    cleanup = Cleanup()
    if signals:
        cleanup.install()  # Ctrl-C / SIGTERM: end our browsers and builds, remove our folders
    cleanup.child_tmpdir()  # browser profiles and other temporary files of the children
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir = args.workdir
    else:
        workdir = cleanup.folder()
        if args.keep:
            cleanup.keep(workdir)
    ctx = Context(args, workdir, cleanup, html=args.html)
    print(f"Machine: {machine()}", flush=True)
    rows: list[dict[str, Any]] = []

    def emit(row: dict[str, Any]) -> None:
        rows.append(row)
        print(format_row(row), flush=True)

    code = 0
    try:
        measure(parts, ctx, emit)
    except Interrupted as stop:  # the cleanup has already run
        code = int(stop.code)
        print("\nInterrupted: the figures measured so far.", flush=True)
    finally:
        if code == 0:
            cleanup.run()
    print()
    print(summary(rows))
    return code  # benchmarks report; they do not fail the build (except when interrupted)


if __name__ == "__main__":
    sys.exit(main())

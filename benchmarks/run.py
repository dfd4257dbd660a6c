"""Run the course benchmarks and print one table (``make bench``).

Each figure is the median over repeated runs with the min and max, in its
unit, next to its target and PASS / MISS.  Nothing here asserts on time: the
benchmarks only print.  Rows marked "over pages" summarise pages, not repeats.

    python benchmarks/run.py                      # everything (a few minutes)
    python benchmarks/run.py --only kernels       # one part: build, pages, kernels, grading
    python benchmarks/run.py --cold 2 --warm 3 --repeats 5
    python benchmarks/run.py --only pages --html _build/html
    python benchmarks/run.py --only lighthouse --html _build/html --serve gzip
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402
import bench_grading  # noqa: E402
import bench_kernels  # noqa: E402
import bench_lighthouse  # noqa: E402
import bench_pages  # noqa: E402

PARTS = ("build", "pages", "lighthouse", "kernels", "grading")


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=PARTS,
                    help="run only this part (repeatable); default: all")
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
    ap.add_argument("--grading-submissions", type=int, default=200,
                    help="size of the graded batch (default 200)")
    args = ap.parse_args(argv)
    parts = args.only or list(PARTS)

    print(f"Machine: {machine()}", flush=True)
    rows: list[dict[str, Any]] = []
    html = args.html
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    def part(name: str, fn: Any) -> Any:
        """Run one part; a crash becomes a MISS row instead of losing the other parts."""
        try:
            return fn()
        except Exception as err:  # report and go on
            rows.append({"figure": f"{name} FAILED", "values": [], "unit": "", "target": "",
                         "ok": False, "note": f"{type(err).__name__}: {err}"})
            return None

    try:
        if "build" in parts:
            print(f"[build] cold x{args.cold}, warm x{args.warm} in {workdir} ...", flush=True)
            out = part("build", lambda: bench_build.run(args.cold, args.warm, workdir, args.keep))
            if out:
                rows.extend(out[0])
                html = html or out[1]
        if ("pages" in parts or "lighthouse" in parts) and html is None:
            print("[pages] no --html given: one cold build for the page weights ...",
                  flush=True)
            out = part("build for pages", lambda: bench_build.run(1, 0, workdir, args.keep))
            html = out[1] if out else None
        if "pages" in parts:
            if html is not None:
                print(f"[pages] {html} ...", flush=True)
                rows.extend(part("pages", lambda: bench_pages.run(html)) or [])
        if "lighthouse" in parts and html is not None:
            for serve in args.serve or ["gzip", "plain"]:
                print(f"[lighthouse] {html}, served {serve}, x{args.lighthouse_runs} ...",
                      flush=True)
                rows.extend(part(f"lighthouse ({serve})", lambda s=serve: bench_lighthouse.run(
                    html, args.lighthouse_runs, s)) or [])
        if "kernels" in parts:
            print(f"[kernels] x{args.repeats} ...", flush=True)
            loops = args.repeats if args.loop_repeats is None else args.loop_repeats
            for name, fn in (
                ("location_quotient", lambda: bench_kernels.bench_location_quotient(args.repeats)),
                ("ellison_glaeser", lambda: bench_kernels.bench_ellison_glaeser(args.repeats)),
                ("inputoutput", lambda: bench_kernels.bench_inputoutput(args.repeats)),
                ("correspondence", lambda: bench_kernels.bench_correspondence(args.repeats)),
                ("tomahawk", lambda: bench_kernels.bench_tomahawk(args.repeats, loops)),
            ):
                rows.extend(part(name, fn) or [])
        if "grading" in parts:
            print(f"[grading] {args.grading_submissions} submissions, --jobs 1 and 2, new and "
                  f"old engine ...", flush=True)
            keep = workdir / "grading" if args.keep else None
            rows.extend(part("grading", lambda: bench_grading.run(args.grading_submissions,
                                                                  keep)) or [])
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(format_table(rows))
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
    print()
    n_pass = sum(r["ok"] is True for r in rows)
    n_miss = sum(r["ok"] is False for r in rows)
    print(f"Targets: {n_pass} PASS, {n_miss} MISS"
          + (" -- " + "; ".join([*misses, *sub_misses]) if n_miss else ""))
    return 0  # benchmarks report; they do not fail the build


if __name__ == "__main__":
    sys.exit(main())

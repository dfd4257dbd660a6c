"""Book-build benchmarks: cold full build, warm rebuild after a prose change, per-page execution.

Every build runs on a clean copy of the repository in a temporary directory
(the files ``git ls-files -co --exclude-standard`` lists: tracked plus untracked
but not ignored, so no ``_build/`` and no execution cache), never in the work
tree.  The copy's own ``src/`` is put first on ``PYTHONPATH`` so the pages
execute against the copied ``coursekit``.

* **cold**: ``jupyter-book build <copy> --all`` from an empty jupyter-cache (a
  fresh copy for every repeat);
* **warm**: after a cold build, append a sentence to the prose of
  ``chapters/intro.md`` and run ``jupyter-book build <copy>`` again (Sphinx
  re-reads only the changed page; jupyter-cache sees unchanged code cells and
  does not execute anything);
* **per-page execution**: read from the copy's jupyter-cache
  (``jupyter_cache.get_cache(<copy>/_build/.jupyter_cache)``): myst-nb stores
  each executed notebook with ``data={"execution_seconds": ...}`` (the
  figure its ``{nb-exec-table}`` directive shows).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PROSE_FILE = "chapters/intro.md"


def _row(figure: str, values: list[float], unit: str, target: str = "", ok: bool | None = None,
         note: str = "") -> dict[str, Any]:
    return {"figure": figure, "values": values, "unit": unit, "target": target, "ok": ok,
            "note": note}


def jupyter_book() -> str:
    """The jupyter-book next to this interpreter (the venv's), else the one on PATH."""
    exe = Path(sys.executable).parent / "jupyter-book"
    return str(exe) if exe.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def clean_copy(dest: Path, repo: Path = REPO) -> Path:
    """Copy the files git would see (tracked + untracked, not ignored) into ``dest``."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=repo, check=True, capture_output=True,
        ).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (e.g. a tarball)
        skip = {"_build", ".venv", ".git", ".jupyter_cache", "__pycache__", ".pytest_cache",
                ".ruff_cache", ".hypothesis", ".ipynb_checkpoints"}
        listed = [p.relative_to(repo).as_posix() for p in repo.rglob("*")
                  if p.is_file() and not skip & set(p.relative_to(repo).parts)]
    dest.mkdir(parents=True, exist_ok=True)
    for rel in filter(None, listed):
        src = repo / rel
        if not src.is_file():  # deleted in the work tree but still tracked
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest


def _env(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(copy / "src"), env.get("PYTHONPATH")]))
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def build(copy: Path, *, full: bool, log: Path) -> tuple[float, int]:
    """Run jupyter-book on ``copy``; return wall-clock seconds and the exit code."""
    cmd = [jupyter_book(), "build", str(copy)] + (["--all"] if full else [])
    with log.open("w") as out:
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, cwd=copy, env=_env(copy), stdout=out, stderr=subprocess.STDOUT,
                            check=False).returncode
        return time.perf_counter() - t0, rc


def touch_prose(copy: Path, n: int) -> None:
    """Append one sentence of prose to the chapter (a new paragraph at the end)."""
    path = copy / PROSE_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nBenchmark edit {n}: one more sentence of prose.\n",
                    encoding="utf-8")


def page_execution_times(copy: Path) -> dict[str, float]:
    """Execution seconds per page from the jupyter-cache that myst-nb filled."""
    from jupyter_cache import get_cache

    cache_dir = copy / "_build" / ".jupyter_cache"
    if not cache_dir.is_dir():
        return {}
    cache = get_cache(cache_dir)
    times: dict[str, float] = {}
    for rec in cache.list_cache_records():
        secs = (rec.data or {}).get("execution_seconds")
        if secs is None:
            continue
        uri = Path(rec.uri)
        try:
            name = str(uri.relative_to(copy))
        except ValueError:
            name = uri.name
        times[name] = max(times.get(name, 0.0), float(secs))
    return times


def rows(cold_repeats: int, warm_repeats: int, root: Path, keep: bool = False,
         ctx: Any = None) -> Iterator[dict[str, Any]]:
    """Build figures, each yielded as soon as it is measured (cold, then warm, then pages).

    The copies live under ``root``; the last one stays for ``bench_pages`` (its HTML is
    set as ``ctx.html`` after the cold builds) and is removed by the caller unless ``keep``.
    ``ctx.log`` (default ``print``) gets one line per build.
    """
    log = getattr(ctx, "log", None) or print
    cold, warm, failures = [], [], []
    copy = None
    exec_times: dict[str, float] = {}
    n_cold = max(1, cold_repeats)
    for k in range(n_cold):
        if copy is not None and not keep:
            shutil.rmtree(copy, ignore_errors=True)
        copy = clean_copy(root / f"book-{k}")
        secs, rc = build(copy, full=True, log=root / f"cold-{k}.log")
        cold.append(secs)
        log(f"  cold build {k + 1}/{n_cold}: {secs:.1f} s" + (f", exit {rc}" if rc else ""))
        if rc:
            failures.append(f"cold build {k} exited {rc} (log: {root / f'cold-{k}.log'})")
        exec_times = page_execution_times(copy)  # from the last cold build
    if ctx is not None:
        ctx.html = copy / "_build" / "html"
    yield _row("cold full build (empty cache, --all)", cold, "s", "<= 90 s", max(cold) <= 90,
               note="target on the slowest run")
    for k in range(warm_repeats):
        touch_prose(copy, k)
        secs, rc = build(copy, full=False, log=root / f"warm-{k}.log")
        warm.append(secs)
        log(f"  warm build {k + 1}/{warm_repeats}: {secs:.1f} s" + (f", exit {rc}" if rc else ""))
        if rc:
            failures.append(f"warm build {k} exited {rc} (log: {root / f'warm-{k}.log'})")
    if warm:
        yield _row("warm rebuild after a prose edit", warm, "s", "<= 15 s", max(warm) <= 15,
                   note=f"{PROSE_FILE}; target on the slowest run")
    if exec_times:
        slowest = max(exec_times, key=exec_times.get)
        yield _row(f"page execution ({len(exec_times)} executed pages)",
                   list(exec_times.values()), "s", "<= 10 s each",
                   max(exec_times.values()) <= 10,
                   note=f"over pages, not repeats; slowest {slowest}")
        for name, secs in sorted(exec_times.items(), key=lambda kv: -kv[1]):
            yield _row(f"  executes: {name}", [secs], "s", "<= 10 s", secs <= 10)
    else:
        yield _row("page execution", [], "s", "<= 10 s each", None,
                   note="no execution records found in the jupyter-cache")
    for msg in failures:
        yield _row("BUILD FAILED", [], "", "", False, note=msg)


def run(cold_repeats: int = 1, warm_repeats: int = 3, workdir: Path | None = None,
        keep: bool = False) -> tuple[list[dict[str, Any]], Path | None]:
    """All build figures at once and the HTML directory of the last cold build."""
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    ctx = SimpleNamespace(html=None, log=print)
    out = list(rows(cold_repeats, warm_repeats, root, keep, ctx))
    return out, ctx.html


if __name__ == "__main__":  # pragma: no cover
    out, html_dir = run(1, 1)
    for r in out:
        print(r)
    print(html_dir)

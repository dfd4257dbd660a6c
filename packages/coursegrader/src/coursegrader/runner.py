"""Run a submitted notebook and save its answers as data (runs inside the sandbox).

``python -I -m coursegrader.runner NOTEBOOK OUT.json --names a,b,c
--cell-timeout 60`` executes the notebook's code cells one by one in a plain
Python namespace (IPython syntax is translated first; the notebook's own
``grader.check`` / otter lines are skipped) and, after *every* cell, writes the
current values of the answer variables ``a, b, c`` to ``OUT.json`` as data
(:mod:`coursekit.grading.values`), together with a log of what happened.  A
cell that fails or runs past ``--cell-timeout`` seconds is recorded and the
next cell runs; if the whole process is killed (a wall-clock or memory limit,
a crash), the answers saved after the last finished cell still count.

Nothing here decides a grade: the scores are computed in another process
(:mod:`coursegrader.score`) from the data this runner writes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import signal
import sys
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

__all__ = ["CellTimeout", "main", "notebook_code_cells", "run_cells"]

_OTTER_LINE = re.compile(r"^\s*(import otter\b|from otter\b|grader\s*=\s*otter\.|grader\.\w+\()")
_LOG_LIMIT = 4000


class CellTimeout(BaseException):
    """A cell ran longer than its time limit."""


class _Sink(io.TextIOBase):
    """A stdout that keeps only the first few kB (a submission may print forever)."""

    def __init__(self, limit: int = 20_000) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def write(self, text: str) -> int:
        if self.size < self.limit:
            self.parts.append(text[: self.limit - self.size])
            self.size += len(text)
        return len(text)


class _ShellStub:
    """Enough of ``get_ipython()`` for magics such as ``%matplotlib inline`` to do nothing."""

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def system(self, *args: Any, **kwargs: Any) -> None:
        return None

    getoutput = system


def notebook_code_cells(path: str) -> list[str]:
    """The code cells of a notebook as Python source, otter lines removed, IPython translated."""
    from IPython.core.inputtransformer2 import TransformerManager

    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError("not a Jupyter notebook (no list of cells)")
    transform = TransformerManager().transform_cell
    cells = []
    for cell in nb["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        kept = "\n".join(line for line in src.splitlines() if not _OTTER_LINE.match(line))
        cells.append(transform(kept))
    return cells


def _snapshot(namespace: dict[str, Any], names: list[str], log: dict[str, Any],
              out: str) -> None:
    from coursekit.grading.values import to_data

    record = {"answers": {n: to_data(namespace[n]) for n in names if n in namespace},
              "log": log}
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(record, fh, allow_nan=False)
    os.replace(tmp, out)


def _alarm(signum: int, frame: Any) -> None:
    raise CellTimeout


def run_cells(cells: list[str], names: list[str], out: str, cell_timeout: float) -> dict[str, Any]:
    """Execute ``cells`` in one namespace, saving the answers after each; return the log."""
    namespace: dict[str, Any] = {"__name__": "__main__", "get_ipython": _ShellStub}
    log: dict[str, Any] = {"cells": len(cells), "finished": 0, "errors": [], "timeouts": 0}
    _snapshot(namespace, names, log, out)
    signal.signal(signal.SIGALRM, _alarm)
    sink = _Sink()
    for k, source in enumerate(cells):
        started = time.monotonic()
        try:
            code = compile(source, f"<cell {k + 1}>", "exec")
            signal.setitimer(signal.ITIMER_REAL, cell_timeout)
            with redirect_stdout(sink), redirect_stderr(sink):
                exec(code, namespace)
        except CellTimeout:
            log["timeouts"] += 1
            log["errors"].append({"cell": k + 1, "error": f"cell timed out after {cell_timeout:g} s"})
        except BaseException as err:
            if isinstance(err, (KeyboardInterrupt,)):
                raise
            tb = "".join(traceback.format_exception_only(type(err), err))[-_LOG_LIMIT:]
            log["errors"].append({"cell": k + 1, "error": tb.strip()})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        log["finished"] = k + 1
        log["seconds"] = round(log.get("seconds", 0.0) + time.monotonic() - started, 3)
        _snapshot(namespace, names, log, out)
    return log


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m coursegrader.runner")
    p.add_argument("notebook")
    p.add_argument("out")
    p.add_argument("--names", default="")
    p.add_argument("--cell-timeout", type=float, default=60.0)
    a = p.parse_args(argv)
    names = [n for n in a.names.split(",") if n]
    try:
        cells = notebook_code_cells(a.notebook)
    except Exception as err:
        with open(a.out, "w", encoding="utf-8") as fh:
            json.dump({"answers": {}, "log": {"unreadable": f"{type(err).__name__}: {err}"[:500]}},
                      fh)
        return 0
    run_cells(cells, names, a.out, a.cell_timeout)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - run in a subprocess
    raise SystemExit(main())

"""Run a submitted notebook in a real Jupyter kernel and hand its answers out as data.

Runs *inside* the sandbox (:mod:`coursegrader.sandbox` starts it)::

    python -I -c BOOT --notebook PATH --answers-fds A,B --names a,b,c --limits JSON

1. It makes itself unreadable to the code it runs (not dumpable: same-user processes
   cannot ptrace it or open its file descriptors), closes every file descriptor but its
   output, and sets the rlimits (:func:`coursegrader.resources.apply_rlimits`).
2. It reads the notebook leniently (a UTF-8 byte-order mark, nbformat 3 or 4, a list or a
   string as a cell's source), then starts an IPython kernel with **nbclient**, the engine
   Jupyter itself uses, so magics, ``display``, rich output and ``%matplotlib`` behave as
   in Jupyter.
3. It executes the code cells one by one, each with a time limit (the smaller of the cell
   limit and what is left of the notebook's), and drops their outputs.  A cell that runs
   past its limit is interrupted; if the kernel does not answer after that, or dies, the
   run stops there.
4. After every cell that mentions an answer's name (or raised, or after at least
   ten seconds without it), and after the last cell, it asks the kernel for the answer
   variables as data
   (:mod:`coursegrader._export`), checks their size (an answer over ``answer_bytes`` is
   dropped with a message, then the largest until all fit in ``answers_bytes``) and writes
   a numbered record to one of the two answer files it alone holds open (alternately, so a
   kill in the middle of a write leaves the previous record whole).  The grader reads the
   newest complete record.

Cell numbers in the log count every cell from the top, text cells included, as a student
sees them.  Nothing here decides a grade.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import time
from typing import Any

__all__ = ["AnswerWriter", "main", "read_notebook"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TIMEOUT_NAME = "CellTimeoutError"
_EXPORT_SECONDS = 30.0
_EXPORT_EVERY = 10.0


class NotebookUnreadable(ValueError):
    """The file is not a notebook the runner can read."""


def _harden(keep: set[int]) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(4, ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0),
                   ctypes.c_ulong(0))  # PR_SET_DUMPABLE 0
    for fd in _open_fds():
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    for fd in keep:
        os.set_inheritable(fd, False)


def _open_fds() -> list[int]:
    try:
        return [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))


def read_notebook(path: str, max_bytes: int = 64 * 1024**2) -> Any:
    """The notebook at ``path`` as an nbformat v4 node (every cell kept, in order)."""
    import nbformat

    with open(path, "rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise NotebookUnreadable(f"the notebook is larger than {max_bytes // 1024**2} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NotebookUnreadable(f"the file is not UTF-8 text (byte {err.start})") from None
    try:
        data = json.loads(text)
    except ValueError as err:
        raise NotebookUnreadable(f"the file is not JSON ({err})") from None
    if not isinstance(data, dict):
        raise NotebookUnreadable("the file is JSON but not a notebook (no cells)")
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
        cells = nb.cells
    except Exception:
        cells = data.get("cells")
        nb = None
    if not isinstance(cells, list):
        raise NotebookUnreadable("the file is JSON but not a notebook (no list of cells)")
    clean = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        source = "".join(s for s in source if isinstance(s, str)) if isinstance(
            source, list) else str(source)
        kind = cell.get("cell_type")
        clean.append(nbformat.v4.new_code_cell(source) if kind == "code"
                     else nbformat.v4.new_raw_cell(source))
    out = nbformat.v4.new_notebook(cells=clean)
    out.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}}
    return out


def _assigned(source: str, names: set[str]) -> list[str]:
    """Answer names a cell assigns (to say which answers a failing cell cost)."""
    if source.lstrip().startswith("%%"):  # %%time, %%capture...: the body is Python
        source = source.lstrip().partition("\n")[2]
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        tree = ast.parse(TransformerManager().transform_cell(source))
        found = {t.id for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign,
                                                                        ast.AugAssign))
                 for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                 for t in ast.walk(target) if isinstance(t, ast.Name)}
    except Exception:
        found = set(re.findall(r"^\s*([A-Za-z_]\w*)\s*=(?!=)", source, re.M))
    return sorted(found & names)


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip() and not line.strip().startswith("#"):
            return line.strip()[:80]
    return ""


class AnswerWriter:
    """Numbered records written alternately to two files only this process holds."""

    def __init__(self, fds: list[int]) -> None:
        self.fds = fds
        self.seq = 0

    def write(self, record: dict[str, Any]) -> None:
        self.seq += 1
        data = (json.dumps({**record, "seq": self.seq}, allow_nan=False) + "\n").encode()
        fd = self.fds[self.seq % len(self.fds)]
        os.ftruncate(fd, 0)
        view, offset = memoryview(data), 0
        while offset < len(data):
            offset += os.pwrite(fd, view[offset:], offset)


def _checked(answers: Any, names: list[str], limits: dict[str, Any],
             notes: list[str]) -> dict[str, Any]:
    """Keep well-formed answer records that fit the size limits (dropping one by one)."""
    if not isinstance(answers, dict):
        return {}
    kept, sizes = {}, {}
    for name in names:
        if name not in answers:
            continue
        record = answers[name]
        try:
            size = len(json.dumps(record, allow_nan=False))
        except (TypeError, ValueError):
            record, size = {"t": "unsupported", "type": "?", "reason": "not data"}, 0
        if size > limits["answer_bytes"]:
            notes.append(f"`{name}` is {size / 1e6:.1f} MB as data, more than the "
                         f"{limits['answer_bytes'] / 1e6:g} MB allowed for one answer")
            record = {"t": "unsupported", "type": "?", "reason": "too large to grade"}
            size = 100
        if isinstance(record, dict) and "for one answer" in str(record.get("reason", "")):
            notes.append(f"`{name}` is {record['reason']}; it was not graded")
        kept[name], sizes[name] = record, size
    while sum(sizes.values()) > limits["answers_bytes"]:
        name = max(sizes, key=sizes.get)
        notes.append(f"`{name}` was dropped: all answers together are more than "
                     f"{limits['answers_bytes'] / 1e6:g} MB as data")
        kept[name] = {"t": "unsupported", "type": "?", "reason": "too large to grade"}
        sizes[name] = 100
    return kept


def run(notebook: Any, names: list[str], limits: dict[str, Any], writer: AnswerWriter,
        started: float, *, ipc: str = "", landlock: int = 0) -> None:
    """Execute the notebook cell by cell, writing the answers after each (see module doc)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from coursegrader._export import MIME

    deadline = started + limits["notebook_seconds"]
    code = [(i, c) for i, c in enumerate(notebook.cells)
            if c.cell_type == "code" and c.source.strip()]
    log: dict[str, Any] = {"cells": len(notebook.cells), "code_cells": len(code), "ran": 0,
                           "errors": [], "notes": [], "stopped": "", "seconds": {},
                           "landlock": landlock}
    if len(code) > limits["max_cells"]:
        log["notes"].append(f"the notebook has {len(code)} code cells; only the first "
                            f"{limits['max_cells']} were run")
        code = code[: limits["max_cells"]]
    state: dict[str, Any] = {"answers": {}, "reply": None, "timeout": 0.0}

    class Client(NotebookClient):
        def output(self, outs, msg, display_id, cell_index):  # keep errors and answers only
            kind = msg["msg_type"]
            if kind == "error" or (kind == "display_data" and MIME in msg["content"].get(
                    "data", {})):
                return super().output(outs, msg, display_id, cell_index)
            return None

    def on_executed(cell, cell_index, execute_reply):
        state["reply"] = execute_reply.get("content", {}) if execute_reply else {}

    from traitlets.config import Config

    config = Config()
    if ipc:  # Unix sockets: no TCP (Landlock denies it in --isolation none)
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = ipc
    client = Client(notebook, config=config, kernel_name="python3", allow_errors=True, timeout=60,
                    timeout_func=lambda cell: state["timeout"], interrupt_on_timeout=True,
                    error_on_timeout={"ename": _TIMEOUT_NAME, "evalue": "", "traceback": []},
                    startup_timeout=max(30, int(min(120, limits["notebook_seconds"]))),
                    shutdown_kernel="immediate", record_timing=False, iopub_timeout=4,
                    extra_arguments=["--HistoryManager.enabled=False"],
                    on_cell_executed=on_executed, resources={"metadata": {"path": os.getcwd()}})
    export = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": (f"__import__('coursegrader._export', fromlist=['publish']).publish("
                         f"{names!r}, {int(limits['answer_bytes'])})")}
    import nbformat

    export_cell = nbformat.from_dict(export)
    notebook.cells.append(export_cell)  # nbclient stores an executed cell at its index
    slot = len(notebook.cells) - 1

    def save(done: bool = False) -> None:
        writer.write({"answers": state["answers"], "log": log, "done": done})

    def fetch(seconds: float) -> bool:
        """Ask the kernel for the answers; False if it does not answer in time."""
        state["timeout"] = max(1.0, min(seconds, deadline - time.monotonic()))
        state["reply"] = None
        export_cell.outputs = []
        client.execute_cell(export_cell, slot, store_history=False)
        reply = state["reply"] or {}
        if reply.get("ename") == _TIMEOUT_NAME:
            return False
        for out in export_cell.outputs:
            if out.get("output_type") == "display_data" and MIME in out.get("data", {}):
                state["answers"] = _checked(out["data"][MIME], names, limits, log["notes"])
        return True

    mentions = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None
    last_export = time.monotonic()
    save()
    seconds = log["seconds"]
    try:
        t0 = time.monotonic()
        with client.setup_kernel():
            seconds["kernel_start"] = round(time.monotonic() - t0, 3)
            seconds["export"] = 0.0
            for index, cell in code:
                left = deadline - time.monotonic()
                if left < 1:
                    log["stopped"] = "timeout"
                    break
                state["timeout"] = min(limits["cell_seconds"], left)
                state["reply"] = None
                where = {"cell": index + 1, "line": _first_line(cell.source)}
                t0 = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except DeadKernelError:
                    log["errors"].append({**where, "error": "the kernel stopped (it crashed, "
                                          "was killed, ran out of memory or exited)",
                                          "assigns": _assigned(cell.source, set(names))})
                    log["stopped"] = "died"
                    break
                except CellTimeoutError:
                    log["stopped"] = "timeout"
                    break
                log["ran"] += 1
                took = time.monotonic() - t0
                if took > 0.5:
                    seconds[f"cell {index + 1}"] = round(took, 3)
                reply = state["reply"] or {}
                timed_out = False
                if reply.get("status") == "error":
                    timed_out = reply.get("ename") == _TIMEOUT_NAME
                    if timed_out:
                        client.iopub_timeout = 1  # the kernel may still be busy: do not wait
                    text = (f"ran longer than its limit of {state['timeout']:g} s and was "
                            f"interrupted" if timed_out else
                            _ANSI.sub("", f"{reply.get('ename', 'Error')}: "
                                          f"{reply.get('evalue', '')}")[:400])
                    log["errors"].append({**where, "error": text, "timeout": timed_out,
                                          "assigns": _assigned(cell.source, set(names))})
                cell.outputs = []
                t0 = time.monotonic()
                if not (timed_out or reply.get("status") == "error" or index == code[-1][0]
                        or t0 - last_export > _EXPORT_EVERY
                        or (mentions is not None and mentions.search(cell.source))):
                    continue
                last_export = t0
                answered = fetch(5.0 if timed_out else _EXPORT_SECONDS)
                seconds["export"] = round(seconds["export"] + time.monotonic() - t0, 3)
                client.iopub_timeout = 4
                if not answered:
                    log["errors"].append({**where, "error": "the kernel did not answer after "
                                          "this cell (it ignored the interrupt, or reading its "
                                          "answers took too long)", "timeout": True,
                                          "assigns": []})
                    log["stopped"] = "unresponsive"
                    log["stopped_at"] = index + 1
                    break
                save()
    except DeadKernelError:
        log["stopped"] = log["stopped"] or "died"
    except Exception as err:  # the kernel could not start, or nbclient failed
        log["stopped"] = log["stopped"] or "error"
        log["notes"].append(f"the kernel failed: {type(err).__name__}: {str(err)[:300]}")
    seconds["total"] = round(time.monotonic() - started, 3)
    save(done=True)


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    started = time.monotonic()
    p = argparse.ArgumentParser(prog="coursegrader.runner")
    p.add_argument("--notebook", required=True)
    p.add_argument("--answers-fds", required=True)
    p.add_argument("--names", default="")
    p.add_argument("--limits", required=True)
    p.add_argument("--ipc", default="", help="kernel sockets' path prefix (Unix sockets)")
    p.add_argument("--landlock-read", default="", help="os.pathsep-separated folders")
    p.add_argument("--landlock-write", default="")
    a = p.parse_args(argv)
    fds = [int(x) for x in a.answers_fds.split(",")]
    _harden(set(fds))
    limits = json.loads(a.limits)
    from coursegrader.resources import apply_rlimits

    apply_rlimits(limits)
    writer = AnswerWriter(fds)
    names = [n for n in a.names.split(",") if n]
    try:
        notebook = read_notebook(a.notebook)
    except (NotebookUnreadable, OSError) as err:
        writer.write({"answers": {}, "log": {"unreadable": str(err)[:500]}, "done": True})
        return 0
    landlock = 0
    if a.landlock_write:
        from coursegrader._landlock import restrict

        devices = ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
                   "/dev/tty", "/dev/ptmx"]
        landlock = restrict(a.landlock_read.split(os.pathsep), [
            *a.landlock_write.split(os.pathsep), "/dev/pts"], devices)
    run(notebook, names, limits, writer, started, ipc=a.ipc, landlock=landlock)
    return 0


if __name__ == "__main__":  # pragma: no cover - run in the sandbox
    raise SystemExit(main())

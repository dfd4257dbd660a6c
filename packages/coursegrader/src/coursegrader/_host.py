"""Host-side helpers of :mod:`coursegrader.sandbox`: what the grader reads of a sandbox.

* :func:`read_answers`: the newest complete record of the two answer files the grader
  created for the runner, each opened without following links and without blocking,
  accepted only if it is a regular file of bounded size ending with a newline;
* :func:`drain`: a sandbox's output, read to its end but kept only in part;
* :func:`disk_usage`: the size of an ``--isolation none`` working folder, iteratively.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

__all__ = ["disk_usage", "drain", "read_answers"]

_LOG_KEEP = 64 * 1024


def drain(stream: Any, keep: bytearray) -> None:
    """Read a pipe to its end, keeping only the first bytes (a submission may print GBs)."""
    while True:
        chunk = stream.read1(65536)
        if not chunk:
            return
        if len(keep) < _LOG_KEEP:
            keep.extend(chunk[: _LOG_KEEP - len(keep)])


def _read_record(path: Path, limit: int) -> dict[str, Any] | None:
    """A record the runner wrote, opened without following links, or None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)
    finally:
        os.close(fd)
    if not raw.endswith(b"\n"):
        return None  # killed in the middle of writing it
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("seq"), int) else None


def read_answers(folder: Path, limit: int) -> dict[str, Any] | None:
    """The newest complete record of the two answer files in ``folder``."""
    records = [r for r in (_read_record(folder / n, limit) for n in ("answers-0", "answers-1"))
               if r is not None]
    return max(records, key=lambda r: r["seq"]) if records else None


def disk_usage(folder: Path, cap: int = 100_000) -> int:
    """Bytes under ``folder`` (iterative; more than ``cap`` entries counts as too much)."""
    total, seen, todo = 0, 0, [str(folder)]
    while todo:
        try:
            with os.scandir(todo.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen > cap:
                        return 1 << 62
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            todo.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                    except OSError:
                        continue
        except OSError:
            continue
    return total



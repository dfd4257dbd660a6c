"""What was handed in: every entry of a submissions folder, and the notebook in it (if any).

:func:`entries` lists *every* directory entry (odd names, folders, links, FIFOs included)
so that each gets exactly one row; :func:`notebook_of` returns the notebook bytes to grade
for one entry, or the reason there are none:

* a regular ``.ipynb`` file (opened without following links, without blocking, and
  checked to be a regular file, of at most :data:`MAX_NOTEBOOK` bytes);
* a ``.zip`` holding exactly one notebook once Jupyter's and macOS's clutter is ignored
  (``.ipynb_checkpoints/``, ``__MACOSX/``, ``._*`` files): a working folder zipped
  whole is fine.  Encrypted, truncated or unsupported zips are named as such; what a
  member *says* its size is, is not trusted (reading stops at the limit);
* a folder (an LMS's "one folder per student" export) holding exactly one notebook or one
  such zip, at most three levels down, links not followed.

Symbolic links, FIFOs, sockets and devices are never opened.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["Entry", "MAX_NOTEBOOK", "MAX_ZIP", "display_name", "entries", "folder_name",
           "notebook_of"]

MAX_NOTEBOOK = 64 * 1024**2
MAX_ZIP = 256 * 1024**2
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class Entry:
    """One directory entry of the submissions folder."""

    path: str  # as the OS gave it (undecodable bytes kept as surrogates)
    name: str

    @property
    def display(self) -> str:
        return display_name(self.name)


def display_name(name: str) -> str:
    """A name safe to print and store: undecodable bytes as ``\\xNN``, controls escaped."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def folder_name(name: str) -> str:
    """A results folder for ``name``: readable, short, and different for every byte name.

    The digest of the exact bytes is always appended, so two names never share a folder,
    even on a case-insensitive file system.

    >>> folder_name("a b.ipynb") == folder_name("a_b.ipynb")
    False
    >>> folder_name("alice.ipynb")
    'alice.ipynb-a4ee46aead769607'
    """
    raw = os.fsencode(name)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", raw.decode("utf-8", "replace")).strip("._")[:60]
    return f"{safe or 'file'}-{hashlib.sha256(raw).hexdigest()[:16]}"


def entries(folder: Path, skip: Path | None = None) -> list[Entry]:
    """Every entry of ``folder`` (sorted by name), except ``skip`` (the results folder)."""
    out = []
    skip_stat = os.stat(skip) if skip is not None and skip.exists() else None
    with os.scandir(folder) as it:
        for e in it:
            if skip_stat is not None:
                try:
                    st = e.stat(follow_symlinks=False)
                    if (st.st_dev, st.st_ino) == (skip_stat.st_dev, skip_stat.st_ino):
                        continue
                except OSError:
                    pass
            out.append(Entry(path=e.path, name=e.name))
    return sorted(out, key=lambda e: os.fsencode(e.name))


def _ignored(member: str) -> bool:
    parts = PurePosixPath(member.replace("\\", "/")).parts
    return (any(p in ("__MACOSX", ".ipynb_checkpoints") for p in parts)
            or (parts and parts[-1].startswith("._")))


def _read_regular(path: str, limit: int) -> tuple[bytes | None, str]:
    try:
        fd = os.open(path, _FLAGS)
    except OSError as err:
        if getattr(err, "errno", None) == 40:  # ELOOP: a link swapped in after listing
            return None, "a symbolic link: not followed (hand in the file itself)"
        return None, f"could not be opened ({err.strerror})"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, "not a regular file"
        if st.st_size > limit:
            return None, f"larger than {limit // 1024**2} MB"
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                return None, f"larger than {limit // 1024**2} MB"
            chunks.append(chunk)
        return b"".join(chunks), ""
    finally:
        os.close(fd)


def _from_zip(data: bytes) -> tuple[bytes | None, str]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [m for m in z.infolist() if not m.is_dir()
                       and m.filename.lower().endswith(".ipynb") and not _ignored(m.filename)]
            if len(members) != 1:
                listed = ", ".join(display_name(m.filename) for m in members[:5])
                return None, (f"the zip holds {len(members)} notebooks"
                              + (f" ({listed})" if listed else "")
                              + "; it must hold exactly one")
            member = members[0]
            if member.flag_bits & 0x1:
                return None, "the zip is encrypted (password-protected); hand in a plain zip"
            if member.file_size > MAX_NOTEBOOK:
                return None, f"the notebook in the zip is larger than {MAX_NOTEBOOK // 1024**2} MB"
            with z.open(member) as fh:
                out = fh.read(MAX_NOTEBOOK + 1)
            if len(out) > MAX_NOTEBOOK:
                return None, f"the notebook in the zip is larger than {MAX_NOTEBOOK // 1024**2} MB"
            return out, ""
    except NotImplementedError as err:
        return None, (f"the zip uses a compression method this grader cannot read ({err}); "
                      f"zip it again with ordinary (Deflate) compression")
    except RuntimeError as err:
        if "encrypted" in str(err) or "password" in str(err):
            return None, "the zip is encrypted (password-protected); hand in a plain zip"
        return None, f"unreadable zip file ({type(err).__name__})"
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        return None, f"unreadable zip file: damaged or truncated ({type(err).__name__})"


def _from_folder(path: str) -> tuple[bytes | None, str, str]:
    found: list[str] = []
    todo = [(path, 0)]
    while todo:
        folder, depth = todo.pop()
        try:
            with os.scandir(folder) as it:
                for e in it:
                    if _ignored(e.name) or e.is_symlink():
                        continue
                    if e.is_dir(follow_symlinks=False):
                        if depth < 3:
                            todo.append((e.path, depth + 1))
                    elif e.name.lower().endswith((".ipynb", ".zip")):
                        found.append(e.path)
        except OSError:
            continue
    notebooks = [f for f in found if f.lower().endswith(".ipynb")] or found
    if len(notebooks) != 1:
        shown = ", ".join(display_name(os.path.relpath(f, path)) for f in sorted(notebooks)[:5])
        return None, (f"a folder holding {len(notebooks)} notebooks" +
                      (f" ({shown})" if shown else "") + "; it must hold exactly one"), ""
    inner = notebooks[0]
    data, why, _ = notebook_of(inner)
    return data, why, f"graded {display_name(os.path.relpath(inner, path))} from the folder"


def notebook_of(path: str) -> tuple[bytes | None, str, str]:
    """(notebook bytes or None, why not, a note on what was done) for one entry."""
    try:
        st = os.lstat(path)
    except OSError as err:
        return None, f"could not be read ({err.strerror})", ""
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        return None, "a symbolic link: not followed (hand in the file itself)", ""
    if stat.S_ISDIR(mode):
        return _from_folder(path)
    if not stat.S_ISREG(mode):
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special")
        return None, f"not a regular file ({kind}): not opened", ""
    lower = os.fsencode(path).lower()
    if lower.endswith(b".ipynb"):
        data, why = _read_regular(path, MAX_NOTEBOOK)
        return data, why, ""
    if lower.endswith(b".zip"):
        data, why = _read_regular(path, MAX_ZIP)
        if data is None:
            return None, why, ""
        nb, why = _from_zip(data)
        return nb, why, ""
    return None, "not a notebook: hand in an .ipynb file (or a zip holding one)", ""

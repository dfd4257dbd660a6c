"""Landlock: an unprivileged process restricts its own files, TCP and signals (Linux >= 5.13).

Used by the runner in ``--isolation none`` (where no bubblewrap sandbox hides the
machine): before the kernel starts, the runner allows itself and everything it starts

* to read and execute only the system folders (``/usr``, ``/etc``, ...), the Python image,
  ``/proc``, ``/sys`` and a few devices;
* to write only its working folder;
* no TCP at all (ABI 4; the kernel talks to the runner over Unix sockets), and no signal to
  any process outside itself (ABI 6).

:func:`restrict` returns the ABI version applied, or 0 when the kernel has no Landlock
(the caller then says that files were not isolated).  Rules are added for the access
rights the running kernel knows; newer rights are simply not handled.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["abi_version", "restrict"]

_CREATE, _ADD, _RESTRICT = 444, 445, 446
_PATH_BENEATH = 1
_VERSION_FLAG = 1

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1, 2, 4, 8
_ABI1_ALL = (1 << 13) - 1
REFER, TRUNCATE = 1 << 13, 1 << 14
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE
_NET_TCP = 0b11
_SCOPE = 0b11


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(None, use_errno=True)


def abi_version() -> int:
    """The Landlock ABI of the running kernel (0: none)."""
    libc = _libc()
    if libc is None:
        return 0
    version = libc.syscall(_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(_VERSION_FLAG))
    return max(0, int(version))


def restrict(read: list[str], write: list[str], devices: list[str]) -> int:
    """Allow reading ``read``, writing ``write`` and the files ``devices``; deny the rest."""
    abi = abi_version()
    libc = _libc()
    if abi < 1 or libc is None:
        return 0
    handled = _ABI1_ALL | (REFER if abi >= 2 else 0) | (TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(handled, _NET_TCP if abi >= 4 else 0, _SCOPE if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 4 else 8
    ruleset = libc.syscall(_CREATE, ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        ro = EXECUTE | READ_FILE | READ_DIR
        rules = [(p, ro) for p in read] + [(p, handled) for p in write] + [
            (p, READ_FILE | WRITE_FILE | (TRUNCATE if abi >= 3 else 0)) for p in devices]
        for path, rights in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    rights &= _FILE_RIGHTS
                rule = _PathBeneath(rights & handled, fd)
                libc.syscall(_ADD, ruleset, _PATH_BENEATH, ctypes.byref(rule), ctypes.c_uint32(0))
            finally:
                os.close(fd)
        libc.prctl(38, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0),
                   ctypes.c_ulong(0))  # no_new_privs (required)
        if libc.syscall(_RESTRICT, ruleset, ctypes.c_uint32(0)) != 0:
            return 0
        return abi
    finally:
        os.close(ruleset)

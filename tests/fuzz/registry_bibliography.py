"""Fuzz entries: the bibliography as data."""

from __future__ import annotations

import coursekit as ck
from fuzzing import Entry

ENTRIES = {
    "coursekit.load_references": Entry(ck.load_references, {"path": None},
                                       extra={"path": ["/nonexistent.bib", "/etc/hostname"]}),
    "coursekit.references_path": Entry(ck.references_path, {}),
}

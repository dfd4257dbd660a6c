"""Fuzz entries: the bibliography as data."""

from __future__ import annotations

from fuzzing import Entry

import coursekit as ck

ENTRIES = {
    "coursekit.load_references": Entry(ck.load_references, {"path": None},
                                       extra={"path": ["/nonexistent.bib", "/etc/hostname"]}),
    "coursekit.references_path": Entry(ck.references_path, {}),
}

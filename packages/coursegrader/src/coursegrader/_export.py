"""Publish a kernel's answer variables as data (runs inside the student's kernel).

After every code cell the runner (:mod:`coursegrader.runner`) executes
``__import__("coursegrader._export").\\_export.publish([...], limit)`` in the kernel,
silently and outside the history.  :func:`publish` encodes each answer variable with
:func:`coursekit.grading.values.to_data` (numbers, text, arrays, frames; never code) and
sends the result as one display message of type :data:`MIME`, which the runner checks
again before it hands anything to the grader.  What a notebook does to this function can
only change its own answers, which it can change anyway.
"""

from __future__ import annotations

__all__ = ["MIME", "publish"]

#: Media type of the display message that carries the answers.
MIME = "application/vnd.coursegrader.answers+json"


def publish(names: list[str], answer_bytes: int) -> None:
    """Send the answers ``names`` found in the kernel's namespace as data.

    An answer whose JSON encoding is larger than ``answer_bytes`` is replaced by an
    "unsupported" record saying so (the others still count).
    """
    import json

    from IPython import get_ipython
    from IPython.display import publish_display_data

    from coursekit.grading.values import to_data

    namespace = get_ipython().user_ns
    answers = {}
    for name in names:
        if name not in namespace:
            continue
        value = namespace[name]
        record = to_data(value)
        size = len(json.dumps(record, allow_nan=False))
        if size > answer_bytes:
            record = {"t": "unsupported", "type": type(value).__name__,
                      "reason": f"{size / 1e6:.1f} MB as data, more than the limit of "
                                f"{answer_bytes / 1e6:g} MB for one answer"}
        answers[name] = record
    publish_display_data({MIME: answers})

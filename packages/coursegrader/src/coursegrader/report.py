"""What a batch writes: ``grades.csv``, one feedback file per student, the item analysis.

* :func:`write_grades` writes ``grades.csv``; any text cell that a spreadsheet would read
  as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
  prefixed with an apostrophe (:func:`neutralise`).
* :func:`feedback_markdown` is a student's ``feedback.md``: points per question, the
  message of every test that failed (hidden messages never name an expected value), and
  what went wrong while the notebook ran, with cell numbers as the student sees them.
* :func:`item_analysis` and :func:`write_item_analysis`: per question, the mean, the share
  of full and of zero marks, the item-rest correlation (Pearson's r of the item with the
  total of the *other* items; for an all-or-nothing item this is the corrected
  point-biserial correlation), the upper-lower discrimination index (mean share of the
  item's points in the top 27 % of totals minus the bottom 27 %, Kelley's groups), and
  the most frequent reason the item was lost.  A question with a low or negative
  discrimination is flagged: strong students lose it as often as weak ones, so its
  wording or its checks deserve a look.  Written as ``item_analysis.csv`` and a small
  ``item_analysis.html`` with a chart.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["feedback_markdown", "item_analysis", "neutralise", "write_grades",
           "write_item_analysis"]

#: A question is flagged below these (Ebel's rule of thumb: D < 0.2 discriminates poorly).
FLAG_DISCRIMINATION = 0.2
FLAG_CORRELATION = 0.2
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GRADED = ("finished", "timeout", "stopped", "died")


def neutralise(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a ``'``.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1+1"), neutralise(-1.5)
    ('\\'=HYPERLINK("http://x")', "'-1+1", -1.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_grades(path: Path, rows: list[dict[str, Any]], questions: list[str]) -> None:
    """``grades.csv``: one row per entry of the submissions folder, sorted by name."""
    fields = ["submission", "status", *questions, "total", "possible", "reason", "lost",
              "isolation", "limits", "seconds", "results", "note"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    tmp = path.with_suffix(".csv.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)


def _points(x: float) -> str:
    return f"{x:g}"


def feedback_markdown(record: dict[str, Any]) -> str:
    """A student's feedback file (Markdown) from a result record."""
    lines = [f"# Feedback: {record['submission']}", ""]
    if record.get("possible"):
        lines.append(f"**Score: {_points(record['total'])} / {_points(record['possible'])}**")
    else:
        lines.append("**Score: 0** (the file could not be graded)")
    if record.get("reason"):
        lines += ["", f"What happened: {record['reason']}."]
    for q, res in record.get("questions", {}).items():
        lines += ["", f"## {q}: {_points(res['score'])} / {_points(res['possible'])}", ""]
        for case in res.get("cases", []):
            kind = "hidden test" if case.get("hidden") else "public test"
            if case.get("passed"):
                lines.append(f"- passed ({kind})")
            else:
                lines.append(f"- **not passed** ({kind}): {case.get('message') or 'no message'}")
    log = record.get("log", {})
    errors = log.get("errors", []) if isinstance(log, dict) else []
    if errors:
        lines += ["", "## Problems while your notebook ran", "",
                  "Cells are counted from the top of the notebook, text cells included."]
        for e in errors[:20]:
            line = f" (`{e['line']}`)" if e.get("line") else ""
            lost = (f" It assigns {', '.join(f'`{n}`' for n in e['assigns'])}, which may "
                    f"therefore be missing or wrong." if e.get("assigns") else "")
            lines.append(f"- Cell {e.get('cell')}{line}: {e.get('error')}.{lost}")
    for note in (log.get("notes", []) if isinstance(log, dict) else [])[:10]:
        lines.append(f"- {note}")
    return "\n".join(lines) + "\n"


def _template(message: str) -> str:
    """A message with the student's own values blanked, to count reasons across students."""
    text = re.sub(r"'[^']*'", "'…'", message)
    return re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", text)


def _pearson(x: list[float], y: list[float]) -> float | None:
    if len(x) < 3 or len(set(x)) < 2 or len(set(y)) < 2:
        return None
    from scipy.stats import pearsonr

    return float(pearsonr(x, y).statistic)


def item_analysis(records: list[dict[str, Any]], questions: list[str]) -> list[dict[str, Any]]:
    """Per-question statistics over the graded submissions (see the module docstring)."""
    graded = [r for r in records if r.get("status") in GRADED and r.get("questions")]
    totals = [float(r["total"]) for r in graded]
    order = sorted(range(len(graded)), key=lambda i: totals[i])
    k = max(1, round(0.27 * len(graded))) if graded else 0
    low, high = set(order[:k]), set(order[-k:]) if k else set()
    out = []
    for q in questions:
        have = [(i, r["questions"][q]) for i, r in enumerate(graded) if q in r["questions"]]
        if not have:
            continue
        possible = max(float(res["possible"]) for _, res in have) or 1.0
        scores = [float(res["score"]) for _, res in have]
        rest = [totals[i] - float(res["score"]) for i, res in have]
        share = {i: float(res["score"]) / possible for i, res in have}
        d = (sum(share[i] for i in high if i in share) / max(1, len(high & share.keys()))
             - sum(share[i] for i in low if i in share) / max(1, len(low & share.keys()))
             ) if len(graded) >= 4 else None
        reasons = Counter(_template(r["lost"][q]) for _, r in ((i, graded[i]) for i, _ in have)
                          if q in r.get("lost", {}))
        common, count = reasons.most_common(1)[0] if reasons else ("", 0)
        r_it = _pearson(scores, rest)
        flag = (d is not None and d < FLAG_DISCRIMINATION) or (r_it is not None and
                                                                r_it < FLAG_CORRELATION)
        out.append({"question": q, "possible": possible, "n": len(have),
                    "mean": round(sum(scores) / len(scores), 4),
                    "mean_share": round(sum(scores) / len(scores) / possible, 4),
                    "full_marks_share": round(sum(s >= possible for s in scores) / len(scores), 4),
                    "zero_share": round(sum(s == 0 for s in scores) / len(scores), 4),
                    "item_rest_r": None if r_it is None else round(r_it, 4),
                    "discrimination": None if d is None else round(d, 4),
                    "most_common_reason": common, "reason_count": count,
                    "flag": "review" if flag else ""})
    return out


def _chart_svg(items: list[dict[str, Any]]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [i["question"] for i in items]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(items) + 1.2))
    y = range(len(items))
    ax.barh([v - 0.2 for v in y], [i["mean_share"] for i in items], height=0.4,
            label="mean share of points", color="#4c78a8")
    ax.barh([v + 0.2 for v in y], [i["discrimination"] or 0 for i in items], height=0.4,
            label="discrimination (top 27 % minus bottom 27 %)", color="#f58518")
    ax.axvline(FLAG_DISCRIMINATION, color="#888", linestyle=":", linewidth=1)
    ax.set_yticks(list(y), names)
    ax.invert_yaxis()
    ax.set_xlim(min(-0.2, min((i["discrimination"] or 0) for i in items) - 0.05), 1.05)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=1, frameon=False, fontsize=8)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def write_item_analysis(out: Path, records: list[dict[str, Any]], questions: list[str],
                        title: str) -> list[dict[str, Any]]:
    """Write ``item_analysis.csv`` and ``item_analysis.html`` into ``out``; return the rows."""
    items = item_analysis(records, questions)
    fields = ["question", "possible", "n", "mean", "mean_share", "full_marks_share",
              "zero_share", "item_rest_r", "discrimination", "flag", "most_common_reason",
              "reason_count"]
    with open(out / "item_analysis.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for item in items:
            writer.writerow({k: neutralise("" if v is None else v) for k, v in item.items()})
    n = sum(r.get("status") in GRADED for r in records)

    def cell(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, float) and not math.isnan(v):
            return f"{v:.2f}"
        return html.escape(str(v))

    head = "".join(f"<th>{html.escape(f)}</th>" for f in fields)
    body = "".join("<tr" + (" class='flag'" if i["flag"] else "") + ">" +
                   "".join(f"<td>{cell(i[f])}</td>" for f in fields) + "</tr>" for i in items)
    chart = _chart_svg(items) if items else "<p>No graded submissions.</p>"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Item analysis: {html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse;font-size:.9rem}}td,th{{border:1px solid #ccc;padding:.2rem .4rem}}
tr.flag{{background:#fff3cd}}svg{{max-width:100%;height:auto}}</style></head><body>
<h1>Item analysis: {html.escape(title)}</h1>
<p>{n} graded submission(s). <em>mean_share</em>: mean points over possible.
<em>item_rest_r</em>: correlation of the question with the total of the other questions.
<em>discrimination</em>: mean share of the question's points among the top 27 % of totals
minus the bottom 27 %. Questions flagged <em>review</em> (highlighted) have a discrimination
below {FLAG_DISCRIMINATION} or an item-rest correlation below {FLAG_CORRELATION}: strong
students lose them about as often as weak ones, so read their wording and their most common
reason.</p>
{chart}
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
</body></html>
"""
    (out / "item_analysis.html").write_text(page, encoding="utf-8")
    return items

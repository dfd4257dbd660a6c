"""The API reference documents every public name of ``coursekit`` exactly once.

The flat namespace (``ck.*``) is split over four pages, one per part of the course, so
that each stays under the page-weight budget of a page without charts (issue 12). A name
added to ``coursekit.__all__`` but to none of the pages (or to two) fails here, as in
scikit-learn's test that every metric is in its registry.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import coursekit as ck

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("api-concentration", "api-models", "api-innovation", "api-regional")
DIRECTIVE = re.compile(r"^\.\. auto(function|class):: (\w+)\s*$", re.M)
NAMESPACES = {"charts", "data", "__version__"}  # chapters/api.md and api-charts.md


def _documented() -> Counter:
    names: Counter = Counter()
    for page in PAGES:
        text = (ROOT / "chapters" / f"{page}.md").read_text(encoding="utf-8")
        names.update(name for _, name in DIRECTIVE.findall(text))
    return names


def test_every_public_name_is_on_exactly_one_api_page() -> None:
    """The union of the four pages' directives is ``ck.__all__`` (less the namespaces)."""
    documented = _documented()
    public = set(ck.__all__) - NAMESPACES
    assert sorted(n for n, k in documented.items() if k > 1) == [], "documented twice"
    assert sorted(public - set(documented)) == [], "public but on no API page"
    assert sorted(set(documented) - public) == [], "on an API page but not public"


def test_api_pages_are_in_the_toc_and_the_index_keeps_the_namespaces() -> None:
    """Each split page is in the table of contents; the API page documents the data and grading
    namespaces, and the charts namespace has a page of its own."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert all(f"file: chapters/{page}" in toc for page in PAGES)
    assert "file: chapters/api-charts" in toc
    index = (ROOT / "chapters" / "api.md").read_text(encoding="utf-8")
    for module in ("coursekit.data", "coursekit.grading"):
        assert f".. automodule:: {module}" in index
    charts = (ROOT / "chapters" / "api-charts.md").read_text(encoding="utf-8")
    assert ".. automodule:: coursekit.charts" in charts  # the largest namespace, its own page
    assert ".. automodule:: coursekit\n" not in index

"""Tests for coursebook.weight: what a page loads, each file once, with what it fetches
later (no book build needed)."""

from __future__ import annotations

from pathlib import Path

from coursebook import weight


def test_weight_counts_each_file_once_with_lazy_loads(tmp_path: Path):
    static = tmp_path / "_static"
    (static / "coursekit-specs").mkdir(parents=True)
    (static / "site.css").write_text("@font-face{src:url(f.woff2) format('woff2'),url(f.ttf)}")
    (static / "f.woff2").write_bytes(b"0" * 100)
    (static / "f.ttf").write_bytes(b"0" * 1000)
    (static / "charts.js").write_text("//")
    (static / "bundle.js").write_text("x" * 5000)
    (static / "coursekit-specs" / "ab12.js").write_text("{}")
    page = tmp_path / "p.html"
    page.write_text('<html><head><link rel="stylesheet" href="_static/site.css">'
                    '<script defer src="_static/charts.js" data-bundle="bundle.js"></script>'
                    '<script>var x = 1;</script><script src="_static/charts.js"></script>'
                    '</head><body><div id="c" class="coursekit-chart" data-spec="ab12"></div>'
                    "</body></html>")
    p = weight.page_assets(page, tmp_path)
    names = {a.name: why for a, why in p.assets.items()}
    assert names == {"site.css": "stylesheet", "f.woff2": "font", "charts.js": "script",
                     "bundle.js": "later: chart bundle", "ab12.js": "later: chart spec"}
    assert p.raw == page.stat().st_size + sum(a.stat().st_size for a in p.assets)
    assert weight.transfer_size(static / "bundle.js") < 100  # gzip of a repeated letter
    blocking = weight.render_blocking(page)
    assert [w for w, _ in blocking] == ["inline: var x = 1;", "_static/charts.js"]

"""Book-build plumbing: the Sphinx extension and the offline chart renderer.

Not imported by ``import coursekit``; Sphinx loads :mod:`coursekit.book.sphinxext`
(listed in ``_config.yml``), and :mod:`coursekit.charts` loads the renderer only
while the book builds.
"""

__all__: list[str] = []

"""IPython extension that every page's kernel loads while the book builds.

:mod:`coursebook.sphinxext` sets ``IPYTHONDIR`` for the build to a profile whose
``ipython_kernel_config.py`` lists this extension (``c.InteractiveShellApp.extensions``),
so a page's charts are drawn by the offline renderer (:mod:`coursebook.renderer`) without
the student library knowing anything of the book: ``import coursekit`` in Jupyter or Colab
keeps Altair's default renderer.
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["TCP_WARNING", "load_ipython_extension", "quiet_tcp_warning"]

#: What ipykernel (>= 7) logs when its connection file says TCP without CurveZMQ keys.
TCP_WARNING = "Kernel is running over TCP without encryption"


class _DropTcpWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith(TCP_WARNING)


def quiet_tcp_warning() -> None:
    """Drop ipykernel's "running over TCP without encryption" warning in the build's kernels.

    Why silenced rather than fixed at its cause: the book's pages are executed by myst-nb
    through jupyter-cache and nbclient, which start each kernel with jupyter_client's
    defaults (TCP on 127.0.0.1, no CurveZMQ keys) and pass no configuration through to
    jupyter_client's ``KernelManager`` (its ``transport`` and ``transport_encryption``
    settings), so the build cannot ask for IPC or encryption.  The kernel listens on the
    loopback interface of the build machine only, for the seconds a page runs; the warning
    said nothing a reader of the build log could act on, once per page.  Only that one
    message is dropped; every other kernel warning still reaches the log.
    """
    logging.getLogger("IPKernelApp").addFilter(_DropTcpWarning())


def load_ipython_extension(ipython: Any) -> None:
    """Render every Altair chart of this kernel with the book's offline renderer.

    The renderer is enabled just before the first cell runs, not while the extension
    loads: importing Altair imports pandas, which decides once, at import, whether it
    runs in a terminal (``display.max_columns``) by looking for the kernel, and the kernel
    is not yet attached to the shell while extensions load.
    """

    def enable(*args: Any) -> None:
        from coursebook.renderer import enable_offline

        ipython.events.unregister("pre_run_cell", enable)
        enable_offline()

    ipython.events.register("pre_run_cell", enable)

"""Tests for coursebook.kernel: the IPython extension of the build's kernels (the offline
renderer from the first cell on; ipykernel's TCP warning dropped, and only it)."""

from __future__ import annotations

import logging

import altair as alt

from coursebook import kernel, renderer


class _Events:
    def __init__(self) -> None:
        self.callbacks: dict[str, list] = {}

    def register(self, event, fn):
        self.callbacks.setdefault(event, []).append(fn)

    def unregister(self, event, fn):
        self.callbacks[event].remove(fn)


class _Shell:
    def __init__(self) -> None:
        self.events = _Events()


def test_the_renderer_is_enabled_before_the_first_cell_and_only_once():
    shell = _Shell()
    previous = alt.renderers.active
    try:
        alt.renderers.enable("default")
        kernel.load_ipython_extension(shell)
        assert alt.renderers.active == "default"  # not while the extension loads
        [enable] = shell.events.callbacks["pre_run_cell"]
        enable()
        assert alt.renderers.active == renderer.RENDERER_NAME
        assert shell.events.callbacks["pre_run_cell"] == []  # unregistered after one cell
    finally:
        alt.renderers.enable(previous)


def test_only_the_tcp_warning_is_dropped():
    logger = logging.getLogger("IPKernelApp")
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    handler = Keep()
    logger.addHandler(handler)
    before = list(logger.filters)
    try:
        kernel.quiet_tcp_warning()
        logger.warning("%s. Anyone who can connect to this kernel can run code.",
                       kernel.TCP_WARNING)
        logger.warning("Some other kernel warning")
        assert seen == ["Some other kernel warning"]
    finally:
        logger.removeHandler(handler)
        logger.filters[:] = before

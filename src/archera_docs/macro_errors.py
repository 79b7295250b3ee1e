"""A mistake in a page's macro call, reported as `docs/<page>:<line>: <call>: <why>`.

A page that names an unknown id (`{{ related("acess") }}`) or an unknown macro is the docs team's
mistake, not a bug: they need the page, the line and the call, not a Python traceback.
"""

from __future__ import annotations

import traceback

from jinja2.exceptions import UndefinedError

from .model import UnknownId

# Errors that come from what a page wrote; anything else is a bug and keeps its traceback.
PAGE_MISTAKES = (UnknownId, UndefinedError)


def template_line(error: BaseException) -> int | None:
    """The line of the page being rendered where `error` was raised, if Jinja recorded it.

    Jinja rewrites a rendering error's traceback so that the page's own frames are named
    `<template>` and carry the page's line numbers.
    """
    lines = [line for frame, line in traceback.walk_tb(error.__traceback__)
             if frame.f_code.co_filename == "<template>"]
    return lines[-1] if lines else None


def describe(error: BaseException, markdown: str, page_path: str) -> str:
    """One line naming the page, the line, the call written there and what is wrong with it."""
    line = template_line(error)
    if line is None:
        return f"{page_path}: {error}"
    call = markdown.splitlines()[line - 1].strip()
    return f"{page_path}:{line}: {call}: {error}"

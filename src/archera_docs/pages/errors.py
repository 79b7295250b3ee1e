"""A mistake in a page's macro call, reported as `docs/<page>:<line>: <call>: <why>`.

A page that names an unknown id (`{{ related("acess") }}`) or an unknown macro is the docs team's
mistake, not a bug: they need the page, the line and the call, not a Python traceback.
"""

from __future__ import annotations

import re
import traceback

from pathlib import Path

from jinja2.exceptions import TemplateSyntaxError, UndefinedError

from ..source.model import UnknownId

# Errors that come from what a page wrote; anything else is a bug and keeps its traceback. A
# TypeError is the page's only when the call itself was wrong (see is_page_mistake).
PAGE_MISTAKES = (UnknownId, UndefinedError, TemplateSyntaxError, TypeError)
_PACKAGE = str(Path(__file__).resolve().parents[1])


def is_page_mistake(error: BaseException) -> bool:
    """True when `error` comes from what the page wrote, not from a bug in our code: a TypeError
    counts only when raised by the call itself (wrong arguments), before any of our code ran."""
    if not isinstance(error, TypeError):
        return isinstance(error, PAGE_MISTAKES)
    frames = [frame.f_code.co_filename for frame, _ in traceback.walk_tb(error.__traceback__)]
    if "<template>" not in frames:
        return False
    after_page = frames[len(frames) - frames[::-1].index("<template>"):]
    return not any(name.startswith(_PACKAGE) for name in after_page)


def template_line(error: BaseException) -> int | None:
    """The line of the page being rendered where `error` was raised, if Jinja recorded it.

    Jinja rewrites a rendering error's traceback so that the page's own frames are named
    `<template>` and carry the page's line numbers.
    """
    lines = [line for frame, line in traceback.walk_tb(error.__traceback__)
             if frame.f_code.co_filename == "<template>"]
    return lines[-1] if lines else None


def locate(error: BaseException, markdown: str) -> tuple[int | None, str, str]:
    """Where a page's mistaken call is: (its line, the call as written there, what is wrong)."""
    if isinstance(error, TemplateSyntaxError):
        line, why = error.lineno, error.message
    else:
        # Jinja names Python's type ("'dict object' has no attribute 'x'"), which tells a writer
        # nothing the call does not show.
        line, why = template_line(error), re.sub(r"^'[\w.]+ object' ", "", str(error))
    call = markdown.splitlines()[line - 1].strip() if line else ""
    return line, call, why


def describe(error: BaseException, markdown: str, page_path: str) -> str:
    """One line naming the page, the line, the call written there and what is wrong with it."""
    line, call, why = locate(error, markdown)
    if line is None:
        return f"{page_path}: {why}"
    return f"{page_path}:{line}: {call}: {why}"

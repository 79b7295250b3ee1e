"""mkdocs-macros entry point: load the checked data once, then register every macro of the
registry (archera_docs.pages.registry)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

try:
    from mkdocs.exceptions import PluginError
    from mkdocs_macros.errors import format_error
except ModuleNotFoundError:  # Zensical builds without MkDocs; any exception stops its build
    PluginError, format_error = RuntimeError, None

from archera_docs.build import Preview, load_site
from archera_docs.pages.account import variables
from archera_docs.pages.errors import PAGE_MISTAKES, describe, is_page_mistake
from archera_docs.pages.registry import MACROS
from archera_docs.source.errors import DataError


def define_env(env) -> None:
    """Load and check the data and pages (a mistake stops the build before any page), register
    the macros."""
    Preview.problems = None
    try:
        dataset = load_site(Path(env.project_dir))
    except DataError as exc:
        if not Preview.serving:
            raise PluginError(str(exc)) from None
        Preview.problems = exc  # every page shows it (hooks/preview.py) until it is fixed
        return
    for macro in MACROS:
        env.macro(partial(macro.function, dataset) if macro.reads_data else macro.function,
                  macro.name)
    env.variables.update(variables(dataset))


def _page_mistake(error: Exception, markdown: str, page) -> str:
    if not is_page_mistake(error):  # a bug: mkdocs-macros' own report, with the traceback
        return format_error.dispatch(Exception)(error, markdown, page)
    return describe(error, markdown, f"{Path(page.file.src_dir or '.').name}/{page.file.src_path}")


if format_error is not None:  # mkdocs-macros formats a rendering error by the error's type
    for mistake in PAGE_MISTAKES:
        format_error.register(mistake)(_page_mistake)

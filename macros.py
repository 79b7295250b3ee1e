"""mkdocs-macros entry point: validate the data once, then register the page macros."""

from __future__ import annotations

from functools import partial
from pathlib import Path

try:
    from mkdocs.exceptions import PluginError
    from mkdocs_macros.errors import format_error
except ModuleNotFoundError:  # Zensical builds without MkDocs; any exception stops its build
    PluginError, format_error = RuntimeError, None

from archera_docs import render, render_deploy, render_exports, render_history, render_tiers
from archera_docs.errors import DataError
from archera_docs.load import load_project
from archera_docs.macro_errors import PAGE_MISTAKES, describe, is_page_mistake

MACROS = (
    render.account_id_notice, render.account_id_statement, render.block_tables,
    render.credential_facts, render.related, render.security_review,
    render_deploy.deploy_tabs, render_deploy.trust_policy_block,
    render_history.changelog, render_history.corrections, render_history.switch_credential,
    render_history.update_your_role,
    render_tiers.tier_differences,
)
PLAIN_MACROS = (render_exports.export_shape,)


def define_env(env) -> None:
    """Load and check the data (a mistake stops the build before any page), register macros."""
    try:
        dataset = load_project(Path(env.project_dir))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    for macro in MACROS:
        env.macro(partial(macro, dataset), macro.__name__)
    for macro in PLAIN_MACROS:
        env.macro(macro)
    env.variables.update(render.variables(dataset))


def _page_mistake(error: Exception, markdown: str, page) -> str:
    if not is_page_mistake(error):  # a bug: mkdocs-macros' own report, with the traceback
        return format_error.dispatch(Exception)(error, markdown, page)
    return describe(error, markdown, f"{Path(page.file.src_dir or '.').name}/{page.file.src_path}")


if format_error is not None:  # mkdocs-macros formats a rendering error by the error's type
    for mistake in PAGE_MISTAKES:
        format_error.register(mistake)(_page_mistake)

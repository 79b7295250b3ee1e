"""mkdocs-macros entry point: validate the data once, then register the page macros."""

from __future__ import annotations

from functools import partial
from pathlib import Path

try:
    from mkdocs.exceptions import PluginError
except ModuleNotFoundError:  # Zensical builds without MkDocs; any exception stops its build
    PluginError = RuntimeError

from archera_docs import render
from archera_docs.errors import DataError
from archera_docs.load import load

PERMISSIONS = Path("data/permissions.yaml")
RISKS = Path("data/risks.yaml")

MACROS = (
    render.account_id_notice, render.block_tables, render.corrections, render.credential_facts,
    render.policy_blocks, render.related, render.security_review, render.wildcard_grants,
    render.page_path,
)


def define_env(env) -> None:
    """Load and check the data (a mistake stops the build before any page), register macros."""
    root = Path(env.project_dir)
    try:
        dataset = load(root / PERMISSIONS, root / RISKS)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    for macro in MACROS:
        env.macro(partial(macro, dataset), macro.__name__)
    env.variables.update(render.variables(dataset))

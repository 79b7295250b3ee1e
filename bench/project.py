"""Scratch copies of the project, and the mkdocs.yml edits the benchmark builds them with."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.project import MKDOCS_ENV, compile_code, copy_sources  # noqa: E402  (what a build reads)

__all__ = ["ROOT", "MKDOCS_ENV", "compile_code", "copy_project", "read_config", "write_config",
           "without_macros", "with_macros_module", "add_hook", "add_nav_section"]


def copy_project(target: Path) -> Path:
    """A scratch copy of everything a build reads, its code byte-compiled as `tasks.py` leaves
    the project's own: the builds measured never include compiling our code."""
    compile_code(copy_sources(target))
    return target


class _Tagged:
    """A value under a YAML tag this code does not interpret (`!ENV`, `!!python/name:`)."""

    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: _Tagged(suffix, node))
_Dumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _retag(value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag
    return node


def read_config(project: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as data, keeping tags it cannot interpret as they are."""
    return yaml.load((project / "mkdocs.yml").read_text(), Loader=_Loader)  # noqa: S506


def write_config(project: Path, config: dict[str, Any]) -> None:
    """Write mkdocs.yml back."""
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text)


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def without_macros(config: dict[str, Any]) -> dict[str, Any]:
    """The same configuration minus the macros plugin."""
    plugins = [p for p in config.get("plugins", []) if _plugin_name(p) != "macros"]
    return {**config, "plugins": plugins}


def with_macros_module(config: dict[str, Any], module_name: str) -> dict[str, Any]:
    """The same configuration with the macros plugin running another module."""
    def swap(entry: Any) -> Any:
        if _plugin_name(entry) != "macros":
            return entry
        options = {} if isinstance(entry, str) else entry["macros"] or {}
        return {"macros": {**options, "module_name": module_name}}
    return {**config, "plugins": [swap(p) for p in config.get("plugins", [])]}


def add_hook(config: dict[str, Any], path: Path) -> dict[str, Any]:
    """The configuration with one more hook script."""
    return {**config, "hooks": [*config.get("hooks", []), str(path)]}


def add_nav_section(config: dict[str, Any], title: str, pages: list[str]) -> dict[str, Any]:
    """The configuration with a nav section listing `pages` (docs-relative paths)."""
    return {**config, "nav": [*config.get("nav", []), {title: pages}]}

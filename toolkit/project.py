"""The project's files, its environments and scratch copies of it."""

from __future__ import annotations

import compileall
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / "bin"
# What a build reads: a scratch copy of these builds like the project itself.
PROJECT_FILES = ("mkdocs.yml", "macros.py", "docs", "data", "hooks", "overrides", "src")
# The project's own Python code among them.
CODE_FILES = ("macros.py", "hooks", "src")
# MkDocs' own environment for every build: without its banner about MkDocs 2.
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def compile_code(project: Path) -> None:
    """Byte-compile the project's own code (only what changed since), as pip compiles every
    dependency it installs. Where PYTHONDONTWRITEBYTECODE is set, as on the machine CI runs on,
    Python would otherwise compile it again in every build: about 25 ms of each."""
    for name in CODE_FILES:
        path = project / name
        if path.is_dir():
            compileall.compile_dir(path, quiet=1)
        elif path.exists():
            compileall.compile_file(path, quiet=1)


def copy_sources(target: Path) -> Path:
    """A copy of everything a build reads, so a build elsewhere never touches the project."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, target / name)
    return target

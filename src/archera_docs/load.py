"""Load and validate the data files once: YAML -> model -> structural, catalog, review checks."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .audit import Review, check_review, check_risk_table, review
from .catalog import Catalog, default_catalog
from .catalog_checks import check_catalog
from .checks import STRUCTURAL_CHECKS, check_page_files
from .deployment import check_descriptions
from .errors import DataError, Problem
from .model import PermissionsFile, RiskTable, key_names
from .policy import check_policy_sizes
from .yamlsource import SourceMap, load_yaml

M = TypeVar("M", bound=BaseModel)
PERMISSIONS = Path("data/permissions.yaml")
RISKS = Path("data/risks.yaml")
DOCS = Path("docs")
KEYS = key_names()


@dataclass(frozen=True)
class Dataset:
    """The validated data the pages are rendered from."""

    permissions: PermissionsFile
    risks: RiskTable
    catalog: Catalog
    path: Path
    review: Review

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros serialises every registered macro, with the dataset it
        # is bound to, on each build; a repr of the whole dataset grows with the data.
        return f"Dataset({str(self.path)!r})"


def _message(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}"
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and "action" in loc:
        return (f"{message} (got {error['input']!r}): an action is `service:Action`, with only "
                "* and ? as wildcards")
    if kind == "date_type" and isinstance(error.get("input"), str):
        return (f"{message} (got {error['input']!r}): write the date as year-month-day, "
                "2026-11-28, without quotes")
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{message} (got {error['input']!r})"
    return message


def parse(model: type[M], path: Path) -> tuple[M, SourceMap]:
    """Read one YAML file into `model`; every validation error becomes a located Problem."""
    raw, source = load_yaml(path, KEYS)
    try:
        return model.model_validate(raw), source
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part != "[key]")
            problems.append(source.problem(loc, _message(error)))
        raise DataError(problems) from None


def validate(permissions_path: Path, risks_path: Path, catalog: Catalog,
             docs: Path | None = None) -> Dataset:
    """Parse both files and run every check (with `docs`, also that every page built here has
    its file there); raise one DataError listing all problems."""
    problems: list[Problem] = []
    risks, risk_source, audit = None, None, None
    try:
        risks, risk_source = parse(RiskTable, risks_path)
    except DataError as exc:
        problems += exc.problems
    try:
        data, source = parse(PermissionsFile, permissions_path)
    except DataError as exc:  # nothing more to check without it
        raise DataError(problems + exc.problems) from None
    for check in STRUCTURAL_CHECKS:
        problems += check(data, source)
    if docs is not None:
        problems += check_page_files(data, source, docs)
    problems += check_catalog(data, source, catalog)
    problems += check_policy_sizes(data, source)
    problems += check_descriptions(data, source)
    if risks is not None:
        risk_problems = check_risk_table(risks, risk_source, catalog)
        problems += risk_problems
        if not risk_problems:  # the review reads the table, so it must be sound
            audit = review(data, risks, catalog)
            problems += check_review(data, source, audit)
    if problems:
        raise DataError(problems)
    return Dataset(data, risks, catalog, permissions_path, audit)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    # Validation allocates a great many small objects and no garbage cycles; left on, the cyclic
    # collector would rescan every object the MkDocs process holds many times over meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=4)
def _load(permissions_path: Path, risks_path: Path, docs: Path | None, stamp: tuple) -> Dataset:
    with _cyclic_gc_paused():
        return validate(permissions_path, risks_path, default_catalog(), docs)


def load(permissions_path: Path, risks_path: Path, docs: Path | None = None) -> Dataset:
    """The validated dataset, re-read only when either file changes (cheap under `mkdocs serve`)."""
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in (permissions_path, risks_path))
    return _load(permissions_path.resolve(), risks_path.resolve(),
                 docs.resolve() if docs else None, stamp)


def load_project(root: Path) -> Dataset:
    """The validated dataset of the project whose mkdocs.yml is in `root`."""
    return load(root / PERMISSIONS, root / RISKS, root / DOCS)

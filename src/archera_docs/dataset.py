"""The validated data the site is made from, with everything computed from it once.

YAML -> model -> every check -> Dataset: each credential's grants, controls, deployment and
security review.
Loaded once per process and re-read only when a data file changes (cheap under `mkdocs serve`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .aws.catalog import Catalog, default_catalog
from .checks import run_checks
from .checks.context import Context
from .iam.controls import Controls
from .iam.deployment import Deployment
from .iam.grants import CredentialGrants
from .iam.review import Review
from .source.errors import DataError, Problem
from .source.model import PermissionsFile
from .source.risk_table import RiskTable
from .source.parse import parse
from .source.yaml_lines import SourceMap

PERMISSIONS = Path("data/permissions.yaml")
RISKS = Path("data/risks.yaml")
DOCS = Path("docs")


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated data the pages and files are made from."""

    permissions: PermissionsFile
    risks: RiskTable
    catalog: Catalog
    path: Path
    source: SourceMap
    grants: dict[str, CredentialGrants]
    controls: dict[str, Controls]
    deployments: dict[str, Deployment]
    review: Review

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros serialises every registered macro, with the dataset it
        # is bound to, on each build; a repr of the whole dataset grows with the data.
        return f"Dataset({str(self.path)!r})"


def validate(permissions_path: Path, risks_path: Path, catalog: Catalog) -> Dataset:
    """Parse both files and run every check; raise one DataError listing all problems."""
    problems: list[Problem] = []
    risks, risk_source = None, None
    try:
        risks, risk_source = parse(RiskTable, risks_path)
    except DataError as exc:
        problems += exc.problems
    try:
        data, source = parse(PermissionsFile, permissions_path)
    except DataError as exc:  # nothing more to check without it
        raise DataError(problems + exc.problems) from None
    ctx = Context(data, source, catalog, risks, risk_source)
    problems += run_checks(ctx)
    if problems:
        raise DataError(problems)
    return Dataset(data, risks, catalog, permissions_path, source, ctx.grants, ctx.controls,
                   ctx.deployments, ctx.review)


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
def _load(permissions_path: Path, risks_path: Path, stamp: tuple) -> Dataset:
    with _cyclic_gc_paused():
        return validate(permissions_path, risks_path, default_catalog())


def load(permissions_path: Path, risks_path: Path) -> Dataset:
    """The validated dataset, re-read only when either file changes (cheap under `mkdocs serve`)."""
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in (permissions_path, risks_path))
    return _load(permissions_path.resolve(), risks_path.resolve(), stamp)


def load_project(root: Path) -> Dataset:
    """The validated dataset of the project whose mkdocs.yml is in `root`."""
    return load(root / PERMISSIONS, root / RISKS)

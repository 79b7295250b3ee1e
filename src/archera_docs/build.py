"""What a build of the site starts from: the project's validated dataset, its pages checked.

Shared by the MkDocs hook, macros.py and `tasks.py check`; cached on the data files' and pages'
modification times, so that `mkdocs serve` re-checks only after a save.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .dataset import DOCS, Dataset, load_project
from .pages.calls import check_pages
from .source.errors import DataError


def _pages_stamp(docs: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in docs.rglob("*.md")))


@lru_cache(maxsize=4)
def _checked(dataset: Dataset, docs: Path, stamp: tuple) -> None:
    problems = check_pages(dataset, docs)
    if problems:
        raise DataError(problems)


class Preview:
    """What `mkdocs serve` needs to keep answering while the data or a page has a mistake: the
    mistake of the latest build, shown as every page's content until it is fixed."""

    serving = False  # set by the hook when the command is `mkdocs serve`
    problems: DataError | None = None


def load_site(root: Path) -> Dataset:
    """The validated dataset of the project in `root`, once every page's macro calls are right;
    a DataError lists every problem of the data, or else of the pages."""
    dataset = load_project(root)
    docs = (root / DOCS).resolve()
    _checked(dataset, docs, _pages_stamp(docs))
    return dataset

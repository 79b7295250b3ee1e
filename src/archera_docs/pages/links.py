"""Links between pages, resolved from the page registry of the data."""

from __future__ import annotations

import posixpath

from ..dataset import Dataset
from . import markdown as md


def page_path(dataset: Dataset, page_id: str) -> str:
    """The docs-absolute link target of a registered page (`/help-center/....md`) or its URL."""
    page = dataset.permissions.page(page_id)
    return f"/{page.path}" if page.path else page.url


def link_from(dataset: Dataset, from_page_id: str, page_id: str) -> str:
    """A registered page's link target as seen from another page built here.

    Relative to the linking page, so MkDocs and Zensical both resolve it (Zensical leaves
    docs-absolute `/...md` links as they are).
    """
    pages = {p.id: p for p in dataset.permissions.pages}
    source, target = pages[from_page_id], pages[page_id]
    if target.url or not source.path:
        return page_path(dataset, page_id)
    return posixpath.relpath(target.path, posixpath.dirname(source.path))


def related(dataset: Dataset, page_id: str) -> str:
    """The page's related resources as a list of links, from the page registry."""
    page = dataset.permissions.page(page_id)
    titles = {p.id: p.title for p in dataset.permissions.pages}
    return md.bullets([md.link(titles[r], link_from(dataset, page_id, r)) for r in page.related])

"""Where the site explains things: the id of each entry's row, and the link from one registered
page to another. Shared by the downloads that point into pages and by the pages themselves."""

from __future__ import annotations

import posixpath

from ..dataset import Dataset


def action_anchor(credential_id: str, action: str) -> str:
    """The id of an action's row: `production-ec2-purchasereservedinstancesoffering`."""
    service, _, name = action.lower().partition(":")
    return f"{credential_id}-{service}-{name.replace('*', 'all').replace('?', 'any')}"


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


def url_from(dataset: Dataset, from_page_id: str, page_id: str) -> str:
    """A page's URL relative to another's, as a browser resolves it (directory URLs)."""
    pages = {p.id: p for p in dataset.permissions.pages}
    return posixpath.relpath("/" + pages[page_id].url_path,
                             "/" + pages[from_page_id].url_path) + "/"

"""Links between pages, resolved from the page registry of the data."""

from __future__ import annotations

from ..dataset import Dataset
from ..files.links import link_from, page_path
from . import markdown as md

__all__ = ["link_from", "page_path", "related"]


def related(dataset: Dataset, page_id: str) -> str:
    """The page's related resources as a list of links, from the page registry."""
    page = dataset.permissions.page(page_id)
    titles = {p.id: p.title for p in dataset.permissions.pages}
    return md.bullets([md.link(titles[r], link_from(dataset, page_id, r)) for r in page.related])

"""A reader finds things: search puts the right page first, links land on the right row or page."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from archera_docs.pages.tables import action_anchor

from .browsing import DOCS, page_url

# What a reader types, and the page that must come first: the one that answers the question.
SEARCHES = [
    ("PurchaseReservedInstancesOffering", "production"),  # only production may buy commitments
    ("GetCostAndUsage", "trial"),  # named with its own row only by the trial credential
    ("ExternalId", "access"),  # explained in "The External ID" on the access page
    ("Savings Plans", "production"),  # buying them is a production block
]


def registered_urls(dataset) -> dict[str, str]:
    """Page id -> site path of every page built here."""
    return {page.id: page_url(DOCS / page.path) for page in dataset.permissions.pages if page.path}


@pytest.mark.parametrize(("query", "page_id"), SEARCHES)
def test_search_puts_the_right_page_first(reader, dataset, query, page_id):
    page = reader.open("")
    meta = page.locator(".md-search-result__meta")
    page.locator(".md-search__input").click()
    expect(meta).not_to_have_text("Initializing search")
    page.keyboard.type(query)
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible()
    assert urlparse(settled_href(first)).path == "/" + registered_urls(dataset)[page_id]


def settled_href(link, quiet: float = 0.3, timeout: float = 5.0) -> str:
    """The link's href once it has stayed the same for `quiet` seconds: search redraws its results
    for each key typed, and on a busy machine the first ones seen may be a prefix's."""
    deadline = time.monotonic() + timeout
    href = link.get_attribute("href")
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = link.get_attribute("href")
        if now == href:
            return href
        href = now
    raise AssertionError(f"search results kept changing: last first result {href}")


def credential_rows(dataset) -> list[tuple[str, str]]:
    """(credential, action) for the first and last action of every credential, and a purchase."""
    picked = [("production", "ec2:PurchaseReservedInstancesOffering")]
    for cred_id, cred in dataset.permissions.credentials.items():
        actions = [e.action for b in cred.blocks for g in b.groups for e in g.actions]
        picked += [(cred_id, actions[0]), (cred_id, actions[-1])]
    return picked


def test_links_to_an_action_land_on_its_row(reader, dataset):
    urls = registered_urls(dataset)
    for cred_id, action in credential_rows(dataset):
        page_path = urls[dataset.permissions.credentials[cred_id].page]
        anchor = action_anchor(cred_id, action)
        page = reader.open(f"{page_path}#{anchor}")
        row = page.locator(f"tr:has(#{anchor})")
        expect(row).to_be_in_viewport(ratio=1)
        header_bottom = page.locator(".md-header").bounding_box()["height"]
        assert row.bounding_box()["y"] >= header_bottom, f"{action}: row hidden under the header"
        assert row.locator("code").first.inner_text() == action
        page.goto("about:blank")


def test_related_resource_links_open_the_right_pages(reader, dataset):
    pages = {page.id: page for page in dataset.permissions.pages}
    urls = registered_urls(dataset)
    opened = set()
    for page_id, source in urls.items():
        page = reader.open(source)
        for target_id in pages[page_id].related:
            target = pages[target_id]
            expected = target.url or reader.server.url(urls[target_id])
            link = page.locator("#related-resources ~ ul a", has_text=target.title)
            assert link.evaluate("a => a.href") == expected, f"{page_id} -> {target_id}"
            if target_id in opened:
                continue  # the browser resolves this link like one already followed
            opened.add(target_id)
            if target.url:  # a page elsewhere: answer it here, so nothing leaves the machine
                page.route(target.url, lambda route: route.fulfill(body="elsewhere"))
            link.click()
            expect(page).to_have_url(expected)
            if not target.url:
                title = re.compile(rf"^{re.escape(target.title)}¶?$")  # ¶: the permalink
                expect(page.locator("h1")).to_have_text(title)
            page.go_back()
    assert opened == {r for page_id in urls for r in pages[page_id].related}
    assert reader.outside_requests == []

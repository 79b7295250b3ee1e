"""Every copy button copies its block exactly; a policy block copies the policy the code builds."""

from __future__ import annotations

import json
import re

import pytest

from archera_docs.files.site import TRUST_FILE, policy_file

from .browsing import COPY_BUTTON, DOCS, PAGE_URLS, clipboard_after_click, page_url

def credential_on(dataset, url: str) -> str | None:
    """The id of the credential whose permissions page is at `url`, if any."""
    paths = {page.id: page.path for page in dataset.permissions.pages if page.path}
    return next((cred_id for cred_id, cred in dataset.permissions.credentials.items()
                 if page_url(DOCS / paths[cred.page]) == url), None)


def built_policies(site, dataset, credential_id: str | None) -> dict[str, str]:
    """Block title -> the policy file the site offers for download: the trust policy and the
    credential's managed policies."""
    folder = site.site / "policies" / (credential_id or "")
    policies = {TRUST_FILE: (folder / TRUST_FILE).read_text()}
    if credential_id:
        policies |= {policy_file(p): (folder / policy_file(p)).read_text()
                     for p in dataset.deployments[credential_id].policies}
    return policies


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_copy_button_copies_its_block(reader, site, dataset, url):
    page = reader.open(url)
    html_blocks = [code.get_text() for code in site.page(url).select("pre > code")]
    buttons = page.locator(COPY_BUTTON)
    assert buttons.count() == len(html_blocks), "every code block has a copy button"
    credential_id = credential_on(dataset, url)
    policies = built_policies(site, dataset, credential_id)
    copied_policies = set()
    for i in range(buttons.count()):
        button = buttons.nth(i)
        target = button.get_attribute("data-clipboard-target")
        index = int(re.fullmatch(r"#__code_(\d+) > code", target)[1])
        copied = clipboard_after_click(page, button)
        assert copied.rstrip("\n") == html_blocks[index].rstrip("\n"), target
        block = button.locator("xpath=ancestor::div[contains(@class, 'highlight')][1]")
        filename = block.locator(".filename")
        title = filename.inner_text() if filename.count() else ""
        if not title.endswith(".json"):
            continue
        json.loads(copied)
        if title in policies:
            assert copied.rstrip("\n") == policies[title].rstrip("\n"), title
            copied_policies.add(title)
    managed = set(policies) - {TRUST_FILE}
    assert managed <= copied_policies, "every managed policy of the page's credential is copyable"

"""Links that resolve without MkDocs' rewriting, as Zensical needs, and the canary's link check."""

from __future__ import annotations

import posixpath
import re
import shutil

from archera_docs.pages.links import related

from toolkit.links import broken_links  # the Zensical canary's check


def test_related_links_are_relative_to_the_linking_page(dataset):
    pages = {p.id: p for p in dataset.permissions.pages}
    for page in (p for p in pages.values() if p.path and p.related):
        targets = re.findall(r"\]\(<([^>]+)>\)", related(dataset, page.id))
        assert len(targets) == len(page.related), page.id
        for target, related_id in zip(targets, page.related):
            linked = pages[related_id]
            if linked.url:
                assert target == linked.url
            else:
                assert not target.startswith("/"), target
                from_page = posixpath.dirname(page.path)
                assert posixpath.normpath(posixpath.join(from_page, target)) == linked.path


def test_link_check_passes_the_built_site_and_catches_a_dead_link(site, tmp_path):
    assert broken_links(site.site) == []
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    page = copy / "help-center" / "security" / "aws-access" / "index.html"
    # The page's last link to the account-ID page is its related-resources entry.
    before, link, after = page.read_text().rpartition('href="../../aws-onboarding/aws-account-id/"')
    assert link
    page.write_text(before + 'href="/help-center/aws-onboarding/aws-account-id.md"' + after)
    assert broken_links(copy) == ["help-center/security/aws-access/index.html: "
                                  "/help-center/aws-onboarding/aws-account-id.md"]

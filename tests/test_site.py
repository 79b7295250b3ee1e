"""The built site, read as a reader gets it: pages, tables, policies and links."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlparse

import hcl2
import pytest
import yaml

from archera_docs.files.site import policy_file
from archera_docs.iam.policy import UNKNOWN_ACCOUNT
from archera_docs.pages.tables import action_anchor
from conftest import PAGES, PERMISSIONS, RISKS
from independent import credential_grants, entries, entry_grants

HCL = hcl2.SerializationOptions(strip_string_quotes=True)


def test_every_registered_page_is_built_at_its_live_path(site, dataset):
    registered = {p.id: p.path for p in dataset.permissions.pages if p.path}
    assert registered == {page_id: (url + "index.md" if page_id == "onboarding"
                                    else url.rstrip("/") + ".md") for page_id, url in PAGES.items()}
    for page_id, url in PAGES.items():
        assert (site.site / url / "index.html").is_file(), page_id


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_every_action_has_a_row_with_its_anchor(site, dataset, credential_id):
    html = site.page(PAGES[credential_id])
    credential = dataset.permissions.credentials[credential_id]
    for block in credential.blocks:
        for group in block.groups:
            for entry in group.actions:
                marker = html.find(id=action_anchor(credential_id, entry.action))
                assert marker is not None, entry.action
                row = marker.find_parent("tr")
                assert row is not None and row.find("code").get_text() == entry.action


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_policy_blocks_parse_and_equal_the_built_policies(site, dataset, credential_id):
    html = site.page(PAGES[credential_id])
    plan = dataset.deployments[credential_id]
    titles = {block.select_one(".filename").get_text(): block
              for block in html.select("div.highlight") if block.select_one(".filename")}
    blocks = [json.loads(titles[policy_file(p)].select_one("pre code").get_text())
              for p in plan.policies]
    assert blocks == [json.loads((site.site / "policies" / credential_id / policy_file(p)).read_text())
                      for p in plan.policies]
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"][credential_id]
    allowed = {a for doc in blocks for s in doc["Statement"] if s["Effect"] == "Allow"
               for a in s["Action"]}
    assert allowed == set(entries(raw))


@pytest.mark.parametrize("page_id", sorted(PAGES))
def test_related_links_resolve(site, dataset, page_id):
    page = next(p for p in dataset.permissions.pages if p.id == page_id)
    html = site.page(PAGES[page_id])
    heading = html.find(id="related-resources")
    links = heading.find_next("ul").find_all("a")
    titles = {p.id: p for p in dataset.permissions.pages}
    assert [a.get_text() for a in links] == [titles[r].title for r in page.related]
    for link, related_id in zip(links, page.related):
        target = titles[related_id]
        if target.url:
            assert link["href"] == target.url
        else:
            resolved = urlparse(urljoin(f"http://x/{PAGES[page_id]}", link["href"])).path
            assert (site.site / resolved.lstrip("/") / "index.html").is_file(), resolved


def without_refused_examples(text: str) -> str:
    """The text without the scripts' lists of AWS's example accounts, which they refuse."""
    return re.sub(r'\[\[ " (?:[0-9]{12} )+" == ', "", text)


def test_every_page_showing_the_placeholder_account_id_says_so(site, dataset):
    company = dataset.permissions.company
    assert company.account_id_is_placeholder
    showing = []
    for html_file in sorted(site.site.rglob("index.html")):
        url = html_file.parent.relative_to(site.site).as_posix() + "/"
        article = site.page("" if url == "./" else url).select_one("article")
        if company.account_id in article.get_text() or UNKNOWN_ACCOUNT in article.get_text():
            placeholder = [w for w in article.select(".admonition.warning")
                           if "placeholder" in w.get_text()]
            assert placeholder, url
            showing.append(url)
            placeholder[0].decompose()
            assert company.account_id not in without_refused_examples(article.get_text()), \
                f"{url}: the placeholder is given as an account to trust outside the warning"
    assert {PAGES["account-id"], PAGES["access"], PAGES["production"]} <= set(showing)


def test_no_download_can_trust_the_placeholder_account(site, dataset):
    company = dataset.permissions.company
    files = [f for f in site.site.glob("policies/**/*") if f.is_file()]
    assert files
    for path in files:
        text = path.read_text()
        assert company.account_id not in without_refused_examples(text), path
        if path.suffix == ".sh" and "ARCHERA_ACCOUNT_ID" in text:
            assert without_refused_examples(text) != text, f"{path} refuses AWS's example IDs"
        if path.name == "trust-policy.json":
            assert f"arn:{company.partition}:iam::{UNKNOWN_ACCOUNT}:root" in text, path
    for folder in site.site.glob("policies/*/"):
        template = yaml.safe_load((folder / "cloudformation.yaml").read_text())
        assert "Default" not in template["Parameters"]["ArcheraAccountId"]
        module = hcl2.loads((folder / "main.tf").read_text(), serialization_options=HCL)
        account = next(v["archera_account_id"] for v in module["variable"] if "archera_account_id" in v)
        assert "default" not in account
        assert 'archera_account_id="${ARCHERA_ACCOUNT_ID:-}"' in (folder / "create-role.sh").read_text()


def test_production_page_names_every_non_read_action_budgets_grants(site, dataset):
    text = site.page(PAGES["production"]).get_text()
    non_read = [a for a in dataset.catalog.expand("budgets:*") if not a.is_read]
    assert {a.full_name for a in non_read} >= {"budgets:ExecuteBudgetAction"}
    for action in non_read:
        assert action.full_name in text


def test_pages_state_the_catalog_date(site, dataset):
    assert dataset.catalog.data_date().isoformat() in site.page(PAGES["production"]).get_text()


def test_corrections_are_shown_with_reasons(site, dataset):
    text = site.page(PAGES["production"]).get_text()
    fixes = [f for r in dataset.permissions.credentials["production"].history for f in r.corrections]
    for fix in fixes:
        assert fix.published in text
        assert " ".join(fix.reason.split())[:60] in " ".join(text.split())


def test_every_page_advertises_the_changes_feed(site):
    for url in PAGES.values():
        feed = site.page(url).find("link", type="application/atom+xml")
        resolved = urlparse(urljoin(f"http://x/{url}", feed["href"])).path.lstrip("/")
        assert resolved == "changes.xml" and (site.site / resolved).is_file()


def test_automation_page_documents_every_field_of_the_export(site):
    from archera_docs.files.exports import EXPORT_MODELS
    text = site.page("help-center/aws-onboarding/permissions-for-automation/").get_text()
    for model in EXPORT_MODELS:
        for name in model.model_fields:
            assert name in text, (model.__name__, name)


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_every_block_has_a_section_titled_as_the_data_names_it(site, dataset, credential_id):
    headings = [h.get_text(" ", strip=True).rstrip("¶ ").strip()
                for h in site.page(PAGES[credential_id]).find_all("h2")]
    for block in dataset.permissions.credentials[credential_id].blocks:
        assert any(h.endswith(block.title) for h in headings), (block.title, headings)


def test_inferred_groups_say_so_next_to_their_table(site, dataset):
    for credential_id in ("trial", "production"):
        html = site.page(PAGES[credential_id])
        for block in dataset.permissions.credentials[credential_id].blocks:
            for group in (g for g in block.groups if g.note):
                row = html.find(id=action_anchor(credential_id, group.actions[0].action))
                note = row.find_previous("div", class_="admonition")
                assert " ".join(group.note.split()) in " ".join(note.get_text().split())


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_search_finds_each_action_in_its_table_not_in_the_generated_code(site, dataset,
                                                                         credential_id):
    index = json.loads((site.site / "search" / "search_index.json").read_text())["docs"]
    page = [e["text"] for e in index if e["location"].startswith(PAGES[credential_id])]
    credential = dataset.permissions.credentials[credential_id]
    for block in credential.blocks:
        for group in block.groups:
            for entry in group.actions:
                assert any(entry.action in text for text in page), entry.action
    statement_ids = {s["Sid"] for p in dataset.deployments[credential_id].policies
                     for s in p.document["Statement"]}
    indexed = [sid for sid in statement_ids for text in page if sid in text]
    assert statement_ids and not indexed, "policy and template code must stay out of the index"
    assert "data-search-exclude" in str(site.page(PAGES[credential_id]).select_one("div.highlight"))


def _sections(html, prefix: str) -> dict[str, list]:
    """Heading id -> the elements under each h2 whose id starts with `prefix`."""
    found = {}
    for heading in html.find_all("h2", id=re.compile(f"^{prefix}")):
        body = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            body.append(sibling)
        found[heading["id"]] = (heading, body)
    return found


def _listed(paragraphs) -> set[str]:
    """The actions named in review paragraphs: each linked to AWS's reference."""
    return {a.get_text() for p in paragraphs for a in p.select("a code")}


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_security_review_lists_every_risky_grant_once_under_its_category(site, credential_id):
    credential = yaml.safe_load(PERMISSIONS.read_text())["credentials"][credential_id]
    categories = yaml.safe_load(RISKS.read_text())["categories"]
    granted = credential_grants(credential)
    levels = {a: level for entry in entries(credential) for a, level in entry_grants(entry).items()}
    html = site.page(PAGES[f"{credential_id}-review"])
    sections = _sections(html, "review-")
    in_categories = set()
    for key, entry in categories.items():
        expected = {a for pattern in entry["actions"] for a in entry_grants(pattern)} & granted
        section = sections.get(f"review-{key}")
        assert bool(section) == bool(expected), key
        if not expected:
            continue
        heading, body = section
        assert heading.get_text().startswith(f"{entry['title']} ({len(expected)} action")
        assert _listed(body) == expected, key
        in_categories |= expected
        text = " ".join(" ".join(p.get_text().split()) for p in body)
        for ack in (a for a in credential["acknowledged"] if a["category"] == key):
            verdict = "Archera uses them." if ack["needed"] else "the guardrail denies them."
            assert " ".join(ack["reason"].split()) + " " in text and verdict in text
    non_read = {a for a in granted if levels[a] not in ("List", "Read")}
    unlisted = non_read - in_categories
    if unlisted:
        assert _listed(sections["review-not-risky"][1]) == unlisted
    assert headings_once(html)
    assert bool(in_categories) == (credential_id == "production")


def headings_once(html) -> bool:
    """Each category heading appears once, in the page's table of contents too."""
    ids = [h["id"] for h in html.find_all("h2", id=re.compile("^review-"))]
    toc = {a["href"].lstrip("#") for a in html.select(".md-nav--secondary a[href^='#review-']")}
    return len(ids) == len(set(ids)) and set(ids) == toc


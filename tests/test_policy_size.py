"""AWS's size limits, measured as AWS counts: split when too large, refuse when nothing fits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from archera_docs.iam.review import risk_index
from archera_docs.source.errors import DataError
from archera_docs.build import load_site
from archera_docs.dataset import load
from archera_docs.aws.quotas import MANAGED_POLICY_MAX_CHARS, TRUST_POLICY_MAX_CHARS
from conftest import RISKS, run_build
from deploy_formats import assert_formats_agree


def aws_count(text: str) -> int:
    """Characters AWS counts against a policy's quota: everything but whitespace."""
    return len("".join(text.split()))


def test_every_built_policy_is_within_aws_limits(site):
    policies = sorted(site.site.glob("policies/*/permissions*.json"))
    assert len(policies) >= 3
    for policy in policies:
        assert aws_count(policy.read_text()) <= MANAGED_POLICY_MAX_CHARS, policy
    for trust in site.site.glob("policies/**/trust-policy.json"):
        assert aws_count(trust.read_text()) <= TRUST_POLICY_MAX_CHARS, trust


def safe_reads(dataset, chars: int) -> dict[str, list[str]]:
    """Read actions no credential uses and the risk table does not list, by service, until
    their names add up to `chars` characters."""
    used = {p.action.partition(":")[0] for c in dataset.permissions.credentials.values()
            for b in c.blocks for g in b.groups for p in g.actions}
    risky = risk_index(dataset.risks, dataset.catalog)
    picked: dict[str, list[str]] = {}
    total = 0
    for service in sorted(set(dataset.catalog.services()) - used):
        for action in sorted(dataset.catalog.actions_of(service).values()):
            if (action.is_read and action.full_name.lower() not in risky
                    and re.fullmatch(r"[A-Za-z0-9]+", action.name)):
                picked.setdefault(service, []).append(action.full_name)
                total += len(action.full_name) + 3
                if total > chars:
                    return picked
    raise AssertionError("the catalog has too few safe read actions")


def with_bulk_block(project: Path, dataset, chars: int) -> tuple[Path, int]:
    """Add a read block of about `chars` characters to the production credential of a copy.

    Returns the data file and the line of `production:` in it."""
    data_file = project / "data" / "permissions.yaml"
    data = yaml.safe_load(data_file.read_text())
    groups = [{"service": service, "purpose": "Synthetic reads that make the policy large.",
               "unscoped": "Synthetic reads, of every resource.", "actions": names}
              for service, names in safe_reads(dataset, chars).items()]
    production = data["credentials"]["production"]
    production["blocks"].insert(1, {
        "id": "bulk-reads", "title": "Bulk reads", "kind": "read",
        "summary": "Many read actions.", "groups": groups})
    production["version"] += 1
    production["history"].append({
        "version": production["version"], "date": production["history"][-1]["date"],
        "summary": "Adds the bulk reads.",
        "added": {"bulk-reads": [a for g in groups for a in g["actions"]]}})
    text = yaml.safe_dump(data, sort_keys=False, width=100)
    data_file.write_text(text)
    page = project / "docs" / next(p["path"] for p in data["pages"] if p["id"] == production["page"])
    page.write_text(page.read_text() + '\n## Bulk reads\n\n{{ block_tables("production", "bulk-reads") }}\n')
    return data_file, text.splitlines().index("  production:") + 1


def test_a_credential_too_large_for_one_policy_is_split_the_same_way_everywhere(
        project_copy, dataset, tmp_path):
    data_file, _ = with_bulk_block(project_copy, dataset, 2 * MANAGED_POLICY_MAX_CHARS)
    build = run_build(project_copy, tmp_path / "site")
    assert build.returncode == 0, build.output
    parts = sorted(build.site.glob("policies/production/permissions-part*.json"))
    assert len(parts) >= 3
    for part in parts:
        assert aws_count(part.read_text()) <= MANAGED_POLICY_MAX_CHARS, part
    assert not (build.site / "policies/production/permissions.json").exists()
    for part, following in zip(parts, parts[1:]):  # each part as full as AWS's limit lets it be
        first_next = json.loads(following.read_text())["Statement"][0]["Action"][0]
        assert aws_count(part.read_text()) + len(first_next) + 3 > MANAGED_POLICY_MAX_CHARS, part
    bigger = load(data_file, RISKS)
    assert_formats_agree(build.site, bigger.permissions, "production", tmp_path / "formats")


def test_a_credential_that_cannot_fit_is_refused_naming_it(project_copy, dataset):
    data_file, line = with_bulk_block(project_copy, dataset, 11 * MANAGED_POLICY_MAX_CHARS)
    with pytest.raises(DataError) as refused:
        load_site(project_copy)
    assert re.search(rf"{re.escape(str(data_file))}:{line}: credentials\.production: needs "
                     rf"\d+ managed policies of at most {MANAGED_POLICY_MAX_CHARS} characters; "
                     r"a role holds at most 10", str(refused.value)), str(refused.value)


def test_a_description_aws_would_refuse_names_its_line(dataset, tmp_path):
    source = Path(dataset.path).read_text()
    title = "title: Organization management (optional)"
    assert source.count(title) == 1
    edited = tmp_path / "permissions.yaml"
    refused = "title: Organization management \u2014 (optional)"
    edited.write_text(source.replace(title, refused))
    line = [row.strip() for row in edited.read_text().splitlines()].index(refused) + 1
    with pytest.raises(DataError) as error:
        load(edited, RISKS)
    assert f"{edited}:{line}: credentials.production.blocks[organization].title: goes into the IAM " \
           "description" in str(error.value)
    assert "Latin-1" in str(error.value)

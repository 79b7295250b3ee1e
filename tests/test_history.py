"""History, upgrades, the trial-versus-production numbers and the data's JSON Schema."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
import yaml

from conftest import PAGES, PERMISSIONS, ROOT
from independent import credential_grants, entries
from archera_docs.iam.history import state_at, upgrade
from archera_docs.source.schema import schema_text
from archera_docs.iam.tiers import tier_diff


def test_tier_diff_matches_an_independent_set_computation(dataset):
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"]
    trial, production = credential_grants(raw["trial"]), credential_grants(raw["production"])
    diff = tier_diff(dataset.permissions, "trial", "production", dataset.grants)
    assert {a.full_name for a in diff.extra} == production - trial
    assert sum(sum(c.values()) for c in diff.by_service.values()) == len(production - trial)
    assert diff.only_lower == sorted(trial - production, key=str.lower)
    optional = {**raw["production"], "blocks": [b for b in raw["production"]["blocks"]
                                               if b.get("optional")]}
    required = {**raw["production"], "blocks": [b for b in raw["production"]["blocks"]
                                               if not b.get("optional")]}
    assert diff.from_optional == {"organization": len(
        credential_grants(optional) - credential_grants(required) - trial)}
    widened = {w.service: w for w in diff.widened}
    assert widened["Cost Explorer"].wildcards == ["ce:*"]
    assert len(widened["Cost Explorer"].granted) == len([a for a in production if a.startswith("ce:")])


def test_production_page_quotes_the_computed_numbers(site, dataset):
    diff = tier_diff(dataset.permissions, "trial", "production", dataset.grants)
    text = " ".join(site.page(PAGES["production"]).get_text().split())
    assert f"The production credential grants {len(diff.extra)} actions that the trial credential does not" in text
    assert f"{diff.from_optional['organization']} of them come only from the optional block" in text


def test_replaying_to_each_version_and_upgrading(dataset):
    production = dataset.permissions.credentials["production"]
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"]["production"]["history"]
    v1 = {block: set(actions) for block, actions in raw[0]["added"].items()}
    assert state_at(production, 1) == v1
    step = upgrade(production, 1)
    now = {b.id: {e.action for g in b.groups for e in g.actions} for b in production.blocks}
    for block in now:
        assert set(step.add.get(block, [])) == now[block] - v1[block]
        assert set(step.remove.get(block, [])) == v1[block] - now[block]
    assert "es:PurchaseReservedElasticsearchInstance" in step.remove["commitment-writes"]
    assert step.add["reads"] == ["redshift:GetReservedNodeExchangeOfferings"]


def replayed(raw_credential: dict, version: int) -> dict[str, set[str]]:
    """Each block's actions after the releases up to `version`, worked out from the raw YAML."""
    blocks: dict[str, set[str]] = {}
    for release in raw_credential["history"][:version]:
        for block, actions in release.get("removed", {}).items():
            blocks[block] = blocks[block] - set(actions)
        for block, actions in release.get("added", {}).items():
            blocks[block] = blocks.get(block, set()) | set(actions)
    return {block: actions for block, actions in blocks.items() if actions}


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_every_version_replays_as_the_raw_history_says(dataset, credential_id):
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"][credential_id]
    credential = dataset.permissions.credentials[credential_id]
    current = {b["id"]: set(entries({"blocks": [b]})) for b in raw["blocks"]}
    assert replayed(raw, len(raw["history"])) == current
    for version in range(1, credential.version + 1):
        before = replayed(raw, version)
        assert state_at(credential, version) == before
        step = upgrade(credential, version)
        for block in before.keys() | current.keys():
            assert set(step.add.get(block, [])) == current.get(block, set()) - before.get(block, set())
            assert set(step.remove.get(block, [])) == before.get(block, set()) - current.get(block, set())


def test_update_section_lists_the_actions_to_add_and_remove(site, dataset):
    section = site.page(PAGES["production"]).find(id="from-version-1-to-version-2")
    items = " ".join(section.find_next("ul").get_text().split())
    for action in ("es:PurchaseReservedInstanceOffering", "es:PurchaseReservedElasticsearchInstance",
                   "redshift:GetReservedNodeExchangeOfferings"):
        assert action in items


def test_changelog_is_newest_first_on_the_what_changed_page(site, dataset):
    html = site.page(PAGES["changes"])
    headings = [h.get_text(" ", strip=True) for h in html.find_all("h3")]
    production = [h for h in headings if h.startswith("Production credential version")]
    assert production[0].startswith("Production credential version 2")
    assert production[-1].startswith("Production credential version 1")


def test_checked_in_schema_matches_the_model():
    assert (ROOT / "data" / "permissions.schema.json").read_text() == schema_text()
    assert PERMISSIONS.read_text().startswith("# yaml-language-server: $schema=permissions.schema.json")


def _as_editors_see_it(value):
    if isinstance(value, dict):
        return {k: _as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_schema_accepts_the_data_and_rejects_an_unknown_key():
    schema = json.loads(schema_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = _as_editors_see_it(yaml.safe_load(PERMISSIONS.read_text()))
    assert list(validator.iter_errors(data)) == []
    data["credentials"]["trial"]["colour"] = "blue"
    assert [e.message for e in validator.iter_errors(data)] == \
        ["Additional properties are not allowed ('colour' was unexpected)"]

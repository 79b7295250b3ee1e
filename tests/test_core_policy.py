"""Policy documents against AWS's rules written out: the policy grammar (Version, Statement, Sid,
Effect, Action, Resource), a size counted as AWS counts it (the JSON without whitespace, measured
here on the text the pages show), parts that each fit and are each as full as the limit allows,
and the trust policy AWS documents for a role assumed with an External ID."""

from __future__ import annotations

import json

import pytest
import yaml

from archera_docs.iam.policy import (PolicyPart, account_principal, aws_size, block_parts, camel,
                                     managed_policies, sort_actions, split_statements, to_json,
                                     trust_policy)
from archera_docs.source.model import Company, Credential
from conftest import PERMISSIONS

RAW = yaml.safe_load(PERMISSIONS.read_text())


def aws_count(doc: dict) -> int:
    """Characters AWS counts against a policy's quota: everything but whitespace."""
    return len("".join(to_json(doc).split()))


def statement(sid: str, actions: list[str]) -> dict:
    """An Allow statement as AWS's grammar spells it."""
    return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": "*"}


@pytest.mark.parametrize(("slug", "name"), [
    ("commitment-writes", "CommitmentWrites"), ("a-bc-def", "ABcDef"), ("reads", "Reads"),
    ("ec2-reads", "Ec2Reads"), ("x", "X"),
])
def test_camel_joins_the_words_of_a_slug(slug, name):
    assert camel(slug) == name


def test_actions_sort_without_regard_to_case_once_each():
    assert sort_actions(["s3:List*", "ec2:b", "EC2:a", "ec2:B", "ec2:b", "ce:Get?"]) == \
        ["ce:Get?", "EC2:a", "ec2:B", "ec2:b", "s3:List*"]


def test_the_json_shown_is_two_space_indented_and_ends_with_a_newline():
    doc = {"Version": "2012-10-17", "Statement": [statement("S", ["a:B"])]}
    assert to_json(doc) == (
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "S",\n'
        '      "Effect": "Allow",\n      "Action": [\n        "a:B"\n      ],\n'
        '      "Resource": "*"\n    }\n  ]\n}\n')


def test_the_size_is_what_aws_counts():
    doc = {"Version": "2012-10-17", "Statement": [statement("S", ["a:B", "c:D"])]}
    assert aws_size(doc) == aws_count(doc) == len(
        '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":["a:B","c:D"],'
        '"Resource":"*"}]}')
    # a value the customer gives (an object the JSON cannot hold) counts as an empty list
    assert aws_size({"Regions": object()}) == len('{"Regions":[]}')


def credential(**changes) -> Credential:
    """The real trial credential, changed as given."""
    return Credential.model_validate({**RAW["credentials"]["trial"], **changes})


def raw_block(block_id: str, actions: list[str], optional: bool = False) -> dict:
    """A raw read block holding `actions`."""
    return {"id": block_id, "title": f"Block {block_id}" + (" (optional)" if optional else ""),
            "kind": "read", "summary": "S", "optional": optional,
            "groups": [{"service": "S", "purpose": "P", "actions": actions}]}


BLOCKS = [raw_block("reads", ["ce:GetTags", "budgets:ViewBudget", "ce:GetTags"]),
          raw_block("org-reads", ["organizations:ListAccounts"], optional=True),
          raw_block("more-reads", ["sts:GetCallerIdentity", "pricing:GetProducts"]),
          raw_block("bills", ["ce:GetCostAndUsage"], optional=True)]


def test_the_required_blocks_share_a_policy_and_each_optional_block_has_its_own():
    parts = block_parts("trial", credential(version=7, blocks=BLOCKS))
    assert parts == [
        PolicyPart("Permissions", "permissions", "required permissions", [
            statement("ArcheraTrialReadsV7", ["budgets:ViewBudget", "ce:GetTags"]),
            statement("ArcheraTrialMoreReadsV7",
                      ["pricing:GetProducts", "sts:GetCallerIdentity"])]),
        PolicyPart("OrgReads", "permissions-org-reads", "Block org-reads (optional)",
                   [statement("ArcheraTrialOrgReadsV7", ["organizations:ListAccounts"])],
                   "include-org-reads", "org-reads"),
        PolicyPart("Bills", "permissions-bills", "Block bills (optional)",
                   [statement("ArcheraTrialBillsV7", ["ce:GetCostAndUsage"])],
                   "include-bills", "bills")]


def test_a_policy_that_fits_is_one_policy_named_after_its_part():
    parts = block_parts("trial", credential(version=7, blocks=BLOCKS))
    policies = managed_policies(parts, "Acme")
    assert [(p.suffix, p.slug, p.description, p.switch, p.optional_block) for p in policies] == [
        ("Permissions", "permissions", "Acme: required permissions", None, None),
        ("OrgReads", "permissions-org-reads", "Acme: Block org-reads (optional)",
         "include-org-reads", "org-reads"),
        ("Bills", "permissions-bills", "Acme: Block bills (optional)", "include-bills", "bills")]
    assert [p.document for p in policies] == [
        {"Version": "2012-10-17", "Statement": part.statements} for part in parts]
    assert policies[1].name("ArcheraAccess") == "ArcheraAccess-OrgReads"
    assert managed_policies(parts)[0].description == "Archera: required permissions"


def test_a_policy_too_large_is_numbered_parts():
    actions = [f"ec2:Describe{'X' * 30}{i:03d}" for i in range(60)]
    part = PolicyPart("Permissions", "permissions", "required permissions",
                      [statement("S", actions)], "include-x", "x")
    policies = managed_policies([part], "Acme", limit=1000)
    count = len(policies)
    assert count >= 3 and all(aws_count(p.document) <= 1000 for p in policies)
    assert [(p.suffix, p.slug, p.description, p.switch, p.optional_block) for p in policies] == [
        (f"PermissionsPart{i}", f"permissions-part{i}", f"Acme: required permissions, part {i} "
         f"of {count}", "include-x", "x") for i in range(1, count + 1)]


def test_a_policy_split_in_two_is_two_numbered_parts():
    part = PolicyPart("Org", "permissions-org", "Org", [statement("S", ["a:" + "x" * 200] * 2)])
    assert len(split_statements(part.statements, 400)) == 2
    assert [(p.suffix, p.slug, p.description) for p in managed_policies([part], "A", 400)] == [
        ("OrgPart1", "permissions-org-part1", "A: Org, part 1 of 2"),
        ("OrgPart2", "permissions-org-part2", "A: Org, part 2 of 2")]


def parts_of(docs: list[dict]) -> list[tuple[str, str]]:
    """(Sid, action) of every action of the documents, in order."""
    return [(s["Sid"], a) for doc in docs for s in doc["Statement"] for a in s["Action"]]


def with_next(doc: dict, sid: str, action: str) -> dict:
    """`doc` with one more action, put where the splitter would put it."""
    statements = [dict(s, Action=list(s["Action"])) for s in doc["Statement"]]
    if statements and statements[-1]["Sid"] == sid:
        statements[-1]["Action"].append(action)
    else:
        statements.append(statement(sid, [action]))
    return {**doc, "Statement": statements}


STATEMENTS = [statement("First", [f"ec2:Describe{i:02d}" for i in range(9)]),
              statement("Second", [f"s3:Get{'Y' * (i % 7)}{i:02d}" for i in range(14)]),
              statement("Third", ["a:B"]),
              statement("Fourth", [f"rds:List{'Z' * (i % 5)}{i:02d}" for i in range(11)])]


@pytest.mark.parametrize("limit", range(230, 1200, 7))
def test_each_part_fits_and_holds_all_the_next_one_could_not_give_it(limit):
    docs = split_statements(STATEMENTS, limit)
    assert parts_of(docs) == [(s["Sid"], a) for s in STATEMENTS for a in s["Action"]]
    for doc in docs:
        assert doc["Version"] == "2012-10-17" and aws_count(doc) <= limit
        for part in doc["Statement"]:
            assert part["Action"] and part == statement(part["Sid"], part["Action"])
        assert [s["Sid"] for s in doc["Statement"]] == sorted(
            {s["Sid"] for s in doc["Statement"]}, key=[s["Sid"] for s in STATEMENTS].index)
    for doc, following in zip(docs, docs[1:]):
        sid, action = parts_of([following])[0]
        assert aws_count(with_next(doc, sid, action)) > limit


def test_a_document_exactly_at_the_limit_is_not_split():
    whole = {"Version": "2012-10-17", "Statement": STATEMENTS}
    assert split_statements(STATEMENTS, aws_count(whole)) == [whole]
    assert len(split_statements(STATEMENTS, aws_count(whole) - 1)) == 2


def test_the_first_action_alone_too_long_for_a_policy_is_refused():
    with pytest.raises(ValueError, match=r"^a:x{300} alone does not fit in a managed policy$"):
        split_statements([statement("S", ["a:" + "x" * 300]), statement("T", ["b:C"])], 200)


def company(**changes) -> Company:
    """The real company entry, changed as given."""
    return Company.model_validate({**RAW["company"], **changes})


def test_the_trust_policy_is_awss_external_id_pattern():
    real = company(account_id="314159265358", account_id_is_placeholder=False,
                   partition="aws-cn")
    assert trust_policy(real) == {"Version": "2012-10-17", "Statement": [{
        "Sid": "ArcheraAssumeRoleWithExternalId", "Effect": "Allow",
        "Principal": {"AWS": "arn:aws-cn:iam::314159265358:root"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "YOUR_EXTERNAL_ID"}}}]}
    templated = trust_policy(real, {"Ref": "ExternalId"}, {"Fn::Sub": "arn:${AWS::Partition}"})
    assert templated["Statement"][0]["Principal"] == {"AWS": {"Fn::Sub": "arn:${AWS::Partition}"}}
    assert templated["Statement"][0]["Condition"] == \
        {"StringEquals": {"sts:ExternalId": {"Ref": "ExternalId"}}}


def test_a_placeholder_account_is_a_token_iam_refuses():
    placeholder = company(account_id_is_placeholder=True, partition="aws")
    assert account_principal(placeholder) == "arn:aws:iam::ACCOUNT_ID_FROM_ARCHERA:root"
    assert account_principal(placeholder, "210987654321") == "arn:aws:iam::210987654321:root"
    assert json.loads(to_json(trust_policy(placeholder)))["Statement"][0]["Principal"] == \
        {"AWS": "arn:aws:iam::ACCOUNT_ID_FROM_ARCHERA:root"}


def test_an_action_too_long_for_a_policy_is_refused_wherever_it_comes():
    with pytest.raises(ValueError, match=r"^a:y{300} alone does not fit in a managed policy$"):
        split_statements([statement("A", ["a:x"]), statement("B", ["a:" + "y" * 300])], 200)


def test_actions_sort_by_their_lower_case_spelling():
    # "_" sorts after "Z" and before "a": upper-casing would put s3:aab first.
    assert sort_actions(["s3:aab", "s3:a_b"]) == ["s3:a_b", "s3:aab"]

"""check-role.sh against a deployed production role tampered with one way at a time, through boto3:
each kind of tampering (trust policy, a managed policy's statement, a control, what else the role
holds) is caught and named, the role's other policies stay up to date, and the verdict is never
the plain pass; a permissions boundary, which grants nothing, is named in the summary."""

from __future__ import annotations

import copy
import json
import re
from typing import Callable

import pytest
from botocore.exceptions import ClientError

from deploy_aws import boundary_policy, build, variant
from deploy_expectations import (ARCHERA_ACCOUNT, MOTO_ACCOUNT, PARTITION, downloads, role_of,
                                 suffix)
from test_scripts_update import PASSED, arn_of, script, set_document

ROLE = role_of("production", {})
FAILED = "The role does not grant exactly the current version: see above."
OTHER = "111111111111"  # an account neither Archera's nor the customer's
LIMITS = {"ALLOWED_REGIONS": "us-east-1,eu-west-1", "BUDGET_NAME_PREFIX": "archera-"}
NOT_TRUST = r"^Trust policy: not the one create-role.sh writes: it may let others assume the role\.$"


def moto_may_refuse(call: Callable[[], object]) -> None:
    """Make a change IAM accepts but moto's policy validation refuses: skip, naming the gap."""
    try:
        call()
    except ClientError as error:
        if error.response["Error"]["Code"] != "MalformedPolicyDocument":
            raise
        pytest.skip(f"moto gap: its policy validation refuses what IAM accepts: "
                    f"{error.response['Error']['Message']}")


def trust(change: Callable[[dict], None], refused: bool = False):
    """A tampering of the role's trust policy: `change` edits its document in place."""
    def tamper(aws, made: dict) -> None:
        document = copy.deepcopy(made["roles"][ROLE]["trust_policy"])
        change(document)
        (moto_may_refuse if refused else lambda call: call())(lambda: aws.iam().update_assume_role_policy(
            RoleName=ROLE, PolicyDocument=json.dumps(document)))
    return tamper


def managed(name: str, change: Callable[[list], None], version: str | None = None):
    """A tampering of one managed policy: `change` edits its statements; `version`: its Version."""
    def tamper(aws, made: dict) -> None:
        document = copy.deepcopy(made["policies"][f"{ROLE}-{name}"]["document"])
        change(document["Statement"])
        document["Version"] = version or document["Version"]
        (moto_may_refuse if version else lambda call: call())(
            lambda: set_document(aws, arn_of(f"{ROLE}-{name}"), document))
    return tamper


def first(key: str, value) -> Callable[[list], None]:
    """Set a field of a policy's first statement."""
    return lambda statements: statements[0].__setitem__(key, value)


def _copy(index: int, rename: str | None) -> Callable[[list], None]:
    """A copy of a statement added, its Sid removed or renamed."""
    def change(statements: list) -> None:
        duplicate = copy.deepcopy(statements[index])
        duplicate.pop("Sid") if rename is None else duplicate.__setitem__("Sid", duplicate["Sid"] + rename)
        statements.append(duplicate)
    return change


def _not_action(statements: list) -> None:
    statements[1]["NotAction"] = statements[1].pop("Action")


def _operator(statements: list) -> None:
    condition = statements[0]["Condition"]
    condition["StringEquals"] = condition.pop("StringNotEquals")


def _second_trust(document: dict) -> None:
    extra = {**document["Statement"][0], "Sid": "Second",
             "Principal": {"AWS": f"arn:{PARTITION}:iam::{OTHER}:root"}}
    document["Statement"].append(extra)


def _trust_field(key: str, value) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        if value is None:
            del document["Statement"][0][key]
        else:
            document["Statement"][0][key] = value
    return change


def _root(account: str) -> dict:
    return {"AWS": f"arn:{PARTITION}:iam::{account}:root"}


# id: (extra inputs, tampering, the check's environment, the policy found changed, lines it prints)
CASES = {
    "trust-second-statement": ({}, trust(_second_trust), {}, None,
                               [NOT_TRUST, r"^  2 statements, where create-role.sh writes one$"]),
    "trust-principal-star": ({}, trust(_trust_field("Principal", "*")), {}, None,
                             [NOT_TRUST, r'^  Principal "\*": anyone may assume the role$']),
    "trust-principal-aws-star": ({}, trust(_trust_field("Principal", {"AWS": "*"})), {}, None,
                                 [NOT_TRUST, r'^  Principal "\*": anyone may assume the role$']),
    "trust-external-id-removed": (
        {}, trust(_trust_field("Condition", None)), {}, None,
        [NOT_TRUST, r"^  no sts:ExternalId condition: no External ID is needed to assume it$"]),
    "trust-external-id-any": (
        {}, trust(_trust_field("Condition", {"StringLike": {"sts:ExternalId": "*"}})), {}, None,
        [NOT_TRUST, r'^  first statement: .*; Condition \{"StringLike":\{"sts:ExternalId":"\*"\}\}$']),
    "trust-tag-session": (
        {}, trust(_trust_field("Action", ["sts:AssumeRole", "sts:TagSession"])), {}, None,
        [NOT_TRUST, r'^  first statement: .*; Action \["sts:AssumeRole","sts:TagSession"\];']),
    "trust-sts-star": ({}, trust(_trust_field("Action", "sts:*"), refused=True), {}, None,
                       [NOT_TRUST, r"^  first statement: .*; Action sts:\*;"]),
    "trust-own-account": (
        {}, trust(_trust_field("Principal", _root(MOTO_ACCOUNT))), {}, None,
        [rf"^Trust policy: it trusts this account \({MOTO_ACCOUNT}\) itself, not Archera's\.$"]),
    "trust-other-account": (
        {}, trust(_trust_field("Principal", _root(OTHER))), {"ARCHERA_ACCOUNT_ID": ARCHERA_ACCOUNT},
        None, [rf"^Trust policy: it trusts account {OTHER}, not {ARCHERA_ACCOUNT} "
               r"\(ARCHERA_ACCOUNT_ID\)\.$"]),
    "guardrail-deny-made-allow": (
        {}, managed("Guardrails", first("Effect", "Allow")), {}, "Guardrails",
        [r"^  statement {Guardrails:0}: Allow, where the current version has Deny$",
         rf"^  guardrail \({ROLE}-Guardrails\): attached, but not as the current version has it "
         r"\(see above\)$"]),
    "resource-narrowed": (
        {}, managed("Permissions", first("Resource", f"arn:{PARTITION}:ec2:*:{MOTO_ACCOUNT}:*")), {},
        "Permissions", [r"^  statement {Permissions:0}: elements Action,Effect,Resource,Sid; "
                        r"Resource arn:\S+:ec2:\S+; the current version has elements "
                        r"Action,Effect,Resource,Sid; Resource \*$"]),
    "region-limit-condition-removed": (
        LIMITS, managed("RegionLimit", lambda s: s[0].pop("Condition")), {}, "RegionLimit",
        [r"^  statement {RegionLimit:0}: elements Action,Effect,Resource,Sid; Resource \*; the "
         r"current version has .*; Condition StringNotEquals \S+ <ALLOWED_REGIONS>$",
         rf"^  Region limit \({ROLE}-RegionLimit\): attached, but not as the current version has it"]),
    "region-limit-inverted": (
        LIMITS, managed("RegionLimit", _operator), {}, "RegionLimit",
        [r"^  statement {RegionLimit:0}: .*; Condition StringEquals \S+ eu-west-1,us-east-1; the "
         r"current version has .*; Condition StringNotEquals \S+ <ALLOWED_REGIONS>$"]),
    "budget-protection-on-nothing": (
        LIMITS, managed("ProtectBudget", first("NotResource", "*")), {}, "ProtectBudget",
        [r"^  statement {ProtectBudget:0}: elements Action,Effect,NotResource,Sid; NotResource \*; "
         r"the current version has .*; NotResource arn:\S+:budget/<BUDGET_NAME_PREFIX>\*$",
         rf"^  budget protection \({ROLE}-ProtectBudget\): attached, but not as the current"]),
    "sid-removed": (
        {}, managed("Permissions", lambda s: s[0].pop("Sid")), {}, "Permissions",
        [r"^  a statement without a Sid \(Allow; elements Action,Effect,Resource; Resource \*\): "
         r"not in the current version$", r"^  statement {Permissions:0}: missing$"]),
    "statement-copied-without-sid": (
        {}, managed("Permissions", _copy(1, None)), {}, "Permissions",
        [r"^  a statement without a Sid \(Allow; elements Action,Effect,Resource; Resource \*\): "
         r"not in the current version$"]),
    "statement-copied-under-another-sid": (
        {}, managed("Permissions", _copy(1, "Copy")), {}, "Permissions",
        [r"^  statement {Permissions:1}Copy \(Allow; elements Action,Effect,Resource,Sid; "
         r"Resource \*\): not in the current version$"]),
    "not-action-for-action": (
        {}, managed("Permissions", _not_action), {}, "Permissions",
        [r"^  missing: \S+", r"^  statement {Permissions:1}: elements Effect,NotAction,Resource,Sid; "
         r"Resource \*; the current version has elements Action,Effect,Resource,Sid; Resource \*$"]),
    "every-action-added": (
        {}, managed("Permissions", lambda s: s[1]["Action"].append("*")), {}, "Permissions",
        [r"^  extra: \*$"]),
    "policy-language-2008": (
        {}, managed("Permissions", lambda s: None, version="2008-10-17"), {}, "Permissions",
        [r"^  policy language 2008-10-17, not 2012-10-17$"]),
    "required-policy-detached": (
        {}, lambda aws, made: aws.iam().detach_role_policy(
            RoleName=ROLE, PolicyArn=arn_of(f"{ROLE}-Permissions")), {}, None,
        [rf"^{ROLE}-Permissions: missing: the role does not hold it\. Fix: run update-role\.sh"]),
    "inline-policy-added": (
        {}, lambda aws, made: aws.iam().put_role_policy(
            RoleName=ROLE, PolicyName="CustomerInline", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})), {}, None,
        [r"^CustomerInline: an inline policy, not one of Archera's: it grants more than the "
         r"credential\.$"]),
}


def sids(policies, name: str) -> list[str]:
    """The Sids of the current version's `name` policy, as the built site's download has them."""
    documents = {suffix(stem): d for stem, d in downloads(policies / "production").items()}
    return [statement["Sid"] for statement in documents[name]["Statement"]]


@pytest.mark.parametrize("extra, tamper, env, changed, patterns", CASES.values(), ids=CASES)
def test_check_names_the_tampering(aws, policies, extra, tamper, env, changed, patterns, tmp_path):
    made = build(aws, policies, "production", variant(aws, policies, "production", "", **extra))
    tamper(aws, made)
    code, out, err = script(aws, policies, "production", "check", tmp_path, **env)
    assert (code, err) == (1, "") and PASSED not in out and out.splitlines()[-1] == FAILED, out
    for pattern in patterns:  # {Name:i}: the Sid of statement i of that policy
        pattern = re.sub(r"\{(\w+):(\d+)\}", lambda m: re.escape(sids(policies, m[1])[int(m[2])]),
                         pattern)
        assert re.search(pattern, out, re.M), (pattern, out)
    # Only the tampered policy differs: every other one the role holds is up to date.
    found = re.findall(r"^(\S+): version \S+ found$", out, re.M)
    assert found == ([f"{ROLE}-{changed}"] if changed else []) and "statement null" not in out, out


def test_a_detached_guardrail_shows_in_the_summary_and_the_verdict(aws, policies, tmp_path):
    build(aws, policies, "production", variant(aws, policies, "production", ""))
    aws.iam().detach_role_policy(RoleName=ROLE, PolicyArn=arn_of(f"{ROLE}-Guardrails"))
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    # An optional control: detached, it looks like one never attached, so the check passes, but
    # never with the plain verdict.
    lines = out.splitlines()
    assert code == 0 and PASSED not in out and lines[-1] == PASSED.replace(".", ", without the guardrail.")
    assert f"  guardrail ({ROLE}-Guardrails): not attached" in lines, out


def test_a_permissions_boundary_is_named_in_the_summary(aws, policies, tmp_path):
    build(aws, policies, "production", variant(aws, policies, "production", ""))
    arn = boundary_policy(aws)
    aws.iam().put_role_permissions_boundary(RoleName=ROLE, PermissionsBoundary=arn)
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    # A boundary grants nothing: the check names it (--simulate finds what it blocks) and passes.
    lines = out.splitlines()
    assert code == 0 and f"  permissions boundary: {arn}" in lines and lines[-1] == PASSED, out


"""Credential -> IAM policy documents (dicts, sorted, size-checked) -> JSON text."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..aws.quotas import MANAGED_POLICY_MAX_CHARS
from ..source.model import Block, Company, Credential

POLICY_LANGUAGE_VERSION = "2012-10-17"


def camel(slug: str) -> str:
    """`commitment-writes` -> `CommitmentWrites` (Sids and policy names are alphanumeric)."""
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-"))


def sort_actions(actions: list[str]) -> list[str]:
    """Actions in a stable, case-insensitive order, duplicates removed."""
    return sorted(set(actions), key=lambda a: (a.lower(), a))


def block_statement(credential_id: str, credential: Credential, block: Block) -> dict:
    """One Allow statement holding every action of a block; its Sid carries the version."""
    return {
        "Sid": f"Archera{camel(credential_id)}{camel(block.id)}V{credential.version}",
        "Effect": "Allow",
        "Action": sort_actions(block.actions),
        "Resource": "*",
    }


def document(statements: list[dict]) -> dict:
    """A policy document around statements."""
    return {"Version": POLICY_LANGUAGE_VERSION, "Statement": statements}


def aws_size(doc: dict) -> int:
    """Characters AWS counts against a policy's quota: the JSON with no whitespace."""
    return len(json.dumps(doc, separators=(",", ":")))


def to_json(doc: dict) -> str:
    """The document as the pages and downloads show it: two-space indent, final newline."""
    return json.dumps(doc, indent=2) + "\n"


@dataclass(frozen=True)
class ManagedPolicy:
    """One managed policy to create and attach to the role."""

    name: str  # stable across versions, so an update is a new policy version: `ArcheraProductionPart2`
    optional_block: str | None  # the optional block it carries, None for the required part
    document: dict
    slug: str  # stable across versions, names its download: `permissions-organization`
    description: str  # says which credential the policy belongs to (the Sids carry the version)


def split_statements(statements: list[dict], limit: int = MANAGED_POLICY_MAX_CHARS) -> list[dict]:
    """Documents that together hold every action of `statements`, each within `limit`.

    Actions fill documents in order, so the same input always splits the same way.
    """
    whole = document(statements)
    if aws_size(whole) <= limit:
        return [whole]
    docs: list[dict] = [document([])]
    size = aws_size(docs[-1])
    for statement in statements:
        for action in statement["Action"]:
            current = docs[-1]["Statement"]
            if not current or current[-1]["Sid"] != statement["Sid"]:
                current.append({**statement, "Action": []})
                size = aws_size(docs[-1])
            # The size grows by the quoted action, and a comma after the first one: counting it
            # beats re-serialising the document for every action.
            size += len(json.dumps(action)) + (1 if current[-1]["Action"] else 0)
            current[-1]["Action"].append(action)
            if size > limit:
                current[-1]["Action"].pop()
                if not current[-1]["Action"]:
                    current.pop()
                if not current:
                    raise ValueError(f"{action} alone does not fit in a managed policy")
                docs.append(document([{**statement, "Action": [action]}]))
                size = aws_size(docs[-1])
    return docs


def managed_policies(credential_id: str, credential: Credential,
                     limit: int = MANAGED_POLICY_MAX_CHARS) -> list[ManagedPolicy]:
    """The credential's managed policies: the required blocks, then each optional block."""
    base = f"Archera{camel(credential_id)}"  # stable, so an update is a new policy version
    titles = {b.id: b.title for b in credential.blocks}
    parts: list[tuple[str | None, list[dict]]] = [
        (None, [block_statement(credential_id, credential, b)
                for b in credential.blocks if not b.optional])]
    parts += [(b.id, [block_statement(credential_id, credential, b)])
              for b in credential.blocks if b.optional]
    result = []
    for optional, statements in parts:
        if not statements:
            continue
        name = base + (camel(optional) if optional else "")
        slug = "permissions" + (f"-{optional}" if optional else "")
        what = titles[optional] if optional else "required permissions"
        docs = split_statements(statements, limit)
        for i, doc in enumerate(docs, 1):
            split = len(docs) > 1
            # No version here: CloudFormation replaces a policy whose description changes.
            description = (f"Archera {credential_id} credential: "
                           f"{what}" + (f", part {i} of {len(docs)}" if split else ""))
            result.append(ManagedPolicy(name + (f"Part{i}" if split else ""), optional, doc,
                                        slug + (f"-part{i}" if split else ""), description))
    return result


UNKNOWN_ACCOUNT = "ACCOUNT_ID_FROM_ARCHERA"


def trusted_account(company: Company) -> str:
    """The account the role trusts; while the data's ID is a placeholder, a token IAM rejects,
    so that no role can be deployed trusting an account that is not Archera's."""
    return UNKNOWN_ACCOUNT if company.account_id_is_placeholder else company.account_id


def account_principal(company: Company, account: str | None = None) -> str:
    """The ARN of the trusted account's root, in the data's partition."""
    return f"arn:{company.partition}:iam::{account or trusted_account(company)}:root"


def trust_policy(company: Company, external_id: str | dict = "YOUR_EXTERNAL_ID",
                 principal: str | dict | None = None) -> dict:
    """The role's trust policy: only Archera's account may assume it, and only with the External ID.

    `external_id` and `principal` are the values a reader sees, or a template's references to its
    parameters.
    """
    return document([{
        "Sid": "ArcheraAssumeRoleWithExternalId",
        "Effect": "Allow",
        "Principal": {"AWS": principal or account_principal(company)},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
    }])

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
    """Characters AWS counts against a policy's quota: the JSON with no whitespace. A list the
    customer gives (the Regions they allow) counts as empty: it is theirs to keep short."""
    return len(json.dumps(doc, separators=(",", ":"), default=lambda value: []))


def to_json(doc: dict) -> str:
    """The document as the pages and downloads show it: two-space indent, final newline."""
    return json.dumps(doc, indent=2) + "\n"


@dataclass(frozen=True)
class ManagedPolicy:
    """One managed policy to create and attach to the role."""

    # Its name after the role's, stable across versions so that an update is a new policy
    # version: `Permissions`, `OrganizationPart2`, `Guardrails`.
    suffix: str
    document: dict
    slug: str  # names its download, stable across versions: `permissions-organization`
    description: str  # what it is for, without credential or version (CloudFormation would
    # replace a policy whose description changes; the Sids carry both)
    switch: str | None = None  # the input that adds it; None: always created
    optional_block: str | None = None  # the optional block it carries

    def name(self, role_name: str) -> str:
        """Its name for a role: `ArcheraAccess-Permissions`."""
        return f"{role_name}-{self.suffix}"


@dataclass(frozen=True)
class PolicyPart:
    """The statements of one managed policy, before it is split to fit AWS's size limit."""

    suffix: str
    slug: str
    what: str  # its description, after "Archera: "
    statements: list[dict]
    switch: str | None = None
    optional_block: str | None = None


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
                docs.append(document([{**statement, "Action": [action]}]))
                size = aws_size(docs[-1])
                if size > limit:  # wherever it comes, an action that fills a policy alone
                    raise ValueError(f"{action} alone does not fit in a managed policy")
    return docs


def block_parts(credential_id: str, credential: Credential) -> list[PolicyPart]:
    """The required blocks' policy, then one policy per optional block."""
    required = [block_statement(credential_id, credential, b)
                for b in credential.blocks if not b.optional]
    parts = [PolicyPart("Permissions", "permissions", "required permissions", required)]
    parts += [PolicyPart(camel(b.id), f"permissions-{b.id}", b.title,
                         [block_statement(credential_id, credential, b)],
                         switch=f"include-{b.id}", optional_block=b.id)
              for b in credential.blocks if b.optional]
    return [part for part in parts if part.statements]


def managed_policies(parts: list[PolicyPart], company_name: str = "Archera",
                     limit: int = MANAGED_POLICY_MAX_CHARS) -> list[ManagedPolicy]:
    """Each part as one managed policy, or as numbered parts where AWS's size limit splits it."""
    result = []
    for part in parts:
        docs = split_statements(part.statements, limit)
        split = len(docs) > 1
        for i, doc in enumerate(docs, 1):
            description = (f"{company_name}: {part.what}"
                           + (f", part {i} of {len(docs)}" if split else ""))
            result.append(ManagedPolicy(part.suffix + (f"Part{i}" if split else ""), doc,
                                        part.slug + (f"-part{i}" if split else ""), description,
                                        part.switch, part.optional_block))
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

"""Credential -> IAM policy documents (dicts, sorted, size-checked) -> JSON text."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import Problem
from .model import Block, Company, Credential, PermissionsFile
from .yamlsource import SourceMap

POLICY_LANGUAGE_VERSION = "2012-10-17"
MANAGED_POLICY_MAX_CHARS = 6144  # AWS counts the document without whitespace
MANAGED_POLICIES_PER_ROLE = 10
TRUST_POLICY_MAX_CHARS = 2048


def camel(slug: str) -> str:
    """`commitment-writes` -> `CommitmentWrites` (Sids and policy names are alphanumeric)."""
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-"))


def sort_actions(actions: list[str]) -> list[str]:
    """Actions in a stable, case-insensitive order, duplicates removed."""
    return sorted(set(actions), key=lambda a: (a.lower(), a))


def block_statement(credential_id: str, credential: Credential, block: Block) -> dict:
    """One Allow statement holding every action of a block; its Sid carries the version."""
    actions = [entry.action for group in block.groups for entry in group.actions]
    return {
        "Sid": f"Archera{camel(credential_id)}{camel(block.id)}V{credential.version}",
        "Effect": "Allow",
        "Action": sort_actions(actions),
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

    name: str
    optional_block: str | None  # the optional block it carries, None for the required part
    document: dict


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
    base = f"Archera{camel(credential_id)}V{credential.version}"
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
        docs = split_statements(statements, limit)
        for i, doc in enumerate(docs, 1):
            suffix = f"Part{i}" if len(docs) > 1 else ""
            result.append(ManagedPolicy(name + suffix, optional, doc))
    return result


def trust_policy(company: Company, external_id_placeholder: str = "YOUR_EXTERNAL_ID") -> dict:
    """The role's trust policy: only Archera's account may assume it, and only with the External ID."""
    return document([{
        "Sid": "ArcheraAssumeRoleWithExternalId",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:{company.partition}:iam::{company.account_id}:root"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": external_id_placeholder}},
    }])


def check_policy_sizes(data: PermissionsFile, source: SourceMap) -> list[Problem]:
    """Every credential fits in the managed policies one role may carry."""
    problems = []
    for cred_id, cred in data.credentials.items():
        loc = ("credentials", cred_id)
        try:
            count = len(managed_policies(cred_id, cred))
        except ValueError as exc:
            problems.append(source.problem(loc, str(exc)))
            continue
        if count > MANAGED_POLICIES_PER_ROLE:
            problems.append(source.problem(
                loc, f"needs {count} managed policies of at most {MANAGED_POLICY_MAX_CHARS} "
                     f"characters; a role holds at most {MANAGED_POLICIES_PER_ROLE}"))
    size = aws_size(trust_policy(data.company))
    if size > TRUST_POLICY_MAX_CHARS:
        problems.append(source.problem(("company",), f"the trust policy is {size} characters; "
                                                     f"AWS allows {TRUST_POLICY_MAX_CHARS}"))
    return problems

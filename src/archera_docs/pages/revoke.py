"""The way out: how to remove Archera's access in each format, what stays after, and what Archera
says (and does not say) about the data it read."""

from __future__ import annotations

from ..dataset import Dataset
from ..files import remove_script
from ..files.cloudformation import deploy_command
from ..files.site import credential_file_path
from . import markdown as md
from .review import grant_list


def revoke_access(dataset: Dataset, credential_id: str) -> str:
    """How to remove one credential's role in each format, and what outlives it."""
    plan = dataset.deployments[credential_id]
    credential = plan.credential
    stack = deploy_command(plan).split("--stack-name ")[1].split()[0]
    script = credential_file_path(credential_id, remove_script.SCRIPT)
    names = ", ".join(md.code(p.name(plan.role_name)) for p in plan.policies)
    parts = [
        md.bullets([
            md.text(f"CloudFormation: delete the stack (aws cloudformation delete-stack "
                    f"--stack-name {stack}); it removes the role and its policies"
                    + (" and the alert." if plan.input("alert-email") else ".")),
            md.text("Terraform: run terraform destroy in the module's folder, with the variables "
                    "you applied it with."),
            md.text("AWS CLI: run ") + md.download(remove_script.SCRIPT, f"/{script}")
            + md.text(", which removes exactly what create-role.sh created and stops, removing "
                      "nothing, if the role holds a policy it did not attach."),
            md.text(f"By hand: detach and delete the role's managed policies ({plan.role_name}'s "
                    "policies are named ") + names
            + md.text(f"), delete the EventBridge rule and SNS topic named {plan.role_name}-Alerts "
                      "if you made them, then delete the role." if plan.input("alert-email")
                      else "), then delete the role."),
        ]),
    ]
    if credential.outlives_the_role:
        parts.append(md.text("What stays once the role is gone:"))
        parts.append(md.bullets([md.text(entry.what) + " " + md.text("(from ")
                                 + grant_list(dataset, [(a, a) for a in entry.actions]).rstrip(".")
                                 + ")" for entry in credential.outlives_the_role]))
    return "\n\n".join(parts)


def data_handling(dataset: Dataset) -> str:
    """Archera's own statement about the data it reads, and what it does not publish."""
    handling = dataset.permissions.company.data_handling
    name = dataset.permissions.company.name
    return "\n\n".join([
        md.text(f"{name}'s own statement: {handling.statement}"),
        md.text(f"{name} does not publish, so this help center cannot tell you:"),
        md.bullets([md.text(item) for item in handling.not_published]),
    ])

"""The "deploy it your way" fragments: one tab per format, each block with its download link."""

from __future__ import annotations

from collections.abc import Callable

from ..dataset import Dataset
from ..files.awscli import SCRIPT, run_command
from ..files.cloudformation import TEMPLATE_FILE, deploy_command
from ..files.site import (TRUST_FILE, TRUST_POLICY, credential_file_path, deployment_files,
                          policy_file)
from ..files.terraform import MODULE_FILE, apply_command
from ..iam.deployment import Deployment, Toggle
from ..iam.policy import ManagedPolicy, to_json, trust_policy
from . import markdown as md

# The same labels on every page, so that content.tabs.link keeps the reader's choice.
TABS = ("JSON", "CloudFormation", "Terraform", "AWS CLI")


def _file_block(files: dict[str, str], credential_id: str, name: str, language: str) -> str:
    """A copyable block of one generated file, then the link that downloads it."""
    site_path = credential_file_path(credential_id, name)
    return _paragraphs(md.fence(files[site_path], language, name),
                       md.download(f"Download {name}", f"/{site_path}"))


def _toggles(plan: Deployment, switch: Callable[[Toggle], str]) -> str:
    return " ".join(md.text(f"{t.block.title} is left out unless you set {switch(t)} to true.")
                    for t in plan.toggles)


def _policy_intro(plan: Deployment, policy: ManagedPolicy) -> str:
    if policy.optional_block is None:
        return md.text(f"{policy.name}: the required permissions.")
    toggle = plan.toggle_of(policy)
    return md.text(f"{policy.name}: {toggle.block.title}. Attach it only if you want this block.")


def _json_tab(plan: Deployment, files: dict[str, str]) -> str:
    parts = [md.text(f"Create the role {plan.role_name} with this trust policy, putting the "
                     f"External ID {plan.company.name} gave you in place of YOUR_EXTERNAL_ID:"),
             _file_block(files, plan.credential_id, TRUST_FILE, "json"),
             md.text("Then create a customer managed policy from each of these documents and "
                     "attach it to the role." if len(plan.policies) > 1 else
                     "Then create a customer managed policy from this document and attach it to "
                     "the role.")]
    for policy in plan.policies:
        parts += [_policy_intro(plan, policy),
                  _file_block(files, plan.credential_id, policy_file(policy), "json")]
    return _paragraphs(*parts)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _template_tab(plan: Deployment, files: dict[str, str], intro: str, command: str,
                  switch: Callable[[Toggle], str], name: str, language: str) -> str:
    """A template's tab: what it does, how to run it, its switches, then the file itself."""
    return _paragraphs(md.text(intro), md.fence(command, "sh"), _toggles(plan, switch),
                       _file_block(files, plan.credential_id, name, language))


def deploy_tabs(dataset: Dataset, credential_id: str) -> str:
    """The credential's role in every format, as content tabs (JSON, CloudFormation, ...)."""
    plan = dataset.deployments[credential_id]
    files = deployment_files(dataset)
    bodies = (
        _json_tab(plan, files),
        _template_tab(plan, files, "One stack creates the role and attaches its managed "
                      "policies. Deploy it from the folder you saved it in:",
                      deploy_command(plan), lambda t: f"the {t.parameter} parameter",
                      TEMPLATE_FILE, "yaml"),
        _template_tab(plan, files, "A module that creates the role and attaches its managed "
                      "policies. Save it in a folder of its own, or call it from your "
                      "configuration, and apply it (the AWS provider needs a Region even for "
                      "IAM, which is global: set AWS_REGION if your profile has none):",
                      apply_command(plan), lambda t: f"the {t.variable} variable",
                      MODULE_FILE, "hcl"),
        _template_tab(plan, files, "A bash script of AWS CLI calls that creates the role, "
                      "creates each managed policy and attaches it. Run it once:",
                      run_command(plan), lambda t: t.environment, SCRIPT, "bash"),
    )
    return md.tabs(list(zip(TABS, bodies)))


def trust_policy_block(dataset: Dataset) -> str:
    """The trust policy every credential's role carries, copyable, with its download link."""
    return _paragraphs(md.fence(to_json(trust_policy(dataset.permissions.company)), "json",
                                TRUST_FILE),
                       md.download(f"Download {TRUST_FILE}", f"/{TRUST_POLICY}"))

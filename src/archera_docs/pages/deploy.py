"""The "deploy it your way" fragments: the inputs every format shares, then one tab per format,
each file copyable with its download link."""

from __future__ import annotations

from ..dataset import Dataset
from ..files import check_script, remove_script, update_script
from ..files.awscli import SCRIPT, run_command
from ..files.cloudformation import TEMPLATE_FILE, deploy_command
from ..files.site import (ALERT_PATTERN_FILE, TRUST_FILE, TRUST_POLICY, credential_file_path,
                          deployment_files, policy_file)
from ..files.terraform import MODULE_FILE, apply_command
from ..iam.deployment import Deployment
from ..iam.inputs import Input
from ..iam.policy import ManagedPolicy, to_json, trust_policy
from . import markdown as md

# The same labels on every page, so that content.tabs.link keeps the reader's choice.
TABS = ("JSON", "CloudFormation", "Terraform", "AWS CLI")
# Files are shown as plain text: highlighted token by token, the deployment tabs alone would
# make thousands of elements for the browser to lay out on a first view.
PLAIN = "text"


def file_block(files: dict[str, str], credential_id: str, name: str, language: str) -> str:
    """A copyable block of one generated file, then the link that downloads it."""
    site_path = credential_file_path(credential_id, name)
    return _paragraphs(md.fence(files[site_path], language, name),
                       md.download(f"Download {name}", f"/{site_path}"))


def _default(item: Input) -> str:
    if item.kind == "switch":
        return "on" if item.default else "off"
    return "none"


def inputs_table(plan: Deployment) -> str:
    """Every optional input, as each format names it, with what it does and its default."""
    rows = [[md.text(item.description), md.code(item.parameter), md.code(item.variable),
             md.code(item.environment), md.text(_default(item))] for item in plan.inputs]
    return md.table(["What it does", "CloudFormation", "Terraform", "AWS CLI", "Default"], rows)


def _policy_intro(plan: Deployment, policy: ManagedPolicy) -> str:
    name = policy.name(plan.role_name)
    switch = plan.switch_of(policy)
    if switch is None:
        return md.text(f"{name}: {policy.description}.")
    if switch.kind == "switch":
        when = "Attach it unless you leave the control out." if switch.default else \
            "Attach it only if you want this block."
    else:
        when = (f"Attach it to use this control, after replacing each YOUR_... value with "
                f"yours ({switch.description})")
    return md.text(f"{name}: {policy.description}. {when}")


def _json_tab(plan: Deployment, files: dict[str, str]) -> str:
    parts = [md.text(f"Create the role {plan.role_name} with this trust policy, putting the "
                     f"External ID {plan.company.name} gave you in place of YOUR_EXTERNAL_ID:"),
             file_block(files, plan.credential_id, TRUST_FILE, PLAIN),
             md.text("Then create a customer managed policy from each document you want, named "
                     "as given here, and attach it to the role.")]
    for policy in plan.policies:
        parts += [_policy_intro(plan, policy),
                  file_block(files, plan.credential_id, policy_file(policy), PLAIN)]
    if plan.input("alert-email"):
        parts += [md.text("For the alert, create an EventBridge rule with this event pattern "
                          "(put the role's ARN in place of the YOUR_... values) and an SNS topic "
                          "with an email subscription as its target:"),
                  file_block(files, plan.credential_id, ALERT_PATTERN_FILE, PLAIN)]
    return _paragraphs(*parts)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _template_tab(plan: Deployment, files: dict[str, str], intro: str, command: str,
                  inputs: str, name: str) -> str:
    """A template's tab: what it does, how to run it, its inputs, then the file itself."""
    return _paragraphs(md.text(intro), md.fence(command, "sh"), md.text(inputs),
                       file_block(files, plan.credential_id, name, PLAIN))


def _cli_tab(plan: Deployment, files: dict[str, str]) -> str:
    scripts = md.bullets([
        md.download(update_script.SCRIPT, f"/{credential_file_path(plan.credential_id, update_script.SCRIPT)}")
        + md.text(": brings an existing role to this version (or from the other credential), "
                  "putting back what it changed if a step fails."),
        md.download(check_script.SCRIPT, f"/{credential_file_path(plan.credential_id, check_script.SCRIPT)}")
        + md.text(": compares a deployed role with this version, read-only."),
        md.download(remove_script.SCRIPT, f"/{credential_file_path(plan.credential_id, remove_script.SCRIPT)}")
        + md.text(": removes exactly what create-role.sh created."),
    ])
    return _paragraphs(
        md.text("A bash script of AWS CLI calls. It checks every input and every name it would "
                "create before its first change, and if a step fails it removes what it created: "
                "it makes the whole role or nothing. Run it once:"),
        md.fence(run_command(plan), "sh"),
        md.text("Set the inputs of the table below as environment variables."),
        file_block(files, plan.credential_id, SCRIPT, PLAIN),
        md.text("Its companions:"), scripts)


def deploy_tabs(dataset: Dataset, credential_id: str) -> str:
    """The inputs every format shares, then the credential's role in every format, as content
    tabs (JSON, CloudFormation, Terraform, AWS CLI)."""
    plan = dataset.deployments[credential_id]
    files = deployment_files(dataset)
    bodies = (
        _json_tab(plan, files),
        _template_tab(plan, files, "One stack creates the role, its managed policies and the "
                      "controls you switch on. Deploy it from the folder you saved it in:",
                      deploy_command(plan), "Give the inputs of the table below as parameters.",
                      TEMPLATE_FILE),
        _template_tab(plan, files, "A module that creates the role, its managed policies and "
                      "the controls you switch on. Save it in a folder of its own, or call it "
                      "from your configuration, and apply it (the AWS provider needs a Region "
                      "even for IAM, which is global: set AWS_REGION if your profile has none):",
                      apply_command(plan), "Give the inputs of the table below as variables.",
                      MODULE_FILE),
        _cli_tab(plan, files),
    )
    return _paragraphs(md.tabs(list(zip(TABS, bodies))),
                       md.text(f"Every format takes the same inputs, none of which you need for "
                               f"the role itself. The role's name (default {plan.role_name}) "
                               "starts the name of each of its policies, so two roles can sit "
                               "side by side."),
                       inputs_table(plan))


def trust_policy_block(dataset: Dataset) -> str:
    """The trust policy every credential's role carries, copyable, with its download link."""
    return _paragraphs(md.fence(to_json(trust_policy(dataset.permissions.company)), "json",
                                TRUST_FILE),
                       md.download(f"Download {TRUST_FILE}", f"/{TRUST_POLICY}"))

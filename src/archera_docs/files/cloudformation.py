"""A credential's deployment as a CloudFormation template (a dict, serialised as YAML)."""

from __future__ import annotations

import yaml

from ..aws.identifiers import (ACCOUNT_ID, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN,
                               ROLE_NAME_CHARS, ROLE_NAME_MAX)
from ..iam.deployment import Deployment
from ..iam.inputs import Input
from ..iam.policy import UNKNOWN_ACCOUNT, camel
from ..iam.templating import ACCOUNT, PARTITION, ROLE_NAME, Sub, resolve
from .alerts import ALERT_SUFFIX, topic_policy
from .statements import fences_first

ROLE = "Role"
TEMPLATE_FILE = "cloudformation.yaml"
# What each placeholder of the deployment is in a template.
_SUBSTITUTES = {PARTITION: "${AWS::Partition}", ACCOUNT: "${AWS::AccountId}",
                ROLE_NAME: "${RoleName}"}


def condition(switch: Input) -> str:
    """The condition under which an input's resources exist: `WithOrganization`."""
    return "With" + camel(switch.slug.removeprefix("include-"))


def _sub(text: Sub) -> dict:
    return {"Fn::Sub": text.render(lambda name: _SUBSTITUTES.get(name, f"${{{name}}}"))}


def document(value) -> object:
    """A policy document or pattern with the deployment's placeholders as template functions."""
    return resolve(value, _sub, lambda listed: {"Ref": listed.name})


def _parameter(item: Input) -> dict:
    if item.kind == "switch":
        return {"Type": "String", "AllowedValues": ["true", "false"],
                "Default": str(item.default).lower(), "Description": item.description}
    if item.kind == "list":
        return {"Type": "CommaDelimitedList", "Default": "", "Description": item.description}
    return {"Type": "String", "Default": "", "AllowedPattern": f"^$|^({item.pattern})$",
            "Description": item.description}


def _condition(item: Input) -> dict:
    if item.kind == "switch":
        return {"Fn::Equals": [{"Ref": item.parameter}, "true"]}
    given = {"Fn::Join": ["", {"Ref": item.parameter}]} if item.kind == "list" \
        else {"Ref": item.parameter}
    return {"Fn::Not": [{"Fn::Equals": [given, ""]}]}


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
            "Type": "String", "Default": plan.role_name,
            "Description": "The name of the role; its policies' names start with it.",
            "MaxLength": ROLE_NAME_MAX, "AllowedPattern": f"{ROLE_NAME_CHARS}+",
        },
    }
    parameters.update({item.parameter: _parameter(item) for item in plan.inputs})
    return parameters


def _alert(plan: Deployment) -> dict:
    item = plan.input("alert-email")
    when = condition(item)
    name = {"Fn::Sub": f"${{RoleName}}-{ALERT_SUFFIX}"}
    rule_arn = {"Fn::GetAtt": ["AlertRule", "Arn"]}
    return {
        "AlertTopic": {"Type": "AWS::SNS::Topic", "Condition": when,
                       "Properties": {"TopicName": name}},
        "AlertSubscription": {"Type": "AWS::SNS::Subscription", "Condition": when, "Properties": {
            "TopicArn": {"Ref": "AlertTopic"}, "Protocol": "email",
            "Endpoint": {"Ref": item.parameter}}},
        "AlertTopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Condition": when, "Properties": {
            "Topics": [{"Ref": "AlertTopic"}],
            "PolicyDocument": topic_policy(plan, {"Ref": "AlertTopic"}, rule_arn)}},
        "AlertRule": {"Type": "AWS::Events::Rule", "Condition": when, "Properties": {
            "Name": name, "Description": "Every purchase or organization change the role makes.",
            "EventPattern": document(plan.alert_pattern()), "State": "ENABLED",
            "Targets": [{"Arn": {"Ref": "AlertTopic"}, "Id": "email"}]}},
    }


def template(plan: Deployment) -> dict:
    """The role, its trust policy, each managed policy (each optional one under its condition),
    and the optional alert."""
    boundary = plan.input("permissions-boundary-arn")
    resources: dict[str, dict] = {ROLE: {"Type": "AWS::IAM::Role", "Properties": {
        "RoleName": {"Ref": "RoleName"},
        "Description": plan.role_description,
        "AssumeRolePolicyDocument": plan.trust(
            {"Ref": "ExternalId"},
            {"Fn::Sub": "arn:${AWS::Partition}:iam::${ArcheraAccountId}:root"}),
        "PermissionsBoundary": {"Fn::If": [condition(boundary), {"Ref": boundary.parameter},
                                           {"Ref": "AWS::NoValue"}]},
    }}}
    for policy in fences_first(plan.policies):  # listed as the other formats make them
        resource: dict = {"Type": "AWS::IAM::ManagedPolicy"}
        switch = plan.switch_of(policy)
        if switch:
            resource["Condition"] = condition(switch)
        resource["Properties"] = {
            "ManagedPolicyName": {"Fn::Sub": policy.name("${RoleName}")},
            "Description": policy.description,
            "PolicyDocument": document(policy.document),
            "Roles": [{"Ref": ROLE}],
        }
        resources[camel(policy.slug)] = resource
    if plan.input("alert-email"):
        resources.update(_alert(plan))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": plan.role_description,
        "Parameters": _parameters(plan),
        "Conditions": {condition(item): _condition(item) for item in plan.inputs},
        "Resources": resources,
        "Outputs": {"RoleArn": {"Description": f"The role's ARN, to give {plan.company.name}.",
                                "Value": {"Fn::GetAtt": [ROLE, "Arn"]}}},
    }


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """libyaml's emitter (the same YAML as PyYAML's, several times faster), never writing an
    alias for a value used twice: CloudFormation rejects aliases."""

    def ignore_aliases(self, data) -> bool:
        """Never: every value is written out in full."""
        return True


def to_yaml(plan: Deployment) -> str:
    """The template as YAML, in the order it was built."""
    return yaml.dump(template(plan), Dumper=_Dumper, sort_keys=False, width=120, allow_unicode=True)


def deploy_command(plan: Deployment) -> str:
    """How to deploy the template from a shell, in the folder that holds it."""
    account = "" if plan.known_account else f" ArcheraAccountId={UNKNOWN_ACCOUNT}"
    return (f"aws cloudformation deploy --template-file {TEMPLATE_FILE} "
            f"--stack-name archera-{plan.credential_id} --capabilities CAPABILITY_NAMED_IAM "
            f"--parameter-overrides ExternalId=YOUR_EXTERNAL_ID{account}")

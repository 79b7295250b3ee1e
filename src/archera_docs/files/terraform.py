"""A credential's deployment as a Terraform module: variables, the role, each policy and its
attachment, and the optional alert, as HCL text."""

from __future__ import annotations

import json

from ..aws.identifiers import (ACCOUNT_ID, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN,
                               EXTERNAL_ID_RULE, ROLE_NAME_CHARS, ROLE_NAME_MAX)
from ..iam.deployment import Deployment
from ..iam.inputs import Input
from ..iam.policy import UNKNOWN_ACCOUNT
from ..iam.templating import ACCOUNT, PARTITION, ROLE_NAME, ListInput, Sub
from .alerts import ALERT_SUFFIX, topic_policy
from .hcl import Block, dumps, literal
from .statements import fences_first, is_fence

ROLE = "aws_iam_role.archera"
MODULE_FILE = "main.tf"
_SUBSTITUTES = {PARTITION: "data.aws_partition.current.partition",
                ACCOUNT: "data.aws_caller_identity.current.account_id", ROLE_NAME: "var.role_name"}


class Expression(str):
    """An HCL expression (a reference, a call), written as it stands, never quoted."""


def label(name: str) -> str:
    """A resource name from a slug: `permissions-organization` -> `permissions_organization`."""
    return name.replace("-", "_")


def interpolated(text: Sub) -> Expression:
    """A Sub as an HCL string whose placeholders are interpolated references."""
    pieces = text.split("${")
    out = literal(pieces[0])[1:-1]
    for piece in pieces[1:]:
        name, _, rest = piece.partition("}")
        reference = _SUBSTITUTES.get(name) or f"var.{label(_snake(name))}"
        out += f"${{{reference}}}" + literal(rest)[1:-1]
    return Expression(f'"{out}"')


def _snake(camel_name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower()
                   for i, c in enumerate(camel_name))


def _value(item) -> str:
    if isinstance(item, Expression):
        return item
    if isinstance(item, Sub):
        return interpolated(item)
    return literal(item)


def _values(value) -> list[str] | Expression:
    if isinstance(value, ListInput):
        return Expression(f"var.{_snake(value.name)}")
    items = [value] if isinstance(value, str) else value
    return [_value(v) for v in items]


def statement_block(builder: Block, statement: dict) -> None:
    """One policy statement as an `aws_iam_policy_document` statement block."""
    attributes = {"sid": literal(statement["Sid"]), "effect": literal(statement["Effect"]),
                  "actions": _values(statement["Action"])}
    for key, name in (("Resource", "resources"), ("NotResource", "not_resources")):
        if key in statement:
            attributes[name] = _values(statement[key])
    block = builder.block("statement", **attributes)
    for kind, identifiers in statement.get("Principal", {}).items():
        block.block("principals", type=literal(kind), identifiers=_values(identifiers))
    for test, pairs in statement.get("Condition", {}).items():
        for variable, values in pairs.items():
            block.block("condition", test=literal(test), variable=literal(variable),
                        values=_values(values))


def given(item: Input) -> str:
    """The expression true when the customer gave the input (switched it on)."""
    if item.kind == "switch":
        return f"var.{item.variable}"
    if item.kind == "list":
        return f"length(var.{item.variable}) > 0"
    return f'var.{item.variable} != ""'


def _input_variable(doc: Block, item: Input) -> None:
    if item.kind == "switch":
        doc.block("variable", item.variable, type=Expression("bool"),
                  default=Expression(str(item.default).lower()), description=literal(item.description))
        return
    pattern = literal(f"^({item.pattern})$")
    if item.kind == "list":
        variable = doc.block("variable", item.variable, type=Expression("list(string)"),
                             default=Expression("[]"), description=literal(item.description))
        check = f"alltrue([for value in var.{item.variable} : can(regex({pattern}, value))])"
    else:
        variable = doc.block("variable", item.variable, type=Expression("string"),
                             default=literal(""), description=literal(item.description))
        check = f'var.{item.variable} == "" || can(regex({pattern}, var.{item.variable}))'
    variable.block("validation", condition=Expression(check),
                   error_message=literal(f"Not a valid value for {item.variable}."))


def _variables(doc: Block, plan: Deployment) -> None:
    external_id = doc.block("variable", "external_id", type=Expression("string"),
                            description=literal(f"The External ID {plan.company.name} gave you."))
    pattern = literal(f"^{EXTERNAL_ID_CHARS}+$")
    external_id.block(
        "validation",
        condition=Expression(f"length(var.external_id) >= {EXTERNAL_ID_MIN} && "
                             f"length(var.external_id) <= {EXTERNAL_ID_MAX} && "
                             f"can(regex({pattern}, var.external_id))"),
        error_message=literal(f"The External ID is {EXTERNAL_ID_RULE}."))
    account = doc.block("variable", "archera_account_id", type=Expression("string"),
                        **({"default": literal(plan.known_account)} if plan.known_account else {}),
                        description=literal(f"{plan.company.name}'s AWS account ID, the only "
                                            "account the role trusts."))
    account.block("validation",
                  condition=Expression(f'can(regex("^{ACCOUNT_ID}$", var.archera_account_id))'),
                  error_message=literal("The account ID is twelve digits."))
    role = doc.block("variable", "role_name", type=Expression("string"),
                     default=literal(plan.role_name),
                     description=literal("The name of the role; its policies' names start with it."))
    role.block("validation", condition=Expression(
        f"can(regex({literal(f'^{ROLE_NAME_CHARS}{{1,{ROLE_NAME_MAX}}}$')}, var.role_name))"),
        error_message=literal("A role name is 1 to 64 letters, digits and +=,.@_- characters."))
    for item in plan.inputs:
        _input_variable(doc, item)


def _hcl_object(value) -> str:
    """A JSON-like value as a one-line HCL expression (keys quoted), for jsonencode()."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_hcl_object(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_hcl_object(v) for v in value) + "]"
    return _value(value)


def _alert(doc: Block, plan: Deployment) -> None:
    item = plan.input("alert-email")
    count = {"count": Expression(f"{given(item)} ? 1 : 0")}
    name = Expression(f'"${{var.role_name}}-{ALERT_SUFFIX}"')
    doc.block("resource", "aws_sns_topic", "alerts", **count, name=name)
    doc.block("resource", "aws_sns_topic_subscription", "alerts", **count,
              topic_arn=Expression("aws_sns_topic.alerts[0].arn"), protocol=literal("email"),
              endpoint=Expression(f"var.{item.variable}"))
    doc.block("resource", "aws_cloudwatch_event_rule", "alerts", **count, name=name,
              description=literal("Every purchase or organization change the role makes."),
              event_pattern=Expression(f"jsonencode({_hcl_object(plan.alert_pattern())})"))
    doc.block("resource", "aws_cloudwatch_event_target", "alerts", **count,
              rule=Expression("aws_cloudwatch_event_rule.alerts[0].name"), target_id=literal("email"),
              arn=Expression("aws_sns_topic.alerts[0].arn"))
    policy = doc.block("data", "aws_iam_policy_document", "alerts_topic", **count)
    for statement in topic_policy(plan, Expression("aws_sns_topic.alerts[0].arn"),
                                  Expression("aws_cloudwatch_event_rule.alerts[0].arn"))["Statement"]:
        statement_block(policy, statement)
    doc.block("resource", "aws_sns_topic_policy", "alerts", **count,
              arn=Expression("aws_sns_topic.alerts[0].arn"),
              policy=Expression("data.aws_iam_policy_document.alerts_topic[0].json"))


def module(plan: Deployment) -> list[Block]:
    """The module's top-level blocks: variables, the role, each policy and its attachment."""
    doc = Block("module")
    doc.block("terraform").block("required_providers", aws={
        "source": literal("hashicorp/aws"), "version": literal(">= 4.0")})
    _variables(doc, plan)
    doc.block("data", "aws_partition", "current")
    doc.block("data", "aws_caller_identity", "current")
    trust = doc.block("data", "aws_iam_policy_document", "trust")
    principal = Sub(f"arn:${{{PARTITION}}}:iam::${{ArcheraAccountId}}:root")
    for statement in plan.trust(Expression("var.external_id"), principal)["Statement"]:
        statement_block(trust, statement)
    boundary = plan.input("permissions-boundary-arn")
    doc.block("resource", "aws_iam_role", "archera",
              name=Expression("var.role_name"), description=literal(plan.role_description),
              assume_role_policy=Expression("data.aws_iam_policy_document.trust.json"),
              permissions_boundary=Expression(f"{given(boundary)} ? var.{boundary.variable} : null"))
    fences = []  # the Deny policies' attachments, which every Allow's waits for
    for policy in fences_first(plan.policies):
        name = label(policy.slug)
        switch = plan.switch_of(policy)
        count = {"count": Expression(f"{given(switch)} ? 1 : 0")} if switch else {}
        document = doc.block("data", "aws_iam_policy_document", name)
        for statement in policy.document["Statement"]:
            statement_block(document, statement)
        doc.block("resource", "aws_iam_policy", name, **count,
                  name=Expression(f'"${{var.role_name}}-{policy.suffix}"'),
                  description=literal(policy.description),
                  policy=Expression(f"data.aws_iam_policy_document.{name}.json"))
        arn = f"aws_iam_policy.{name}{'[0]' if switch else ''}.arn"
        after = {} if is_fence(policy) or not fences else {"depends_on": list(fences)}
        doc.block("resource", "aws_iam_role_policy_attachment", name, **count,
                  role=Expression(f"{ROLE}.name"), policy_arn=Expression(arn), **after)
        if is_fence(policy):
            fences.append(Expression(f"aws_iam_role_policy_attachment.{name}"))
    if plan.input("alert-email"):
        _alert(doc, plan)
    doc.block("output", "role_arn", value=Expression(f"{ROLE}.arn"),
              description=literal(f"The role's ARN, to give {plan.company.name}."))
    return doc.blocks


def to_hcl(plan: Deployment) -> str:
    """The module as HCL text."""
    return dumps(module(plan))


def apply_command(plan: Deployment) -> str:
    """How to apply the module from the folder that holds it."""
    account = "" if plan.known_account else f' -var "archera_account_id={UNKNOWN_ACCOUNT}"'
    return f'terraform init && terraform apply -var "external_id=YOUR_EXTERNAL_ID"{account}'

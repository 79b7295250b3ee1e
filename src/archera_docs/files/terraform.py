"""A credential's deployment as a Terraform module: variables, the role, each policy and its
attachment, as HCL text."""

from __future__ import annotations

from ..iam.deployment import Deployment
from ..aws.identifiers import (ACCOUNT_ID, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN,
                          EXTERNAL_ID_RULE)
from .hcl import Block, dumps, literal
from ..iam.policy import UNKNOWN_ACCOUNT, account_principal

ROLE = "aws_iam_role.archera"
MODULE_FILE = "main.tf"


class Expression(str):
    """An HCL expression (a reference, a call), written as it stands, never quoted."""


def label(name: str) -> str:
    """A resource name from a slug: `permissions-organization` -> `permissions_organization`."""
    return name.replace("-", "_")


def _values(value: str | list[str]) -> list[str]:
    items = [value] if isinstance(value, str) else value
    return [v if isinstance(v, Expression) else literal(v) for v in items]


def statement_block(builder: Block, statement: dict) -> None:
    """One policy statement as an `aws_iam_policy_document` statement block."""
    attributes = {"sid": literal(statement["Sid"]), "effect": literal(statement["Effect"]),
                  "actions": _values(statement["Action"])}
    if "Resource" in statement:
        attributes["resources"] = _values(statement["Resource"])
    block = builder.block("statement", **attributes)
    for kind, identifiers in statement.get("Principal", {}).items():
        block.block("principals", type=literal(kind), identifiers=_values(identifiers))
    for test, pairs in statement.get("Condition", {}).items():
        for variable, values in pairs.items():
            block.block("condition", test=literal(test), variable=literal(variable),
                        values=_values(values))


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
    doc.block("variable", "role_name", type=Expression("string"),
              default=literal(plan.role_name), description=literal("The name of the role."))
    for toggle in plan.toggles:
        doc.block("variable", toggle.variable, type=Expression("bool"),
                  default=Expression("false"),
                  description=literal(f"{toggle.block.title}. Set to true to add its policy "
                                      "to the role."))


def module(plan: Deployment) -> list[Block]:
    """The module's top-level blocks: variables, the role, each policy and its attachment."""
    doc = Block("module")
    doc.block("terraform").block("required_providers", aws={
        "source": literal("hashicorp/aws"), "version": literal(">= 4.0")})
    _variables(doc, plan)
    trust = doc.block("data", "aws_iam_policy_document", "trust")
    # An interpolating string: the partition comes from the data, the account from the variable.
    principal = Expression(f'"{account_principal(plan.company, "${var.archera_account_id}")}"')
    for statement in plan.trust(Expression("var.external_id"), principal)["Statement"]:
        statement_block(trust, statement)
    doc.block("resource", "aws_iam_role", "archera",
              name=Expression("var.role_name"), description=literal(plan.role_description),
              assume_role_policy=Expression("data.aws_iam_policy_document.trust.json"))
    for policy in plan.policies:
        name = label(policy.slug)
        document = doc.block("data", "aws_iam_policy_document", name)
        for statement in policy.document["Statement"]:
            statement_block(document, statement)
        toggle = plan.toggle_of(policy)
        count = {"count": Expression(f"var.{toggle.variable} ? 1 : 0")} if toggle else {}
        doc.block("resource", "aws_iam_policy", name, **count,
                  name=literal(policy.name), description=literal(policy.description),
                  policy=Expression(f"data.aws_iam_policy_document.{name}.json"))
        arn = f"aws_iam_policy.{name}{'[0]' if toggle else ''}.arn"
        doc.block("resource", "aws_iam_role_policy_attachment", name, **count,
                  role=Expression(f"{ROLE}.name"), policy_arn=Expression(arn))
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

"""A credential's deployment as a Terraform module, built as python-hcl2 structure and serialised.

python-hcl2's notation: a string literal keeps its quotes (`'"text"'`), an expression is `${...}`.
"""

from __future__ import annotations

import re

import hcl2

from .deployment import EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN, Deployment
from .policy import account_principal

ROLE = "aws_iam_role.archera"
_OPTIONS = hcl2.DeserializerOptions(object_elements_trailing_comma=False)


def literal(value: str) -> str:
    """A string as an HCL quoted literal: escapes, and `${`/`%{` kept from interpolating."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t")
               .replace("${", "$${").replace("%{", "%%{"))
    return f'"{escaped}"'


class Expression(str):
    """An HCL expression (a reference, a call) in python-hcl2's notation, never quoted."""


def expression(text: str) -> Expression:
    """An HCL expression written as it stands: `var.external_id`."""
    return Expression("${" + text + "}")


def label(name: str) -> str:
    """A resource name from a slug: `permissions-organization` -> `permissions_organization`."""
    return name.replace("-", "_")


def _values(value: str | list[str]) -> list[str]:
    items = [value] if isinstance(value, str) else value
    return [v if isinstance(v, Expression) else literal(v) for v in items]


def statement_block(builder: hcl2.Builder, statement: dict) -> None:
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


def _variables(doc: hcl2.Builder, plan: Deployment) -> None:
    external_id = doc.block("variable", [literal("external_id")], type=expression("string"),
                            description=literal(f"The External ID {plan.company.name} gave you."))
    pattern = literal(f"^{EXTERNAL_ID_CHARS}+$")
    external_id.block(
        "validation",
        condition=expression(f"length(var.external_id) >= {EXTERNAL_ID_MIN} && "
                             f"length(var.external_id) <= {EXTERNAL_ID_MAX} && "
                             f"can(regex({pattern}, var.external_id))"),
        error_message=literal(f"The External ID is {EXTERNAL_ID_MIN} to {EXTERNAL_ID_MAX} "
                              "letters, digits and _+=,.@:/- characters."))
    account = doc.block("variable", [literal("archera_account_id")], type=expression("string"),
                        **({"default": literal(plan.known_account)} if plan.known_account else {}),
                        description=literal(f"{plan.company.name}'s AWS account ID, the only "
                                            "account the role trusts."))
    account.block("validation",
                  condition=expression('can(regex("^[0-9]{12}$", var.archera_account_id))'),
                  error_message=literal("The account ID is twelve digits."))
    doc.block("variable", [literal("role_name")], type=expression("string"),
              default=literal(plan.role_name), description=literal("The name of the role."))
    for toggle in plan.toggles:
        doc.block("variable", [literal(toggle.variable)], type=expression("bool"),
                  default=expression("false"),
                  description=literal(f"{toggle.block.title}. Set to true to add its policy "
                                      "to the role."))


def module(plan: Deployment) -> dict:
    """The module as python-hcl2 structure: variables, the role, each policy and its attachment."""
    doc = hcl2.Builder()
    doc.block("terraform").block("required_providers", aws={
        "source": literal("hashicorp/aws"), "version": literal(">= 4.0")})
    _variables(doc, plan)
    trust = doc.block("data", [literal("aws_iam_policy_document"), literal("trust")])
    # An interpolating string: the partition comes from the data, the account from the variable.
    principal = expression(f'"{account_principal(plan.company, "${var.archera_account_id}")}"')
    for statement in plan.trust(expression("var.external_id"), principal)["Statement"]:
        statement_block(trust, statement)
    doc.block("resource", [literal("aws_iam_role"), literal("archera")],
              name=expression("var.role_name"), description=literal(plan.role_description),
              assume_role_policy=expression("data.aws_iam_policy_document.trust.json"))
    for policy in plan.policies:
        name = label(policy.slug)
        document = doc.block("data", [literal("aws_iam_policy_document"), literal(name)])
        for statement in policy.document["Statement"]:
            statement_block(document, statement)
        toggle = plan.toggle_of(policy)
        count = {"count": expression(f"var.{toggle.variable} ? 1 : 0")} if toggle else {}
        doc.block("resource", [literal("aws_iam_policy"), literal(name)], **count,
                  name=literal(policy.name), description=literal(policy.description),
                  policy=expression(f"data.aws_iam_policy_document.{name}.json"))
        arn = f"aws_iam_policy.{name}{'[0]' if toggle else ''}.arn"
        doc.block("resource", [literal("aws_iam_role_policy_attachment"), literal(name)], **count,
                  role=expression(f"{ROLE}.name"), policy_arn=expression(arn))
    doc.block("output", [literal("role_arn")], value=expression(f"{ROLE}.arn"),
              description=literal(f"The role's ARN, to give {plan.company.name}."))
    return doc.build()


def to_hcl(plan: Deployment) -> str:
    """The module as HCL text, without the serialiser's trailing spaces and double blank lines."""
    text = hcl2.dumps(module(plan), deserializer_options=_OPTIONS)
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

"""Read what each deployment format would make, the way AWS would, without AWS: CloudFormation with
its conditions evaluated and Terraform with its counts evaluated. `assert_formats_agree` compares
them with the JSON downloads for every choice of optional blocks, and runs create-role.sh
against moto once, every block on.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import hcl2
import yaml

Policy = tuple[str, str, list[dict]]  # (name, description, statements)
HCL = hcl2.SerializationOptions(strip_string_quotes=True)


def hcl_string(value: str) -> str:
    """An HCL string literal's value (python-hcl2 keeps the `$${`/`%%{` template escapes)."""
    return value.replace("$${", "${").replace("%%{", "%{")


def _cfn(node, values: dict, conditions: dict):
    """A CloudFormation value with Ref, Fn::Equals, Fn::Not, Fn::Join and Condition evaluated."""
    if not (isinstance(node, dict) and len(node) == 1):
        return node
    (function, argument), = node.items()
    if function == "Ref":
        return values[argument]
    if function == "Condition":
        return conditions[argument]
    evaluated = [_cfn(a, values, conditions) for a in argument] if isinstance(argument, list) else argument
    if function == "Fn::Equals":
        return evaluated[0] == evaluated[1]
    if function == "Fn::Not":
        return not evaluated[0]
    if function == "Fn::Join":
        return evaluated[0].join(evaluated[1])
    return node


def cloudformation_policies(text: str, parameters: dict[str, str]) -> list[Policy]:
    """The managed policies a stack of this template makes and attaches to its role."""
    template = yaml.safe_load(text)
    values = {}
    for name, spec in template["Parameters"].items():
        value = parameters.get(name, spec.get("Default"))
        values[name] = value.split(",") if spec["Type"] == "CommaDelimitedList" else value
    conditions: dict[str, bool] = {}
    for name, condition in template.get("Conditions", {}).items():
        conditions[name] = _cfn(condition, values, conditions)
    role = next(key for key, r in template["Resources"].items() if r["Type"] == "AWS::IAM::Role")
    policies = []
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::IAM::ManagedPolicy" or not conditions.get(
                resource.get("Condition"), True):
            continue
        props = resource["Properties"]
        assert props["Roles"] == [{"Ref": role}]
        name = props["ManagedPolicyName"]["Fn::Sub"].replace("${RoleName}", values["RoleName"])
        policies.append((name, props["Description"], props["PolicyDocument"]["Statement"]))
    return policies


def _labelled(module: dict, kind: str, type_: str) -> dict[str, dict]:
    """A module's `kind "type_" "name"` blocks by name."""
    return {name: body for entry in module.get(kind, []) for name, body in entry.get(type_, {}).items()}


def _count(expression: str | None, values: dict) -> bool:
    """Whether a resource of this `count` (`${var.x != "" ? 1 : 0}` and the like) exists."""
    if expression is None:
        return True
    condition = re.fullmatch(r"\$\{(.+) \? 1 : 0\}", expression)[1]
    for pattern, test in ((r"var\.(\w+)", lambda v: v is True),
                          (r'var\.(\w+) != ""', lambda v: v != ""),
                          (r"length\(var\.(\w+)\) > 0", lambda v: len(v) > 0)):
        if match := re.fullmatch(pattern, condition):
            return test(values[match[1]])
    raise AssertionError(f"a count this reader does not know: {expression}")


def terraform_policies(text: str, variables: dict) -> list[Policy]:
    """The managed policies `terraform apply` of this module makes and attaches."""
    module = hcl2.loads(text, serialization_options=HCL)
    values = {name: variables.get(name, body.get("default"))
              for entry in module["variable"] for name, body in entry.items()}
    documents = _labelled(module, "data", "aws_iam_policy_document")
    attachments = _labelled(module, "resource", "aws_iam_role_policy_attachment")
    policies = []
    for name, body in _labelled(module, "resource", "aws_iam_policy").items():
        # An attachment exists exactly when its policy does (else a plan fails on the index).
        attachment = attachments[name]
        assert attachment.get("count") == body.get("count"), name
        if not _count(body.get("count"), values):
            continue
        assert attachment["role"] == "${aws_iam_role.archera.name}"
        assert attachment["policy_arn"] in (f"${{aws_iam_policy.{name}.arn}}",
                                            f"${{aws_iam_policy.{name}[0].arn}}")
        document = re.fullmatch(r"\$\{data\.aws_iam_policy_document\.(\w+)\.json\}", body["policy"])
        statements = [{"Sid": s["sid"], "Effect": s["effect"], "Action": s["actions"],
                       **({"Resource": s["resources"]} if "resources" in s else
                          {"NotResource": s["not_resources"]})}
                      for s in documents[document[1]]["statement"]]
        policies.append((hcl_string(body["name"]).replace("${var.role_name}", values["role_name"]),
                         hcl_string(body["description"]), statements))
    return policies


def _listed(statements: list[dict]) -> list[dict]:
    """Statements with every Action and Resource a list, as formats differ only so."""
    return [{k: [v] if k not in ("Sid", "Effect") and isinstance(v, str) else v
             for k, v in s.items()} for s in statements]


def _parameters(env: dict[str, str]) -> dict[str, str]:
    """CloudFormation's names of create-role.sh's inputs: `INCLUDE_X` -> `IncludeX`."""
    return {"".join(w.capitalize() for w in k.split("_")): v for k, v in env.items()}


def assert_formats_agree(site_root: Path, data, credential_id: str, workdir: Path) -> None:
    """JSON, CloudFormation, Terraform and (against moto) the CLI make the same block policies."""
    # For every choice of optional blocks, the three files; the CLI with every block on.
    from deploy_aws import aws_state, run  # moto only for the one run
    from deploy_expectations import downloads, fill, inputs, suffix, switched_on
    from emulator import MotoServer

    credential = data.credentials[credential_id]
    folder = site_root / "policies" / credential_id
    optional = [b.id for b in credential.blocks if b.optional]
    role = credential.role_name
    cfn_text, tf_text = (folder / "cloudformation.yaml").read_text(), (folder / "main.tf").read_text()
    for n in range(len(optional) + 1):
        for chosen in itertools.combinations(optional, n):
            env = inputs(**{f"INCLUDE_{b.upper().replace('-', '_')}": str(b in chosen).lower()
                            for b in optional})
            json_policies = {f"{role}-{suffix(stem)}": _listed(document["Statement"])
                             for stem, document in downloads(folder).items()
                             if switched_on(stem, document, env)}
            cfn = cloudformation_policies(cfn_text, _parameters(env))
            tf = terraform_policies(tf_text, {k.lower(): v == "true" for k, v in env.items()
                                              if k.startswith("INCLUDE_")})
            for found in (cfn, tf):
                assert {name: _listed(s) for name, _, s in found} == json_policies, chosen
            assert [(n, d) for n, d, _ in cfn] == [(n, d) for n, d, _ in tf], chosen
            granted = {a for statements in json_policies.values() for s in statements
                       if s["Effect"] == "Allow" for a in s["Action"]}
            assert granted == {e.action for b in credential.blocks if not b.optional
                               or b.id in chosen for g in b.groups for e in g.actions}, chosen
    workdir.mkdir(parents=True, exist_ok=True)
    with MotoServer() as server:  # the last choice: every block on
        code, out, err = run(server, folder / "create-role.sh", env, workdir)
        assert code == 0, err
        made = aws_state(server)["policies"]
        assert {name: p["description"] for name, p in made.items()} == {
            name: description for name, description, _ in cfn}
        assert {name: p["document"] for name, p in made.items()} == {
            f"{role}-{suffix(stem)}": fill(document, env, role, role)
            for stem, document in downloads(folder).items() if switched_on(stem, document, env)}

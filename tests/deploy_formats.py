"""Read back what each deployment format creates, the way AWS would, for a chosen set of inputs.

Each reader returns the managed policies a format would create and attach, as
`(policy name, description, [statements])`; `assert_formats_agree` compares the formats with each
other and with the data, for every choice of optional blocks.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import hcl2
import yaml

from archera_docs.iam.deployment import Deployment, deployment

Policy = tuple[str, str, list[dict]]
HCL = hcl2.SerializationOptions(strip_string_quotes=True)
EXTERNAL_ID = "archera-test_id+=,.@:/-1"
ACCOUNT = "210987654321"  # stands in for Archera's account while the data holds a placeholder


def cloudformation_policies(text: str, parameters: dict[str, str]) -> list[Policy]:
    """The managed policies a stack of this template creates and attaches to its role."""
    template = yaml.safe_load(text)
    values = {name: parameters.get(name, spec.get("Default"))
              for name, spec in template["Parameters"].items()}
    conditions = {}
    for name, condition in template.get("Conditions", {}).items():
        (ref, expected), = [condition["Fn::Equals"]]
        conditions[name] = values[ref["Ref"]] == expected
    role = next(key for key, r in template["Resources"].items() if r["Type"] == "AWS::IAM::Role")
    policies = []
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::IAM::ManagedPolicy":
            continue
        if not conditions.get(resource.get("Condition"), True):
            continue
        props = resource["Properties"]
        assert props["Roles"] == [{"Ref": role}]
        policies.append((props["ManagedPolicyName"], props["Description"],
                         props["PolicyDocument"]["Statement"]))
    return policies


def hcl_string(value: str) -> str:
    """An HCL string literal's value (python-hcl2 keeps the `$${`/`%%{` template escapes)."""
    return value.replace("$${", "${").replace("%%{", "%{")


def _labelled(module: dict, kind: str, type_: str) -> dict[str, dict]:
    found = {}
    for entry in module.get(kind, []):
        for name, body in entry.get(type_, {}).items():
            found[name] = body
    return found


def terraform_policies(text: str, variables: dict[str, bool]) -> list[Policy]:
    """The managed policies `terraform apply` of this module creates and attaches."""
    module = hcl2.loads(text, serialization_options=HCL)
    values = {name: variables.get(name, body.get("default"))
              for entry in module["variable"] for name, body in entry.items()}
    documents = _labelled(module, "data", "aws_iam_policy_document")
    attachments = _labelled(module, "resource", "aws_iam_role_policy_attachment")

    def created(body: dict) -> bool:
        if "count" not in body:
            return True
        match = re.fullmatch(r"\$\{var\.(\w+) \? 1 : 0\}", body["count"])
        assert match, body["count"]
        return values[match[1]] is True

    policies = []
    for name, body in _labelled(module, "resource", "aws_iam_policy").items():
        # An attachment exists exactly when its policy does (else a plan fails on the index).
        assert attachments[name].get("count") == body.get("count"), name
        if not created(body):
            continue
        document = re.fullmatch(r"\$\{data\.aws_iam_policy_document\.(\w+)\.json\}", body["policy"])
        attachment = attachments[name]
        assert created(attachment) and attachment["role"] == "${aws_iam_role.archera.name}"
        assert attachment["policy_arn"] in (f"${{aws_iam_policy.{name}.arn}}",
                                            f"${{aws_iam_policy.{name}[0].arn}}")
        statements = [{"Sid": s["sid"], "Effect": s["effect"], "Action": s["actions"],
                       "Resource": s["resources"]} for s in documents[document[1]]["statement"]]
        policies.append((hcl_string(body["name"]), hcl_string(body["description"]), statements))
    return policies


STUB = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["AWS_CALLS"], "a") as log:
    log.write(json.dumps(args) + "\\n")
if args[:2] == ["iam", "create-policy"]:
    print("arn:aws:iam::000000000000:policy/" + args[args.index("--policy-name") + 1])
if args[:2] == ["iam", "create-role"]:
    print("arn:aws:iam::000000000000:role/" + args[args.index("--role-name") + 1])
if args[:2] == ["sts", "get-caller-identity"]:
    print("000000000000")
if args[:2] == ["iam", "get-policy"]:  # EXISTING_POLICIES: the policy names the account holds
    name = args[args.index("--policy-arn") + 1].rsplit("/", 1)[-1]
    sys.exit(0 if name in os.environ.get("EXISTING_POLICIES", "").split(",") else 254)
"""


def run_script(script: Path, env: dict[str, str],
               workdir: Path) -> tuple[int, str, list[list[str]]]:
    """Run the CLI script with a stand-in `aws` recording its calls: (exit code, stderr, calls).

    ARCHERA_ACCOUNT_ID is set to ACCOUNT unless `env` says otherwise."""
    bin_dir = workdir / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    stub = bin_dir / "aws"
    stub.write_text(STUB.format(python=sys.executable))
    stub.chmod(0o755)
    log = workdir / "calls.jsonl"
    log.write_text("")
    result = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=60, cwd=workdir,
        env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "AWS_CALLS": str(log),
             "ARCHERA_ACCOUNT_ID": ACCOUNT, **env})
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    return result.returncode, result.stderr, calls


def option(call: list[str], name: str) -> str:
    """The value that follows `name` in a recorded call."""
    return call[call.index(name) + 1]


def cli_policies(calls: list[list[str]]) -> list[Policy]:
    """The managed policies the recorded calls created and attached to the created role."""
    role = option(next(c for c in calls if c[:2] == ["iam", "create-role"]), "--role-name")
    attached = {option(c, "--policy-arn") for c in calls if c[:2] == ["iam", "attach-role-policy"]
                and option(c, "--role-name") == role}
    policies = []
    for call in (c for c in calls if c[:2] == ["iam", "create-policy"]):
        name = option(call, "--policy-name")
        assert f"arn:aws:iam::000000000000:policy/{name}" in attached, name
        document = json.loads(option(call, "--policy-document"))
        policies.append((name, option(call, "--description"), document["Statement"]))
    assert len(attached) == len(policies)
    return policies


def actions(policies: list[Policy]) -> set[str]:
    """Every action the policies grant, as written."""
    return {a for _, _, statements in policies for s in statements
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}


def normalised(policies: list[Policy]) -> list[Policy]:
    """Policies with every Action and Resource as a list, to compare formats that differ only so."""
    def listed(value):
        return [value] if isinstance(value, str) else list(value)
    return [(name, description, [{**s, "Action": listed(s["Action"]),
                                  "Resource": listed(s["Resource"])} for s in statements])
            for name, description, statements in policies]


def variants(plan: Deployment) -> list[frozenset[str]]:
    """Every combination of the credential's optional blocks, switched on or off."""
    ids = [t.block.id for t in plan.toggles]
    return [frozenset(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]


def data_actions(plan: Deployment, chosen: frozenset[str]) -> set[str]:
    """The actions the data lists for a credential with the chosen optional blocks."""
    return {e.action for b in plan.credential.blocks if not b.optional or b.id in chosen
            for g in b.groups for e in g.actions}


def formats(site_root, plan: Deployment, chosen: frozenset[str], workdir) -> dict[str, list]:
    """The managed policies each built download creates, for one choice of optional blocks."""
    folder = site_root / "policies" / plan.credential_id
    json_policies = [(p.name, p.description,
                      json.loads((folder / f"{p.slug}.json").read_text())["Statement"])
                     for p in plan.policies if p.optional_block in chosen | {None}]
    on = [(t, t.block.id in chosen) for t in plan.toggles]
    cfn = cloudformation_policies(
        (folder / "cloudformation.yaml").read_text(),
        {"ExternalId": EXTERNAL_ID, "ArcheraAccountId": ACCOUNT,
         **{t.parameter: str(v).lower() for t, v in on}})
    tf = terraform_policies((folder / "main.tf").read_text(), {t.variable: v for t, v in on})
    code, stderr, calls = run_script(
        folder / "create-role.sh",
        {"EXTERNAL_ID": EXTERNAL_ID, **{t.environment: str(v).lower() for t, v in on}}, workdir)
    assert code == 0, stderr
    return {"JSON": json_policies, "CloudFormation": cfn, "Terraform": tf,
            "AWS CLI": cli_policies(calls)}


def assert_formats_agree(site_root, data, credential_id: str, workdir) -> None:
    """For every variant: each format grants the data's actions, in identical managed policies."""
    plan = deployment(data, credential_id)
    version = plan.credential.version
    for chosen in variants(plan):
        found = formats(site_root, plan, chosen, workdir / "-".join(sorted(chosen)))
        for name, policies in found.items():
            assert actions(policies) == data_actions(plan, chosen), (name, chosen)
            assert normalised(policies) == normalised(found["JSON"]), (name, chosen)
            for policy_name, description, statements in policies:
                assert all(s["Sid"].endswith(f"V{version}") for s in statements)

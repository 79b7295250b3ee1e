"""Deployment formats run against moto: the whole state they leave (IAM, SNS, EventBridge), an
`aws` on PATH that logs every call and fails a chosen one, a role built straight from the
expectation, CloudFormation stacks and Terraform runs; the module-scoped server fixtures."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import hcl2
import yaml

from deploy_expectations import all_off, all_on, camel, expected_state, inputs
from emulator import BIN, MotoServer, iam_state, run_script

TF_MIRROR = Path("/opt/tf-plugins")
TF_MISSING = ("no terraform binary" if not shutil.which("terraform") else
              f"no provider mirror at {TF_MIRROR}" if not TF_MIRROR.is_dir() else None)


def aws_state(server: MotoServer) -> dict:
    """IAM (emulator.iam_state) plus every SNS topic and subscription and EventBridge rule."""
    state = iam_state(server.iam())
    sns, events = server.client("sns"), server.client("events")
    state["topics"] = {t["TopicArn"]: {"policy": json.loads(sns.get_topic_attributes(
        TopicArn=t["TopicArn"])["Attributes"]["Policy"])} for t in sns.list_topics()["Topics"]}
    state["subscriptions"] = sorted([s["TopicArn"], s["Protocol"], s["Endpoint"]]
                                    for s in sns.list_subscriptions()["Subscriptions"])
    state["rules"] = {r["Name"]: {
        "pattern": json.loads(r.get("EventPattern", "null")), "state": r["State"],
        "description": r.get("Description"),
        "targets": sorted(t["Arn"] for t in events.list_targets_by_rule(Rule=r["Name"])["Targets"])}
        for r in events.list_rules()["Rules"]}
    return state


INJECTOR = """#!/usr/bin/env bash
printf '%s\\n' "${{*//$'\\n'/ }}" >> {log}
if [ "$1 $2" = {call} ]; then
  n=$(( $(cat {count}) + 1 )); echo "$n" > {count}
  if [ "$n" = {at} ]; then
    echo "An error occurred (InjectedFault) when calling $1 $2: injected by the test" >&2
    exit 255
  fi
fi
exec {real} "$@"
"""


class Injector:
    """An `aws` first on PATH logging every call; the `at`-th `fail` call exits 255, not run."""

    def __init__(self, folder: Path, fail: str = "", at: int = 1) -> None:
        self.bin, self.log = folder / "injector", folder / "calls.log"
        self.bin.mkdir(parents=True, exist_ok=True)
        self.log.write_text("")
        (folder / "count").write_text("0")
        script = self.bin / "aws"
        script.write_text(INJECTOR.format(log=shlex.quote(str(self.log)), call=shlex.quote(fail),
                                          count=shlex.quote(str(folder / "count")), at=at,
                                          real=shlex.quote(str(BIN / "aws"))))
        script.chmod(0o755)

    def env(self, env: dict[str, str]) -> dict[str, str]:
        """`env` with this `aws` first on PATH."""
        return {**env, "PATH": f"{self.bin}:{env['PATH']}"}

    def calls(self) -> list[str]:
        """Every call made so far, as `service operation --options...`."""
        return self.log.read_text().splitlines()


def run(server: MotoServer, script: Path, env: dict[str, str], cwd: Path,
        injector: Injector | None = None) -> tuple[int, str, str]:
    """Run a generated script against the server with `env` (and the injector's `aws`)."""
    full = server.env(**env)
    return run_script(script, injector.env(full) if injector else full, cwd)


def template(policies: Path, credential_id: str) -> dict:
    """A credential's CloudFormation template, parsed (it uses no short-form tags)."""
    return yaml.safe_load((policies / credential_id / "cloudformation.yaml").read_text())


def build(server: MotoServer, policies: Path, credential_id: str, env: dict[str, str]) -> dict:
    """Make what the inputs call for with boto3, as the expectation says; return that."""
    # Descriptions and the target's ID, which the expectation leaves open, as the template has them.
    before = aws_state(server)
    expected = expected_state(policies, credential_id, env, before)
    resources = template(policies, credential_id)["Resources"]
    described = {}
    for resource in resources.values():
        name = resource["Properties"].get("ManagedPolicyName", {}).get("Fn::Sub", "")
        described[name.removeprefix("${RoleName}-")] = resource["Properties"].get("Description")
    iam, sns, events = server.iam(), server.client("sns"), server.client("events")
    for role, spec in expected["roles"].items():
        if role in before["roles"]:
            continue
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(spec["trust_policy"]),
                        Description=resources["Role"]["Properties"]["Description"])
        if spec["permissions_boundary"]:
            iam.put_role_permissions_boundary(RoleName=role,
                                              PermissionsBoundary=spec["permissions_boundary"])
        for arn in spec["attached"]:
            name = arn.rsplit("/", 1)[1]
            iam.create_policy(PolicyName=name, Description=described[name.removeprefix(f"{role}-")],
                              PolicyDocument=json.dumps(expected["policies"][name]["document"]))
            iam.attach_role_policy(RoleName=role, PolicyArn=arn)
    for name, rule in expected["rules"].items():
        if name in before["rules"]:
            continue
        topic = sns.create_topic(Name=name)["TopicArn"]
        sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps(
            {"Version": "2012-10-17", "Statement": [expected["topics"][topic]["policy"].statement]}))
        sns.subscribe(TopicArn=topic, Protocol="email",
                      Endpoint=next(s[2] for s in expected["subscriptions"] if s[0] == topic))
        alert = resources["AlertRule"]["Properties"]
        events.put_rule(Name=name, EventPattern=json.dumps(rule["pattern"]),
                        Description=alert["Description"])
        events.put_targets(Rule=name, Targets=[{"Id": alert["Targets"][0]["Id"], "Arn": topic}])
    assert aws_state(server) == expected
    return expected


def boundary_policy(server: MotoServer, name: str = "CustomerBoundary") -> str:
    """A policy of the customer's own to use as a permissions boundary; its ARN."""
    document = {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    return server.iam().create_policy(PolicyName=name,
                                      PolicyDocument=json.dumps(document))["Policy"]["Arn"]


def variant(server: MotoServer, policies: Path, credential_id: str, which: str,
            **given: str) -> dict[str, str]:
    """The inputs of a variant: every control "off", the "default"s, or all "on" (boundary made)."""
    if which == "on":
        return all_on(policies, credential_id, boundary_policy(server), **given)
    return all_off(policies, credential_id, **given) if which == "off" else inputs(**given)


def create_stack(server: MotoServer, policies: Path, credential_id: str, env: dict[str, str],
                 name: str = "archera") -> dict:
    """Deploy the credential's template with the inputs as parameters; the stack, described."""
    cfn = server.client("cloudformation")
    cfn.create_stack(StackName=name, Capabilities=["CAPABILITY_NAMED_IAM"],
                     TemplateBody=(policies / credential_id / "cloudformation.yaml").read_text(),
                     Parameters=[{"ParameterKey": parameter(k), "ParameterValue": v}
                                 for k, v in env.items()])
    cfn.get_waiter("stack_create_complete").wait(StackName=name,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    return cfn.describe_stacks(StackName=name)["Stacks"][0]


def canonical(value, key: str = ""):
    """IAM documents as IAM reads them: a lone value as a list, lists sorted (Terraform reorders)."""
    if isinstance(value, dict):
        return {k: canonical(v, k) for k, v in value.items()}
    if key == "Statement":
        return [canonical(s) for s in (value if isinstance(value, list) else [value])]
    if isinstance(value, (str, list)) and key not in ("Version", "Sid", "Effect"):
        return sorted([value] if isinstance(value, str) else value)
    return value


def canonical_state(state: dict) -> dict:
    """The state with every role's trust and every policy's document canonical."""
    return {**state,
            "roles": {n: {**r, "trust_policy": canonical(r["trust_policy"])}
                      for n, r in state["roles"].items()},
            "policies": {n: {**p, "document": canonical(p["document"])}
                         for n, p in state["policies"].items()}}


class Terraform:
    """A folder with one credential's main.tf, run against moto with the mirrored AWS provider."""

    def __init__(self, server: MotoServer, module: Path, work: Path) -> None:
        work.mkdir(parents=True, exist_ok=True)
        shutil.copy(module, work / "main.tf")
        (work / "cli.tfrc").write_text(
            f'provider_installation {{\n  filesystem_mirror {{\n    path = "{TF_MIRROR}"\n  }}\n}}\n')
        self.work = work
        self.env = server.env(CHECKPOINT_DISABLE="1", TF_CLI_CONFIG_FILE=str(work / "cli.tfrc"),
                              TF_IN_AUTOMATION="1", TF_INPUT="0")
        module_text = hcl2.loads(module.read_text(),
                                 serialization_options=hcl2.SerializationOptions(strip_string_quotes=True))
        self.lists = {name for entry in module_text["variable"] for name, body in entry.items()
                      if "list" in str(body.get("type"))}

    def variables(self, env: dict[str, str]) -> list[str]:
        """`-var` arguments for the inputs, a list input as an HCL list."""
        args = []
        for key, value in env.items():
            name = key.lower()
            if name in self.lists:
                value = json.dumps(value.split(",") if value else [])
            args += ["-var", f"{name}={value}"]
        return args

    def __call__(self, *args: str) -> subprocess.CompletedProcess:
        """`terraform ARGS -no-color` in the working folder."""
        return subprocess.run(["terraform", *args, "-no-color"], cwd=self.work, env=self.env,
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def parameter(name: str) -> str:
    """CloudFormation's name of an input: `INCLUDE_ORGANIZATION` -> `IncludeOrganization`."""
    return camel(name.lower().replace("_", "-"))

"""check-role.sh and update-role.sh, run with the real AWS CLI against moto: the check passes on a
fresh role and names exactly what differs; the update brings a role from version 1, from the
earlier policy names and from the trial credential to the current version (the check passes
after it), and a failure halfway puts back every version, attachment and the boundary."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest

from deploy_aws import (Injector, aws_state, boundary_policy, build, run, variant)
from deploy_expectations import (MOTO_ACCOUNT, PARTITION, RAW, actions_of, all_off, block_sid,
                                 expected_state, inputs, role_of)

PASSED = "The role grants exactly the current version."



def arn_of(name: str) -> str:
    """A customer-managed policy's ARN in moto's account."""
    return f"arn:{PARTITION}:iam::{MOTO_ACCOUNT}:policy/{name}"


def version_actions(credential_id: str, version: int) -> dict[str, list[str]]:
    """Each block's actions at `version`, replayed from the raw history."""
    state: dict[str, list[str]] = {}
    for release in RAW["credentials"][credential_id]["history"]:
        if release["version"] > version:
            break
        for block, removed in release.get("removed", {}).items():
            state[block] = [a for a in state[block] if a not in removed]
        for block, added in release.get("added", {}).items():
            state.setdefault(block, []).extend(added)
    return {block: actions for block, actions in state.items() if actions}


def version_one(credential_id: str, optional: bool = False) -> dict:
    """Version 1 of the required blocks' policy (or of the optional ones), from the raw history."""
    blocks = {b["id"]: b.get("optional", False) for b in RAW["credentials"][credential_id]["blocks"]}
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": block_sid(credential_id, block, 1), "Effect": "Allow", "Action": actions,
         "Resource": "*"} for block, actions in version_actions(credential_id, 1).items()
        if blocks[block] == optional]}


def policy(aws, name: str, document: dict, role: str | None = None) -> str:
    """Create a policy (attached to `role`, if given); its ARN."""
    arn = aws.iam().create_policy(PolicyName=name, PolicyDocument=json.dumps(document))["Policy"]["Arn"]
    if role:
        aws.iam().attach_role_policy(RoleName=role, PolicyArn=arn)
    return arn


def set_document(aws, arn: str, document: dict, versions: int = 1) -> None:
    """Make `document` the policy's default, with `versions` versions in all (the others older)."""
    iam = aws.iam()
    old = [v["VersionId"] for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(document), SetAsDefault=True)
    for version in old:
        iam.delete_policy_version(PolicyArn=arn, VersionId=version)
    for _ in range(versions - 1):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(
            {**document, "Statement": document["Statement"][:1]}))


def script(aws, policies: Path, credential_id: str, name: str, tmp_path: Path,
           injector: Injector | None = None, **env: str) -> tuple[int, str, str]:
    """Run one of a credential's scripts with only the given inputs."""
    return run(aws, policies / credential_id / f"{name}-role.sh", env, tmp_path, injector)


@pytest.mark.parametrize("which", ["off", "on"])
def test_check_passes_on_a_fresh_role(aws, policies, which, tmp_path):
    build(aws, policies, "production", variant(aws, policies, "production", which))
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    # A role made without the guardrail passes, and the verdict says what it lacks.
    verdict = PASSED if which == "on" else PASSED.replace(".", ", without the guardrail.")
    assert (code, err) == (0, "") and out.splitlines()[-1] == verdict, out
    guardrail = re.search(r"^  guardrail \(ArcheraAccess-Guardrails\): (.*)$", out, re.M)
    assert guardrail and (guardrail.group(1) == "not attached") == (which == "off"), out


@pytest.mark.parametrize("credential_id, change", [("trial", "missing"), ("production", "extra")])
def test_check_names_exactly_the_action_that_differs(aws, policies, credential_id, change, tmp_path):
    made = build(aws, policies, credential_id, all_off(policies, credential_id))
    name = f"{role_of(credential_id, {})}-Permissions"
    document = copy.deepcopy(made["policies"][name]["document"])
    actions = document["Statement"][-1]["Action"]
    if change == "missing":
        action = actions.pop(0)
    else:
        action = "s3:GetObject"  # not granted by the credential
        assert action.lower() not in {a.lower() for a in actions_of(document)}
        actions.append(action)
    set_document(aws, arn_of(name), document)
    code, out, err = script(aws, policies, credential_id, "check", tmp_path)
    assert code == 1 and PASSED not in out
    found = {kind: words.split() for kind, words in re.findall(r"^ +(missing|extra): (.*)$", out, re.M)}
    assert found == {change: [action]}, out  # named as AWS (or the policy) spells it


def test_check_names_a_policy_that_is_not_archeras(aws, policies, tmp_path):
    build(aws, policies, "production", all_off(policies, "production"))
    policy(aws, "CustomerExtra", version_one("trial"), role_of("production", {}))
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    assert code == 1 and PASSED not in out
    assert [line for line in out.splitlines() if "CustomerExtra" in line]


def test_check_simulate_needs_simulate_principal_policy(aws, policies, tmp_path):
    build(aws, policies, "production", inputs())
    try:
        aws.iam().simulate_principal_policy(
            PolicySourceArn=f"arn:{PARTITION}:iam::{MOTO_ACCOUNT}:role/{role_of('production', {})}",
            ActionNames=["sts:GetCallerIdentity"])
    except Exception as error:  # moto answers with an HTML page of its own
        pytest.skip(f"moto gap: no iam:SimulatePrincipalPolicy ({type(error).__name__}: "
                    f"{str(error).splitlines()[0]}), so check-role.sh --simulate cannot run here")
    result = subprocess.run(["bash", str(policies / "production" / "check-role.sh"), "--simulate"],
                            env=aws.env(), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Every action the credential needs is allowed." in result.stdout


def version_one_role(aws, policies: Path, versions: int = 1) -> dict:
    """The production role as version 1 made it, the guardrail not there yet; the state."""
    build(aws, policies, "production", all_off(policies, "production"))
    role = role_of("production", {})
    set_document(aws, arn_of(f"{role}-Permissions"), version_one("production"), versions)
    aws.iam().update_role(RoleName=role, Description="The role Archera uses")
    return aws_state(aws)


def test_update_from_version_one_then_check_passes(aws, policies, tmp_path):
    version_one_role(aws, policies)
    code, out, err = script(aws, policies, "production", "update", tmp_path)
    assert code == 0, err
    expected = expected_state(policies, "production", inputs())
    expected["policies"][f"{role_of('production', {})}-Permissions"]["versions"] = 2
    assert aws_state(aws) == expected
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    assert code == 0 and out.splitlines()[-1] == PASSED, out


def test_update_replaces_the_earlier_names_and_leaves_the_customers_own(aws, policies, tmp_path):
    role = role_of("production", {})
    build(aws, policies, "production", all_off(policies, "production"))
    aws.iam().detach_role_policy(RoleName=role, PolicyArn=arn_of(f"{role}-Permissions"))
    aws.iam().delete_policy(PolicyArn=arn_of(f"{role}-Permissions"))
    earlier = [policy(aws, "ArcheraProduction", version_one("production"), role),
               policy(aws, "ArcheraProductionOrganization", version_one("production", True), role)]
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
    own = [policy(aws, "CustomerAudit", {"Version": "2012-10-17", "Statement": [
               {**statement, "Sid": "CustomerReadOnly"}]}, role),
           policy(aws, "CustomerMixed", {"Version": "2012-10-17", "Statement": [  # one Sid lacking
               {**statement, "Sid": "ArcheraLookalikeV1"}, statement]}, role)]
    before = aws_state(aws)
    code, out, err = script(aws, policies, "production", "update", tmp_path,
                            INCLUDE_ORGANIZATION="true")
    assert code == 0, err
    expected = expected_state(policies, "production", inputs(INCLUDE_ORGANIZATION="true"), before)
    expected["roles"][role]["attached"] = sorted(expected["roles"][role]["attached"] + own)
    for arn in earlier:
        expected["policies"][arn.rsplit("/", 1)[1]]["attachment_count"] = 0
    assert aws_state(aws) == expected
    assert all(re.search(rf"^Left as it is: {arn.rsplit('/', 1)[1]}\b", out, re.M) for arn in own)
    for arn in own:
        aws.iam().detach_role_policy(RoleName=role, PolicyArn=arn)
    code, out, err = script(aws, policies, "production", "check", tmp_path)
    assert code == 0 and out.splitlines()[-1] == PASSED, out


def test_update_moves_the_trial_role_to_production_in_place(aws, policies, tmp_path):
    role = role_of("trial", {})
    build(aws, policies, "trial", all_off(policies, "trial"))
    code, out, err = script(aws, policies, "production", "update", tmp_path, ROLE_NAME=role)
    assert code == 0, err
    expected = expected_state(policies, "production", inputs(ROLE_NAME=role))
    expected["policies"][f"{role}-Permissions"]["versions"] = 2
    assert aws_state(aws) == expected
    code, out, err = script(aws, policies, "production", "check", tmp_path, ROLE_NAME=role)
    assert code == 0 and out.splitlines()[-1] == PASSED, out


def test_a_failed_update_puts_back_everything_it_changed(aws, policies, tmp_path):
    version_one_role(aws, policies, versions=5)  # its oldest version must make room
    policy(aws, "ArcheraProductionOrganization", version_one("production", True),
           role_of("production", {}))
    env = {"INCLUDE_ORGANIZATION": "true", "PERMISSIONS_BOUNDARY_ARN": boundary_policy(aws)}
    before = aws_state(aws)
    injector = Injector(tmp_path, "iam update-role")  # its last call: every change is undone
    code, out, err = script(aws, policies, "production", "update", tmp_path, injector, **env)
    assert code == 255 and "InjectedFault" in err and "putting back" in err
    assert aws_state(aws) == before


def test_update_stops_at_once_when_it_cannot_learn_the_account(aws, policies, tmp_path):
    before = build(aws, policies, "trial", all_off(policies, "trial"))
    injector = Injector(tmp_path, "sts get-caller-identity")
    code, out, err = script(aws, policies, "production", "update", tmp_path, injector,
                            ROLE_NAME=role_of("trial", {}))
    assert code == 255 and "InjectedFault" in err
    assert [call.split()[:2] for call in injector.calls()] == [["sts", "get-caller-identity"]]
    assert aws_state(aws) == before

"""create-role.sh's calls in the order they are made, against moto with the real AWS CLI: every
input it can check with AWS checked before its first change, and the fences (the policies that
only deny) attached before any policy that allows, so that a run stopped at any moment leaves no
Allow unfenced."""

from __future__ import annotations

from deploy_aws import Injector, aws_state, run, variant
from deploy_expectations import MOTO_ACCOUNT, PARTITION, downloads, suffix


def _denies_only(policies, credential_id: str, policy_name: str) -> bool:
    """Whether a download, named as the role's policy is (`ArcheraAccess-Guardrails`), only denies."""
    stem = {suffix(stem): stem for stem in downloads(policies / credential_id)}[policy_name.split("-", 1)[1]]
    document = downloads(policies / credential_id)[stem]
    return all(statement["Effect"] == "Deny" for statement in document["Statement"])


def test_every_deny_is_attached_before_any_allow(aws, policies, tmp_path):
    """A create-role.sh stopped at any moment leaves no Allow without the fences beside it."""
    injector = Injector(tmp_path)
    env = variant(aws, policies, "production", "on")
    code, out, err = run(aws, policies / "production" / "create-role.sh", env, tmp_path, injector)
    assert code == 0, err
    attached = [call.rsplit("/", 1)[1] for call in injector.calls()
                if call.startswith("iam attach-role-policy ")]
    fences = [_denies_only(policies, "production", name) for name in attached]
    assert True in fences and False in fences, attached
    assert fences == sorted(fences, reverse=True), attached  # every Deny, then every Allow



def test_a_boundary_that_names_no_policy_is_refused_before_any_change(aws, policies, tmp_path):
    missing = f"arn:{PARTITION}:iam::{MOTO_ACCOUNT}:policy/NoSuchBoundary"
    env = {**variant(aws, policies, "production", "on"), "PERMISSIONS_BOUNDARY_ARN": missing}
    before = aws_state(aws)
    injector = Injector(tmp_path)
    code, out, err = run(aws, policies / "production" / "create-role.sh", env, tmp_path, injector)
    assert code == 1 and f"Nothing was created: no policy {missing}" in err, err
    assert aws_state(aws) == before
    changes = [c for c in injector.calls() if not c.split()[1].startswith(("get-", "list-", "describe-"))]
    assert changes == [], changes


def test_trusting_the_account_itself_is_refused_before_any_change(aws, policies, tmp_path):
    # moto's own account is one of AWS's examples, refused already: act in another account,
    # as moto does with a role assumed there.
    other = "210987654322"
    keys = aws.client("sts").assume_role(RoleArn=f"arn:{PARTITION}:iam::{other}:role/Admin",
                                         RoleSessionName="test")["Credentials"]
    env = {**variant(aws, policies, "trial", "on"), "ARCHERA_ACCOUNT_ID": other,
           "AWS_ACCESS_KEY_ID": keys["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": keys["SecretAccessKey"],
           "AWS_SESSION_TOKEN": keys["SessionToken"]}
    before = aws_state(aws)
    injector = Injector(tmp_path)
    code, out, err = run(aws, policies / "trial" / "create-role.sh", env, tmp_path, injector)
    assert code == 1 and f"ARCHERA_ACCOUNT_ID is this account's own ID ({other})" in err, err
    assert aws_state(aws) == before
    assert [c.split()[:2] for c in injector.calls()] == [["sts", "get-caller-identity"]]

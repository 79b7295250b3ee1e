"""The CloudFormation templates as moto's CloudFormation deploys them and the Terraform modules
applied against moto with the AWS provider: each makes the state create-role.sh's expectation
describes, and with every input on the three formats make the very same state."""

from __future__ import annotations

from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from deploy_aws import (TF_MISSING, Terraform, aws_state, boundary_policy, canonical_state,
                        create_stack, run, template, variant)
from deploy_expectations import (MOTO_ACCOUNT, PARTITION, all_off, all_on, expected_state,
                                 role_of)

VARIANTS = [(c, w) for c in ("trial", "production") for w in ("off", "on")]
GAP = "Tried to parse {} but it's not supported by moto's CloudFormation implementation"
needs_terraform = pytest.mark.skipif(TF_MISSING is not None, reason=f"{TF_MISSING}: the Terraform "
                                     "module cannot be applied here")



def delivered_apart(state: dict) -> dict:
    """The state but the alert's subscription and topic policy (moto's CloudFormation: a gap)."""
    return {**state, "subscriptions": [], "topics": {arn: {} for arn in state["topics"]}}


@pytest.mark.parametrize("credential_id, which", VARIANTS)
def test_stack_makes_the_expected_state(aws, policies, credential_id, which):
    env = variant(aws, policies, credential_id, which)
    before = aws_state(aws)
    stack = create_stack(aws, policies, credential_id, env)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert [o["OutputValue"] for o in stack["Outputs"]] == [
        f"arn:{PARTITION}:iam::{MOTO_ACCOUNT}:role/{role_of(credential_id, env)}"]
    expected = expected_state(policies, credential_id, env, before)
    assert delivered_apart(aws_state(aws)) == delivered_apart(expected)


def test_stack_alert_delivery(aws, policies):
    env = variant(aws, policies, "production", "on")
    expected = expected_state(policies, "production", env, aws_state(aws))
    create_stack(aws, policies, "production", env)
    state = aws_state(aws)
    resources = template(policies, "production")["Resources"]
    kinds = {r["Type"]: r for r in resources.values()}
    subscription = kinds["AWS::SNS::Subscription"]["Properties"]
    assert (subscription["Protocol"], subscription["Endpoint"]) == ("email", {"Ref": "AlertEmail"})
    topic = next(k for k, r in resources.items() if r["Type"] == "AWS::SNS::Topic")
    statement = kinds["AWS::SNS::TopicPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert [{k: v for k, v in s.items() if k != "Sid"} for s in statement] == [{
        "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
        "Action": "sns:Publish", "Resource": {"Ref": topic},
        "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["AlertRule", "Arn"]}}}}]
    gaps = [kind for kind in ("AWS::SNS::Subscription", "AWS::SNS::TopicPolicy")
            if GAP.format(kind) in aws.output()]
    if gaps and state != expected:
        pytest.skip("moto gap: " + "; ".join(repr(GAP.format(kind)) for kind in gaps)
                    + " (the stack is CREATE_COMPLETE without them)")
    assert state == expected


def test_stack_delete_removes_everything(aws, policies):
    env = variant(aws, policies, "production", "on")
    before = aws_state(aws)
    create_stack(aws, policies, "production", env)
    try:
        aws.client("cloudformation").delete_stack(StackName="archera")
    except ClientError as error:
        after = aws_state(aws)
        assert (after["topics"], after["subscriptions"], after["rules"]) == (
            before["topics"], before["subscriptions"], before["rules"])
        left = sorted(set(after["roles"]) | (set(after["policies"]) - set(before["policies"])))
        pytest.skip(f"moto gap: DeleteStack fails ({error}): moto does not delete "
                    f"AWS::IAM::ManagedPolicy, so the role keeps them and stays; left: {left}")
    aws.client("cloudformation").get_waiter("stack_delete_complete").wait(StackName="archera")
    assert aws_state(aws) == before


@pytest.fixture(scope="module")
def terraform_runs(server, policies, tmp_path_factory):
    """Per credential, run once: what terraform_sequence found."""
    runs: dict[str, dict] = {}

    def of(credential_id: str) -> dict:
        """The run of one credential."""
        if credential_id not in runs:  # a failure too is kept, not run again for each test
            try:
                runs[credential_id] = terraform_sequence(
                    server, policies, credential_id, tmp_path_factory.mktemp(f"tf-{credential_id}"))
            except AssertionError as failure:
                runs[credential_id] = failure
        if isinstance(runs[credential_id], AssertionError):
            raise runs[credential_id]
        return runs[credential_id]
    return of


def terraform_sequence(server, policies: Path, credential_id: str, work: Path) -> dict:
    """Run the module through its life; the state before and after each step."""
    server.reset()
    tf = Terraform(server, policies / credential_id / "main.tf", work)
    boundary = boundary_policy(server)
    found = {"before": aws_state(server)}
    for args in (["init", "-input=false"], ["validate"]):
        done = tf(*args)
        assert done.returncode == 0, f"terraform {args[0]}:\n{done.stdout}\n{done.stderr}"
    for which, env in (("off", all_off(policies, credential_id)),
                       ("on", all_on(policies, credential_id, boundary))):
        done = tf("apply", "-auto-approve", "-input=false", *tf.variables(env))
        assert done.returncode == 0, f"terraform apply ({which}):\n{done.stdout}\n{done.stderr}"
        plan = tf("plan", "-detailed-exitcode", "-input=false", *tf.variables(env))
        found[which] = {"env": env, "state": aws_state(server), "plan": plan.returncode,
                        "plan output": plan.stdout + plan.stderr}
    done = tf("destroy", "-auto-approve", "-input=false", *tf.variables(env))
    assert done.returncode == 0, f"terraform destroy:\n{done.stdout}\n{done.stderr}"
    found["destroyed"] = aws_state(server)
    return found


@needs_terraform
@pytest.mark.parametrize("credential_id, which", VARIANTS)
def test_terraform_apply_makes_the_expected_state_and_plans_nothing_after(
        terraform_runs, policies, credential_id, which):
    run_ = terraform_runs(credential_id)
    applied = run_[which]
    expected = expected_state(policies, credential_id, applied["env"], run_["before"])
    assert canonical_state(applied["state"]) == canonical_state(expected)
    assert applied["plan"] == 0, applied["plan output"]


@needs_terraform
@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_terraform_destroy_leaves_nothing(terraform_runs, credential_id):
    run_ = terraform_runs(credential_id)
    assert run_["destroyed"] == run_["before"]


@needs_terraform
def test_the_three_formats_make_the_same_state_with_every_input_on(aws, policies, terraform_runs,
                                                                    tmp_path):
    terraform = terraform_runs("production")["on"]
    aws.reset()
    env = all_on(policies, "production", boundary_policy(aws))
    assert env == terraform["env"]
    code, out, err = run(aws, policies / "production" / "create-role.sh", env, tmp_path)
    assert code == 0, err
    cli = canonical_state(aws_state(aws))
    aws.reset()
    boundary_policy(aws)
    create_stack(aws, policies, "production", env)
    stack = canonical_state(aws_state(aws))
    assert cli == canonical_state(terraform["state"])
    assert delivered_apart(cli) == delivered_apart(stack)
    assert [r["pattern"] for r in cli["rules"].values()] == [
        r["pattern"] for r in stack["rules"].values()] == [
        r["pattern"] for r in terraform["state"]["rules"].values()]

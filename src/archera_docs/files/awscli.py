"""A credential's deployment as a bash script of AWS CLI calls, every document inline.

The script checks its inputs and every name it would create before its first change, and on any
failure removes what it created before stopping: it either creates the whole role or nothing.
"""

from __future__ import annotations

from ..iam.deployment import Deployment, one_line
from ..iam.inputs import Input
from ..iam.policy import UNKNOWN_ACCOUNT, ManagedPolicy
from ..iam.templating import Sub
from .alerts import ALERT_SUFFIX, topic_policy
from .statements import fences_first
from .shell import (PRELUDE, REGION_LINES, UNDO_ON_FAILURE, fail, given, input_lines, json_word, policy_arn, quote,
                    role_name_lines, trust_input_lines, where_lines)

SCRIPT = "create-role.sh"


def run_command(plan: Deployment) -> str:
    """How to run the script; optional blocks stay off unless switched on."""
    account = "" if plan.known_account else f"ARCHERA_ACCOUNT_ID={UNKNOWN_ACCOUNT} "
    return f"{account}EXTERNAL_ID=YOUR_EXTERNAL_ID bash {SCRIPT}"


def _command(words: list[str], indent: str = "") -> str:
    return f" \\\n{indent}  ".join(words)


def input_help(items: list[Input]) -> list[str]:
    """Header comment lines naming every optional input given."""
    return [f"#   {item.environment}: {one_line(item.description)}"
            + (" Default: true." if item.kind == "switch" and item.default else "")
            for item in items]


def _absent(check: str, what: str, indent: str = "") -> list[str]:
    """Lines that add `what` to the conflicts when `check` (a read-only call) finds it."""
    return [f"{indent}if found=$({check} 2>&1); then",
            f'{indent}  conflicts+=("{what}")',
            f"{indent}elif [[ $found != *NoSuchEntity* && $found != *NotFound* && "
            f"$found != *ResourceNotFound* ]]; then",
            f'{indent}  echo "Could not check whether {what} exists: $found" >&2',
            f"{indent}  exit 1",
            f"{indent}fi"]


def _conditional(condition: str | None, lines: list[str]) -> list[str]:
    if condition is None:
        return lines
    return [f"if {condition}; then", *(f"  {line}" for line in lines), "fi"]


def _conflicts(plan: Deployment) -> list[str]:
    company = one_line(plan.company.name)
    lines = ['if [ "$archera_account_id" = "$account_id" ]; then',
             f'  echo "Nothing was created: ARCHERA_ACCOUNT_ID is this account\'s own ID ($account_id), '
             f'not {company}\'s: set it to the ID {company} gave you." >&2',
             "  exit 1",
             "fi",
             "conflicts=()",
             *_absent('aws iam get-role --role-name "$role_name"', "the role $role_name")]
    for policy in plan.policies:
        switch = plan.switch_of(policy)
        lines += _conditional(given(switch) if switch else None, _absent(
            f"aws iam get-policy --policy-arn {policy_arn(policy)}",
            f"the policy {policy.name('$role_name')}"))
    alert = plan.input("alert-email")
    if alert:
        lines += _conditional(given(alert), [
            *_absent(f'aws events describe-rule --name "$role_name-{ALERT_SUFFIX}"',
                     f"the EventBridge rule $role_name-{ALERT_SUFFIX}"),
            *_absent(f'aws sns get-topic-attributes --topic-arn '
                     f'"arn:$partition:sns:$region:$account_id:$role_name-{ALERT_SUFFIX}"',
                     f"the SNS topic $role_name-{ALERT_SUFFIX}")])
    boundary = plan.input("permissions-boundary-arn")
    lines += _conditional(given(boundary), [
        f'if ! aws iam get-policy --policy-arn "${boundary.variable}" >/dev/null 2>&1; then',
        f'  echo "Nothing was created: no policy ${boundary.variable} to set as the permissions '
        f'boundary ({boundary.environment} must be the ARN of a managed policy you can read)." >&2',
        "  exit 1",
        "fi"])
    lines += ['if (( ${#conflicts[@]} )); then',
              '  echo "Nothing was created: these names are taken already:" >&2',
              '  printf "  %s\\n" ${conflicts[@]+"${conflicts[@]}"} >&2',
              '  echo "Choose another ROLE_NAME, or update the existing role with update-role.sh." >&2',
              "  exit 1",
              "fi"]
    return lines


UNDO = [
    "# On any failure from here on, remove what this script created, newest first.",
    'created_role=""; created_policies=(); created_rule=""; created_topic=""',
    "undo() {",
    '  echo "Stopped before the end: removing what this script created." >&2',
    '  if [ -n "$created_rule" ]; then',
    '    aws events remove-targets --rule "$created_rule" --ids email >/dev/null 2>&1 || true',
    '    aws events delete-rule --name "$created_rule" >/dev/null 2>&1 &&',
    '      echo "  removed the rule $created_rule" >&2 ||',
    '      echo "  could not remove the rule $created_rule: delete it yourself" >&2',
    "  fi",
    '  if [ -n "$created_topic" ]; then',
    '    aws sns delete-topic --topic-arn "$created_topic" >/dev/null 2>&1 &&',
    '      echo "  removed the topic $created_topic" >&2 ||',
    '      echo "  could not remove the topic $created_topic: delete it yourself" >&2',
    "  fi",
    '  for arn in ${created_policies[@]+"${created_policies[@]}"}; do',
    '    aws iam detach-role-policy --role-name "$role_name" --policy-arn "$arn" >/dev/null 2>&1 || true',
    '    aws iam delete-policy --policy-arn "$arn" >/dev/null 2>&1 && echo "  removed $arn" >&2 ||',
    '      echo "  could not remove $arn: delete it yourself" >&2',
    "  done",
    '  if [ -n "$created_role" ]; then',
    '    aws iam delete-role --role-name "$role_name" >/dev/null 2>&1 &&',
    '      echo "  removed the role $role_name" >&2 ||',
    '      echo "  could not remove the role $role_name: delete it yourself" >&2',
    "  fi",
    "}",
    *UNDO_ON_FAILURE,
]


def _policy(policy: ManagedPolicy) -> list[str]:
    create = _command(["arn=$(aws iam create-policy",
                       f'--policy-name "{policy.name("$role_name")}"',
                       f"--description {quote(policy.description)}",
                       "--query Policy.Arn --output text",
                       f"--policy-document {json_word(policy.document)})"])
    return [f"# {policy.name('ROLE_NAME')}: {one_line(policy.description)}", create,
            'created_policies+=("$arn")',
            'aws iam attach-role-policy --role-name "$role_name" --policy-arn "$arn"']


def _alert_region(alert: Input) -> list[str]:
    """The alert lives in the CLI's Region: without one, stop before any call."""
    return [*REGION_LINES, f'if {given(alert)} && [ -z "$region" ]; then',
            *fail(f"{alert.environment} needs a Region for its rule and topic: set AWS_REGION."),
            "fi"]


def alert_lines(plan: Deployment) -> list[str]:
    """Create the alert: the topic, the email subscription, the rule and its target."""
    name = f"$role_name-{ALERT_SUFFIX}"
    rule_arn = Sub(f"arn:${{Partition}}:events:${{Region}}:${{Account}}:rule/${{RoleName}}-{ALERT_SUFFIX}")
    topic = Sub(f"arn:${{Partition}}:sns:${{Region}}:${{Account}}:${{RoleName}}-{ALERT_SUFFIX}")
    return [
        f'created_topic=$(aws sns create-topic --name "{name}" --query TopicArn --output text)',
        "aws sns set-topic-attributes --topic-arn \"$created_topic\" --attribute-name Policy "
        f"--attribute-value {json_word(topic_policy(plan, topic, rule_arn))}",
        'aws sns subscribe --topic-arn "$created_topic" --protocol email '
        '--notification-endpoint "$alert_email" >/dev/null',
        f'aws events put-rule --name "{name}" --event-pattern {json_word(plan.alert_pattern())} '
        '--description "Every purchase or organization change the role makes." >/dev/null',
        f'created_rule="{name}"',
        f'aws events put-targets --rule "{name}" --targets "Id=email,Arn=$created_topic" >/dev/null',
        'echo "Alerts go to $alert_email once the address confirms the subscription AWS mails it."',
    ]


def script(plan: Deployment) -> str:
    """The script: check its inputs and names, then create the role, each policy and the alert."""
    company = one_line(plan.company.name)
    boundary = plan.input("permissions-boundary-arn")
    alert = plan.input("alert-email")
    lines = [
        "#!/usr/bin/env bash",
        f"# {one_line(plan.role_description)}.",
        *(f"# {one_line(w)}" for w in plan.header_warnings),
        f"# Creates the IAM role {company} assumes, its managed policies and the controls you",
        "# choose, or nothing: it checks every input and name first, and removes what it",
        "# created if a step fails. Run it signed in to the account the role belongs in:",
        f"#   {run_command(plan)}",
        f"# ROLE_NAME overrides the role's name ({plan.role_name}); its policies are named after it.",
        "# Optional inputs:",
        *input_help(plan.inputs),
        *PRELUDE,
        *role_name_lines(plan), *trust_input_lines(plan), *input_lines(plan.inputs),
        *(_alert_region(alert) if alert else []),
        "",
        *where_lines(),
        "",
        *_conflicts(plan),
        "",
        *UNDO,
        "",
        f"trust_policy={json_word(plan.trust(Sub('${ExternalId}'), Sub('arn:${Partition}:iam::${ArcheraAccountId}:root')))}",
        _command(["aws iam create-role", '--role-name "$role_name"',
                  f"--description {quote(plan.role_description)}",
                  '--assume-role-policy-document "$trust_policy" >/dev/null']),
        'created_role="$role_name"',
        *_conditional(given(boundary), ['aws iam put-role-permissions-boundary --role-name '
                                        f'"$role_name" --permissions-boundary "${boundary.variable}"']),
    ]
    for policy in fences_first(plan.policies):  # the Denies in place before any Allow
        switch = plan.switch_of(policy)
        lines += ["", *_conditional(given(switch) if switch else None, _policy(policy))]
    if alert:
        lines += ["", *_conditional(given(alert), alert_lines(plan))]
    lines += ["", "trap - EXIT",
              'echo "Created arn:$partition:iam::$account_id:role/$role_name"',
              f"echo {quote(f'Give this ARN to {company}.')}"]
    return "\n".join(lines) + "\n"

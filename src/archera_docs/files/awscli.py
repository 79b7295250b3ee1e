"""A credential's deployment as a bash script of AWS CLI calls, every document inline."""

from __future__ import annotations

import re
import shlex

from ..iam.deployment import Deployment, one_line
from ..aws.identifiers import (ACCOUNT_ID, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX, EXTERNAL_ID_MIN,
                          EXTERNAL_ID_RULE)
from ..iam.policy import UNKNOWN_ACCOUNT, ManagedPolicy, account_principal, to_json

SCRIPT = "create-role.sh"
_MARKER = "EXTERNAL-ID-FROM-THE-ENVIRONMENT"
_ACCOUNT_MARKER = "ACCOUNT-FROM-THE-ENVIRONMENT"


def run_command(plan: Deployment) -> str:
    """How to run the script; optional blocks stay off unless switched on."""
    account = "" if plan.known_account else f"ARCHERA_ACCOUNT_ID={UNKNOWN_ACCOUNT} "
    return f"{account}EXTERNAL_ID=YOUR_EXTERNAL_ID bash {SCRIPT}"


def _command(words: list[str], indent: str = "") -> str:
    return f" \\\n{indent}  ".join(words)


def _trust_policy(plan: Deployment) -> str:
    """The trust policy as one shell word, with the validated $archera_account_id and
    $external_id spliced into it."""
    text = to_json(plan.trust(_MARKER, account_principal(plan.company, _ACCOUNT_MARKER))).rstrip("\n")
    word = ""
    for piece in re.split(f"({_MARKER}|{_ACCOUNT_MARKER})", text):
        if piece == _MARKER:
            word += '"$external_id"'
        elif piece == _ACCOUNT_MARKER:
            word += '"$archera_account_id"'
        elif piece:
            word += shlex.quote(piece)
    return word


def _policy(plan: Deployment, policy: ManagedPolicy, indent: str) -> list[str]:
    create = _command(["policy_arn=$(aws iam create-policy",
                       f"--policy-name {shlex.quote(policy.name)}",
                       f"--description {shlex.quote(policy.description)}",
                       "--query Policy.Arn --output text",
                       f"--policy-document {shlex.quote(to_json(policy.document).rstrip())})"],
                      indent)
    attach = 'aws iam attach-role-policy --role-name "$role_name" --policy-arn "$policy_arn"'
    return [f"{indent}# {policy.name}: {one_line(policy.description)}", indent + create,
            indent + attach]


def _fail(message: str, indent: str = "  ") -> list[str]:
    return [f"{indent}echo {shlex.quote(message)} >&2", f"{indent}exit 1"]


def _checks(plan: Deployment) -> list[str]:
    company = one_line(plan.company.name)
    lines = [
        'if [ -z "${EXTERNAL_ID:-}" ]; then',
        *_fail(f"Set EXTERNAL_ID to the External ID {one_line(plan.company.name)} gave you."),
        "fi",
        'external_id="$EXTERNAL_ID"',
        f"external_id_pattern={shlex.quote(f'^{EXTERNAL_ID_CHARS}+$')}",
        'if [[ ! $external_id =~ $external_id_pattern ]] || '
        f'(( ${{#external_id}} < {EXTERNAL_ID_MIN} || '
        f'${{#external_id}} > {EXTERNAL_ID_MAX} )); then',
        *_fail(f"EXTERNAL_ID must be {EXTERNAL_ID_RULE}."),
        "fi",
        f'archera_account_id="${{ARCHERA_ACCOUNT_ID:-{plan.known_account or ""}}}"',
        f'if [[ ! $archera_account_id =~ ^{ACCOUNT_ID}$ ]]; then',
        *_fail(f"Set ARCHERA_ACCOUNT_ID to {company}'s twelve-digit AWS account ID."),
        "fi",
    ]
    for toggle in plan.toggles:
        lines += [f'case "${toggle.variable}" in',
                  "  true | false) ;;",
                  f'  *) echo "{toggle.environment} must be true or false" >&2; exit 1 ;;',
                  "esac"]
    return lines


def script(plan: Deployment) -> str:
    """The script: check its inputs, create the role, then create and attach each policy."""
    company = one_line(plan.company.name)
    lines = [
        "#!/usr/bin/env bash",
        f"# {one_line(plan.role_description)}.",
        *(f"# {one_line(w)}" for w in plan.header_warnings),
        f"# Creates the IAM role {company} assumes and attaches its managed policies. Run it once,",
        "# signed in to the AWS account the role belongs in:",
        f"#   {run_command(plan)}",
        f"# ROLE_NAME overrides the role's name ({plan.role_name}).",
    ]
    lines += [f"# {t.environment}=true adds: {one_line(t.block.title)}." for t in plan.toggles]
    lines += [
        "set -euo pipefail",
        "",
        f'role_name="${{ROLE_NAME:-{plan.role_name}}}"',
    ]
    lines += [f'{t.variable}="${{{t.environment}:-false}}"' for t in plan.toggles]
    lines += _checks(plan)
    lines += [
        "",
        f"trust_policy={_trust_policy(plan)}",
        _command(["role_arn=$(aws iam create-role", '--role-name "$role_name"',
                  f"--description {shlex.quote(plan.role_description)}",
                  '--assume-role-policy-document "$trust_policy"',
                  "--query Role.Arn --output text)"]),
    ]
    for policy in plan.policies:
        toggle = plan.toggle_of(policy)
        lines.append("")
        if toggle is None:
            lines += _policy(plan, policy, "")
        else:
            lines += [f'if [ "${toggle.variable}" = true ]; then', *_policy(plan, policy, "  "),
                      "fi"]
    lines += ["", 'echo "Created $role_arn"',
              f"echo {shlex.quote(f'Give this ARN to {company}.')}"]
    return "\n".join(lines) + "\n"

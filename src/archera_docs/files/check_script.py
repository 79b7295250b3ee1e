"""check-role.sh: reads a deployed role with read-only calls and says whether it grants exactly
the credential's current version: its trust policy, each managed policy statement by statement
(effect, elements, resources, condition, actions), what else it holds, and the controls found."""

from __future__ import annotations

import re

from ..aws.identifiers import ACCOUNT_ID, REGION
from ..iam.deployment import Deployment, one_line
from ..iam.inputs import Input
from ..iam.policy import ManagedPolicy
from .check_functions import FUNCTIONS, SUMMARY_FUNCTIONS, check_policy, trust_lines
from .shell import (PRELUDE, example_account_lines, fail, quote, role_name_lines,
                    where_lines)
from .statements import fences_first, is_fence, shape_lines

SCRIPT = "check-role.sh"
# What the script calls, all read-only: the permissions it needs.
CALLS = ("iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicy", "iam:GetPolicyVersion",
         "iam:ListRolePolicies")
SIMULATE_BATCH = 50
FIX = ("Fix: run update-role.sh, or deploy this credential's CloudFormation template or "
       "Terraform module again.")


def _want(plan: Deployment) -> list[str]:
    lines = ["want_statements() {  # want_statements SUFFIX: that policy's statements in the current "
             "version, one a line:", "  # SID EFFECT SHAPE ACTIONS EXAMPLE (see check_policy)",
             '  case "$1" in']
    for policy in plan.policies:
        words = shape_lines(plan, policy)
        lines += [f"    {policy.suffix}) printf '%s\\n' \\",
                  *(f"      {word} \\" for word in words[:-1]), f"      {words[-1]} ;;"]
    return lines + ["    *) return 1 ;;", "  esac", "}"]


def _groups(plan: Deployment) -> list[tuple[Input, list[ManagedPolicy]]]:
    """Each optional control or block with its policies, the fences first."""
    groups: dict[str, list[ManagedPolicy]] = {}
    for policy in fences_first(plan.policies):
        if policy.switch:
            groups.setdefault(policy.switch, []).append(policy)
    return [(plan.input(slug), policies) for slug, policies in groups.items()]


def _label(plan: Deployment, item: Input, policies: list[ManagedPolicy]) -> str:
    """The summary's name of a control, as a shell word naming its policies after the role."""
    if item.slug == "include-guardrails":
        what = "guardrail"
    elif item.slug == "allowed-regions":
        what = "Region limit"
    elif is_fence(policies[0]) and policies[0].slug.startswith("protect-"):
        what = f"{re.sub(r'-part[0-9]+$', '', policies[0].slug.removeprefix('protect-'))} protection"
    else:  # an optional block, by its title
        block = next(b for b in plan.credential.blocks if f"include-{b.id}" == item.slug)
        what = f"{block.bare_title} block"
    names = ", ".join(f'"$role_name"{quote("-" + p.suffix)}' for p in policies)
    return f"{quote(what + ' (')}{names}{quote(')')}"


def _summary(plan: Deployment) -> list[str]:
    lines = ['echo "Controls:"', "guardrail_held=true"]  # a credential without one: not missing
    for item, policies in _groups(plan):
        lines.append(f"control {_label(plan, item, policies)} {' '.join(p.suffix for p in policies)}")
        if item.slug == "include-guardrails":
            lines.append('guardrail_held="$control_held"')
    return lines + ['if [ "$boundary" = null ]; then echo "  permissions boundary: not set"; '
                    'else echo "  permissions boundary: $boundary"; fi']


def _limited(plan: Deployment) -> bool:
    return any(p.switch == "allowed-regions" for p in plan.policies)


def _simulate(plan: Deployment) -> list[str]:
    limit = [p for p in plan.policies if p.switch == "allowed-regions"]
    keys = sorted({key for p in limit for s in p.document["Statement"]
                   for condition in s.get("Condition", {}).values() for key in condition})
    lines = ['if [ "$simulate" = true ]; then',
             '  role_arn="arn:$partition:iam::$account_id:role/$role_name"',
             "  context=()"]
    if limit:
        entries = " ".join(f'"ContextKeyName={key},ContextKeyValues=$sim_region,ContextKeyType=string"'
                           for key in keys)
        lines += [f'  if holds "$role_name-{limit[0].suffix}"; then',
                  '    sim_region="${allowed_regions%%,*}"',
                  '    [ -n "$sim_region" ] || sim_region="${region_values%%,*}"',
                  '    [ -n "$sim_region" ] || sim_region="$region"',
                  '    if [ -n "$sim_region" ]; then',
                  f"      context=(--context-entries {entries})",
                  '      echo "Simulating in $sim_region, a Region the Region limit allows."',
                  "    else",
                  '      echo "No Region to simulate in (set ALLOWED_REGIONS): the actions the '
                  'Region limit covers show as blocked."',
                  "    fi",
                  "  fi"]
    return lines + [
        f"  for (( i = 0; i < ${{#needed[@]}}; i += {SIMULATE_BATCH} )); do",
        "    blocked=$(aws iam simulate-principal-policy --policy-source-arn \"$role_arn\" "
        f"--action-names \"${{needed[@]:i:{SIMULATE_BATCH}}}\" ${{context[@]+\"${{context[@]}}\"}} "
        "--query \"EvaluationResults[?EvalDecision!='allowed'].[EvalActionName,EvalDecision]\" "
        "--output text)",
        '    if [ -n "$blocked" ]; then',
        f'      echo "Blocked although {one_line(plan.company.name)} needs them (a permissions '
        'boundary or a Deny):"',
        '      while IFS= read -r line; do echo "  $line"; done <<< "$blocked"',
        "      status=1",
        "    fi",
        "  done",
        '  (( status )) || echo "Every action the credential needs is allowed."',
        "fi"]


def _inputs(plan: Deployment) -> list[str]:
    """ARCHERA_ACCOUNT_ID (to compare the trusted account) and ALLOWED_REGIONS (to simulate in)."""
    return [f'archera_account_id="${{ARCHERA_ACCOUNT_ID:-{plan.known_account or ""}}}"',
            f'if [ -n "$archera_account_id" ] && [[ ! $archera_account_id =~ ^{ACCOUNT_ID}$ ]]; then',
            *fail("ARCHERA_ACCOUNT_ID must be a twelve-digit AWS account ID."), "fi",
            *example_account_lines(plan),
            'allowed_regions="${ALLOWED_REGIONS:-}"',
            f"region_pattern={quote(f'^{REGION}(,{REGION})*$')}",
            'if [ -n "$allowed_regions" ] && [[ ! $allowed_regions =~ $region_pattern ]]; then',
            *fail("ALLOWED_REGIONS must be Region names, comma-separated (us-east-1,eu-west-1)."),
            "fi"]


def script(plan: Deployment) -> str:
    """The script: check the trust policy and every policy attached to the role against the
    current version, summarise the controls found, and exit 0 only when nothing differs."""
    company = one_line(plan.company.name)
    required = [p.suffix for p in plan.policies if p.switch is None]
    lines = [
        "#!/usr/bin/env bash",
        f"# Checks a role against {company}'s {plan.credential_id} credential, version "
        f"{plan.credential.version}: its trust policy (one",
        "# statement: only an account's root may assume it, with an External ID), and each managed",
        "# policy statement by statement (effect, resources, condition, actions), then sums up the",
        "# controls found. Exit status 0 only when the role grants exactly the current version",
        "# (the optional policies and controls attached or not).",
        f"#   bash {SCRIPT} [--simulate]          (ROLE_NAME=... if you named the role otherwise)",
        f"# ARCHERA_ACCOUNT_ID: {company}'s account ID, to compare with the account the role trusts.",
        "# ALLOWED_REGIONS: with --simulate, the Region to simulate in is its first.",
        f"# Read-only. It needs {', '.join(CALLS)}; with --simulate also",
        "# iam:SimulatePrincipalPolicy, to find an action a permissions boundary or a Deny blocks.",
        "# It reads every policy with the AWS CLI's --query: it needs nothing but bash and the CLI.",
        *PRELUDE,
        "export LC_ALL=C",
        *role_name_lines(plan), *_inputs(plan),
        'simulate=false',
        'case "${1:-}" in',
        "  --simulate) simulate=true ;;",
        '  "") ;;',
        '  *) echo "usage: bash check-role.sh [--simulate]" >&2; exit 2 ;;',
        "esac",
        *_want(plan),
        FUNCTIONS, *([SUMMARY_FUNCTIONS] if _groups(plan) else []),
        check_policy(bool(_groups(plan)), _limited(plan)),
        f"fix={quote(FIX)}",
        f"needed=({' '.join(quote(n) for n in plan.needed)})",
        *(['details=""'] if _groups(plan) else []), *(['region_values=""'] if _limited(plan) else []),
        *where_lines(region=_limited(plan)),
        "",
        'if ! description=$(aws iam get-role --role-name "$role_name" --query Role.Description '
        "--output text 2>&1); then",
        '  echo "No role $role_name: $description" >&2',
        "  exit 1",
        "fi",
        f'echo "Role $role_name: ${{description}}. Current version: {plan.credential.version}."',
        "status=0",
        *trust_lines(),
        'attached=$(aws iam list-attached-role-policies --role-name "$role_name" '
        "--query 'AttachedPolicies[].[PolicyName,PolicyArn]' --output text)",
        f"required=({' '.join(required)})",
        'for suffix in ${required[@]+"${required[@]}"}; do',
        '  if ! holds "$role_name-$suffix"; then',
        '    echo "$role_name-$suffix: missing: the role does not hold it. $fix"',
        "    status=1",
        "  fi",
        "done",
        "while read -r name arn; do",
        '  [ -n "$name" ] || continue',
        '  suffix="${name#"$role_name"-}"',
        '  if [ "$suffix" = "$name" ] || ! want_statements "$suffix" >/dev/null; then',
        f'    echo "$name: not one of {company}\'s policies for this role: it grants more than '
        'the credential. Detach it unless you attached it on purpose."',
        "    status=1",
        "    continue",
        "  fi",
        '  version=$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text)',
        '  lines=$(aws iam get-policy-version --policy-arn "$arn" --version-id "$version" '
        '--query "$statements_query" --output text)',
        '  if ! check_policy "$name" "$suffix" "$lines"; then',
        '    echo "  $fix"',
        "    status=1",
        "  fi",
        'done <<< "$attached"',
        'inline=$(aws iam list-role-policies --role-name "$role_name" --query PolicyNames --output text)',
        "for name in $inline; do",
        f'  echo "$name: an inline policy, not one of {company}\'s: it grants more than the '
        'credential."',
        "  status=1",
        "done",
        *_summary(plan),
        *_simulate(plan),
        "if (( status )); then",
        '  echo "The role does not grant exactly the current version: see above."',
        'elif [ "$guardrail_held" = true ]; then',
        '  echo "The role grants exactly the current version."',
        "else",
        '  echo "The role grants exactly the current version, without the guardrail."',
        "fi",
        'exit "$status"',
    ]
    return "\n".join(lines) + "\n"

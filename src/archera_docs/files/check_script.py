"""check-role.sh: reads a deployed role with read-only calls and says, policy by policy, whether
it grants exactly the credential's current version, and what to run if not."""

from __future__ import annotations

from ..iam.deployment import Deployment, one_line
from ..iam.policy import ManagedPolicy
from .shell import PRELUDE, quote, role_name_lines, where_lines

SCRIPT = "check-role.sh"
# What the script calls, all read-only: the permissions it needs.
CALLS = ("iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicy", "iam:GetPolicyVersion",
         "iam:ListRolePolicies")
SIMULATE_BATCH = 50


def _effect(policy: ManagedPolicy) -> str:
    return policy.document["Statement"][0]["Effect"]


def _expected(plan: Deployment) -> list[str]:
    lines = ["expected() {  # expected SUFFIX: the actions the current version puts in that policy",
             '  case "$1" in']
    for policy in plan.policies:
        actions = sorted({a for s in policy.document["Statement"] for a in s["Action"]},
                         key=str.lower)
        lines.append(f"    {policy.suffix}) printf '%s\\n' {' '.join(quote(a) for a in actions)} ;;")
    lines += ["    *) return 1 ;;", "  esac", "}",
              "effect_of() {",
              '  case "$1" in',
              *(f"    {p.suffix}) echo {_effect(p)} ;;" for p in plan.policies),
              "  esac", "}",
              "lower() { tr '[:upper:]' '[:lower:]' | sort -u; }",
              "spelled() {  # spelled NAMES ACTIONS: each of ACTIONS whose name is in NAMES, any case",
              """  [ -z "$1" ] || grep -ixFf <(printf '%s\\n' "$1") <(printf '%s\\n' "$2") | paste -sd ' ' || true""",
              "}"]
    return lines


def _needed(plan: Deployment) -> list[str]:
    return [f"needed=({' '.join(quote(n) for n in plan.needed)})"]


def script(plan: Deployment) -> str:
    """The script: compare every policy attached to the role with the current version."""
    company = one_line(plan.company.name)
    required = [p.suffix for p in plan.policies if p.switch is None]
    fix = ("Fix: run update-role.sh, or deploy this credential's CloudFormation template or "
           "Terraform module again.")
    lines = [
        "#!/usr/bin/env bash",
        f"# Checks a role against {company}'s {plan.credential_id} credential, version "
        f"{plan.credential.version}: for each managed",
        "# policy attached, up to date or the actions missing and extra, and what fixes it.",
        "# Exit status 0 only when the role grants exactly the current version (optional",
        "# policies and the controls may be attached or not).",
        f"#   bash {SCRIPT} [--simulate]          (ROLE_NAME=... if you named the role otherwise)",
        f"# Read-only. It needs {', '.join(CALLS)}; with --simulate also",
        "# iam:SimulatePrincipalPolicy, to find an action a permissions boundary or a Deny blocks.",
        *PRELUDE,
        "export LC_ALL=C",
        *role_name_lines(plan),
        'simulate=false',
        'case "${1:-}" in',
        "  --simulate) simulate=true ;;",
        '  "") ;;',
        '  *) echo "usage: bash check-role.sh [--simulate]" >&2; exit 2 ;;',
        "esac",
        *_expected(plan),
        *_needed(plan),
        *where_lines(),
        "",
        'if ! description=$(aws iam get-role --role-name "$role_name" --query Role.Description '
        "--output text 2>&1); then",
        '  echo "No role $role_name: $description" >&2',
        "  exit 1",
        "fi",
        f'echo "Role $role_name: ${{description}}. Current version: {plan.credential.version}."',
        "status=0",
        'attached=$(aws iam list-attached-role-policies --role-name "$role_name" '
        "--query 'AttachedPolicies[].[PolicyName,PolicyArn]' --output text)",
        f"for suffix in {' '.join(required)}; do",
        '  if ! grep -q "^$role_name-$suffix\\s" <<< "$attached"; then',
        f'    echo "$role_name-$suffix: missing: the role does not hold it. {fix}"',
        "    status=1",
        "  fi",
        "done",
        "while read -r name arn; do",
        '  [ -n "$name" ] || continue',
        '  suffix="${name#"$role_name"-}"',
        '  if [ "$suffix" = "$name" ] || ! want=$(expected "$suffix"); then',
        f'    echo "$name: not one of {company}\'s policies for this role: it grants more than '
        'the credential. Detach it unless you attached it on purpose."',
        "    status=1",
        "    continue",
        "  fi",
        '  version=$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text)',
        '  effect=$(effect_of "$suffix")',
        "  found_actions=$(aws iam get-policy-version --policy-arn \"$arn\" --version-id "
        "\"$version\" --query \"PolicyVersion.Document.Statement[?Effect=='$effect'].Action[]\" "
        "--output text | tr '\\t' '\\n')",
        "  sids=$(aws iam get-policy-version --policy-arn \"$arn\" --version-id \"$version\" "
        "--query 'PolicyVersion.Document.Statement[].Sid' --output text)",
        "  found=$(grep -o 'V[0-9]*\\b' <<< \"$sids\" | sort -u | tr -d V | paste -sd ' ')",
        '  missing=$(spelled "$(comm -23 <(lower <<< "$want") <(lower <<< "$found_actions"))" "$want")',
        '  extra=$(spelled "$(comm -13 <(lower <<< "$want") <(lower <<< "$found_actions"))" '
        '"$found_actions")',
        '  if [ -z "${missing// }" ] && [ -z "${extra// }" ]; then',
        '    echo "$name: up to date (version ${found:-unknown})"',
        "  else",
        '    echo "$name: version ${found:-unknown} found"',
        '    [ -z "${missing// }" ] || echo "  missing: $missing"',
        '    [ -z "${extra// }" ] || echo "  extra: $extra"',
        f'    echo "  {fix}"',
        "    status=1",
        "  fi",
        'done <<< "$attached"',
        'inline=$(aws iam list-role-policies --role-name "$role_name" --query PolicyNames --output text)',
        "for name in $inline; do",
        f'  echo "$name: an inline policy, not one of {company}\'s: it grants more than the '
        'credential."',
        "  status=1",
        "done",
        'if [ "$simulate" = true ]; then',
        '  role_arn="arn:$partition:iam::$account_id:role/$role_name"',
        f"  for (( i = 0; i < ${{#needed[@]}}; i += {SIMULATE_BATCH} )); do",
        "    blocked=$(aws iam simulate-principal-policy --policy-source-arn \"$role_arn\" "
        f"--action-names \"${{needed[@]:i:{SIMULATE_BATCH}}}\" "
        "--query \"EvaluationResults[?EvalDecision!='allowed'].[EvalActionName,EvalDecision]\" "
        "--output text)",
        '    if [ -n "$blocked" ]; then',
        f'      echo "Blocked although {company} needs them (a permissions boundary or a Deny):"',
        '      sed "s/^/  /" <<< "$blocked"',
        "      status=1",
        "    fi",
        "  done",
        '  (( status )) || echo "Every action the credential needs is allowed."',
        "fi",
        'if (( status == 0 )); then echo "The role grants exactly the current version."; fi',
        'exit "$status"',
    ]
    return "\n".join(lines) + "\n"

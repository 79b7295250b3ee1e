"""remove-role.sh: removes exactly what create-role.sh created for a role, and stops before
removing anything if the role holds something it did not create."""

from __future__ import annotations

from ..iam.deployment import Deployment, one_line
from .alerts import ALERT_SUFFIX
from .shell import PRELUDE, fail, policy_arn, quote, role_name_lines, where_lines

SCRIPT = "remove-role.sh"


def script(plan: Deployment) -> str:
    """The script: check that the role and everything attached to it is what create-role.sh
    makes, then detach and delete it all."""
    company = one_line(plan.company.name)
    ours = [policy.name("$role_name") for policy in plan.policies]
    lines = [
        "#!/usr/bin/env bash",
        f"# Removes {company}'s access: the role create-role.sh created for the "
        f"{plan.credential_id} credential, its",
        "# managed policies and its alert. It checks first that the role holds nothing else (no",
        "# other policy, no inline policy) and stops without removing anything if it does.",
        f"#   bash {SCRIPT}          (ROLE_NAME=... if you named the role otherwise)",
        *PRELUDE,
        *role_name_lines(plan),
        *where_lines(region=True),
        "",
        'if ! description=$(aws iam get-role --role-name "$role_name" --query Role.Description '
        "--output text 2>&1); then",
        '  echo "No role $role_name to remove: $description" >&2',
        "  exit 1",
        "fi",
        f'if [[ $description != {quote(f"Lets {plan.company.name} use the ")}* ]]; then',
        *fail("The role's description is not one create-role.sh gives: nothing was removed."),
        "fi",
        "ours=(" + " ".join(f'"{name}"' for name in ours) + ")",
        'attached=$(aws iam list-attached-role-policies --role-name "$role_name" '
        "--query 'AttachedPolicies[].PolicyName' --output text | tr '\\t' ' ')",
        "foreign=()",
        "for name in $attached; do",
        '  case " ${ours[*]} " in *" $name "*) ;; *) foreign+=("$name") ;; esac',
        "done",
        'inline=$(aws iam list-role-policies --role-name "$role_name" --query PolicyNames --output text)',
        'if (( ${#foreign[@]} )) || [ -n "$inline" ]; then',
        '  echo "Nothing was removed: the role also holds policies create-role.sh did not attach:" >&2',
        '  (( ${#foreign[@]} )) && printf "  %s\\n" ${foreign[@]+"${foreign[@]}"} >&2',
        '  [ -z "$inline" ] || tr "\\t" "\\n" <<< "$inline" | sed "s/^/  /" >&2',
        '  echo "Detach them first if you want the role gone." >&2',
        "  exit 1",
        "fi",
    ]
    for policy in plan.policies:  # a policy of one of our names must also be one of ours
        lines += [f"arn={policy_arn(policy)}",
                  'if found=$(aws iam get-policy --policy-arn "$arn" --query Policy.Description '
                  "--output text 2>/dev/null) && "
                  f"[ \"$found\" != {quote(policy.description)} ]; then",
                  '  echo "Nothing was removed: $arn is not a policy create-role.sh made." >&2',
                  "  exit 1",
                  "fi"]
    lines += [
        "",
        'if [ -z "$region" ]; then',
        '  echo "No Region set (AWS_REGION): an alert of this role, if you created one, stays." >&2',
        "fi",
        f'rule="$role_name-{ALERT_SUFFIX}"',
        'if [ -n "$region" ] && aws events describe-rule --name "$rule" >/dev/null 2>&1; then',
        '  aws events remove-targets --rule "$rule" --ids email >/dev/null',
        '  aws events delete-rule --name "$rule"',
        '  echo "Removed the rule $rule"',
        "fi",
        f'topic="arn:$partition:sns:${{region:-us-east-1}}:$account_id:$role_name-{ALERT_SUFFIX}"',
        'if [ -n "$region" ] && aws sns get-topic-attributes --topic-arn "$topic" >/dev/null 2>&1; then',
        '  aws sns delete-topic --topic-arn "$topic"',
        '  echo "Removed the topic $topic"',
        "fi",
    ]
    for policy in plan.policies:
        arn = policy_arn(policy)
        lines += [f"arn={arn}",
                  'if aws iam get-policy --policy-arn "$arn" >/dev/null 2>&1; then',
                  '  case " $attached " in *" ${arn##*/} "*)',
                  '    aws iam detach-role-policy --role-name "$role_name" --policy-arn "$arn" ;;',
                  "  esac",
                  "  for version in $(aws iam list-policy-versions --policy-arn \"$arn\" "
                  "--query 'Versions[?!IsDefaultVersion].VersionId' --output text); do",
                  '    aws iam delete-policy-version --policy-arn "$arn" --version-id "$version"',
                  "  done",
                  '  aws iam delete-policy --policy-arn "$arn"',
                  '  echo "Removed $arn"',
                  "fi"]
    lines += ['aws iam delete-role-permissions-boundary --role-name "$role_name" >/dev/null 2>&1 || true',
              'aws iam delete-role --role-name "$role_name"',
              'echo "Removed the role $role_name."',
              f"echo {quote(f'{company} can no longer reach this account through it.')}"]
    return "\n".join(lines) + "\n"

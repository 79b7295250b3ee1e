"""update-role.sh: brings an existing role to the credential's current version (from any earlier
version, from the other credential, or from policies named before they followed the role), and
on any failure puts back what it changed."""

from __future__ import annotations

from ..iam.deployment import Deployment, one_line
from ..iam.policy import ManagedPolicy
from .awscli import input_help
from .statements import fences_first
from .shell import PRELUDE, UNDO_ON_FAILURE, given, input_lines, json_word, policy_arn, quote, role_name_lines, where_lines

SCRIPT = "update-role.sh"

UNDO = [
    "# On any failure from here on, put back what this script changed, newest first.",
    'restore_versions=(); deleted_versions=(); created=(); attached=(); detached=(); boundary_set=""',
    "undo() {",
    '  echo "Stopped before the end: putting back what this script changed." >&2',
    '  for arn in ${attached[@]+"${attached[@]}"}; do',
    '    aws iam detach-role-policy --role-name "$role_name" --policy-arn "$arn" >/dev/null 2>&1 || true',
    "  done",
    '  for arn in ${created[@]+"${created[@]}"}; do',
    '    aws iam delete-policy --policy-arn "$arn" >/dev/null 2>&1 && echo "  removed $arn" >&2 ||',
    '      echo "  could not remove $arn: delete it yourself" >&2',
    "  done",
    '  for pair in ${restore_versions[@]+"${restore_versions[@]}"}; do',
    '    read -r arn old new <<< "$pair"',
    '    aws iam set-default-policy-version --policy-arn "$arn" --version-id "$old" >/dev/null 2>&1 &&',
    '      aws iam delete-policy-version --policy-arn "$arn" --version-id "$new" >/dev/null 2>&1 &&',
    '      echo "  $arn is back at its version $old" >&2',
    "  done",
    '  for pair in ${deleted_versions[@]+"${deleted_versions[@]}"}; do  # the oldest versions made room: back, not default',
    '    aws iam create-policy-version --policy-arn "${pair%% *}" --policy-document "${pair#* }" '
    '>/dev/null 2>&1 && echo "  ${pair%% *} has its oldest version back" >&2',
    "  done",
    '  for arn in ${detached[@]+"${detached[@]}"}; do',
    '    aws iam attach-role-policy --role-name "$role_name" --policy-arn "$arn" >/dev/null 2>&1 &&',
    '      echo "  attached $arn again" >&2',
    "  done",
    '  if [ -n "$boundary_set" ]; then',
    '    if [ "$old_boundary" = None ]; then',
    '      aws iam delete-role-permissions-boundary --role-name "$role_name" >/dev/null 2>&1',
    "    else",
    '      aws iam put-role-permissions-boundary --role-name "$role_name" '
    '--permissions-boundary "$old_boundary" >/dev/null 2>&1',
    "    fi && echo \"  the role's permissions boundary is back as it was\" >&2",
    "  fi",
    "}",
    *UNDO_ON_FAILURE,
]

# Replace the default version of a policy that exists (deleting its oldest version first when
# it has AWS's five), or create it; then attach it.
CONVERGE = [
    "converge() {  # converge ARN NAME DESCRIPTION DOCUMENT",
    '  local arn="$1" name="$2" description="$3" document="$4" old new oldest',
    '  if old=$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text 2>/dev/null); then',
    "    if (( $(aws iam list-policy-versions --policy-arn \"$arn\" --query 'length(Versions)' --output text) >= 5 )); then",
    "      oldest=$(aws iam list-policy-versions --policy-arn \"$arn\" "
    "--query 'Versions[?!IsDefaultVersion] | sort_by(@, &CreateDate)[0].VersionId' --output text)",
    '      deleted_versions+=("$arn $(aws iam get-policy-version --policy-arn "$arn" '
    '--version-id "$oldest" --query PolicyVersion.Document --output json)")',
    '      aws iam delete-policy-version --policy-arn "$arn" --version-id "$oldest"',
    "    fi",
    '    new=$(aws iam create-policy-version --policy-arn "$arn" --policy-document "$document" '
    "--set-as-default --query PolicyVersion.VersionId --output text)",
    '    restore_versions+=("$arn $old $new")',
    '    echo "Updated $name"',
    "  else",
    '    aws iam create-policy --policy-name "$name" --description "$description" '
    '--policy-document "$document" >/dev/null',
    '    created+=("$arn")',
    '    echo "Created $name"',
    "  fi",
    '  if ! grep -qx "$arn" <<< "$was_attached"; then',
    '    aws iam attach-role-policy --role-name "$role_name" --policy-arn "$arn"',
    '    attached+=("$arn")',
    "  fi",
    "}",
]


def _converge(policy: ManagedPolicy) -> list[str]:
    return [f"converge {policy_arn(policy)} \"{policy.name('$role_name')}\" "
            f"{quote(policy.description)} {json_word(policy.document)}"]


def _leave_out(policy: ManagedPolicy) -> list[str]:
    return [f"arn={policy_arn(policy)}",
            'if grep -qx "$arn" <<< "$was_attached"; then',
            '  aws iam detach-role-policy --role-name "$role_name" --policy-arn "$arn"',
            '  detached+=("$arn")',
            '  echo "Detached ${arn##*/}: switched off (the policy itself stays; delete it if unused)"',
            "fi"]


def script(plan: Deployment) -> str:
    """The script: check inputs, then give each policy its current document, attach or detach
    it as the switches say, detach earlier Archera policies, and set the role's description."""
    company = one_line(plan.company.name)
    boundary = plan.input("permissions-boundary-arn")
    ours = [policy.name("$role_name") for policy in plan.policies]
    inputs = [item for item in plan.inputs if item.slug != "alert-email"]  # create-role.sh's
    lines = [
        "#!/usr/bin/env bash",
        f"# Brings an existing role to {company}'s {plan.credential_id} credential, version "
        f"{plan.credential.version}: from any earlier",
        "# version, from the other credential, or with policies named before they followed the role.",
        "# Each policy gets its current document as a new default version (or is created),",
        "# switched-off ones are detached, and earlier policies of Archera's (every statement ID",
        "# starting with Archera) are detached once their replacements are attached. If a step",
        "# fails, everything it changed is put back.",
        f"#   bash {SCRIPT}          (ROLE_NAME=... if you named the role otherwise)",
        "# Optional inputs (the alert is create-role.sh's alone):",
        *input_help(inputs),
        *PRELUDE,
        *role_name_lines(plan), *input_lines(inputs),
        *where_lines(),
        "if ! old_boundary=$(aws iam get-role --role-name \"$role_name\" --query "
        "Role.PermissionsBoundary.PermissionsBoundaryArn --output text 2>/dev/null); then",
        '  echo "No role $role_name: create it with create-role.sh, or set ROLE_NAME." >&2',
        "  exit 1",
        "fi",
        'was_attached=$(aws iam list-attached-role-policies --role-name "$role_name" '
        "--query 'AttachedPolicies[].PolicyArn' --output text | tr '\\t' '\\n')",
        "ours=(" + " ".join(f'"{name}"' for name in ours) + ")",
        "",
        *UNDO, "", *CONVERGE, "",
    ]
    for policy in fences_first(plan.policies):  # the new Denies in place before new Allows
        switch = plan.switch_of(policy)
        if switch is None:
            lines += _converge(policy)
        else:
            lines += [f"if {given(switch)}; then", *(f"  {x}" for x in _converge(policy)), "else",
                      *(f"  {x}" for x in _leave_out(policy)), "fi"]
    lines += [
        "",
        "# Earlier policies of Archera's attached under other names are replaced by the above.",
        "for arn in $was_attached; do",
        '  name="${arn##*/}"',
        '  case " ${ours[*]} " in *" $name "*) continue ;; esac',
        '  version=$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text)',
        "  sids=$(aws iam get-policy-version --policy-arn \"$arn\" --version-id \"$version\" "
        "--query 'PolicyVersion.Document.Statement[].[Sid]' --output text)",  # no Sid: None
        "  if [ -n \"$sids\" ] && ! tr '\\t' '\\n' <<< \"$sids\" | grep -qv '^Archera[A-Za-z0-9]*V[0-9][0-9]*$'; then",
        '    aws iam detach-role-policy --role-name "$role_name" --policy-arn "$arn"',
        '    detached+=("$arn")',
        '    echo "Detached $name, an earlier policy of Archera\'s (delete it if nothing else uses it)"',
        "  else",
        '    echo "Left as it is: $name, which is not Archera\'s"',
        "  fi",
        "done",
        f"if {given(boundary)}; then",
        '  aws iam put-role-permissions-boundary --role-name "$role_name" '
        f'--permissions-boundary "${boundary.variable}"',
        '  boundary_set=1',
        "fi",
        f'aws iam update-role --role-name "$role_name" --description {quote(plan.role_description)}',
        "trap - EXIT",
        f'echo "$role_name now holds version {plan.credential.version} of the {plan.credential_id} '
        'credential. Check it with check-role.sh."',
    ]
    return "\n".join(lines) + "\n"

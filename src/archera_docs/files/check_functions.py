"""The parts of check-role.sh that do not depend on the credential: the check of the trust policy
and of one policy's statements against the current version's, and the lines of the closing
summary. Every fact comes from the AWS CLI's --query and --output text: no jq, no python."""

from __future__ import annotations

import re

from ..aws.identifiers import EXTERNAL_ID_CHARS
from .shell import quote
from .statements import STATEMENTS_QUERY, VERSION_LINE

TRUST_FIX = ('trust_fix="  Fix: put back the trust policy create-role.sh writes (trust-policy.json, '
             'with the account ID and External ID filled in): aws iam update-assume-role-policy '
             '--role-name $role_name --policy-document file://trust-policy.json"')

# One line of the role: its boundary, then its trust policy's statement count and first
# statement's fields, `|`-separated (`to_string` of a text is the text; of the rest, JSON).
ROLE_QUERY = ("Role.[to_string(PermissionsBoundary.PermissionsBoundaryArn), "
              "AssumeRolePolicyDocument.Statement | to_array(@) | join(`\"|\"`, "
              "[to_string(length(@)), to_string([0].Effect), join(`\",\"`, sort(keys([0] || `{}`))), "
              "to_string([0].Action), to_string([0].Principal), to_string([0].Condition)])]")


def trust_lines() -> list[str]:
    """Check the trust policy: exactly one statement allowing sts:AssumeRole to one account's
    root, with a StringEquals sts:ExternalId condition; the account compared when known."""
    root = "arn:'\"$partition\"':iam::[0-9]{12}:root"
    value = f"{EXTERNAL_ID_CHARS}+"
    shape = ("'^1\\|Allow\\|Action,Condition,Effect,Principal(,Sid)?\\|"
             '(sts:AssumeRole|\\["sts:AssumeRole"\\])\\|'
             f'\\{{"AWS":("{root}"|\\["{root}"\\])\\}}\\|'
             f'\\{{"StringEquals":\\{{"sts:ExternalId":("{value}"|\\["{value}"\\])\\}}\\}}$\'')
    return [
        "# shellcheck disable=SC2016  # a JMESPath query: single-quoted on purpose",
        f"role_facts=$(aws iam get-role --role-name \"$role_name\" --output text --query {quote(ROLE_QUERY)})",
        "IFS=$'\\t' read -r boundary trust <<< \"$role_facts\"",
        f"trust_shape={shape}", TRUST_FIX,
        'trusted="${trust#*:iam::}"',
        'trusted="${trusted%%:root*}"',
        'if [[ ! $trust =~ $trust_shape ]]; then',
        '  echo "Trust policy: not the one create-role.sh writes: it may let others assume the role."',
        "  IFS='|' read -r count effect elements action principal condition <<< \"$trust\"",
        '  [ "$count" = 1 ] || echo "  $count statements, where create-role.sh writes one"',
        "  if [[ $principal == '*' || $principal == *'\"*\"'* ]]; then",
        '    echo "  Principal \\"*\\": anyone may assume the role"',
        "  fi",
        "  [[ $condition == *'\"sts:ExternalId\"'* ]] || "
        'echo "  no sts:ExternalId condition: no External ID is needed to assume it"',
        '  echo "  first statement: Effect $effect; $elements; Action $action; Principal $principal; '
        'Condition $condition"',
        '  echo "$trust_fix"',
        "  status=1",
        'elif [ "$trusted" = "$account_id" ]; then',
        '  echo "Trust policy: it trusts this account ($account_id) itself, not Archera\'s."',
        '  echo "$trust_fix"',
        "  status=1",
        'elif [ -z "$archera_account_id" ]; then',
        '  echo "Trust policy: only account $trusted may assume the role, with an External ID. '
        'ARCHERA_ACCOUNT_ID is not set, so this account was not compared with Archera\'s: set it '
        'to compare."',
        'elif [ "$trusted" != "$archera_account_id" ]; then',
        '  echo "Trust policy: it trusts account $trusted, not $archera_account_id (ARCHERA_ACCOUNT_ID)."',
        '  echo "$trust_fix"',
        "  status=1",
        "else",
        '  echo "Trust policy: only account $trusted (ARCHERA_ACCOUNT_ID) may assume the role, '
        'with an External ID."',
        "fi",
    ]


FUNCTIONS = f"""# shellcheck disable=SC2016  # a JMESPath query: single-quoted on purpose
statements_query={quote(STATEMENTS_QUERY)}
version_line={quote(VERSION_LINE)}
lower() {{ tr '[:upper:]' '[:lower:]' | tr ',' ' ' | tr ' ' '\\n' | sed '/^$/d' | sort -u; }}
spelled() {{  # spelled NAMES ACTIONS: each of ACTIONS whose name is in NAMES, any case
  [ -z "$1" ] || grep -ixFf <(printf '%s\\n' "$1") <(printf '%s\\n' "$2" | tr ',' ' ' | tr ' ' '\\n') | paste -sd ' ' - || true
}}
want_of() {{  # want_of SID WANT: the current version's line of that statement ID, after the ID
  local wsid rest
  while read -r wsid rest; do
    if [ "$wsid" = "$1" ]; then echo "$rest"; return 0; fi
  done <<< "$2"
  return 1
}}
described() {{  # described FIELDS: a statement's fields from its elements to its condition, in words
  local elements resource notresource operators keys values
  IFS=';' read -r elements resource notresource operators keys values <<< "$1"
  printf 'elements %s' "$elements"
  [ -z "$resource" ] || printf '; Resource %s' "$resource"
  [ -z "$notresource" ] || printf '; NotResource %s' "$notresource"
  [ -z "$operators" ] || printf '; Condition %s %s %s' "$operators" "$keys" "$values"
}}
holds() {{ [[ $'\\n'"$attached" == *$'\\n'"$1"$'\\t'* ]]; }}  # holds NAME: the role has that policy"""
SUMMARY_FUNCTIONS = """detail_of() {  # detail_of NAME: what the summary says of a policy up to date; 1: not up to date
  local held text
  while read -r held text; do if [ "$held" = "$1" ]; then printf '%s' "$text"; return 0; fi; done <<< "$details"
  return 1
}
control() {  # control LABEL SUFFIX...: one line of the summary; control_held: all attached
  local label="$1" held=0 current=0 suffix detail=""
  shift
  for suffix in "$@"; do
    if holds "$role_name-$suffix"; then
      held=$((held + 1))
      if detail+=$(detail_of "$role_name-$suffix"); then current=$((current + 1)); fi
    fi
  done
  control_held=false
  if (( held == 0 )); then
    echo "  $label: not attached"
  elif (( held == $# )); then
    control_held=true
    if (( current == held )); then echo "  $label: attached$detail"
    else echo "  $label: attached, but not as the current version has it (see above)"; fi
  else
    echo "  $label: only $held of its $# policies attached: attach them all, or none"
    status=1
  fi
}"""

# check_policy NAME SUFFIX LINES: LINES (a policy's statements as STATEMENTS_QUERY prints them)
# against the current version's; prints the verdict, returns 1 when anything differs.
_CHECK_POLICY = """check_policy() {  # check_policy NAME SUFFIX LINES: a policy against the current version
  local name="$1" want line sid shown effect rest fields actions wanted weffect wshape wactions wexample
  local notes="" seen=" " found_actions="" want_actions="" moved="" pattern found missing extra
  local notresource keys values detail=""  # DETAILS
  want=$(want_statements "$2")
  while read -r sid weffect wshape wactions wexample; do want_actions+="$wactions,"; done <<< "$want"
  while IFS= read -r line; do
    if [[ $line == Version\\;* ]]; then
      [ "$line" = "$version_line" ] || notes+="  policy language ${line#Version;}, not ${version_line#Version;}"$'\\n'
      continue
    fi
    sid="${line%%;*}"; rest="${line#*;}"; effect="${rest%%;*}"; rest="${rest#*;}"
    shown="statement $sid"; [ "$sid" != null ] || shown="a statement without a Sid"
    fields="${rest%;*}"; actions="${rest##*;}"
    found_actions+="$actions "
    if [[ $seen == *" $sid "* ]]; then
      notes+="  $shown: a second statement of that ID"$'\\n'
      continue
    fi
    seen+="$sid "
    if ! wanted=$(want_of "$sid" "$want"); then
      notes+="  $shown ($effect; $(described "$fields")): not in the current version"$'\\n'
      continue
    fi
    read -r weffect wshape wactions wexample <<< "$wanted"
    pattern="^$wshape\\$"
    if [ "$effect" != "$weffect" ]; then
      notes+="  $shown: $effect, where the current version has $weffect"$'\\n'
    elif [[ ! $fields =~ $pattern ]]; then
      notes+="  $shown: $(described "$fields"); the current version has $(described "$wexample")"$'\\n'
    else  # DETAILS
      IFS=';' read -r _ _ notresource _ keys values <<< "$fields"  # DETAILS
      [ -z "$notresource" ] || detail+=", only on $notresource"  # SUMMARY
      [ -z "$values" ] || detail+=", only where $keys is $values"  # SUMMARY
      [ -z "$values" ] || region_values="$values"  # LIMIT
    fi
    if [ "$(lower <<< "$actions")" != "$(lower <<< "$wactions")" ]; then moved+="$sid "; fi
  done <<< "$3"
  while read -r sid _; do
    [[ $seen == *" $sid "* ]] || notes+="  statement $sid: missing"$'\\n'
  done <<< "$want"
  found=$(tr ' ' '\\n' <<< "$seen" | grep -o 'V[0-9][0-9]*$' | sort -u | tr -d V | paste -sd ' ' - || true)
  missing=$(spelled "$(comm -23 <(lower <<< "$want_actions") <(lower <<< "$found_actions"))" "$want_actions")
  extra=$(spelled "$(comm -13 <(lower <<< "$want_actions") <(lower <<< "$found_actions"))" "$found_actions")
  if [ -z "$missing$extra" ] && [ -n "$moved" ]; then
    for sid in $moved; do notes+="  statement $sid: holds other actions than the current version's"$'\\n'; done
  fi
  if [ -z "$notes$missing$extra" ]; then
    echo "$name: up to date (version ${found:-unknown})"
    details+="$name $detail"$'\\n'  # SUMMARY
    return 0
  fi
  echo "$name: version ${found:-unknown} found"
  [ -z "$missing" ] || echo "  missing: $missing"
  [ -z "$extra" ] || echo "  extra: $extra"
  printf '%s' "$notes"
  return 1
}"""


def check_policy(summary: bool, limit: bool) -> str:
    """The function check_policy, keeping what the summary (`details`) or the simulation in a
    Region the limit allows (`region_values`) needs only when the credential has them."""
    wanted = {"SUMMARY": summary, "LIMIT": limit, "DETAILS": summary or limit}
    kept = [line for line in _CHECK_POLICY.splitlines()
            if wanted.get(line.rpartition("  # ")[2], True)]
    return "\n".join(re.sub(r"  # (SUMMARY|LIMIT|DETAILS)$", "", line) for line in kept)

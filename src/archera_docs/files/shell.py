"""What every generated bash script shares: quoting, the checks of its inputs before any AWS call,
where it runs (account, partition) and policy documents with validated values spliced in.

Every script starts with `set -euo pipefail` and checks all of its inputs before its first call.
"""

from __future__ import annotations

import json
import re
import shlex

from ..aws.identifiers import (ACCOUNT_ID, EXAMPLE_ACCOUNT_IDS, EXTERNAL_ID_CHARS, EXTERNAL_ID_MAX,
                               EXTERNAL_ID_MIN, EXTERNAL_ID_RULE, ROLE_NAME_CHARS, ROLE_NAME_MAX)
from ..iam.deployment import Deployment, one_line
from ..iam.inputs import Input
from ..iam.policy import ManagedPolicy
from ..iam.templating import ACCOUNT, PARTITION, ROLE_NAME, Sub, resolve

PRELUDE = ["set -euo pipefail", ""]
# Shell variables of the deployment's own placeholders; an input's is its Terraform name.
_VARIABLES = {PARTITION: "partition", ACCOUNT: "account_id", ROLE_NAME: "role_name",
              "ArcheraAccountId": "archera_account_id"}
_MARK = re.compile(r"@@(\[?)([A-Za-z0-9]+)\]?@@")


def quote(text: str) -> str:
    """A data string as one shell word."""
    return shlex.quote(text)


def fail(message: str, indent: str = "  ") -> list[str]:
    """Lines that print `message` to stderr and stop the script."""
    return [f"{indent}echo {quote(message)} >&2", f"{indent}exit 1"]


def variable_of(name: str) -> str:
    """The shell variable holding a placeholder's value: `Partition` -> `partition`."""
    return _VARIABLES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def json_word(value) -> str:
    """A policy document (or pattern) as one shell word, each placeholder spliced in as its
    (already validated) shell variable, a list as the JSON array the script built."""
    marked = resolve(value, lambda sub: Sub(sub.render(lambda name: f"@@{name}@@")),
                     lambda listed: f"@@[{listed.name}]@@")
    text = json.dumps(marked, indent=2)
    word = ""
    position = 0
    for match in _MARK.finditer(text):
        start, end = match.span()
        if match[1]:  # a whole list: its quotes go with the marker
            start, end = start - 1, end + 1
        word += quote(text[position:start]) if start > position else ""
        word += f'"${variable_of(match[2])}{"_json" if match[1] else ""}"'
        position = end
    return word + (quote(text[position:]) if position < len(text) else "")


def given(item: Input) -> str:
    """The shell test that is true when the customer gave the input (switched it on)."""
    if item.kind == "switch":
        return f'[ "${item.variable}" = true ]'
    return f'[ -n "${item.variable}" ]'


def policy_arn(policy: ManagedPolicy) -> str:
    """The policy's ARN in the account the script runs in."""
    return f'"arn:$partition:iam::$account_id:policy/{policy.name("$role_name")}"'


def _check_input(item: Input) -> list[str]:
    name, env = item.variable, item.environment
    if item.kind == "switch":
        return [f'{name}="${{{env}:-{str(item.default).lower()}}}"',
                f'case "${name}" in',
                "  true | false) ;;",
                f'  *) echo "{env} must be true or false" >&2; exit 1 ;;',
                "esac"]
    # A regex is matched only from a variable: quoted after =~ it would be a literal string.
    pattern = f"{name}_pattern={quote(f'^({item.pattern})$')}"
    if item.kind == "text":
        return [f'{name}="${{{env}:-}}"', pattern,
                f'if [ -n "${name}" ] && [[ ! ${name} =~ ${name}_pattern ]]; then',
                *fail(f"{env} is not valid: {one_line(item.description)}"), "fi"]
    return [f'{name}="${{{env}:-}}"', pattern,
            f"{name}_json=\"[]\"",
            f'if [ -n "${name}" ]; then',
            f'  IFS=, read -r -a {name}_items <<< "${name}"',
            f"  {name}_json=\"\"",
            f'  for item in ${{{name}_items[@]+"${{{name}_items[@]}}"}}; do',
            f"    if [[ ! $item =~ ${name}_pattern ]]; then",  # names the item: not fail()'s quote
            f'      echo "{env}: $item is not a Region name (such as us-east-1)" >&2',
            "      exit 1",
            "    fi",
            f'    {name}_json="${{{name}_json:+${{{name}_json}},}}\\"$item\\""',
            "  done",
            f'  {name}_json="[${name}_json]"',
            "fi"]


def role_name_lines(plan: Deployment) -> list[str]:
    """Read ROLE_NAME (default: the credential's) and check it is a name IAM accepts."""
    return [f'role_name="${{ROLE_NAME:-{plan.role_name}}}"',
            f"if [[ ! $role_name =~ ^{ROLE_NAME_CHARS}{{1,{ROLE_NAME_MAX}}}$ ]]; then",
            *fail(f"ROLE_NAME must be 1 to {ROLE_NAME_MAX} letters, digits and +=,.@_- characters."),
            "fi"]


def trust_input_lines(plan: Deployment) -> list[str]:
    """Read and check EXTERNAL_ID and ARCHERA_ACCOUNT_ID, which the trust policy needs."""
    company = one_line(plan.company.name)
    return [
        'if [ -z "${EXTERNAL_ID:-}" ]; then',
        *fail(f"Set EXTERNAL_ID to the External ID {company} gave you."),
        "fi",
        'external_id="$EXTERNAL_ID"',
        f"external_id_pattern={quote(f'^{EXTERNAL_ID_CHARS}+$')}",
        'if [[ ! $external_id =~ $external_id_pattern ]] || '
        f'(( ${{#external_id}} < {EXTERNAL_ID_MIN} || ${{#external_id}} > {EXTERNAL_ID_MAX} )); then',
        *fail(f"EXTERNAL_ID must be {EXTERNAL_ID_RULE}."),
        "fi",
        f'archera_account_id="${{ARCHERA_ACCOUNT_ID:-{plan.known_account or ""}}}"',
        f"if [[ ! $archera_account_id =~ ^{ACCOUNT_ID}$ ]]; then",
        *fail(f"Set ARCHERA_ACCOUNT_ID to {company}'s twelve-digit AWS account ID."),
        "fi",
        *example_account_lines(plan),
    ]


def example_account_lines(plan: Deployment) -> list[str]:
    """Refuse an ARCHERA_ACCOUNT_ID that is one of AWS's documentation examples."""
    company = one_line(plan.company.name)
    return [f'if [[ " {" ".join(sorted(EXAMPLE_ACCOUNT_IDS))} " == *" $archera_account_id "* ]]; then',
            f'  echo "$archera_account_id is an example account from AWS\'s documentation, not '
            f'{company}\'s: set ARCHERA_ACCOUNT_ID to the ID {company} gave you." >&2',
            "  exit 1",
            "fi"]


# After `undo` is defined: on any failure, put back what the script changed, then fail.
UNDO_ON_FAILURE = ["on_exit() {", "  local status=$?", "  if (( status )); then undo; fi",
                   '  exit "$status"', "}", "trap on_exit EXIT"]


def input_lines(items: list[Input]) -> list[str]:
    """Read and check every input given: switches, texts and lists."""
    return [line for item in items for line in _check_input(item)]


REGION_LINES = [  # the CLI's Region, from the environment or its configuration: no AWS call
    'region="${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}"']


def where_lines(region: bool = False) -> list[str]:
    """Learn the account and partition the script runs in (and with `region`, the Region)."""
    # Assigned first: a failed call inside `read <<< "$(...)"` would not stop the script.
    lines = REGION_LINES if region else []
    return lines + ["identity=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)",
                    'read -r account_id caller_arn <<< "$identity"',
                    'partition="${caller_arn#arn:}"',
                    'partition="${partition%%:*}"']

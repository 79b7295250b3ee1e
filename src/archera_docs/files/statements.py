"""Policy statements as the scripts compare them, with nothing but bash and the AWS CLI: the CLI's
JMESPath (`--query`, `--output text`) prints each statement of a policy as one line of its fields,
lists sorted, and the script holds the same line for each statement of the current version, as
an exact value (update-role.sh) or as a pattern of its shape (check-role.sh).

A line is `Sid;Effect;Elements;Resource;NotResource;Operators;Keys;Values;Actions`: the
statement's element names, its resources, its condition's operators, the keys of the first and
the values of that key (comma-separated), and its actions (space-separated). A document's lines
start with `Version;2012-10-17`.
"""

from __future__ import annotations

import re

from ..iam.deployment import Deployment
from ..iam.policy import POLICY_LANGUAGE_VERSION, ManagedPolicy
from ..iam.templating import ListInput, Sub
from .shell import quote, variable_of

_EMPTY_OBJECT, _EMPTY_LIST = "`{}`", "`[]`"
_CONDITION = f"(Condition || {_EMPTY_OBJECT})"
_FIRST_KEYS = f"(values{_CONDITION}[0] || {_EMPTY_OBJECT})"
_FIELDS = ["to_string(Sid)", "to_string(Effect)", 'join(`","`, sort(keys(@)))',
           f'join(`" "`, sort(to_array(Resource || {_EMPTY_LIST})))',
           f'join(`" "`, sort(to_array(NotResource || {_EMPTY_LIST})))',
           f'join(`","`, keys{_CONDITION})', f'join(`","`, keys{_FIRST_KEYS})',
           f'join(`","`, sort(to_array(values{_FIRST_KEYS}[0] || {_EMPTY_LIST})))',
           f'join(`" "`, sort(to_array(Action || {_EMPTY_LIST})))']
# For `aws iam get-policy-version`: the Version line, then one line per statement (a one-item list
# each, so that --output text prints each on its own line). No single quote: one shell word.
STATEMENTS_QUERY = ('PolicyVersion.Document | [[[join(`";"`, [`"Version"`, to_string(Version)])]], '
                    f'to_array(Statement)[].[join(`";"`, [{", ".join(_FIELDS)}])]][]')
VERSION_LINE = f"Version;{POLICY_LANGUAGE_VERSION}"
_ERE_SPECIAL = re.compile(r"([\\.\[\](){}*+?^$|])")


def is_fence(policy: ManagedPolicy) -> bool:
    """Whether the policy only denies (the guardrail, a protection, the Region limit)."""
    return all(s["Effect"] == "Deny" for s in policy.document["Statement"])


def fences_first(policies: list[ManagedPolicy]) -> list[ManagedPolicy]:
    """The policies with the Deny ones first, so that no moment grants without the fences."""
    return sorted(policies, key=lambda p: not is_fence(p))


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _condition(statement: dict) -> tuple[list[str], list[str], object]:
    """The operators, the first operator's keys and the first key's values (a ListInput or list)."""
    condition = statement.get("Condition", {})
    operators = list(condition)
    keys = list(condition[operators[0]]) if operators else []
    if len(operators) > 1 or len(keys) > 1:
        raise ValueError(f"{statement['Sid']}: one condition operator and key at most")
    values = condition[operators[0]][keys[0]] if keys else []
    return operators, keys, values if isinstance(values, ListInput) else _listed(values)


def _word(text: str) -> str:
    """Text with `@@variable@@` markers as one shell word, each marker as its shell variable."""
    word, position = "", 0
    for match in re.finditer(r"@@([a-z_]+)@@", text):
        word += quote(text[position:match.start()]) if match.start() > position else ""
        word += f'"${{{match[1]}}}"'
        position = match.end()
    return (word + (quote(text[position:]) if position < len(text) else "")) or "''"


def _text(value, render, literal=lambda text: text) -> str:
    """A field as text: literal parts through `literal`, each placeholder as `render` writes it."""
    if isinstance(value, ListInput):
        return render(value)
    if not isinstance(value, Sub):
        return literal(value)
    parts = re.split(r"\$\{([A-Za-z0-9]+)\}", value)
    return "".join(render(part) if i % 2 else literal(part) for i, part in enumerate(parts))


def _fields(statement: dict) -> list:
    operators, keys, values = _condition(statement)
    listed = {name: _listed(statement.get(name, [])) for name in ("Resource", "NotResource")}
    joined = []
    for name, items in listed.items():
        if len(items) > 1 and any(isinstance(i, Sub) for i in items):
            raise ValueError(f"{statement['Sid']}: {name} of several values, one an input")
        joined.append(items[0] if len(items) == 1 else " ".join(sorted(items)))
    if not isinstance(values, ListInput):
        values = ",".join(sorted(values))
    return [statement["Sid"], statement["Effect"], ",".join(sorted(statement)), *joined,
            ",".join(operators), ",".join(keys), values]


def _actions(statement: dict, separator: str) -> str:
    return separator.join(sorted(_listed(statement["Action"])))


def exact_lines(policy: ManagedPolicy) -> str:
    """The lines AWS prints for the policy's current document, as one shell word: each input as
    its (checked) shell variable, a list input as its sorted items (`$allowed_regions_sorted`)."""
    def render(name) -> str:
        if isinstance(name, ListInput):
            return f"@@{variable_of(name.name)}_sorted@@"
        return f"@@{variable_of(name)}@@"
    lines = [VERSION_LINE] + [";".join([*(_text(f, render) for f in _fields(statement)),
                                        _actions(statement, " ")])
                              for statement in policy.document["Statement"]]
    return _word("\n".join(lines))


def _ere(text: str) -> str:
    if " " in text:  # the shape is one word of its line
        raise ValueError(f"a space in a statement's shape: {text!r}")
    return _ERE_SPECIAL.sub(r"\\\1", text)


def shape_lines(plan: Deployment, policy: ManagedPolicy) -> list[str]:
    """A shell word per statement: `SID EFFECT SHAPE ACTIONS EXAMPLE`. SHAPE is an extended
    regular expression of the line's fields from Elements to Values (an input as the pattern it
    must match, the partition and account as the script's own), ACTIONS are comma-separated and
    EXAMPLE is those fields with each input named (`<BUDGET_NAME_PREFIX>`), for messages."""
    def own(name) -> str | None:  # the caller's partition and account: no character special in an ERE
        return f"@@{variable_of(name)}@@" if name in ("Partition", "Account") else None

    def pattern(name) -> str:
        if isinstance(name, ListInput):
            each = f"({_input(plan, name.name).pattern})"
            return f"{each}(,{each})*"
        return own(name) or f"({_input(plan, name).pattern})"

    def named(name) -> str:
        return own(name) or f"<{_input(plan, getattr(name, 'name', name)).environment}>"
    words = []
    for statement in policy.document["Statement"]:
        fields = _fields(statement)
        shape = ";".join(_text(f, pattern, _ere) for f in fields[2:])
        example = ";".join(_text(f, named) for f in fields[2:])
        words.append(_word(f"{fields[0]} {fields[1]} {shape} {_actions(statement, ',')} {example}"))
    return words


def _input(plan: Deployment, name: str):
    found = next((i for i in plan.inputs if i.parameter == name and i.pattern), None)
    if found is None:
        raise ValueError(f"no input with a pattern for the placeholder {name}")
    return found

"""A YAML syntax error in plain words: what YAML expected, the likely slip, and the line itself
with a caret under the place YAML stopped."""

from __future__ import annotations

import yaml

# Parts of PyYAML's messages -> what the writer most likely did, in plain words.
LIKELY = (
    ("did not find expected key",
     "a line is indented more or less than the keys around it, or a list item lost its '- '"),
    ("did not find expected '-' indicator",
     "a list item is indented differently from the items before it, or lost its '- '"),
    ("could not find expected ':'",
     "a key lost its ':', or a long value continues on a line not indented under its key"),
    ("mapping values are not allowed",
     "a value holds ': ' (put the value in quotes), or a key is indented under a value"),
    ("found unexpected end of stream",
     "a quote (\" or ') or a bracket is opened and never closed"),
    ("found character '\\t' that cannot start any token",
     "a tab: YAML indents with spaces only"),
    ("expected ',' or ']'", "a list in [brackets] is not closed, or lost a ','"),
    ("expected ',' or '}'", "a mapping in {braces} is not closed, or lost a ','"),
    ("found undefined alias", "a '*' starts a value: put the value in quotes"),
    ("expected alphabetic or numeric character", "a value starts with '*' or '&': quote it"),
)


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The line YAML stopped at and the message: its words, the likely cause, the line and a caret."""
    mark = error.problem_mark or error.context_mark
    if error.context_mark and "end of stream" in str(error.problem):
        mark = error.context_mark  # where the unclosed quote or bracket opened
    said = " ".join(str(error.problem or error).split())
    likely = next((cause for words, cause in LIKELY if words in said), None)
    message = f"YAML could not read the file here ({said})"
    if likely:
        message += f": most likely {likely}"
    if mark is None:
        return None, message
    lines = text.splitlines()
    shown = lines[mark.line] if mark.line < len(lines) else ""
    number = f"{mark.line + 1} | "
    message += (f"\n        {number}{shown}"
                f"\n        {' ' * (len(number) - 2)}| {' ' * mark.column}^")
    return mark.line + 1, message

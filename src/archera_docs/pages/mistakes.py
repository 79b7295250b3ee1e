"""The page `mkdocs serve` shows in place of every page while the data or a page has mistakes."""

from __future__ import annotations

import html
import re

from ..source.errors import DataError, Problem
from . import markdown as md

_HEADING = re.compile(r"^# (.+)$", re.M)


def mistakes_page(error: DataError, page_markdown: str) -> str:
    """The page's own title, then every located problem as a writer reads it (the problems that
    follow from one nested under it), and what happens once they are fixed."""
    heading = _HEADING.search(page_markdown)
    groups = error.grouped()
    count = len(groups)
    items = []
    for root, consequences in groups:
        items.append(f"- {_problem(root, '    ')}")
        items += [f"    - which also gives: {_problem(p, ' ' * 8)}" for p in consequences]
    return "\n\n".join([
        f"# {md.text(heading[1]) if heading else 'The help center'}",
        md.admonition("danger", "This page waits for the mistakes to be fixed", (
            f"{md.count(count, 'problem')} {'stops' if count == 1 else 'stop'} the build. Fix "
            f"{'it' if count == 1 else 'them'} in your editor and save: this page comes back as "
            "itself on its own. `mkdocs build` publishes nothing until then.")),
        "\n".join(items),
    ])


def _problem(problem: Problem, indent: str) -> str:
    """One problem, inline; a message of several lines (YAML's view of a syntax error, with its
    caret under the spot) keeps its lines and columns in a block below."""
    text = str(problem)
    if "\n" not in text:
        return md.code(text)
    first, rest = text.split("\n", 1)
    block = html.escape(rest).replace("{", "&#123;").replace("}", "&#125;")
    # Each line carries the list item's indent, which Markdown takes off again.
    block = block.replace("\n", "\n" + indent)
    return f"{md.code(first)}\n\n{indent}<pre><code>{block}</code></pre>"

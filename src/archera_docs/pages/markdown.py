"""Markdown building blocks that escape every data string they are given."""

from __future__ import annotations

import html
import re

# Characters Markdown, its extensions or HTML could read as markup, written as numeric entities so
# they show as themselves: a `|` never splits a table cell, a `<script>` never runs.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'|\\`*_[]{}#~^=!:$%"}
_LIST_MARKER = re.compile(r"^([-+]|\d+(?=[.)]))")
_BACKTICKS = re.compile(r"`+")


def text(value: str) -> str:
    """A data string as literal inline Markdown on one line (never a list, heading or markup).
    Runs of white space become one space; one at either end is kept, to join the next piece."""
    escaped = " ".join(value.split()).translate(_ESCAPES)
    # A paragraph starting `- `, `+ ` or `1. ` would become a list.
    escaped = _LIST_MARKER.sub(lambda m: "".join(f"&#{ord(c)};" for c in m[0]), escaped)
    if not escaped:
        return escaped
    return (" " if value[:1].isspace() else "") + escaped + (" " if value[-1:].isspace() else "")


def code(value: str) -> str:
    """A data string as inline code; safe in a table cell, since every markup character is an entity."""
    return f"<code>{' '.join(value.split()).translate(_ESCAPES)}</code>"


_WORD = re.compile(r"(?<=[a-z0-9*?])(?=[A-Z])|(?<=:)")


def action(name: str, reference: str | None = None) -> str:
    """An IAM action as inline code that a narrow screen may break only after its `:` or between
    the words of its name, linked to AWS's reference of its service when given."""
    pieces = (piece.translate(_ESCAPES) for piece in _WORD.split(name))
    shown = f"<code>{'<wbr>'.join(pieces)}</code>"
    return f'<a href="{html.escape(reference, quote=True)}">{shown}</a>' if reference else shown


def anchor(ident: str) -> str:
    """An empty element carrying `ident`, for links to a point inside a table."""
    return f'<span id="{html.escape(ident, quote=True)}"></span>'


def table(headers: list[str], rows: list[list[str]], kind: str | None = None) -> str:
    """A Markdown table; cells must already be escaped inline Markdown. With `kind`, the table
    sits in a `<div class="kind">` that the stylesheets lay out (stacked on a phone)."""
    if kind:
        return f'<div class="{kind}" markdown>\n\n{table(headers, rows)}\n\n</div>'
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def link(title: str, target: str) -> str:
    """A link whose title is escaped; `target` is a docs path or an https URL from the data."""
    return f"[{text(title)}](<{target}>)"


def fence(body: str, language: str, title: str | None = None) -> str:
    """A fenced code block long enough that no run of backticks in `body` can close it.

    Code is left out of the search index: a search for an action finds the table row that
    explains it, not the policies and templates that repeat its name.
    """
    ticks = "`" * max(3, max((len(m) for m in _BACKTICKS.findall(body)), default=0) + 1)
    label = f' title="{title}"' if title else ""
    return f'{ticks}{{ .{language}{label} data-search-exclude="" }}\n{body.rstrip()}\n{ticks}'


def admonition(kind: str, title: str, body: str, collapsed: bool = False) -> str:
    """A Material admonition (`!!!`) or, collapsed, a details block (`???`)."""
    marker = "???" if collapsed else "!!!"
    return f'{marker} {kind} "{text(title)}"\n\n{_indent(body)}'


def bullets(items: list[str]) -> str:
    """A bulleted list of already-escaped items."""
    return "\n".join(f"- {item}" for item in items)


def download(title: str, target: str) -> str:
    """A link that saves the file at `target` (a docs-absolute path of a generated site file)."""
    return f"{link(title, target)}{{ download }}"


def tabs(items: list[tuple[str, str]]) -> str:
    """Material content tabs; the same labels on several pages switch together."""
    return "\n\n".join(f'=== "{text(label)}"\n\n{_indent(body)}' for label, body in items)


def _indent(body: str) -> str:
    """Markdown nested one level (four spaces) inside an admonition or a tab."""
    return "\n".join(f"    {line}" if line else "" for line in body.splitlines())


def count(number: int, noun: str) -> str:
    """`1 action`, `3 actions`; `entry` makes `entries` (plain text, nothing to escape)."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"

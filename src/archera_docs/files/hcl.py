"""HCL text from a tree of blocks, laid out as `terraform fmt` lays it out.

Written here rather than with python-hcl2's serialiser, which took about 80 ms a credential on every
build (its writer goes through its parser's whole tree); the tests parse every module this writes
with python-hcl2.

A value is HCL text as it stands (a quoted literal from `literal`, or an expression such as
`var.external_id`), a list of values, or a mapping of names to values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

Value = Union[str, list["Value"], dict[str, "Value"]]
INDENT = "  "


def literal(value: str) -> str:
    """A string as an HCL quoted literal: escapes, and `${`/`%{` kept from interpolating."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t")
               .replace("${", "$${").replace("%{", "%%{"))
    return f'"{escaped}"'


@dataclass
class Block:
    """`kind "label" ... { attributes, then nested blocks }`."""

    kind: str
    labels: tuple[str, ...] = ()
    attributes: dict[str, Value] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def block(self, kind: str, *labels: str, **attributes: Value) -> Block:
        """Add a nested block and return it, to fill in further."""
        child = Block(kind, labels, attributes)
        self.blocks.append(child)
        return child


def _value(value: Value, depth: int) -> str:
    inner, outer = INDENT * (depth + 1), INDENT * depth
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        items = "".join(f"{inner}{_value(item, depth + 1)},\n" for item in value)
        return f"[\n{items}{outer}]"
    return "{\n" + _assignments(value, depth + 1) + outer + "}"


def _assignments(attributes: dict[str, Value], depth: int) -> str:
    """`name = value` lines. As `terraform fmt` does, the `=` of consecutive one-line values line
    up; a value over several lines stands alone and ends the run."""
    lines, run = [], []

    def flush() -> None:
        width = max((len(name) for name, _ in run), default=0)
        lines.extend(f"{INDENT * depth}{name.ljust(width)} = {value}\n" for name, value in run)
        run.clear()
    for name, value in attributes.items():
        if isinstance(value, str):
            run.append((name, value))
        else:
            flush()
            lines.append(f"{INDENT * depth}{name} = {_value(value, depth)}\n")
    flush()
    return "".join(lines)


def _block(block: Block, depth: int) -> str:
    outer = INDENT * depth
    header = " ".join([block.kind, *map(literal, block.labels)])
    parts = [_assignments(block.attributes, depth + 1)] if block.attributes else []
    parts += [_block(child, depth + 1) for child in block.blocks]
    return f"{outer}{header} {{\n" + "\n".join(parts) + f"{outer}}}\n"


def dumps(blocks: list[Block]) -> str:
    """The blocks as HCL text, one blank line between blocks."""
    return "\n".join(_block(block, 0) for block in blocks)

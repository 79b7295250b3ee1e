"""Read a YAML file into plain Python values while remembering the line of every entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Location = tuple[Any, ...]
_STR = "tag:yaml.org,2002:str"


def entry_name(loc: Location) -> str:
    """Spell a location the way a reader finds it in the file: `credentials.trial.blocks[0]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


class SourceMap:
    """Line numbers (1-based) of every mapping key and sequence item of one YAML file."""

    def __init__(self, path: Path, lines: dict[Location, int]):
        self.path = path
        self._lines = lines

    def line_of(self, loc: Location) -> int | None:
        """Line of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc not in self._lines and loc:
            loc = loc[:-1]
        return self._lines.get(loc)

    def problem(self, loc: Location, message: str, entry: str | None = None) -> Problem:
        """A Problem located at `loc`; `entry` overrides the name shown for it."""
        return Problem(self.path, self.line_of(loc), entry or entry_name(loc), message)


def _construct(node: yaml.Node, loc: Location, lines: dict[Location, int], path: Path,
               scalars: yaml.constructor.SafeConstructor) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct_scalar(key_node, scalars)
            if key in result:
                raise DataError([Problem(path, key_node.start_mark.line + 1,
                                         entry_name((*loc, key)), "key appears twice")])
            child = (*loc, key)
            lines[child] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, child, lines, path, scalars)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*loc, i), lines, path, scalars)
                for i, item in enumerate(node.value)]
    return _construct_scalar(node, scalars)


def _construct_scalar(node: yaml.Node, scalars: yaml.constructor.SafeConstructor) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a key must be a plain value, not a list or mapping", node.start_mark)
    if node.tag == _STR:  # most values: what PyYAML's str constructor returns, without its machinery
        return node.value
    return scalars.construct_object(node)


def load_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parse `path`; a syntax error becomes a DataError with its line."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError([Problem(path, line, "(YAML syntax)", str(exc.problem or exc))]) from None
    lines: dict[Location, int] = {}
    try:
        # One constructor per file: it resolves each scalar's type (int, bool, str...) as PyYAML does.
        data = {} if node is None else _construct(node, (), lines, path,
                                                  yaml.constructor.SafeConstructor())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise DataError([Problem(path, mark.line + 1 if mark else None, "(YAML)",
                                 str(exc.problem or exc))]) from None
    return data, SourceMap(path, lines)

"""Read a YAML file into plain Python values while remembering the line of every entry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem
from .yaml_syntax import explain

try:
    _Loader = yaml.CSafeLoader
    _TextLoader = yaml.CBaseLoader  # every value as text: nothing to refuse
except AttributeError:  # PyYAML built without libyaml
    _Loader, _TextLoader = yaml.SafeLoader, yaml.BaseLoader

Location = tuple[Any, ...]
_STR = "tag:yaml.org,2002:str"
# Characters no text of ours holds; a quoted YAML string's escapes (`"\a"`, `"\0"`) can write
# them, and they would reach the pages and the feed, where XML refuses them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A value a comment cannot have cut short: an action name (`- ce:GetTags  # since v3`).
_ACTION_NAME = re.compile(r"[a-z0-9-]+:[A-Za-z0-9*?]+")
# Line breaks to YAML but not to an editor's eye: a line counted from them is off.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")
# A no-break space where YAML needs a plain one: in an indent or after a list's dash.
_HARD_SPACE_INDENT = re.compile("^[ ]*(?:-[ ]*)*\xa0")


# The key that names an item of a list, by the list's key: `blocks[commitment-writes]`.
ITEM_IDS = {"pages": "id", "blocks": "id", "groups": "service", "protections": "id",
            "history": "version", "acknowledged": "category", "corrections": "published"}


def _item_name(items: Any, index: int, key: str | None) -> str:
    """An item's name among its siblings: its id when it has a unique one, else its index."""
    if (key is None or not isinstance(items, list) or not 0 <= index < len(items)
            or not isinstance(items[index], dict)):
        return str(index)
    ident = items[index].get(key)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        return str(index)
    if sum(isinstance(item, dict) and item.get(key) == ident for item in items) > 1:
        return str(index)
    return f"v{ident}" if key == "version" else str(ident)


def entry_name(loc: Location, raw: Any = None) -> str:
    """Spell a location the way a reader finds it in the file. With the file's `raw` values, a
    list item is named by its id (`credentials.production.blocks[commitment-writes]`), else by
    its index (`credentials.trial.blocks[0]`)."""
    text, value, parent_key = "", raw, None
    for part in loc:
        if isinstance(part, int):
            text += f"[{_item_name(value, part, ITEM_IDS.get(parent_key)) if raw is not None else part}]"
        else:
            text += f".{part}" if text else str(part)
            parent_key = part
        try:
            value = value[part] if value is not None else None
        except (KeyError, IndexError, TypeError):
            value = None
    return text or "(top level)"


class SourceMap:
    """Line numbers (1-based) of every mapping key and sequence item of one YAML file."""

    def __init__(self, path: Path, lines: dict[Location, int], raw: Any = None):
        self.path = path
        self._lines = lines
        self._raw = raw

    def name(self, loc: Location) -> str:
        """The entry at `loc`, named as the reader finds it: list items by their ids."""
        return entry_name(loc, self._raw)

    def line_of(self, loc: Location) -> int | None:
        """Line of the deepest part of `loc` that exists in the file."""
        loc = tuple(loc)
        while loc not in self._lines and loc:
            loc = loc[:-1]
        return self._lines.get(loc)

    def problem(self, loc: Location, message: str, entry: str | None = None) -> Problem:
        """A Problem located at `loc`; `entry` overrides the name shown for it."""
        return Problem(self.path, self.line_of(loc), entry or self.name(loc), message)


class _Reader:
    """Builds plain values from one file's YAML nodes, noting the line of every entry."""

    def __init__(self, path: Path, text: str, keys: frozenset[str]):
        self.path, self.text_lines, self.keys = path, text.splitlines(), keys
        self.lines: dict[Location, int] = {}
        # One constructor per file: it resolves each scalar's type (int, bool...) as PyYAML does.
        self.scalars = yaml.constructor.SafeConstructor()

    def fail(self, line: int, loc: Location, message: str) -> DataError:
        """The located error for one entry, named by ids as far as the file can be read."""
        try:  # the values so far are lost with the error: read them as plain text to name it
            raw = yaml.load("\n".join(self.text_lines), Loader=_TextLoader)
        except yaml.YAMLError:
            raw = None
        return DataError([Problem(self.path, line, entry_name(loc, raw), message)])

    def construct(self, node: yaml.Node, loc: Location) -> Any:
        """The plain value of `node`, at `loc` in the file."""
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = _construct_scalar(key_node, self.scalars)
                if key in result:
                    raise self.fail(key_node.start_mark.line + 1, (*loc, key), "key appears twice")
                child = (*loc, key)
                self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.construct(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.style in (">", "|"):
            self._check_block_text(node, loc)
        if node.tag == _STR:
            self._check_text(node, loc)
        try:
            return _construct_scalar(node, self.scalars)
        except ValueError as exc:  # e.g. a date that does not exist: 2026-11-31
            raise self.fail(node.start_mark.line + 1, loc,
                            f"{node.value!r} is not a valid value: {exc}") from None

    def _check_text(self, node: yaml.ScalarNode, loc: Location) -> None:
        control = _CONTROL.search(node.value)
        if control:
            raise self.fail(node.start_mark.line + 1, loc,
                            f"the text holds the control character U+{ord(control[0]):04X}, "
                            "written as an escape in quotes: remove it")
        if not node.style and not _ACTION_NAME.fullmatch(node.value):
            # plain text: ` #` starts a comment, silently cutting the text
            after = self.text_lines[node.end_mark.line][node.end_mark.column:]
            if after.lstrip().startswith("#"):
                raise self.fail(node.end_mark.line + 1, loc,
                                f"YAML reads ' {after.strip()}' as a comment, so the text stops "
                                f"at {node.value!r}: a comment goes on a line of its own; if the "
                                "'#' belongs to the text, put the whole text in quotes or after >-")

    def _check_block_text(self, node: yaml.ScalarNode, loc: Location) -> None:
        # A key indented one level too deep after `>-` text becomes part of the text, and the
        # file still parses: `optional: true` would silently stop making a block optional.
        end = node.end_mark.line + (1 if node.end_mark.column else 0)
        for index in range(node.start_mark.line + 1, min(end, len(self.text_lines))):
            key, colon, rest = self.text_lines[index].strip().partition(":")
            if colon and key in self.keys and (not rest or rest.startswith(" ")):
                raise self.fail(index + 1, loc,
                                f"this text has a line that reads like the key {key!r} "
                                f"({self.text_lines[index].strip()!r}): indent it as a key of "
                                "its own, at the level of the text's key, or reword the line")


def _construct_scalar(node: yaml.Node, scalars: yaml.constructor.SafeConstructor) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a key must be a plain value, not a list or mapping", node.start_mark)
    if node.tag == _STR:  # most values: what PyYAML's str constructor returns, without its machinery
        return node.value
    return scalars.construct_object(node)


def read_utf8(path: Path) -> str:
    """The text of a file; a byte that is not UTF-8 is a DataError naming its line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError([Problem(path, line, "(encoding)",
                                 f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as "
                                 "UTF-8")]) from None


def _check_spacing(path: Path, text: str) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        hidden = _HIDDEN_BREAK.search(line)
        if hidden:
            raise DataError([Problem(path, number, "(characters)",
                                     f"an invisible line break (U+{ord(hidden[0]):04X}) is in this "
                                     "line; YAML would read two lines: remove it")])
        if _HARD_SPACE_INDENT.match(line):
            raise DataError([Problem(path, number, "(characters)",
                                     "a no-break space (U+00A0) where YAML needs a plain space: "
                                     "retype the spaces at the start of this line")])


def load_yaml(path: Path, keys: frozenset[str] = frozenset()) -> tuple[Any, SourceMap]:
    """Parse `path`; a syntax error becomes a DataError with its line. `keys` are the names a
    mapping may hold: a line of block text (`>-`) that starts like one is refused."""
    text = read_utf8(path)
    _check_spacing(path, text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc, text)
        raise DataError([Problem(path, line, "(YAML syntax)", message)]) from None
    reader = _Reader(path, text, keys)
    try:
        data = {} if node is None else reader.construct(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise DataError([Problem(path, mark.line + 1 if mark else None, "(YAML)",
                                 str(exc.problem or exc))]) from None
    return data, SourceMap(path, reader.lines, data)

"""Reading YAML with lines: every value as PyYAML's own loader reads it, every line as counted in
the raw text, every refusal with the file, the line, the entry and the words a reader sees."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from archera_docs.source.errors import DataError, Problem
from archera_docs.source.yaml_lines import SourceMap, entry_name, load_yaml, read_utf8

KEYS = frozenset({"optional", "kind"})


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    """`text` saved as data.yaml in `tmp_path`."""
    path = tmp_path / "data.yaml"
    path.write_bytes(text.encode(encoding))
    return path


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the only line of `text` holding `fragment`."""
    [number] = [i for i, line in enumerate(text.split("\n"), 1) if fragment in line]
    return number


def refused(path: Path, keys: frozenset[str] = frozenset()) -> list[Problem]:
    """The problems load_yaml reports for the file."""
    with pytest.raises(DataError) as caught:
        load_yaml(path, keys)
    return caught.value.problems


NESTED = """\
top:
  name: plain text
  count: 3
  enabled: true
  day: 2026-11-30
  items:
    - first

    - second: 2
      third: [a, b]
  block: >-
    folded
    text
  literal: |
    kept
  7: seven
  yes: and no
quoted: "a: b"
"""


def test_values_are_what_pyyaml_reads(tmp_path):
    data, _ = load_yaml(write(tmp_path, NESTED))
    assert data == yaml.safe_load(NESTED)
    assert type(data["top"]["count"]) is int and data["top"]["enabled"] is True
    assert data["top"]["day"] == datetime.date(2026, 11, 30)
    assert data["top"][7] == "seven" and data["top"][True] == "and no"  # keys typed as values


@pytest.mark.parametrize(("loc", "fragment"), [
    (("top",), "top:"), (("top", "name"), "name: plain"), (("top", "count"), "count: 3"),
    (("top", "items"), "items:"), (("top", "items", 0), "- first"),
    (("top", "items", 1), "- second"), (("top", "items", 1, "second"), "- second"),
    (("top", "items", 1, "third"), "third:"), (("top", "items", 1, "third", 1), "third:"),
    (("top", "block"), "block:"), (("top", "literal"), "literal:"), (("quoted",), "quoted:"),
    (("top", 7), "7: seven"), (("top", True), "yes: and no"),
])
def test_every_key_and_item_has_the_line_it_starts_on(tmp_path, loc, fragment):
    _, source = load_yaml(write(tmp_path, NESTED))
    assert source.line_of(loc) == line_of(NESTED, fragment)
    assert source.line_of(list(loc)) == line_of(NESTED, fragment)  # any sequence is a location


def test_a_key_whose_value_starts_lower_down_is_at_the_key(tmp_path):
    text = "first: 1\nsecond:\n\n\n  deeper: 2\n"
    _, source = load_yaml(write(tmp_path, text))
    assert (source.line_of(("second",)), source.line_of(("second", "deeper"))) == (2, 5)
    assert source.line_of(()) == 1


def test_an_unknown_location_falls_back_to_its_deepest_known_part(tmp_path):
    _, source = load_yaml(write(tmp_path, NESTED))
    assert source.line_of(("top", "items", 9, "x")) == line_of(NESTED, "items:")
    assert source.line_of(("top", "items", 9)) == line_of(NESTED, "items:")
    assert source.line_of(("nowhere", 3)) == 1  # the document itself
    assert SourceMap(tmp_path, {}).line_of(("a", 1)) is None
    assert SourceMap(tmp_path, {("a",): 4}).line_of(("b",)) is None


def test_a_problem_names_the_file_line_and_entry(tmp_path):
    path = write(tmp_path, NESTED)
    _, source = load_yaml(path)
    assert source.path == path
    assert source.problem(("top", "items", 1, "third"), "wrong") == \
        Problem(path, line_of(NESTED, "third:"), "top.items[1].third", "wrong")
    assert source.problem(("top", "count"), "wrong", "count (3)") == \
        Problem(path, line_of(NESTED, "count:"), "count (3)", "wrong")


@pytest.mark.parametrize(("loc", "name"), [
    (("credentials", "trial", "blocks", 0, "groups", 2), "credentials.trial.blocks[0].groups[2]"),
    (("pages",), "pages"), ((3, "id"), "[3].id"), (("a", 1, 2), "a[1][2]"), ((), "(top level)"),
])
def test_entry_names_read_like_the_file(loc, name):
    assert entry_name(loc) == name


def test_a_key_that_appears_twice_is_refused_at_the_second(tmp_path):
    text = "a:\n  b: 1\n  c: 2\n  b: 3\n"
    path = write(tmp_path, text)
    assert refused(path) == [Problem(path, 4, "a.b", "key appears twice")]


def test_an_impossible_value_names_its_line(tmp_path):
    path = write(tmp_path, "a: 1\nwhen: 2026-11-31\n")
    assert refused(path) == [Problem(path, 2, "when", "'2026-11-31' is not a valid value: day is "
                                                      "out of range for month")]


@pytest.mark.parametrize(("escape", "code"), [("\\a", "0007"), ("\\x7f", "007F"),
                                              ("\\x85", "0085"), ("\\0", "0000")])
def test_a_control_character_written_as_an_escape_is_refused(tmp_path, escape, code):
    path = write(tmp_path, f'a: 1\nb:\n  - "bell {escape} here"\n')
    assert refused(path) == [Problem(path, 3, "b[0]", f"the text holds the control character "
                                     f"U+{code}, written as an escape in quotes: remove it")]


def test_plain_text_cut_by_a_comment_is_refused_at_the_comment(tmp_path):
    text = "a: 1\nb: the text\n  goes on # and is cut\nc: 2\n"
    path = write(tmp_path, text)
    assert refused(path) == [Problem(path, 3, "b", "YAML reads ' # and is cut' as a comment, so "
                                     "the text stops at 'the text goes on': a comment goes on a line "
                                     "of its own; if the '#' belongs to the text, put the whole "
                                     "text in quotes or after >-")]


@pytest.mark.parametrize("text", [
    'a: "quoted" # a comment\n', "a: 'quoted' # a comment\n", "a: 12 # a number\n",
    "a: plain#not a comment\n", "# a comment\na: plain\n", "a: >-\n  text # kept\n",
    "a: plain   \nb: 1\n", "a:\n  - ce:GetTags  # an action name is whole\n",
])
def test_a_comment_after_a_value_that_ends_is_accepted(tmp_path, text):
    assert load_yaml(write(tmp_path, text))[0] == yaml.safe_load(text)


@pytest.mark.parametrize("style", [">-", "|", ">", "|-"])
@pytest.mark.parametrize(("line", "key"), [("optional: true", "optional"), ("kind:", "kind"),
                                           ("kind: read: or write", "kind")])
def test_block_text_with_a_line_that_reads_like_a_key_is_refused(tmp_path, style, line, key):
    text = f"summary: {style}\n  {line}\n  more text\nother: 1\n"
    path = write(tmp_path, text)
    assert refused(path, KEYS) == [Problem(path, 2, "summary", (
        f"this text has a line that reads like the key {key!r} ({line!r}): indent it as a key of "
        "its own, at the level of the text's key, or reword the line"))]


def test_the_last_line_of_block_text_is_checked_without_a_final_newline(tmp_path):
    path = write(tmp_path, "a: 1\nsummary: |\n  text\n  optional: yes")
    assert [(p.line, p.entry) for p in refused(path, KEYS)] == [(4, "summary")]


@pytest.mark.parametrize("text", [
    "summary: >-\n  optional:true\n  kind\n  other: x\n",  # no space after `:`, no `:`, not a key
    "summary: >-\n  some text\noptional: true\n",  # a real key right after the text
    "summary: >-\n  some text\n\nkind: read\n",
])
def test_block_text_and_the_keys_around_it_are_accepted(tmp_path, text):
    assert load_yaml(write(tmp_path, text), KEYS)[0] == yaml.safe_load(text)


def test_a_list_or_mapping_as_key_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, "x: 1\n? {a: 1}\n: 2\n")
    assert refused(path) == [Problem(path, 2, "(YAML)",
                                     "a key must be a plain value, not a list or mapping")]


def raw_problem(text: str) -> tuple[int, str]:
    """The line and words of PyYAML's own refusal of `text`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=loader)
    return caught.value.problem_mark.line + 1, caught.value.problem


@pytest.mark.parametrize("text", [
    "a: [1,\n", "a: 1\n  b: 2\n", "- a\nb: 1\n", "a: 1\nb: &x 1\nc: &x 2\n",
    "a:\n  - 1\n\n\nb: *nowhere\n", "---\na: 1\n---\nb: 2\n",
])
def test_a_syntax_error_is_refused_at_the_line_pyyaml_names(tmp_path, text):
    path = write(tmp_path, text)
    line, words = raw_problem(text)
    [problem] = refused(path)
    assert (problem.file, problem.line, problem.entry) == (path, line, "(YAML syntax)")
    first, shown, caret = problem.message.split("\n")
    assert f"({words})" in first  # PyYAML's own words, then the likely slip
    assert shown.strip() == f"{line} | {text.splitlines()[line - 1] if line <= len(text.splitlines()) else ''}".strip()
    assert caret.strip().endswith("^")


@pytest.mark.parametrize("text", ["", "# nothing but a comment\n"])
def test_an_empty_document_is_an_empty_mapping(tmp_path, text):
    data, source = load_yaml(write(tmp_path, text))
    assert data == {} and source.line_of(("a",)) is None


def test_a_file_not_in_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    path = write(tmp_path, "a: 1\nb: caf\u00e9\nc: na\u00efve\n", encoding="cp1252")
    assert refused(path) == [Problem(path, 2, "(encoding)",
                                     "byte 0xe9 is not UTF-8: save the file as UTF-8")]
    assert read_utf8(write(tmp_path, "caf\u00e9\n")) == "caf\u00e9\n"


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_an_invisible_line_break_is_refused_on_its_line(tmp_path, char):
    path = write(tmp_path, f"a: 1\nb: 2\nc: three{char}four\n")
    assert refused(path) == [Problem(path, 3, "(characters)", (
        f"an invisible line break (U+{ord(char):04X}) is in this line; YAML would read two "
        "lines: remove it"))]


@pytest.mark.parametrize("line", ["\xa0a: 1", "  \xa0a: 1", "- \xa0a", "  - -\xa0a", "-\xa0a"])
def test_a_no_break_space_where_yaml_needs_a_space_is_refused(tmp_path, line):
    path = write(tmp_path, f"x:\n  - 1\n{line}\n")
    assert refused(path) == [Problem(path, 3, "(characters)", (
        "a no-break space (U+00A0) where YAML needs a plain space: retype the spaces at the start "
        "of this line"))]


def test_a_no_break_space_inside_text_is_kept(tmp_path):
    assert load_yaml(write(tmp_path, "a: ten\xa0GB\nb: -\xa0x\n"))[0] == \
        {"a": "ten\xa0GB", "b": "-\xa0x"}

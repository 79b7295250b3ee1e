"""The writers' guide (WRITING.md) is current: its table of refusals is the mistake corpus's, its
macros are the registry's, every documented macro exists and every registered one is documented,
and each worked example, made on a copy of the real data, builds."""

from __future__ import annotations

import re

import pytest

from archera_docs.build import load_site
from archera_docs.pages.registry import MACROS
from guide_examples import EXAMPLES, shown_lines, snippets
from writers_guide import GUIDE, generated


def test_the_generated_sections_are_current():
    text = GUIDE.read_text()
    assert generated(text) == text, "run python3 tasks.py guide"


def test_every_macro_is_documented_and_every_documented_macro_exists():
    text = GUIDE.read_text()
    documented = set(re.findall(r"\{\{ (\w+)\(", text))
    registered = {macro.name for macro in MACROS}
    assert documented == registered
    for macro in MACROS:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{{{{ {macro.name}("))
        assert all(p.name in row for p in macro.parameters), row
        assert macro.summary and macro.summary in row


def test_every_refusal_of_the_corpus_is_in_the_guide():
    from mistakes import CATALOG, HISTORY, STRUCTURE
    from mistakes_controls import CONTROLS
    from mistakes_editing import EDITING
    rows = GUIDE.read_text().split("<!-- generated: refusals")[1]
    for mistake in STRUCTURE + CATALOG + HISTORY + EDITING + CONTROLS:
        assert f"| {mistake.id.replace('-', ' ')} | " in rows
    assert "(accepted)" not in rows


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_each_worked_example_builds_and_shows_what_the_file_holds(project_copy, example):
    snippet = snippets(GUIDE.read_text()).get(example.id)
    assert snippet, f"WRITING.md has no snippet marked <!-- example: {example.id} -->"
    for edit in example.edits:
        edit.apply(project_copy / "data")
    edited = (project_copy / "data" / "permissions.yaml").read_text()
    missing = [line for line in shown_lines(snippet) if line not in edited.splitlines()]
    assert not missing, f"the guide shows lines the edited data does not hold: {missing}"
    load_site(project_copy)  # raises DataError with every problem if the build would refuse


def test_every_snippet_of_the_guide_is_an_example_the_tests_make():
    assert set(snippets(GUIDE.read_text())) == {e.id for e in EXAMPLES}

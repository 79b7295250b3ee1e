"""The writers' guide (WRITING.md) is current: its table of refusals is the mistake corpus's, its
macros are the registry's, every documented macro exists and every registered one is documented."""

from __future__ import annotations

import re

from archera_docs.pages.registry import MACROS
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

"""Every mistake in the data or a page is refused with the file, the line and the entry.

The whole corpus goes through the validation every build runs (`archera_docs.build.load_site`,
which the hook and macros.py call), in this process; a handful of full `mkdocs build`s prove the
wiring: a non-zero exit, the same message through MkDocs, and no page published.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archera_docs.build import load_site
from archera_docs.source.errors import DataError
from conftest import run_build
from mistakes import CATALOG, HISTORY, STRUCTURE, Mistake
from mistakes_controls import CONTROLS
from mistakes_editing import EDITING

CORPUS = STRUCTURE + CATALOG + HISTORY + EDITING + CONTROLS
ACCESS_PAGE = "help-center/security/aws-access.md"
# (what a page's macro call becomes, what the build must say about it)
PAGE_MISTAKES = [
    ('related("acess")', "no page has the id 'acess' in data/permissions.yaml"),
    ('relatd("access")', "'relatd' is undefined"),
    ('credential_facts("nope")', "no credential has the id 'nope'"),
    ('related()', "related() takes 1 argument (page_id), given 0"),
    ('related("access"', "unexpected '}', expected ')'"),
    ('related("access", "trial")', "related() takes 1 argument (page_id), given 2"),
    ('credential_facts("trial").literal', "has no attribute 'literal'"),
]


def refusal(project: Path) -> str:
    """What the validation of a build says of the project: every problem, one a line."""
    with pytest.raises(DataError) as refused:
        load_site(project)
    return str(refused.value)


@pytest.mark.parametrize("mistake", CORPUS, ids=lambda m: m.id)
def test_the_mistake_is_refused_naming_file_line_entry(project_copy, mistake: Mistake):
    line = mistake.apply(project_copy / "data")
    message = refusal(project_copy)
    assert mistake.expected(project_copy / "data", line).search(message), message


def test_corpus_is_large_enough_and_ids_are_unique():
    ids = [m.id for m in CORPUS]
    assert len(STRUCTURE) >= 15 and len(set(ids)) == len(ids)


def test_every_problem_is_reported_in_one_run(project_copy):
    together = [m for m in CATALOG if m.id in ("unknown-action", "unacknowledged-risk")]
    lines = [m.apply(project_copy / "data") for m in together]
    message = refusal(project_copy)
    for mistake, line in zip(together, lines):
        assert mistake.expected(project_copy / "data", line).search(message), message


def _save_as_cp1252(project: Path, file: str, phrase: str) -> tuple[Path, int]:
    edited = project / file
    text = edited.read_text()
    assert text.count(phrase) == 1
    text = text.replace(phrase, phrase + " (caf\u00e9)")
    edited.write_bytes(text.encode("cp1252"))
    return edited, text[:text.index("(caf")].count("\n") + 1


@pytest.mark.parametrize(("file", "phrase"), [
    ("data/permissions.yaml", "Buy reserved MemoryDB nodes."),
    ("docs/help-center/security/aws-access.md", "## The trust policy"),
])
def test_a_file_not_saved_as_utf8_names_its_line(project_copy, file, phrase):
    edited, line = _save_as_cp1252(project_copy, file, phrase)
    assert re.search(rf"{re.escape(str(edited))}:{line}: \(encoding\): byte 0xe9 is not UTF-8",
                     refusal(project_copy))


def _replace_call(project: Path, call: str) -> int:
    page = project / "docs" / ACCESS_PAGE
    lines = page.read_text().splitlines()
    line = lines.index('{{ trust_policy_block() }}') + 1
    lines[line - 1] = f"{{{{ {call} }}}}"
    page.write_text("\n".join(lines) + "\n")
    return line


@pytest.mark.parametrize(("call", "message"), PAGE_MISTAKES, ids=[c for c, _ in PAGE_MISTAKES])
def test_a_mistaken_macro_call_names_the_page_line_and_call(project_copy, call, message):
    line = _replace_call(project_copy, call)
    expected = f"docs/{ACCESS_PAGE}:{line}: {{{{ {call} }}}}: {message}"
    assert expected in refusal(project_copy)


def test_a_page_of_the_nav_alone_is_checked_too(project_copy):
    home = project_copy / "docs" / "index.md"
    text = home.read_text()
    assert "{{ company.name }}" in text
    assert "path: index.md" not in (project_copy / "data" / "permissions.yaml").read_text()
    home.write_text(text.replace("{{ company.name }}", "{{ company.nme }}", 1))
    line = text[:text.index("{{ company.name }}")].count("\n") + 1
    message = refusal(project_copy)
    assert f"docs/index.md:{line}: " in message and "has no attribute 'nme'" in message
    assert message.startswith("1 problem in the data and pages:")


# The wiring, through MkDocs itself: one mistake of each way the build can meet one.
def _data_mistake(project: Path) -> str:
    mistake = next(m for m in CATALOG if m.id == "unknown-action")
    line = mistake.apply(project / "data")
    return mistake.expected(project / "data", line).pattern


def _encoding_mistake(project: Path) -> str:
    edited, line = _save_as_cp1252(project, "data/permissions.yaml", "Buy reserved MemoryDB nodes.")
    return rf"{re.escape(str(edited))}:{line}: \(encoding\): byte 0xe9 is not UTF-8"


def _page_mistake(project: Path) -> str:
    line = _replace_call(project, 'related("acess")')
    return re.escape(f'docs/{ACCESS_PAGE}:{line}: {{{{ related("acess") }}}}: no page has the id')


def _syntax_mistake(project: Path) -> str:
    mistake = next(m for m in STRUCTURE if m.id == "yaml-syntax")
    mistake.apply(project / "data")
    return r"permissions\.yaml:\d+: \(YAML syntax\)"


@pytest.mark.parametrize("make", [_data_mistake, _encoding_mistake, _page_mistake,
                                  _syntax_mistake], ids=lambda f: f.__name__.strip("_"))
def test_mkdocs_build_refuses_and_publishes_nothing(project_copy, make):
    expected = make(project_copy)
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0, build.output
    assert re.search(expected, build.output), build.output
    assert "Traceback" not in build.output, "a mistake is not a bug: no traceback"
    assert not (project_copy / "site").exists(), "a page was written"

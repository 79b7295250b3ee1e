"""Every mistake in the data stops `mkdocs build` with the file, the line and the entry."""

from __future__ import annotations

import re

import pytest

from conftest import run_build
from mistakes import CATALOG, EDITING, HISTORY, STRUCTURE, Mistake


@pytest.mark.parametrize("mistake", STRUCTURE + CATALOG + HISTORY + EDITING, ids=lambda m: m.id)
def test_build_refuses_the_mistake_and_names_file_line_entry(project_copy, mistake: Mistake):
    line = mistake.apply(project_copy / "data")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0, build.output
    assert mistake.expected(project_copy / "data", line).search(build.output), build.output
    assert not (project_copy / "site" / "help-center").exists(), "a page was written"


def test_corpus_is_large_enough_and_ids_are_unique():
    ids = [m.id for m in STRUCTURE + CATALOG + HISTORY + EDITING]
    assert len(STRUCTURE) >= 15 and len(set(ids)) == len(ids)


def test_every_problem_is_reported_in_one_run(project_copy):
    together = [m for m in CATALOG if m.id in ("unknown-action", "unacknowledged-risk")]
    lines = [m.apply(project_copy / "data") for m in together]
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    for mistake, line in zip(together, lines):
        assert mistake.expected(project_copy / "data", line).search(build.output), build.output


@pytest.mark.parametrize(("file", "phrase"), [
    ("data/permissions.yaml", "Buy reserved MemoryDB nodes."),
    ("docs/help-center/security/aws-access.md", "## The trust policy"),
])
def test_a_file_not_saved_as_utf8_names_its_line(project_copy, file, phrase):
    edited = project_copy / file
    text = edited.read_text()
    assert text.count(phrase) == 1
    text = text.replace(phrase, phrase + " (caf\u00e9)")
    edited.write_bytes(text.encode("cp1252"))
    line = text[:text.index("(caf")].count("\n") + 1
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    assert re.search(rf"{re.escape(str(edited))}:{line}: \(encoding\): byte 0xe9 is not UTF-8",
                     build.output), build.output
    assert "Traceback" not in build.output
    assert not (project_copy / "site" / "help-center").exists(), "a page was written"


ACCESS_PAGE = "help-center/security/aws-access.md"
# (what a page's macro call becomes, what the build must say about it)
PAGE_MISTAKES = [
    ('related("acess")', "no page has the id 'acess' in data/permissions.yaml"),
    ('relatd("access")', "'relatd' is undefined"),
    ('credential_facts("nope")', "no credential has the id 'nope'"),
    ('related()', "related() missing 1 required positional argument: 'page_id'"),
    ('related("access"', "unexpected '}', expected ')'"),
]


@pytest.mark.parametrize(("call", "message"), PAGE_MISTAKES, ids=[c for c, _ in PAGE_MISTAKES])
def test_a_mistaken_macro_call_names_the_page_line_and_call(project_copy, call, message):
    page = project_copy / "docs" / ACCESS_PAGE
    lines = page.read_text().splitlines()
    line = lines.index('{{ trust_policy_block() }}') + 1
    lines[line - 1] = f"{{{{ {call} }}}}"
    page.write_text("\n".join(lines) + "\n")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0, build.output
    expected = f"docs/{ACCESS_PAGE}:{line}: {{{{ {call} }}}}: {message}"
    assert re.search(re.escape(expected), build.output), build.output
    assert "Traceback" not in build.output, "a page's mistake is not a bug: no traceback"
    assert not (project_copy / "site" / "help-center").exists(), "a page was written"

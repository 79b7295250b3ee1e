"""The page `mkdocs serve` shows while the data has mistakes, rendered as MkDocs renders it:
the page keeps its title, each consequence sits under its cause, YAML's caret keeps its column,
and no data string is read as Markdown or as a macro."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from archera_docs.pages.mistakes import mistakes_page
from archera_docs.source.errors import DataError, Problem

DATA = Path("data/permissions.yaml")
SYNTAX = Problem(DATA, 105, "(YAML syntax)",
                 "YAML could not read the file here\n 105 |     title: \"Trial\n     |            ^")
UNKNOWN = Problem(DATA, 7, "credentials.trial.blocks[reads].actions[6] (ce:X_*)", "no action ce:X_*")
FOLLOWS = Problem(Path("docs/trial.md"), 3, '{{ deploy_tabs("trial") }}', "needs it").because_of(UNKNOWN)


def rendered(error: DataError, page: str = "# Trial credential permissions\n\nText.") -> BeautifulSoup:
    html = markdown.markdown(mistakes_page(error, page), extensions=["admonition", "attr_list"])
    return BeautifulSoup(html, "html.parser")


def test_the_page_keeps_its_title_and_says_how_many_problems_stop_the_build():
    soup = rendered(DataError([UNKNOWN]))
    assert soup.h1.get_text() == "Trial credential permissions"
    assert "1 problem stops the build. Fix it" in soup.get_text()
    assert "2 problems stop the build. Fix them" in rendered(DataError([UNKNOWN, SYNTAX])).get_text()


def test_a_consequence_is_listed_under_its_cause_and_nothing_is_read_as_markup():
    soup = rendered(DataError([SYNTAX, UNKNOWN, FOLLOWS]))
    top = soup.find("ul").find_all("li", recursive=False)
    assert [li.code.get_text() for li in top] == [str(UNKNOWN), str(SYNTAX).split("\n")[0]]
    nested = top[0].find("ul").find_all("li")
    assert [li.get_text() for li in nested] == [f"which also gives: {FOLLOWS}"]
    assert "{{ deploy_tabs" in nested[0].get_text() and not soup.find("em")


def test_yaml_s_caret_stays_under_the_spot_it_points_at():
    pre = rendered(DataError([SYNTAX])).find("pre").get_text()
    lines = pre.splitlines()
    assert lines == SYNTAX.message.splitlines()[1:]
    assert lines[1].index("^") == lines[0].index('"')


def test_the_page_holds_no_macro_call_for_mkdocs_macros_to_run():
    text = mistakes_page(DataError([SYNTAX, UNKNOWN, FOLLOWS]), "# {{ company.name }}\n")
    assert "{{" not in text and "{%" not in text

"""Checks that span entries: unique ids, resolvable references, no duplicate action."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .history import check_history
from .model import PermissionsFile
from .walk import placed_actions
from .yamlsource import SourceMap, read_utf8

# The page the Atom feed of releases (/changes.xml) links to.
CHANGES_PAGE = "changes"


def _duplicates(items: Iterable[tuple[Any, tuple]], source: SourceMap, what: str) -> list[Problem]:
    seen: dict[Any, tuple] = {}
    problems = []
    for key, loc in items:
        if key in seen:
            first = source.line_of(seen[key])
            problems.append(source.problem(loc, f"{what} {key!r} already appears on line {first}"))
        else:
            seen[key] = loc
    return problems


def check_pages(data: PermissionsFile, source: SourceMap) -> list[Problem]:
    """Page ids and paths are unique; every related id and credential page is registered."""
    problems = _duplicates(((p.id, ("pages", i, "id")) for i, p in enumerate(data.pages)),
                           source, "page id")
    problems += _duplicates(((p.path, ("pages", i, "path")) for i, p in enumerate(data.pages)
                             if p.path), source, "page path")
    pages = {p.id: p for p in data.pages}
    for i, page in enumerate(data.pages):
        problems += _duplicates(((t, ("pages", i, "related", r))
                                 for r, t in enumerate(page.related)), source, "related page")
        for r, target in enumerate(page.related):
            loc = ("pages", i, "related", r)
            if target not in pages:
                problems.append(source.problem(loc, f"no page has the id {target!r}; "
                                                    f"known ids: {', '.join(sorted(pages))}"))
            elif target == page.id:
                problems.append(source.problem(loc, "a page cannot list itself as related"))
    if CHANGES_PAGE not in pages or pages[CHANGES_PAGE].path is None:
        problems.append(source.problem(("pages",), f"no page built here has the id "
                                                   f"{CHANGES_PAGE!r}, which the feed of "
                                                   "releases (/changes.xml) links to"))
    problems += _duplicates(((c.page, ("credentials", cred_id, "page"))
                             for cred_id, c in data.credentials.items()), source, "credential page")
    for cred_id, cred in data.credentials.items():
        loc = ("credentials", cred_id, "page")
        if cred.page not in pages:
            problems.append(source.problem(loc, f"no page has the id {cred.page!r}"))
        elif pages[cred.page].path is None:
            problems.append(source.problem(loc, f"page {cred.page!r} is external; "
                                                "a credential needs a page built here"))
    return problems


def check_credentials(data: PermissionsFile, source: SourceMap) -> list[Problem]:
    """Block ids and claims are unique per credential, services per block; no action appears
    twice in a credential, nor in two acknowledgements of one category."""
    problems = []
    for cred_id, cred in data.credentials.items():
        problems += _duplicates(((c, ("credentials", cred_id, "claims", i))
                                 for i, c in enumerate(cred.claims)), source, "claim")
        problems += _duplicates((((a.category, action.lower()),
                                  ("credentials", cred_id, "acknowledged", i, "actions", j))
                                 for i, a in enumerate(cred.acknowledged)
                                 for j, action in enumerate(a.actions)),
                                source, "acknowledged (category, action)")
        problems += _duplicates(
            ((b.id, ("credentials", cred_id, "blocks", i, "id")) for i, b in enumerate(cred.blocks)),
            source, "block id")
        for i, block in enumerate(cred.blocks):  # each group is a heading of the block's section
            problems += _duplicates(
                ((g.service, ("credentials", cred_id, "blocks", i, "groups", j, "service"))
                 for j, g in enumerate(block.groups)), source, "service group")
        placed = list(placed_actions(data, cred_id))
        problems += _duplicates(((p.action.lower(), p.loc) for p in placed), source, "action")
    return problems


# Macros that show one credential's permissions; each belongs on that credential's page only.
CREDENTIAL_MACROS = ("block_tables", "deploy_tabs", "security_review")


def macro_call(name: str, *args: str) -> str:
    """A macro call as a page writes it: `related("production")`."""
    quoted = ", ".join(f'"{arg}"' for arg in args)
    return f"{name}({quoted})"


def _calls(text: str, name: str) -> list[list[str]]:
    """The string arguments of every call of `name` in a page's text, quotes of either kind."""
    found = re.finditer(rf"\b{name}\(\s*((?:[\"'][^\"']*[\"']\s*,?\s*)*)\)", text)
    return [re.findall(r"[\"']([^\"']*)[\"']", m[1]) for m in found]


def _page_problems(data: PermissionsFile, source: SourceMap, index: int, text: str,
                   where: str) -> list[Problem]:
    page = data.pages[index]
    problems = []
    if [page.id] not in _calls(text, "related"):
        problems.append(source.problem(
            ("pages", index, "path"), f"{where} does not show the related resources of page "
                                      f"{page.id!r} ({{{{ {macro_call('related', page.id)} }}}}): "
                                      "fix that call, or is it the file of another page?"))
    own = [cred_id for cred_id, c in data.credentials.items() if c.page == page.id]
    for name in CREDENTIAL_MACROS:
        for args in _calls(text, name):
            if args and args[0] in data.credentials and args[0] not in own:
                problems.append(source.problem(
                    ("pages", index, "path"),
                    f"{where} calls {{{{ {macro_call(name, *args)} }}}}, which shows the "
                    f"credential {args[0]!r}: that belongs on its own page"))
    for cred_id in own:
        credential = data.credentials[cred_id]
        for name in ("security_review", "deploy_tabs"):
            if [cred_id] not in _calls(text, name):
                problems.append(source.problem(
                    ("credentials", cred_id, "page"),
                    f"{where} does not call {{{{ {macro_call(name, cred_id)} }}}}"))
        for b, block in enumerate(credential.blocks):
            if [cred_id, block.id] not in _calls(text, "block_tables"):
                problems.append(source.problem(
                    ("credentials", cred_id, "blocks", b, "id"),
                    f"{where} does not show this block "
                    f"({{{{ {macro_call('block_tables', cred_id, block.id)} }}}})"))
    return problems


def check_page_files(data: PermissionsFile, source: SourceMap, docs: Path) -> list[Problem]:
    """Every page registered as built here has its Markdown file in the docs folder, and that
    file is the page: it shows the related resources registered for its id and, on a
    credential's page, the credential's every block, its security review and its deployment,
    and no other credential's."""
    problems = []
    for i, page in enumerate(data.pages):
        if not page.path:
            continue
        file, where = docs / page.path, f"{docs.name}/{page.path}"
        if not file.is_file():
            problems.append(source.problem(("pages", i, "path"), f"{where} does not exist"))
            continue
        try:
            text = read_utf8(file)
        except DataError as exc:  # named at the page file's own line
            problems += exc.problems
            continue
        problems += _page_problems(data, source, i, text, where)
    return problems


STRUCTURAL_CHECKS = (check_pages, check_credentials, check_history)

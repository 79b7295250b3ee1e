"""Checks that span entries: unique ids, resolvable references, no duplicate action."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..iam.walk import placed_actions
from ..source.errors import Problem
from ..source.model import CHANGES_PAGE
from ..source.yaml_lines import SourceMap
from .context import Context


def _duplicates(items: Iterable[tuple[Any, tuple]], source: SourceMap, what: str,
                same=lambda key: key) -> list[Problem]:
    """A problem for each item whose key (compared as `same` makes it) appeared before."""
    seen: dict[Any, tuple] = {}
    problems = []
    for key, loc in items:
        if same(key) in seen:
            first = source.line_of(seen[same(key)])
            problems.append(source.problem(loc, f"{what} {key!r} already appears on line {first}"))
        else:
            seen[same(key)] = loc
    return problems


def _lower(key):
    return tuple(part.lower() for part in key) if isinstance(key, tuple) else key.lower()


def check_pages(ctx: Context) -> list[Problem]:
    """Page ids and paths are unique; every related id and credential page is registered."""
    data, source = ctx.data, ctx.source
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
        if page.credential is not None and page.credential not in data.credentials:
            problems.append(source.problem(
                ("pages", i, "credential"), f"no credential has the id {page.credential!r}; "
                                           f"known: {', '.join(data.credentials)}"))
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


def check_credentials(ctx: Context) -> list[Problem]:
    """Role names are unique; block ids and claims per credential, services per block; no action
    appears twice in a credential, nor in two acknowledgements of one category."""
    data, source = ctx.data, ctx.source
    # IAM refuses a second role of a name in an account, whatever its case.
    problems = _duplicates(((c.role_name, ("credentials", cred_id, "role_name"))
                            for cred_id, c in data.credentials.items()), source, "role name", _lower)
    for cred_id, cred in data.credentials.items():
        problems += _duplicates(((c, ("credentials", cred_id, "claims", i))
                                 for i, c in enumerate(cred.claims)), source, "claim")
        problems += _duplicates((((a.category, action),
                                  ("credentials", cred_id, "acknowledged", i, "actions", j))
                                 for i, a in enumerate(cred.acknowledged)
                                 for j, action in enumerate(a.actions)),
                                source, "acknowledged (category, action)", _lower)
        problems += _duplicates(
            ((b.id, ("credentials", cred_id, "blocks", i, "id")) for i, b in enumerate(cred.blocks)),
            source, "block id")
        for i, block in enumerate(cred.blocks):  # each group is a heading of the block's section
            problems += _duplicates(
                ((g.service, ("credentials", cred_id, "blocks", i, "groups", j, "service"))
                 for j, g in enumerate(block.groups)), source, "service group")
        placed = list(placed_actions(data, cred_id))
        problems += _duplicates(((p.action, p.loc) for p in placed), source, "action", _lower)
    return problems

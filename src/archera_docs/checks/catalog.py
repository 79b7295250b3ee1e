"""Every action in the data checked against AWS's catalog: exists, canonical, filed right."""

from __future__ import annotations

from collections import defaultdict

from ..aws.catalog import Catalog, is_pattern
from ..iam.walk import Placed, placed_actions
from ..source.errors import Problem
from .context import Context


def _entry(ctx: Context, placed: Placed) -> str:
    return f"{ctx.source.name(placed.loc)} ({placed.action})"


def check_action(placed: Placed, catalog: Catalog) -> str | None:
    """What is wrong with one action entry against the catalog, or None."""
    action = placed.action
    service = action.partition(":")[0]
    if not catalog.service_exists(service):
        hint = catalog.suggest(action)
        return f"AWS has no service {service!r}" + (f"; did you mean {hint}?" if hint else "")
    if is_pattern(action):
        members = catalog.expand(action)
        if not members:
            return f"the wildcard {action} matches no action of {service!r}"
        if placed.block.kind in ("read", "write"):
            # A block that says what it holds must hold only that; mixed is service-wide.
            others = [m.full_name for m in members
                      if m.is_read != (placed.block.kind == "read")]
            if others:
                holds = "non-read" if placed.block.kind == "read" else "List or Read"
                return (f"the wildcard {action} in {placed.block.kind} block "
                        f"{placed.block.id!r} also grants {len(others)} {holds} actions "
                        f"({', '.join(others[:5])}{'...' if len(others) > 5 else ''}); "
                        "narrow it or file it in a service-wide block")
        return None
    found = catalog.lookup(action)
    if found is None:
        hint = catalog.suggest(action)
        return f"AWS has no action {action}" + (f"; did you mean {hint}?" if hint else "")
    if found.full_name != action:
        return f"write it as AWS spells it: {found.full_name}"
    if placed.block.kind == "read" and not found.is_read:
        return (f"{action} is a {found.access_level} action; read block "
                f"{placed.block.id!r} holds only List and Read actions")
    if placed.block.kind == "write" and found.is_read:
        return (f"{action} is a {found.access_level} action; file it with the reads, "
                f"not in write block {placed.block.id!r}")
    return None


def check_catalog(ctx: Context) -> list[Problem]:
    """Problems of every action entry in the data against the catalog."""
    problems = []
    for placed in placed_actions(ctx.data):
        message = check_action(placed, ctx.catalog)
        if message:
            problem = ctx.source.problem(placed.loc, message, _entry(ctx, placed))
            problems.append(problem)
            meant = ctx.catalog.suggest(placed.action)  # what the writer meant is wrong too
            ctx.note_cause(placed.credential_id, [placed.action, *([meant] if meant else [])],
                           problem)
    return problems


def check_redundant(ctx: Context) -> list[Problem]:
    """A literal action is not listed again where a wildcard of the same credential grants it."""
    source = ctx.source
    placed = list(placed_actions(ctx.data))
    literals: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, entry in enumerate(placed):
        if not is_pattern(entry.action):
            literals[entry.credential_id, entry.action.lower()].append(position)
    problems = []
    for wildcard in (p for p in placed if is_pattern(p.action)):
        granted = sorted(position for member in ctx.catalog.expand(wildcard.action)
                         for position in literals.get(
                             (wildcard.credential_id, member.full_name.lower()), ()))
        problems += [source.problem(placed[position].loc,
                                    f"already granted by {wildcard.action} "
                                    f"(line {source.line_of(wildcard.loc)}); remove one of them",
                                    _entry(ctx, placed[position]))
                     for position in granted]
    return problems

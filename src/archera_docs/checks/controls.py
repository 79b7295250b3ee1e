"""The rules of the controls: every grant's scope explained, every non-read grant classified,
and the guardrail, protections and Region limit consistent with the data and AWS's catalog."""

from __future__ import annotations

from ..aws.catalog import is_pattern
from ..iam.controls import named_writes
from ..iam.walk import placed_actions
from ..source.errors import Problem
from .context import Context


def _listed(count: int, names: list[str]) -> str:
    return ", ".join(names[:6]) + (f" and {count - 6} more" if count > 6 else "")


def check_unscoped(ctx: Context) -> list[Problem]:
    """Every entry granted on every resource ("*") where AWS would let a policy name resources
    says why, on the entry or its group."""
    problems = []
    for placed in placed_actions(ctx.data):
        if placed.group.unscoped_reason(placed.entry):
            continue
        members = ctx.grants[placed.credential_id].by_entry[placed.action]
        scoped = [m for m in members if ctx.catalog.scope(m).resource_types]
        if scoped:
            types = sorted({t.name for m in scoped for t in ctx.catalog.scope(m).resource_types})
            what = (f"{len(scoped)} of the {len(members)} actions {placed.action} grants"
                    if is_pattern(placed.action) else placed.action)
            problems.append(ctx.source.problem(
                placed.loc, f"AWS lets a policy limit {what} to named resources ({', '.join(types)}), "
                            "but the policy grants it on every resource: say why under `unscoped:` "
                            "on the entry or its group",
                f"{ctx.source.name(placed.loc)} ({placed.action})"))
    return problems


def check_coverage(ctx: Context) -> list[Problem]:
    """Every action a credential grants that is neither List nor Read is in a risk category or
    in its `not_risky` list, and `not_risky` names only such actions."""
    if ctx.review is None:  # the risk categories are not known
        return []
    problems = []
    for cred_id, credential in ctx.data.credentials.items():
        risky = {f.grant.action.full_name.lower(): f.category for f in ctx.review.findings[cred_id]}
        granted = {g.action.full_name.lower(): g for g in ctx.grants[cred_id].granted}
        listed: dict[str, tuple] = {}
        for i, entry in enumerate(credential.not_risky):
            for j, action in enumerate(entry.actions):
                loc = ("credentials", cred_id, "not_risky", i, "actions", j)
                key = action.lower()
                grant = granted.get(key)
                if key in listed:
                    problems.append(ctx.source.problem(
                        loc, f"{action} is listed already, on line {ctx.source.line_of(listed[key])}"))
                elif grant is None:
                    problems.append(ctx.source.problem(loc, f"credential {cred_id!r} grants no {action}")
                                    .because_of(ctx.cause_of(cred_id, [action])))
                elif grant.action.is_read:
                    problems.append(ctx.source.problem(
                        loc, f"{action} is a {grant.action.access_level} action: only actions that "
                             "are neither List nor Read belong here"))
                elif key in risky:
                    problems.append(ctx.source.problem(
                        loc, f"{action} falls in the risk category {risky[key]}: acknowledge it "
                             "under that category instead"))
                listed.setdefault(key, loc)
        missing: dict[tuple, list[str]] = {}
        for key, grant in granted.items():
            if not grant.action.is_read and key not in risky and key not in listed:
                missing.setdefault(grant.via.loc, []).append(grant.action.full_name)
        for loc, names in missing.items():
            entry = next(p for p in placed_actions(ctx.data, cred_id) if p.loc == loc)
            problems.append(ctx.source.problem(
                loc, f"grants {len(names)} action{'s' if len(names) > 1 else ''} that "
                     f"{'are' if len(names) > 1 else 'is'} neither List nor Read and in no risk "
                     f"category ({_listed(len(names), names)}): list them under "
                     f"credentials.{cred_id}.not_risky with why they are harmless and whether "
                     "Archera uses them, or add them to a category of data/risks.yaml",
                f"{ctx.source.name(loc)} ({entry.action})"))
    return problems


def _sources(credential) -> list[tuple[tuple, list[str], bool]]:
    """(location, actions, needed) of every acknowledgement and not_risky entry."""
    return ([(("acknowledged", i), ack.actions, ack.needed)
             for i, ack in enumerate(credential.acknowledged)]
            + [(("not_risky", i), entry.actions, entry.needed)
               for i, entry in enumerate(credential.not_risky)])


def check_guardrail(ctx: Context) -> list[Problem]:
    """The guardrail never denies an action a write block asks for by name, and every action is
    either needed or not, wherever the data names it."""
    problems = []
    for cred_id, credential in ctx.data.credentials.items():
        named = named_writes(credential)
        sources = _sources(credential)
        needed_at = {a.lower(): loc for loc, actions, needed in sources if needed for a in actions}
        for loc, actions, needed in sources:
            where = ("credentials", cred_id, *loc, "needed")
            if needed:
                continue
            asked = [a for a in actions if a.lower() in named]
            if asked:
                problems.append(ctx.source.problem(
                    where, f"needed: false would make the guardrail deny {_listed(len(asked), asked)}, "
                           "which the write blocks ask for by name: Archera needs them"))
            for j, action in enumerate(actions):
                if action.lower() in needed_at and action.lower() not in named:
                    line = ctx.source.line_of(("credentials", cred_id, *needed_at[action.lower()]))
                    problems.append(ctx.source.problem(
                        ("credentials", cred_id, *loc, "actions", j),
                        f"{action} is marked needed: true on line {line} and needed: false "
                        "here: the guardrail cannot both deny it and leave it to Archera"))
    return problems

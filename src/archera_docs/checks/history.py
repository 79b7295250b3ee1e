"""The history of every credential replays, version by version, to exactly its current policy."""

from __future__ import annotations

import datetime as dt

from ..iam.history import State, current_state
from ..source.errors import Problem
from ..source.model import Credential
from ..source.yaml_lines import SourceMap
from .context import Context


def _replay_problems(cred_id: str, credential: Credential, source: SourceMap,
                     causes: dict, noted: list) -> list[Problem]:
    problems = []
    state: State = {}
    for i, release in enumerate(credential.history):
        loc = ("credentials", cred_id, "history", i)
        if release.version != i + 1:
            problems.append(source.problem((*loc, "version"), f"expected version {i + 1}: "
                                           "versions count up from 1 in order"))
        if i and release.date < credential.history[i - 1].date:
            problems.append(source.problem((*loc, "date"), "dated before the previous release"))
        if release.date > dt.date.today() + dt.timedelta(days=1):  # a day's slack for time zones
            problems.append(source.problem((*loc, "date"), f"dated {release.date}, in the future"))
        for block, actions in release.removed.items():
            for j, action in enumerate(actions):
                if action not in state.get(block, set()):
                    problems.append(source.problem((*loc, "removed", block, j),
                                                   f"removes {action}, which block {block!r} does "
                                                   "not hold at that point"))
                state.get(block, set()).discard(action)
        for block, actions in release.added.items():
            for j, action in enumerate(actions):
                if action in release.removed.get(block, []):
                    problems.append(source.problem((*loc, "added", block, j),
                                                   f"adds {action} to block {block!r}, which the "
                                                   "same release removes from it: that changes "
                                                   "nothing"))
                elif action in state.setdefault(block, set()):
                    problems.append(source.problem((*loc, "added", block, j),
                                                   f"adds {action}, which block {block!r} already holds"))
                state.setdefault(block, set()).add(action)
        for j, fix in enumerate(release.corrections):
            removed = {a for acts in release.removed.values() for a in acts}
            added = {a for acts in release.added.values() for a in acts}
            if fix.published not in removed or (fix.now and fix.now not in added):
                problems.append(source.problem((*loc, "corrections", j),
                                               "a correction removes `published` and adds `now` "
                                               "in the same release"))
    last = credential.history[-1].version
    if last != credential.version:
        problems.append(source.problem(("credentials", cred_id, "version"),
                                       f"the history ends at version {last}, not {credential.version}"))
    replayed = {b: a for b, a in state.items() if a}
    current = current_state(credential)
    for block in sorted(replayed.keys() | current.keys()):
        missing = sorted(current.get(block, set()) - replayed.get(block, set()))
        extra = sorted(replayed.get(block, set()) - current.get(block, set()))
        if missing or extra:
            detail = "; ".join(part for part in (
                f"never added: {', '.join(missing)}" if missing else "",
                f"added but not in the policy: {', '.join(extra)}" if extra else "") if part)
            problem = source.problem(("credentials", cred_id, "history"),
                                     f"replaying the history does not give block "
                                     f"{block!r} of the policy: {detail}")
            # Entries the catalog refused were never added: the replay shows the spelling the
            # history has instead. That follows from the catalog's problems; anything else is a
            # change made without a release.
            refused = [causes[a.lower()] for a in missing if a.lower() in causes]
            if missing and len(refused) == len(missing):
                problems.append(problem.because_of(refused[0]))
            else:
                problems.append(problem)
                noted.append((cred_id, missing + extra, problem))
    return problems


def check_history(ctx: Context) -> list[Problem]:
    """Every credential's history replays, version by version, to exactly its current policy; a
    block that differs only by actions the catalog refused follows from those problems."""
    problems, noted = [], []
    for cred_id, cred in ctx.data.credentials.items():
        causes = {action: problem for (owner, action), problem in ctx.causes.items()
                  if owner == cred_id}  # lower-cased action -> the catalog's problem with it
        problems += _replay_problems(cred_id, cred, ctx.source, causes, noted)
    for cred_id, actions, problem in noted:
        ctx.note_cause(cred_id, actions, problem)
    return problems

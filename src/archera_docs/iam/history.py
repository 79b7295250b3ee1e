"""A credential's dated history, replayed: the changelog can never disagree with the policy."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.model import Credential

State = dict[str, set[str]]  # block id -> actions


def current_state(credential: Credential) -> State:
    """The actions of each block as the data holds them today."""
    return {b.id: set(b.actions) for b in credential.blocks}


def state_at(credential: Credential, version: int) -> State:
    """The actions of each block once releases up to `version` are applied (history must be valid)."""
    state: State = {}
    for release in credential.history:
        if release.version > version:
            break
        for block, actions in release.removed.items():
            state[block] -= set(actions)
        for block, actions in release.added.items():
            state.setdefault(block, set()).update(actions)
    return {block: actions for block, actions in state.items() if actions}


@dataclass(frozen=True)
class Upgrade:
    """What a role on an earlier version must add and remove, per block, to reach the current one."""

    from_version: int
    to_version: int
    add: dict[str, list[str]]
    remove: dict[str, list[str]]


def upgrade(credential: Credential, from_version: int) -> Upgrade:
    """The computed difference between `from_version` and the current version."""
    before, after = state_at(credential, from_version), current_state(credential)
    blocks = [b.id for b in credential.blocks] + sorted(before.keys() - {b.id for b in credential.blocks})
    add = {b: sorted(after.get(b, set()) - before.get(b, set()), key=str.lower) for b in blocks}
    remove = {b: sorted(before.get(b, set()) - after.get(b, set()), key=str.lower) for b in blocks}
    return Upgrade(from_version, credential.version,
                   {b: a for b, a in add.items() if a}, {b: r for b, r in remove.items() if r})


@dataclass(frozen=True)
class Changes:
    """A release's changes with moves told apart: an action removed from one block and added to
    another in the same release moved between them."""

    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    moved: list[tuple[str, str, str]]  # (action, from block, to block)


def changes(added: dict[str, list[str]], removed: dict[str, list[str]]) -> Changes:
    """Split added and removed actions (block id -> actions) into additions, removals and moves."""
    came = {a: block for block, actions in added.items() for a in actions}
    went = {a: block for block, actions in removed.items() for a in actions}
    moved = [(a, went[a], came[a]) for a in went if a in came and went[a] != came[a]]
    gone = {a for a, _, _ in moved}
    return Changes({b: [a for a in acts if a not in gone] for b, acts in added.items()
                    if any(a not in gone for a in acts)},
                   {b: [a for a in acts if a not in gone] for b, acts in removed.items()
                    if any(a not in gone for a in acts)},
                   moved)

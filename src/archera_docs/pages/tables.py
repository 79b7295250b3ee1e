"""The tables of a credential's page: each block's groups, action by action, with what AWS says of
each action and how far a policy could narrow it."""

from __future__ import annotations

import re
from collections import Counter

from ..aws.catalog import ACCESS_LEVELS, CatalogAction, is_pattern
from ..dataset import Dataset
from ..source.model import ActionEntry, Group
from ..files.links import action_anchor, link_from
from . import markdown as md

KEYS_SHOWN = 6  # condition keys named in a row; the rest are counted, and AWS's reference has all


def members_anchor(action: str) -> str:
    """The id of a wildcard's section on its credential's wildcards page: `members-ce-all`."""
    return "members-" + action_anchor("", action).lstrip("-")


def level_counts(actions: list[CatalogAction]) -> str:
    """`12 Read, 3 Write` in the catalog's order of access levels."""
    counts = Counter(a.access_level for a in actions)
    return ", ".join(f"{counts[level]} {level}" for level in ACCESS_LEVELS if counts[level])


def action_link(dataset: Dataset, name: str) -> str:
    """An action as code, linked to its service's page of AWS's Service Authorization Reference."""
    service = name.partition(":")[0]
    return md.action(name, dataset.catalog.reference_url(service)
                     if dataset.catalog.service_exists(service) else None)


def scope_text(dataset: Dataset, action: CatalogAction) -> str:
    """What AWS's catalog lets a policy narrow an action to: resource types, condition keys."""
    scope = dataset.catalog.scope(action)
    types = ", ".join(f"{t.name}{' (required)' if t.required else ''}" for t in scope.resource_types)
    parts = [f"Resources: {types}." if types else "AWS offers no resource type for this action."]
    keys = scope.condition_keys
    if keys:
        more = f" and {len(keys) - KEYS_SHOWN} more" if len(keys) > KEYS_SHOWN else ""
        parts.append(f"Condition keys: {', '.join(keys[:KEYS_SHOWN])}{more}.")
    return md.text(" ".join(parts))


def wildcard_scope(dataset: Dataset, members: list[CatalogAction]) -> str:
    """How many of a wildcard's actions AWS would let a policy limit to named resources."""
    scoped = sum(bool(dataset.catalog.scope(m).resource_types) for m in members)
    return md.text(f"{scoped} of the {len(members)} can be limited to named resources."
                   if scoped else "AWS offers no resource type for any of them.")


def _row(dataset: Dataset, credential_id: str, group: Group, entry: ActionEntry,
         reasons: bool) -> list[str]:
    members = dataset.grants[credential_id].by_entry[entry.action]
    first = md.anchor(action_anchor(credential_id, entry.action)) + action_link(dataset, entry.action)
    if is_pattern(entry.action):
        credential = dataset.permissions.credential(credential_id)
        listing = (f"{link_from(dataset, credential.page, f'{credential.page}-wildcards')}"
                   f"#{members_anchor(entry.action)}")
        service = dataset.catalog.service_name(entry.action.partition(":")[0])
        cells = [first, md.text(level_counts(members)),
                 md.text(f"Every action of {service} matching the wildcard: {len(members)} today, ")
                 + md.link("each listed", listing) + md.text(". ") + wildcard_scope(dataset, members)]
    else:
        action = members[0]
        cells = [first, md.text(action.access_level),
                 md.text(action.description) + "<br>" + scope_text(dataset, action)]
    if reasons:
        own = [md.text(entry.why)] if entry.why else []
        if entry.unscoped:
            own.append(md.text(f"On every resource: {entry.unscoped}"))
        cells.append(" ".join(own))
    return cells


def group_table(dataset: Dataset, credential_id: str, group: Group) -> str:
    """The table of one group: action, AWS's access level, what it does and how far it could be
    narrowed; a column of reasons only when an action has one of its own."""
    reasons = any(e.why or e.unscoped for e in group.actions)
    rows = [_row(dataset, credential_id, group, entry, reasons) for entry in group.actions]
    headers = ["Action", "Access level (AWS)", "What it does and its scope (AWS)"]
    return md.table(headers + (["Why Archera needs it"] if reasons else []), rows, "actions")


def block_tables(dataset: Dataset, credential_id: str, block_id: str) -> str:
    """A block's summary, then, collapsed, one heading and table per service group, its purpose
    (and why its actions apply to every resource) stated once above the table."""
    block = dataset.permissions.credential(credential_id).block(block_id)
    parts = []
    for group in block.groups:
        # The id names the block too: two blocks can each hold a group of the same service.
        heading_id = re.sub(r"[^a-z0-9]+", "-", f"{block.id} {group.service}".lower()).strip("-")
        parts += [f"### {md.text(group.service)} {{#{heading_id}}}", md.text(group.purpose)]
        if group.unscoped:
            parts.append(md.text(f"Why on every resource (\"*\"): {group.unscoped}"))
        if group.note:
            parts.append(md.admonition("note", "Note", md.text(group.note)))
        parts.append(group_table(dataset, credential_id, group))
    # Collapsed until asked for: however long the data grows, what the page lays out on first
    # view stays bounded. A link to a row opens it, and search still finds the row.
    tables = md.admonition("abstract", f"The {md.count(len(block.entries), 'entry')} of "
                           f"{block.title}, what AWS says of each and why Archera asks for it",
                           "\n\n".join(parts), collapsed=True)
    return "\n\n".join([md.text(block.summary), tables])


def credential_facts(dataset: Dataset, credential_id: str) -> dict[str, int]:
    """Counts a page quotes: entries, literal actions, wildcards, and actions granted today."""
    credential = dataset.permissions.credential(credential_id)
    entries = [action for block in credential.blocks for action in block.actions]
    granted = dataset.review.granted[credential_id]
    return {
        "entries": len(entries),
        "wildcards": sum(is_pattern(a) for a in entries),
        "literals": sum(not is_pattern(a) for a in entries),
        "granted": len(granted),
        "granted_non_read": sum(not action.is_read for action in granted),
    }

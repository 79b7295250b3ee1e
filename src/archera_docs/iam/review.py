"""The security review: what each credential really grants, which of it is risky, which claims hold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..aws.catalog import Catalog, CatalogAction
from ..source.controls import Acknowledgement
from ..source.model import PermissionsFile
from ..source.risk_table import RiskTable
from .grants import CredentialGrants, Grant

CLAIMS = {
    "read-only": "grants only List and Read actions",
    "metadata-only": "reads nothing beyond usage, cost and configuration metadata",
    "no-infrastructure-change": "cannot launch, resize or stop infrastructure",
    "no-privilege-escalation": "cannot create credentials or widen its own or anyone's permissions",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A risky action a credential grants, with the reason it is accepted (None if missing)."""

    grant: Grant
    category: str
    acknowledgement: Acknowledgement | None


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


@dataclass(frozen=True)
class Review:
    """The security review of every credential: the actions it grants, which of them are risky."""

    granted: dict[str, list[CatalogAction]]
    findings: dict[str, list[Finding]]
    risk_index: dict[str, list[str]]


def review(data: PermissionsFile, table: RiskTable, catalog: Catalog,
           grants: dict[str, CredentialGrants]) -> Review:
    """What each credential of `grants` grants and its findings, computed once for the checks and
    the pages."""
    index = risk_index(table, catalog)
    granted = {cred_id: resolved.actions for cred_id, resolved in grants.items()}
    found = {cred_id: _assess(data, cred_id, resolved.granted, index)
             for cred_id, resolved in grants.items()}
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

"""The controls that fence a credential: which of its grants Archera uses, the guardrail's Denies
of the rest, the protections of resources that are the customer's, and the Region limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..aws.catalog import Catalog, CatalogAction, ResourceType, is_pattern
from ..source.controls import Protection
from ..source.model import Credential
from .grants import CredentialGrants
from .policy import camel

UNUSED = "unused"  # the key of the guardrail's Deny for not-risky actions Archera does not use


# AWS's global condition key: the Region of the endpoint a call went to.
REQUESTED_REGION = "aws:RequestedRegion"


@dataclass(frozen=True)
class Denial:
    """One statement of the guardrail: a reason (a risk category, or unused) and what it denies."""

    key: str  # the risk category, or UNUSED
    actions: list[CatalogAction]

    @property
    def sid_part(self) -> str:
        """The part of the statement's Sid naming the reason: `DataExport`, `Unused`."""
        return camel(self.key)


@dataclass(frozen=True)
class Protected:
    """A protection with the resource type AWS's catalog gives its actions."""

    protection: Protection
    resource_type: ResourceType | None  # None when the catalog has no such type

    @property
    def arn_pattern(self) -> str:
        """The ARN of the resources Archera creates: the catalog's format, the name replaced by
        the prefix input and `*` (`arn:${Partition}:budgets::${Account}:budget/${Prefix}*`)."""
        head, _, _name = self.resource_type.arn.replace("${Region}", "*").rpartition("${")
        return f"{head}${{{camel(self.protection.id)}}}*"


@dataclass(frozen=True)
class Controls:
    """What fences one credential, computed once from the data and the catalog."""

    denials: list[Denial]
    protections: list[Protected]
    region_actions: dict[str, list[CatalogAction]]  # condition key -> the actions it limits
    catalog_date: date  # the edition of AWS's catalog the denials were computed from

    @property
    def denied(self) -> list[CatalogAction]:
        """Every action the guardrail denies, once, sorted by name."""
        return sorted({a for d in self.denials for a in d.actions},
                      key=lambda a: a.full_name.lower())

    def effective(self, granted: list[CatalogAction]) -> list[CatalogAction]:
        """What the role can do with the guardrail attached: granted minus denied."""
        denied = set(self.denied)
        return [action for action in granted if action not in denied]


def named_writes(credential: Credential) -> set[str]:
    """Lower-cased literal actions the credential's write blocks ask for by name."""
    return {a.lower() for b in credential.blocks if b.kind == "write" for a in b.actions
            if not is_pattern(a)}


def unneeded(credential: Credential) -> dict[str, list[str]]:
    """Lower-cased actions the data says Archera does not use, by reason (category or UNUSED)."""
    found: dict[str, list[str]] = {}
    for ack in credential.acknowledged:
        if not ack.needed:
            found.setdefault(ack.category, []).extend(a.lower() for a in ack.actions)
    for entry in credential.not_risky:
        if not entry.needed:
            found.setdefault(UNUSED, []).extend(a.lower() for a in entry.actions)
    return found


def controls(credential: Credential, grants: CredentialGrants, catalog: Catalog) -> Controls:
    """The guardrail, protections and Region limit of one credential."""
    by_name = {a.full_name.lower(): a for a in grants.actions}
    denials, taken = [], set()
    for key, names in unneeded(credential).items():
        actions = sorted({by_name[n] for n in names if n in by_name and n not in taken},
                         key=lambda a: a.full_name.lower())
        taken |= {a.full_name.lower() for a in actions}
        if actions:
            denials.append(Denial(key, actions))
    protections = []
    for protection in credential.protections:
        service, _, kind = protection.resource.partition(":")
        types = {t.name.lower(): t for a in protection.actions
                 for found in [catalog.lookup(a)] if found for t in catalog.scope(found).resource_types}
        protections.append(Protected(protection, types.get(kind.lower())))
    regions: dict[str, list[CatalogAction]] = {}
    if credential.region_limit:
        kept = [a for a in grants.actions if not a.is_read and a.full_name.lower() not in taken]
        for key in credential.region_limit.keys:
            regions[key] = [a for a in kept if key.lower() in
                            (k.lower() for k in catalog.scope(a).region_keys)]
        keyed = {a for actions in regions.values() for a in actions}
        regional = set(credential.region_limit.regional_services)
        if regional:
            regions[REQUESTED_REGION] = [a for a in kept if a.service in regional and a not in keyed]
    return Controls(denials, protections, regions, catalog.data_date())

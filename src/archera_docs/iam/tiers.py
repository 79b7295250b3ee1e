"""Trial versus production, computed from what each credential grants in AWS's catalog."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..aws.catalog import CatalogAction, is_pattern
from ..source.model import Credential, PermissionsFile
from .grants import CredentialGrants


@dataclass(frozen=True)
class Widened:
    """A group the lower credential names action by action, granted by wildcards in the higher."""

    service: str
    named: int
    wildcards: list[str]
    granted: list[CatalogAction]


@dataclass(frozen=True)
class TierDiff:
    """What the higher credential grants beyond the lower one."""

    extra: list[CatalogAction]
    by_service: dict[str, Counter]
    widened: list[Widened]
    only_lower: list[str]
    # optional block id -> how many of the extra actions only that block grants
    from_optional: dict[str, int]


def tier_diff(data: PermissionsFile, lower: str, higher: str,
              grants: dict[str, CredentialGrants]) -> TierDiff:
    """Compare two credentials: extra actions by service and level, and widened groups.

    `grants` is what each credential's entries grant, as the dataset resolved them."""
    low, high = ({a.full_name: a for a in grants[c].actions} for c in (lower, higher))
    extra = [high[name] for name in sorted(high.keys() - low.keys(), key=str.lower)]
    by_service: dict[str, Counter] = defaultdict(Counter)
    for action in extra:
        by_service[action.service][action.access_level] += 1
    lower_grants, higher_grants = grants[lower].by_entry, grants[higher].by_entry
    wildcards = [action for b in data.credential(higher).blocks for action in b.actions
                 if is_pattern(action)]
    widened = []
    for block in data.credential(lower).blocks:
        for group in block.groups:
            named = {a.full_name for e in group.actions for a in lower_grants[e.action]}
            covering = [w for w in wildcards
                        if named & {a.full_name for a in higher_grants[w]}]
            if covering:
                members = sorted({a for w in covering for a in higher_grants[w]})
                widened.append(Widened(group.service, len(named), covering, members))
    return TierDiff(extra, dict(sorted(by_service.items())), widened,
                    sorted(low.keys() - high.keys(), key=str.lower),
                    _from_optional(data.credential(higher), extra, higher_grants))


def _from_optional(credential: Credential, extra: list[CatalogAction],
                   by_entry: dict[str, list[CatalogAction]]) -> dict[str, int]:
    def granted_by(blocks) -> set[str]:
        return {a.full_name for b in blocks for action in b.actions for a in by_entry[action]}
    required = granted_by(b for b in credential.blocks if not b.optional)
    extra_names = {a.full_name for a in extra}
    return {b.id: len((granted_by([b]) & extra_names) - required)
            for b in credential.blocks if b.optional}

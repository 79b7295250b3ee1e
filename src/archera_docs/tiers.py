"""Trial versus production, computed from what each credential grants in AWS's catalog."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .catalog import Catalog, CatalogAction, is_pattern
from .model import Credential, PermissionsFile


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


def tier_diff(data: PermissionsFile, lower: str, higher: str, catalog: Catalog,
              granted: dict[str, list[CatalogAction]]) -> TierDiff:
    """Compare two credentials: extra actions by service and level, and widened groups.

    `granted` is what each credential grants, as the security review computed it."""
    low, high = ({a.full_name: a for a in granted[c]} for c in (lower, higher))
    extra = [high[name] for name in sorted(high.keys() - low.keys(), key=str.lower)]
    by_service: dict[str, Counter] = defaultdict(Counter)
    for action in extra:
        by_service[action.service][action.access_level] += 1
    wildcards = [e.action for b in data.credential(higher).blocks for g in b.groups
                 for e in g.actions if is_pattern(e.action)]
    widened = []
    for block in data.credential(lower).blocks:
        for group in block.groups:
            named = {a.full_name for e in group.actions for a in catalog.resolve(e.action)}
            covering = [w for w in wildcards
                        if named & {a.full_name for a in catalog.expand(w)}]
            if covering:
                members = sorted({a for w in covering for a in catalog.expand(w)})
                widened.append(Widened(group.service, len(named), covering, members))
    return TierDiff(extra, dict(sorted(by_service.items())), widened,
                    sorted(low.keys() - high.keys(), key=str.lower),
                    _from_optional(data.credential(higher), extra, catalog))


def _from_optional(credential: Credential, extra: list[CatalogAction],
                   catalog: Catalog) -> dict[str, int]:
    def grants(blocks) -> set[str]:
        return {a.full_name for b in blocks for g in b.groups for e in g.actions
                for a in catalog.resolve(e.action)}
    required = grants(b for b in credential.blocks if not b.optional)
    extra_names = {a.full_name for a in extra}
    return {b.id: len((grants([b]) & extra_names) - required)
            for b in credential.blocks if b.optional}

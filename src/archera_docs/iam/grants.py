"""What each entry of a credential grants in AWS's catalog: the one step from the data to actions."""

from __future__ import annotations

from dataclasses import dataclass

from ..aws.catalog import Catalog, CatalogAction, is_pattern
from ..source.model import PermissionsFile
from .walk import Placed, placed_actions


@dataclass(frozen=True, slots=True)
class Grant:
    """One catalog action a credential grants, and the data entry that grants it."""

    action: CatalogAction
    via: Placed


@dataclass(frozen=True)
class CredentialGrants:
    """A credential's entries resolved against the catalog, computed once per dataset."""

    by_entry: dict[str, list[CatalogAction]]  # an entry as written -> every action it grants
    granted: list[Grant]  # every action once, sorted by name, with the entry that explains it

    @property
    def actions(self) -> list[CatalogAction]:
        """Every catalog action the credential grants, once each, sorted by name."""
        return [grant.action for grant in self.granted]


def credential_grants(data: PermissionsFile, credential_id: str,
                      catalog: Catalog) -> CredentialGrants:
    """Resolve every entry of one credential: what it grants, and each action's best entry."""
    by_entry: dict[str, list[CatalogAction]] = {}
    found: dict[str, Grant] = {}
    for placed in placed_actions(data, credential_id):
        members = by_entry[placed.action] = catalog.resolve(placed.action)
        for action in members:
            key = action.full_name.lower()
            # A literal entry explains an action better than a wildcard that also covers it.
            if key not in found or is_pattern(found[key].via.action):
                found[key] = Grant(action, placed)
    granted = sorted(found.values(), key=lambda g: g.action.full_name.lower())
    return CredentialGrants(by_entry, granted)

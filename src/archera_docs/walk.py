"""Walk the model's actions together with their location in the YAML file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import ActionEntry, Block, Credential, Group, PermissionsFile


@dataclass(frozen=True)
class Placed:
    """An action entry with the credential, block and group it sits in, and its YAML location."""

    credential_id: str
    credential: Credential
    block: Block
    group: Group
    entry: ActionEntry
    loc: tuple

    @property
    def action(self) -> str:
        """The action or wildcard as written in the data."""
        return self.entry.action


def placed_actions(data: PermissionsFile) -> Iterator[Placed]:
    """Every action entry of every credential, in file order."""
    for cred_id, cred in data.credentials.items():
        for b, block in enumerate(cred.blocks):
            for g, group in enumerate(block.groups):
                for a, entry in enumerate(group.actions):
                    loc = ("credentials", cred_id, "blocks", b, "groups", g, "actions", a)
                    yield Placed(cred_id, cred, block, group, entry, loc)

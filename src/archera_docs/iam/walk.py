"""Walk the model's actions together with their location in the YAML file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..source.model import ActionEntry, Block, Group, PermissionsFile


@dataclass(frozen=True, slots=True)
class Placed:
    """An action entry with its credential, the block it sits in, and its YAML location."""

    credential_id: str
    block: Block = field(repr=False)
    group: Group = field(repr=False)
    entry: ActionEntry
    loc: tuple

    @property
    def action(self) -> str:
        """The action or wildcard as written in the data."""
        return self.entry.action


def placed_actions(data: PermissionsFile, credential_id: str | None = None) -> Iterator[Placed]:
    """Every action entry of every credential (or of one), in file order."""
    for cred_id, cred in data.credentials.items():
        if credential_id is not None and cred_id != credential_id:
            continue
        for b, block in enumerate(cred.blocks):
            for g, group in enumerate(block.groups):
                for a, entry in enumerate(group.actions):
                    loc = ("credentials", cred_id, "blocks", b, "groups", g, "actions", a)
                    yield Placed(cred_id, block, group, entry, loc)

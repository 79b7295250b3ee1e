"""A credential's history: each version, the actions it added and removed per block, and why."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .types import ActionName, NonEmpty, Slug, Strict


class Correction(Strict):
    """A fix to the list Archera published before, with its reason."""

    published: ActionName
    kind: Literal["nonexistent", "spelling", "misfiled"]
    now: ActionName | None = None
    reason: NonEmpty


BlockActions = dict[Slug, Annotated[list[ActionName], Field(min_length=1)]]


class Release(Strict):
    """One version of a credential: the actions it added and removed, per block, and why."""

    version: Annotated[int, Field(ge=1)]
    date: dt.date
    summary: NonEmpty
    added: BlockActions = {}
    removed: BlockActions = {}
    corrections: list[Correction] = []

    @model_validator(mode="after")
    def _changes_something(self) -> Release:
        if not self.added and not self.removed:
            raise ValueError("a release adds or removes at least one action")
        return self

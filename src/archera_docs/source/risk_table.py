"""The typed model of data/risks.yaml: the risky actions the security review looks for."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import AfterValidator, Field, field_validator

from .types import ActionName, NonEmpty, RiskCategory, Strict


def _narrower_than_a_service(action: str) -> str:
    # `ce:*` would file every ce action under one risk, and the review would ask to acknowledge
    # reads as if they were risky: a category names the actions, or a pattern that is all risk.
    service, name = action.split(":", 1)
    if not name.strip("*?"):
        raise ValueError(f"{action} matches every {service} action; a risk category names its "
                         "actions, or a pattern whose every match carries the risk")
    return action


RiskyAction = Annotated[ActionName, AfterValidator(_narrower_than_a_service)]


class RiskCategoryEntry(Strict):
    """One kind of risk and the actions (or wildcards) that carry it."""

    title: NonEmpty
    description: NonEmpty
    actions: Annotated[list[RiskyAction], Field(min_length=1)]


class RiskTable(Strict):
    """The whole of data/risks.yaml: what the security review looks for."""

    categories: dict[RiskCategory, RiskCategoryEntry]

    @field_validator("categories")
    @classmethod
    def _every_category(cls, categories: dict) -> dict:
        # A category left out would silently drop its findings, and the claims it backs.
        missing = [c for c in get_args(RiskCategory) if c not in categories]
        if missing:
            raise ValueError(f"every risk category needs its entry; missing: {', '.join(missing)}")
        return categories

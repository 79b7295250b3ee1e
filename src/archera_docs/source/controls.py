"""What the data says about a credential's risky grants and the controls that fence them: why each
is accepted, whether Archera uses it, and the optional Denies its guardrail, protections and Region
limit add."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .types import (ActionName, ConditionKey, NonEmpty, ResourceTypeName, RiskCategory,
                    ServicePrefix, Slug, Strict)


class Acknowledgement(Strict):
    """Why some risky actions this credential grants are accepted, for one risk category, and
    whether Archera uses them (if not, the credential's guardrail denies them)."""

    category: RiskCategory
    actions: Annotated[list[ActionName], Field(min_length=1)]
    needed: bool
    reason: NonEmpty


class NotRisky(Strict):
    """Actions that are neither List nor Read and fall in no risk category: why that is so, and
    whether Archera uses them (if not, the credential's guardrail denies them)."""

    actions: Annotated[list[ActionName], Field(min_length=1)]
    needed: bool
    reason: NonEmpty


class Protection(Strict):
    """Resources of yours that actions Archera needs for its own resources could reach: an
    optional Deny keeps those actions to the resources whose names start with the prefix Archera
    gives its own (a value only Archera can tell you, so the templates ask for it)."""

    id: Slug  # names the input in every format: budget-name-prefix -> BudgetNamePrefix
    resource: ResourceTypeName  # AWS's resource type, `budgets:budget`
    actions: Annotated[list[ActionName], Field(min_length=1)]
    asks: NonEmpty  # what the input is, as the templates ask for it
    reason: NonEmpty


class RegionLimit(Strict):
    """An optional Deny of the credential's write actions outside the Regions you allow, through
    the condition keys AWS's catalog lists for those actions, and through aws:RequestedRegion for
    the services the data names as answering in one Region a call."""

    keys: Annotated[list[ConditionKey], Field(min_length=1)]
    # Services whose every call goes to one Region's endpoint (not a global service such as
    # budgets or savingsplans): their write actions are limited through aws:RequestedRegion.
    regional_services: list[ServicePrefix] = []
    reason: NonEmpty


class Outlasting(Strict):
    """What some of a credential's actions create that stays after the role is gone."""

    actions: Annotated[list[ActionName], Field(min_length=1)]
    what: NonEmpty

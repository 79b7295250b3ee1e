"""The values a customer gives a deployment, named the way each format names its inputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .policy import camel


@dataclass(frozen=True)
class Input:
    """One input: a switch (true or false), a text (empty: not given) or a list of texts."""

    slug: str  # `include-organization`, `budget-name-prefix`, `allowed-regions`
    kind: Literal["switch", "text", "list"]
    description: str  # one sentence, as every format states it
    default: bool = False  # a switch's value when it is not set
    pattern: str | None = None  # what a text (or each item of a list) must match, whole

    @property
    def parameter(self) -> str:
        """CloudFormation parameter: `IncludeOrganization`."""
        return camel(self.slug)

    @property
    def variable(self) -> str:
        """Terraform variable: `include_organization`."""
        return self.slug.replace("-", "_")

    @property
    def environment(self) -> str:
        """Shell environment variable: `INCLUDE_ORGANIZATION`."""
        return self.variable.upper()

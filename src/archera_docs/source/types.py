"""The value types every entry of the data files is built from, and the strict base model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from ..aws.identifiers import ACCOUNT_ID, ROLE_NAME_CHARS, ROLE_NAME_MAX

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
ActionName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+:[A-Za-z0-9*?]+$")]
AccountId = Annotated[str, StringConstraints(pattern=f"^{ACCOUNT_ID}$")]
RoleName = Annotated[str, StringConstraints(pattern=f"^{ROLE_NAME_CHARS}{{1,{ROLE_NAME_MAX}}}$")]
ResourceTypeName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+:[A-Za-z0-9-]+$")]
ConditionKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+:[A-Za-z0-9]+$")]
ServicePrefix = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
Partition = Literal["aws", "aws-us-gov", "aws-cn"]
BlockKind = Literal["read", "write", "service-wide"]
Claim = Literal["read-only", "metadata-only", "no-infrastructure-change", "no-privilege-escalation"]
RiskCategory = Literal[
    "credential-exposure", "data-read", "privilege-escalation", "resource-exposure",
    "infrastructure-change", "financial-commitment", "organization-structure", "data-export",
    "record-deletion", "record-change", "acting-as-you"]


class Strict(BaseModel):
    """Base for every entry: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

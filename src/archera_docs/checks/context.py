"""What every check reads: both data files with their lines, AWS's catalog, and what is computed
from them once (each credential's grants, controls and deployment, the security review)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import cached_property

from ..aws.catalog import Catalog, is_pattern
from ..iam.controls import Controls, controls
from ..iam.deployment import Deployment, deployment
from ..iam.grants import CredentialGrants, credential_grants
from ..iam.review import Review, review
from ..source.errors import Problem
from ..source.model import PermissionsFile
from ..source.risk_table import RiskTable
from ..source.yaml_lines import SourceMap


@dataclass
class Context:
    """The parsed data under check; derived values are computed on first use and kept."""

    data: PermissionsFile
    source: SourceMap
    catalog: Catalog
    risks: RiskTable | None = None  # None when data/risks.yaml did not parse
    risk_source: SourceMap | None = None
    # Names of the checks that found problems so far, for the checks that depend on them.
    failed: set[str] = field(default_factory=set)
    # (credential, lower-cased action) -> the problem that made the action wrong or missing: a
    # later problem about that action follows from it, and is reported under it.
    causes: dict[tuple[str, str], Problem] = field(default_factory=dict)

    def note_cause(self, credential_id: str, actions, problem: Problem) -> None:
        """Record that `problem` explains whatever else is wrong with these actions."""
        for action in actions:
            self.causes.setdefault((credential_id, action.lower()), problem)

    def cause_of(self, credential_id: str, actions) -> Problem | None:
        """The earlier problem that one of these actions follows from, if any: a problem with
        the action itself, or with a wildcard that would grant it."""
        for action in (a.lower() for a in actions):
            for (owner, noted), problem in self.causes.items():
                if owner == credential_id and (noted == action or (
                        is_pattern(noted) and fnmatch.fnmatchcase(action, noted))):
                    return problem
        return None

    @cached_property
    def grants(self) -> dict[str, CredentialGrants]:
        """Every credential's entries resolved against the catalog."""
        return {cred_id: credential_grants(self.data, cred_id, self.catalog)
                for cred_id in self.data.credentials}

    @cached_property
    def controls(self) -> dict[str, Controls]:
        """Every credential's guardrail, protections and Region limit."""
        return {cred_id: controls(credential, self.grants[cred_id], self.catalog)
                for cred_id, credential in self.data.credentials.items()}

    @cached_property
    def _deployments(self) -> tuple[dict[str, Deployment], dict[str, str]]:
        built, refused = {}, {}
        for cred_id in self.data.credentials:
            try:
                built[cred_id] = deployment(self.data, cred_id, self.grants[cred_id],
                                            self.controls[cred_id])
            except ValueError as exc:  # an action too long for any managed policy
                refused[cred_id] = str(exc)
        return built, refused

    @property
    def deployments(self) -> dict[str, Deployment]:
        """Each credential's role and managed policies, for the credentials that fit in them."""
        return self._deployments[0]

    @property
    def undeployable(self) -> dict[str, str]:
        """Credential id -> why its policies cannot be built at all."""
        return self._deployments[1]

    @cached_property
    def review(self) -> Review | None:
        """The security review; None while the risk table is missing or wrong."""
        if self.risks is None or "risk table" in self.failed:
            return None
        return review(self.data, self.risks, self.catalog, self.grants)

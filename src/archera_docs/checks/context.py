"""What every check reads: both data files with their lines, AWS's catalog, and what is computed
from them once (each credential's grants and deployment, the security review)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..aws.catalog import Catalog
from ..iam.deployment import Deployment, deployment
from ..iam.grants import CredentialGrants, credential_grants
from ..iam.review import Review, review
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

    @cached_property
    def grants(self) -> dict[str, CredentialGrants]:
        """Every credential's entries resolved against the catalog."""
        return {cred_id: credential_grants(self.data, cred_id, self.catalog)
                for cred_id in self.data.credentials}

    @cached_property
    def _deployments(self) -> tuple[dict[str, Deployment], dict[str, str]]:
        built, refused = {}, {}
        for cred_id in self.data.credentials:
            try:
                built[cred_id] = deployment(self.data, cred_id)
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

"""What every deployment format creates for one credential: the role, its trust, its policies."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.model import Block, Company, Credential, PermissionsFile
from .policy import ManagedPolicy, camel, managed_policies, trust_policy


def one_line(text: str) -> str:
    """A data string made safe for a `#` comment, in any of the formats."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Toggle:
    """An optional block a customer switches on, named the way each format names its inputs."""

    block: Block

    @property
    def parameter(self) -> str:
        """CloudFormation parameter: `IncludeOrganization`."""
        return f"Include{camel(self.block.id)}"

    @property
    def variable(self) -> str:
        """Terraform variable: `include_organization`."""
        return f"include_{self.block.id.replace('-', '_')}"

    @property
    def environment(self) -> str:
        """Shell environment variable: `INCLUDE_ORGANIZATION`."""
        return self.variable.upper()


@dataclass(frozen=True)
class Deployment:
    """The role one credential needs, as every format (JSON, CloudFormation, ...) builds it."""

    company: Company
    credential_id: str
    credential: Credential
    policies: list[ManagedPolicy]

    @property
    def role_name(self) -> str:
        """The default name of the role."""
        return self.company.access.role_name

    @property
    def role_description(self) -> str:
        """The role's description, naming the credential and its version."""
        return (f"Lets {self.company.name} use the {self.credential_id} credential, "
                f"version {self.credential.version}")

    @property
    def header_warnings(self) -> list[str]:
        """Warnings every generated template states at its top (none for real data)."""
        if not self.company.account_id_is_placeholder:
            return []
        return [f"WARNING: {self.company.name}'s AWS account ID is not filled in yet, so this file "
                f"has no default for it: ask {self.company.name} for the account ID to trust."]

    @property
    def toggles(self) -> list[Toggle]:
        """The credential's optional blocks, in file order."""
        return [Toggle(b) for b in self.credential.blocks if b.optional]

    def toggle_of(self, policy: ManagedPolicy) -> Toggle | None:
        """The switch that adds `policy`, or None for a required one."""
        return next((t for t in self.toggles if t.block.id == policy.optional_block), None)

    @property
    def known_account(self) -> str | None:
        """Archera's account ID, or None while the data holds a placeholder (templates then ask)."""
        return None if self.company.account_id_is_placeholder else self.company.account_id

    def trust(self, external_id: str | dict = "YOUR_EXTERNAL_ID",
              principal: str | dict | None = None) -> dict:
        """The trust policy, with the External ID and principal as values or template references."""
        return trust_policy(self.company, external_id, principal)


def deployment(data: PermissionsFile, credential_id: str) -> Deployment:
    """The deployment of one credential of the data."""
    credential = data.credential(credential_id)
    return Deployment(data.company, credential_id, credential,
                      managed_policies(credential_id, credential))

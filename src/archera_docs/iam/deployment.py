"""What every deployment format creates for one credential: the role, its trust, its managed
policies, and the optional controls around it (guardrail, protections, Region limit, permissions
boundary, alert), each with the input that switches it on."""

from __future__ import annotations

from dataclasses import dataclass

from ..aws.identifiers import EMAIL, NAME_PREFIX, POLICY_ARN, REGION
from ..source.model import Company, Credential, PermissionsFile
from .controls import Controls
from .grants import CredentialGrants
from .inputs import Input
from .policy import ManagedPolicy, PolicyPart, block_parts, camel, managed_policies, trust_policy
from .templating import ACCOUNT, PARTITION, ROLE_NAME, ListInput, Sub

ALERT_EVENT = "AWS API Call via CloudTrail"


def one_line(text: str) -> str:
    """A data string made safe for a `#` comment, in any of the formats."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Deployment:
    """The role one credential needs, as every format (JSON, CloudFormation, ...) builds it."""

    company: Company
    credential_id: str
    credential: Credential
    policies: list[ManagedPolicy]
    inputs: list[Input]
    controls: Controls
    alert_actions: list[str]  # the write actions the optional alert reports, as the data names them
    needed: list[str]  # every action the required blocks grant that the guardrail leaves

    @property
    def role_name(self) -> str:
        """The default name of the role."""
        return self.credential.role_name

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

    def input(self, slug: str) -> Input | None:
        """The input of this slug, if the credential has it."""
        return next((i for i in self.inputs if i.slug == slug), None)

    def switch_of(self, policy: ManagedPolicy) -> Input | None:
        """The input that adds `policy`, or None for one always created."""
        return self.input(policy.switch) if policy.switch else None

    @property
    def optional_blocks(self) -> list[Input]:
        """The switches of the credential's optional blocks, in file order."""
        return [self.input(f"include-{b.id}") for b in self.credential.blocks if b.optional]

    @property
    def known_account(self) -> str | None:
        """Archera's account ID, or None while the data holds a placeholder (templates then ask)."""
        return None if self.company.account_id_is_placeholder else self.company.account_id

    def trust(self, external_id: str | dict = "YOUR_EXTERNAL_ID",
              principal: str | dict | None = None) -> dict:
        """The trust policy, with the External ID and principal as values or template references."""
        return trust_policy(self.company, external_id, principal)

    @property
    def role_arn(self) -> Sub:
        """The role's ARN, as the deployment knows it."""
        return Sub(f"arn:${{{PARTITION}}}:iam::${{{ACCOUNT}}}:role/${{{ROLE_NAME}}}")

    def alert_pattern(self) -> dict:
        """The EventBridge pattern of the alert: every call of the credential's write actions
        that this role makes, as CloudTrail reports it."""
        return {"detail-type": [ALERT_EVENT], "detail": {
            "eventName": sorted({a.partition(":")[2] for a in self.alert_actions}),
            "userIdentity": {"sessionContext": {"sessionIssuer": {"arn": [self.role_arn]}}}}}


def _sid(credential_id: str, credential: Credential, what: str) -> str:
    return f"Archera{camel(credential_id)}{what}V{credential.version}"


def _control_parts(credential_id: str, credential: Credential,
                   controls: Controls) -> tuple[list[PolicyPart], list[Input]]:
    parts, inputs = [], []
    if controls.denials:
        parts.append(PolicyPart("Guardrails", "guardrails", "guardrails, denying what it does not use", [
            {"Sid": _sid(credential_id, credential, f"Deny{d.sid_part}"), "Effect": "Deny",
             "Action": [a.full_name for a in d.actions], "Resource": "*"}
            for d in controls.denials], switch="include-guardrails"))
        inputs.append(Input("include-guardrails", "switch",
                            f"Attach the guardrail: Deny statements for the "
                            f"{len(controls.denied)} granted actions Archera does not use, in "
                            f"AWS's catalog of {controls.catalog_date}.", default=True))
    for protected in controls.protections:
        if protected.resource_type is None:  # refused by the checks: AWS has no such resource
            continue
        protection = protected.protection
        kind = protection.resource.partition(":")[2]
        parts.append(PolicyPart(f"Protect{camel(kind)}", f"protect-{kind}",
                                f"keeps {', '.join(protection.actions)} to its own resources", [{
            "Sid": _sid(credential_id, credential, f"Protect{camel(kind)}"),
            "Effect": "Deny", "Action": sorted(protection.actions),
            "NotResource": Sub(protected.arn_pattern)}], switch=protection.id))
        inputs.append(Input(protection.id, "text", one_line(protection.asks), pattern=NAME_PREFIX))
    if controls.region_actions:
        limited = sorted({a for actions in controls.region_actions.values() for a in actions})
        services = and_list(sorted({a.service for a in limited}))
        parts.append(PolicyPart("RegionLimit", "region-limit",
                                f"{services} actions only in the Regions you allow", [{
            "Sid": _sid(credential_id, credential, f"Only{camel(key.replace(':', '-'))}"),
            "Effect": "Deny", "Action": sorted(a.full_name for a in actions), "Resource": "*",
            "Condition": {"StringNotEquals": {key: ListInput(camel("allowed-regions"))}}}
            for key, actions in controls.region_actions.items() if actions],
            switch="allowed-regions"))
        inputs.append(Input("allowed-regions", "list",
                            f"The Regions in which the {len(limited)} {services} write actions "
                            "the Region limit covers may run (such as us-east-1 and eu-west-1); "
                            "none: every Region.",
                            pattern=REGION))
    return parts, inputs


def and_list(words: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)


def deployment(data: PermissionsFile, credential_id: str, grants: CredentialGrants,
               controls: Controls) -> Deployment:
    """The deployment of one credential of the data, with its controls."""
    credential = data.credential(credential_id)
    inputs = [Input(f"include-{b.id}", "switch",
                    f"{one_line(b.title)}. Set to true to add its policy to the role.")
              for b in credential.blocks if b.optional]
    parts, control_inputs = _control_parts(credential_id, credential, controls)
    inputs += control_inputs
    inputs.append(Input("permissions-boundary-arn", "text", "The ARN of a managed policy to set as "
                        "the role's permissions boundary; empty: none.", pattern=POLICY_ARN))
    alert_actions = [a for b in credential.blocks if b.kind == "write" for a in b.actions]
    if alert_actions:
        inputs.append(Input("alert-email", "text", "An email address that hears of every call "
                            f"this role makes of the {len(alert_actions)} actions of its write "
                            "blocks, in the Region it is deployed in; none: no alert.",
                            pattern=EMAIL))
    policies = managed_policies(block_parts(credential_id, credential) + parts, data.company.name)
    denied = {a.full_name for a in controls.denied}
    needed = sorted({a.full_name for b in credential.blocks if not b.optional for e in b.actions
                     for a in grants.by_entry[e]} - denied)
    return Deployment(data.company, credential_id, credential, policies, inputs, controls,
                      alert_actions, needed)

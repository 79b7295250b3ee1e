"""The answer a credential's page opens with: what the role can do today and with the guardrail,
the risks found, the controls every format offers, and where the evidence is."""

from __future__ import annotations

from collections import Counter

from ..aws.catalog import ACCESS_LEVELS, CatalogAction
from ..dataset import Dataset
from ..iam.review import CLAIMS
from . import markdown as md
from .links import link_from


def _levels_row(label: str, actions: list[CatalogAction]) -> list[str]:
    counts = Counter(a.access_level for a in actions)
    return [md.text(label), str(len(actions)), *(str(counts[level]) for level in ACCESS_LEVELS)]


def _controls(dataset: Dataset, credential_id: str) -> list[str]:
    plan = dataset.deployments[credential_id]
    controls = dataset.controls[credential_id]
    lines = []
    if controls.denials:
        lines.append(md.text(f"The guardrail, a managed policy of Deny statements, on unless you "
                             f"switch it off: it denies the {md.count(len(controls.denied), 'action')} "
                             "granted that Archera does not use."))
    for protected in controls.protections:
        if protected.resource_type:
            lines.append(md.text(
                f"A protection of your {protected.resource_type.name} resources, once you give "
                f"the prefix Archera's own names start with: {', '.join(protected.protection.actions)} "
                f"then reaches only {protected.arn_pattern}."))
    for key, actions in controls.region_actions.items():
        lines.append(md.text(f"A Region limit, once you give the Regions: the {len(actions)} write "
                             f"actions that take the condition key {key} in AWS's catalog then "
                             "work only in those Regions."))
    lines.append(md.text("A permissions boundary of your choosing, once you give its ARN."))
    if plan.input("alert-email"):
        lines.append(md.text(
            f"An alert, once you give an email address: an Amazon EventBridge rule matches "
            f"CloudTrail's record of any call this role makes of the {len(plan.alert_actions)} "
            "actions of its write blocks and sends it to an Amazon SNS topic that emails you. It "
            "needs only CloudTrail's management events, which every account records. A rule "
            "sees the calls of its own Region: deploy it where Archera buys (calls to global "
            "services such as AWS Organizations arrive in us-east-1). EventBridge, SNS and "
            "CloudTrail charge for it as their own pricing pages say."))
    return lines


def credential_overview(dataset: Dataset, credential_id: str) -> str:
    """What the role can do, counted by AWS's access levels today and with the guardrail, the
    risk categories found, the controls, and links to the evidence."""
    credential = dataset.permissions.credential(credential_id)
    granted = dataset.review.granted[credential_id]
    controls = dataset.controls[credential_id]
    release = credential.history[-1]
    parts = [md.text(f"Version {credential.version}, of {release.date.isoformat()}, checked "
                     f"against AWS's catalog of {dataset.catalog.data_date()}.")]
    rows = [_levels_row("Granted", granted)]
    if controls.denials:
        rows.append(_levels_row("With the guardrail", controls.effective(granted)))
    parts.append(md.table(["The role", "Actions", *ACCESS_LEVELS], rows))
    found = dataset.review.findings[credential_id]
    titles = {k: e.title for k, e in dataset.risks.categories.items()}
    by_category = Counter(f.category for f in found)
    if by_category:
        review = link_from(dataset, credential.page, f"{credential.page}-review")
        parts.append(md.text("Risky actions found: ") + ", ".join(
            md.link(f"{titles[k].lower()} ({v})", f"{review}#review-{k}")
            for k, v in by_category.items()) + ".")
    else:
        parts.append(md.text("No action it grants falls in a risk category this help center "
                             "tracks."))
    if credential.claims:
        parts.append(md.text("Verified by the build: it "
                             + "; it ".join(CLAIMS[claim] for claim in credential.claims) + "."))
    parts.append(md.text("Every format (JSON, CloudFormation, Terraform, AWS CLI) offers:"))
    parts.append(md.bullets(_controls(dataset, credential_id)))
    return "\n\n".join(parts)


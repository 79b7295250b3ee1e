"""The answer a credential's page opens with: what the role can do today and with the guardrail,
the risks found, the controls every format offers, and where the evidence is."""

from __future__ import annotations

from collections import Counter

from ..aws.catalog import ACCESS_LEVELS, CatalogAction, is_pattern
from ..dataset import Dataset
from ..iam.controls import REQUESTED_REGION
from ..iam.deployment import and_list
from ..iam.review import CLAIMS
from ..iam.templating import Sub
from . import markdown as md
from .links import link_from


def _levels_row(label: str, actions: list[CatalogAction]) -> list[str]:
    counts = Counter(a.access_level for a in actions)
    return [md.text(label), str(len(actions)), *(str(counts[level]) for level in ACCESS_LEVELS)]


def readable(dataset: Dataset, pattern: str) -> str:
    """An ARN pattern as a reader fills it in: `arn:aws:budgets::YOUR_ACCOUNT_ID:budget/PREFIX*`."""
    partition = dataset.permissions.company.partition
    return Sub(pattern).render(lambda name: {"Partition": partition, "Account": "YOUR_ACCOUNT_ID"}
                               .get(name, "PREFIX"))


def _region_reach(controls) -> str:
    """What the Region limit reaches: `the 16 write actions that take the condition key
    ec2:Region in AWS's catalog, and the 7 write actions of elasticache, ... (through
    aws:RequestedRegion)`."""
    reach = []
    for key, actions in controls.region_actions.items():
        if key == REQUESTED_REGION:
            services = and_list(sorted({a.service for a in actions}))
            reach.append(f"the {len(actions)} write actions of {services}, services whose calls "
                         f"go to one Region's endpoint (through {key})")
        else:
            reach.append(f"the {len(actions)} write actions that take the condition key {key} in "
                         "AWS's catalog")
    return ", and ".join(reach) if len(reach) == 2 else and_list(reach)


def _controls(dataset: Dataset, credential_id: str) -> list[tuple[str, str]]:
    """Each control the credential's formats offer: its short name and what it does."""
    plan = dataset.deployments[credential_id]
    controls = dataset.controls[credential_id]
    found = []
    if controls.denials:
        dated = ""
        if any(is_pattern(entry) for block in plan.credential.blocks for entry in block.actions):
            dated = (f" It names the actions of AWS's catalog of {dataset.catalog.data_date()}: "
                     "an action AWS adds later to a service a wildcard covers is granted, and "
                     "not denied until a new version of this credential adds it to the guardrail.")
        found.append(("the guardrail", f"a managed policy of Deny statements, on unless you "
                      f"switch it off: it denies the {md.count(len(controls.denied), 'action')} "
                      f"granted that Archera does not use.{dated}"))
    for protected in controls.protections:
        if protected.resource_type:
            found.append((f"a protection of your {protected.resource_type.name} resources",
                          f"once you give the prefix Archera's own names start with, "
                          f"{', '.join(protected.protection.actions)} reaches only "
                          f"{readable(dataset, protected.arn_pattern)}."))
    if controls.region_actions:
        found.append(("a Region limit", f"once you give the Regions, only those Regions see "
                      f"{_region_reach(controls)}."))
    found.append(("a permissions boundary", "of your choosing, once you give its ARN."))
    if plan.input("alert-email"):
        found.append(("an alert", (
            f"once you give an email address, an Amazon EventBridge rule matches CloudTrail's "
            f"record of any call this role makes of the {len(plan.alert_actions)} actions of "
            "its write blocks and sends it to an Amazon SNS topic that emails you. AWS hands "
            "those records to EventBridge only from a CloudTrail trail that logs management "
            "events, and a rule sees the calls of its own Region only (calls to AWS's global "
            "services are recorded in US East, N. Virginia). EventBridge, SNS and CloudTrail "
            "charge for it as their own pricing pages say.")))
    return found


def _controls_section(dataset: Dataset, credential_id: str) -> list[str]:
    """One sentence naming the controls, and what each does folded under it."""
    found = _controls(dataset, credential_id)
    plan = dataset.deployments[credential_id]
    names = [name + (" (on by default)" if name == "the guardrail"
                     and plan.input("include-guardrails").default else "") for name, _ in found]
    listed = and_list(names)
    details = md.bullets([md.text(f"{name[0].upper()}{name[1:]}: {does}") for name, does in found])
    return [md.text(f"Every format (JSON, CloudFormation, Terraform, AWS CLI) offers "
                    f"{md.count(len(found), 'control')}: {listed}."),
            md.admonition("info", "What each control does", details, collapsed=True)]


def _can_and_cannot(dataset: Dataset, credential_id: str) -> list[str]:
    """Each risk category found, and whether the guardrail denies all of its actions or the
    role keeps some (named), with links to the review."""
    credential = dataset.permissions.credential(credential_id)
    denied = set(dataset.controls[credential_id].denied)
    review = link_from(dataset, credential.page, f"{credential.page}-review")
    titles = {k: e.title for k, e in dataset.risks.categories.items()}
    by_category: dict[str, set] = {}
    optional: dict[str, set] = {}  # the blocks a category's kept actions need, if all optional
    for finding in dataset.review.findings[credential_id]:
        by_category.setdefault(finding.category, set()).add(finding.grant.action)
        if finding.grant.action not in denied:
            block = finding.grant.via.block
            optional.setdefault(finding.category, set()).add(block.title if block.optional else None)
    keeps, loses = [], []
    for key, actions in by_category.items():
        left = sorted(a.full_name for a in actions - denied)
        named = md.link(titles[key], f"{review}#review-{key}")
        if left:
            shown = ", ".join(md.code(a) for a in left[:3]) + (
                md.text(f" and {len(left) - 3} more") if len(left) > 3 else "")
            only = optional[key] - {None} if None not in optional[key] else set()
            keeps.append(named + md.text(f" ({len(left)} of {len(actions)}): ") + shown + (
                md.text(f", only with {' and '.join(sorted(only))}") if only else ""))
        else:
            loses.append(named + md.text(f" ({len(actions)})"))
    parts = []
    if keeps:
        parts += [md.text("With the guardrail attached, the role can still act in these risk "
                          "categories, through the actions Archera uses:"), md.bullets(keeps)]
    if loses:
        parts += [md.text("The guardrail denies every action of these:"), md.bullets(loses)]
    return parts


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
    optional = Counter(grant.via.block.bare_title
                       for grant in dataset.grants[credential_id].granted if grant.via.block.optional)
    if optional:
        blocks = [f"{title} block ({md.count(n, 'action')})" for title, n in optional.items()]
        them = "them" if len(blocks) > 1 else "it"
        parts.append(md.text(f"The counts include the optional {and_list(blocks)}, which the role holds "
                             f"only once you switch {them} on."))
    found = dataset.review.findings[credential_id]
    if found:
        parts += _can_and_cannot(dataset, credential_id)
    else:
        parts.append(md.text("No action it grants falls in a risk category this help center "
                             "tracks."))
    if credential.claims:
        parts.append(md.text("Verified by the build: it "
                             + "; it ".join(CLAIMS[claim] for claim in credential.claims) + "."))
    parts += _controls_section(dataset, credential_id)
    return "\n\n".join(parts)



CONTROL_NAMES = {"include-guardrails": "a guardrail of Deny statements",
                 "allowed-regions": "a Region limit", "permissions-boundary-arn":
                 "a permissions boundary", "alert-email": "an alert on the calls of its write blocks"}


def credential_controls(dataset: Dataset) -> str:
    """For each credential, the controls its deployment formats offer."""
    lines = []
    for plan in dataset.deployments.values():
        protected = {p.protection.id: f"a protection of your {p.resource_type.name} resources"
                     for p in plan.controls.protections if p.resource_type}
        names = [CONTROL_NAMES.get(i.slug) or protected[i.slug] for i in plan.inputs
                 if i.slug in CONTROL_NAMES or i.slug in protected]
        title = plan.credential.title
        lines.append(md.link(title, link_from(dataset, "access", plan.credential.page))
                     + md.text(f": {', '.join(names)}."))
    return md.bullets(lines)

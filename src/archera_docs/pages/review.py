"""The security review of a credential: the claims the build verified, every risky action under
its category and reason, the actions that are not risky, and what the guardrail leaves."""

from __future__ import annotations

from collections import defaultdict

from ..aws.catalog import is_pattern
from ..dataset import Dataset
from ..iam.review import CLAIMS, Finding
from . import markdown as md
from .tables import action_link, level_counts


def grant_list(dataset: Dataset, grants: list) -> str:
    """Actions, the ones a wildcard brings grouped under it: `a, b; through ce:*: c, d`."""
    by_way: dict[str, list[str]] = defaultdict(list)
    for action, via in grants:
        by_way[via if is_pattern(via) else ""].append(action_link(dataset, action))
    parts = [", ".join(by_way.pop(""))] if "" in by_way else []
    parts += [f"through {md.code(via)}: " + ", ".join(names) for via, names in by_way.items()]
    return "; ".join(parts) + "."


def _category(dataset: Dataset, credential_id: str, key: str, found: list[Finding]) -> list[str]:
    entry = dataset.risks.categories[key]
    credential = dataset.permissions.credential(credential_id)
    actions = {f.grant.action for f in found}
    parts = [f"## {md.text(entry.title)} ({md.count(len(actions), 'action')}) {{ #review-{key} }}",
             md.text(entry.description)]
    for ack in credential.acknowledged:
        if ack.category != key:
            continue
        listed = [(f.grant.action.full_name, f.grant.via.action) for f in found
                  if f.acknowledgement is ack]
        verdict = ("Archera uses them." if ack.needed else
                   "Archera does not use them: the guardrail denies them.")
        parts.append(md.text(f"{ack.reason} {verdict}"))
        parts.append(md.text(f"{md.count(len(listed), 'action')}: ") + grant_list(dataset, listed))
    return parts


def _not_risky(dataset: Dataset, credential_id: str) -> list[str]:
    credential = dataset.permissions.credential(credential_id)
    if not credential.not_risky:
        return []
    via = {g.action.full_name.lower(): g.via.action for g in dataset.grants[credential_id].granted}
    total = sum(len(entry.actions) for entry in credential.not_risky)
    parts = [f"## Neither read nor risky ({md.count(total, 'action')}) {{ #review-not-risky }}",
             md.text("The other actions this credential grants that are neither List nor Read, "
                     "with why none of them falls in a risk category.")]
    for entry in credential.not_risky:
        verdict = ("Archera uses them." if entry.needed else
                   "Archera does not use them: the guardrail denies them.")
        parts.append(md.text(f"{entry.reason} {verdict}"))
        parts.append(grant_list(dataset, [(a, via[a.lower()]) for a in entry.actions]))
    return parts


def security_review(dataset: Dataset, credential_id: str) -> str:
    """The claims the build verified, then each risk category found once, as a heading with its
    count, its actions under the reason they are accepted and whether Archera uses them."""
    credential = dataset.permissions.credential(credential_id)
    titles = {key: entry.title for key, entry in dataset.risks.categories.items()}
    parts = [md.text(f"Checked against AWS's catalog of actions, in its edition of "
                     f"{dataset.catalog.data_date()}.")]
    if credential.claims:
        parts.append(md.text("The policy meets each of these, and this help center is not "
                             "published if it stops meeting one:"))
        parts.append(md.bullets([f"**{md.text(claim)}**: this credential {md.text(CLAIMS[claim])}."
                                 for claim in credential.claims]))
    found = dataset.review.findings[credential_id]
    granted = dataset.review.granted[credential_id]
    non_read = [a for a in granted if not a.is_read]
    risky = {f.grant.action for f in found}
    parts.append(md.text(
        f"The credential grants {len(granted)} actions ({level_counts(granted)}). "
        f"{len(risky)} of them fall in the risk categories this help center tracks "
        f"({', '.join(t.lower() for t in titles.values())}); some in two. Every one of the "
        f"{len(non_read)} that are neither List nor Read is either in a category below or in "
        "the list of those that are not risky, with the reason."))
    by_category: dict[str, list[Finding]] = defaultdict(list)
    for finding in found:
        by_category[finding.category].append(finding)
    for key in titles:
        if by_category.get(key):
            parts += _category(dataset, credential_id, key, by_category[key])
    parts += _not_risky(dataset, credential_id)
    parts.append(_dependencies(dataset, credential_id))
    return "\n\n".join(parts)


def _dependencies(dataset: Dataset, credential_id: str) -> str:
    """What AWS's catalog says the granted actions depend on (the build refuses a policy that
    lacks one, so every one listed is granted)."""
    granted = dataset.grants[credential_id].actions
    listed = {d for a in granted for d in dataset.catalog.scope(a).dependent_actions}
    heading = "## Actions they depend on { #review-dependencies }"
    if not listed:
        return heading + "\n\n" + md.text(
            f"AWS's catalog of {dataset.catalog.data_date()} lists no dependent action for any "
            "action this credential grants, so none is missing from the policy.")
    return heading + "\n\n" + md.text(
        f"The policy grants every action AWS's catalog lists as a dependency of one it grants "
        f"({md.count(len(listed), 'action')}).")

"""The security review of a credential's page: the claims the build verified, then every risky
action it grants under the reason it is accepted."""

from __future__ import annotations

from ..dataset import Dataset
from ..iam.review import CLAIMS
from . import markdown as md
from .tables import credential_facts


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def security_review(dataset: Dataset, credential_id: str) -> str:
    """The claims the build verified, then every risky action granted, with its reason."""
    credential = dataset.permissions.credential(credential_id)
    parts = []
    if credential.claims:
        parts.append(md.text("The policy meets each of these, and this page is not published if "
                             "it stops meeting one:"))
        parts.append(md.bullets([f"**{md.text(claim)}**: this credential {md.text(CLAIMS[claim])}."
                                 for claim in credential.claims]))
    titles = {key: entry.title for key, entry in dataset.risks.categories.items()}
    categories = md.text(", ".join(title.lower() for title in titles.values()))
    found = dataset.review.findings[credential_id]
    if not found:
        parts.append(f"No action this credential grants falls into any of the risk categories "
                     f"this help center tracks: {categories}.")
        return "\n\n".join(parts)
    actions = len({f.grant.action for f in found})
    non_read = credential_facts(dataset, credential_id)["granted_non_read"]
    parts.append(
        f"{actions} of the actions this credential grants fall into the risk categories this help "
        f"center tracks ({categories}); some fall into two. They are listed below by category, "
        f"each list with the reason {md.text(dataset.permissions.company.name)} accepts it, or "
        f"what to deny if you do not want it. The review covers these categories only; in all, "
        f"the credential grants {non_read} actions that are not List or Read, and the tables "
        f"above name each one.")
    for ack in credential.acknowledged:
        listed = [f for f in found if f.acknowledgement is ack]
        parts.append(f"**{md.text(titles[ack.category])}** ({_count(len(listed), 'action')}): "
                     f"{md.text(ack.reason)}")
        parts.append(md.table(["Action", "Granted by"],
                              [[md.code(f.grant.action.full_name), md.code(f.grant.via.action)]
                               for f in listed]))
    return "\n\n".join(parts)

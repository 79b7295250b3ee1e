"""Markdown of what the production credential adds to the trial one, with computed numbers."""

from __future__ import annotations

from ..aws.catalog import ACCESS_LEVELS
from ..dataset import Dataset
from ..iam.tiers import tier_diff
from . import markdown as md
from .tables import level_counts


def _in_sentence(title: str) -> str:
    """`Production credential` as it reads after "the": `production credential`."""
    return title[:1].lower() + title[1:]


def tier_differences(dataset: Dataset, lower_credential_id: str = "trial",
                     higher_credential_id: str = "production") -> str:
    """The computed differences: widened groups, extra actions by service and level, optional blocks."""
    data = dataset.permissions
    lower, higher = lower_credential_id, higher_credential_id
    diff = tier_diff(data, lower, higher, dataset.grants)
    low, high = (_in_sentence(data.credential(c).title) for c in (lower, higher))
    parts = [md.text(f"The {high} grants {len(diff.extra)} actions that the {low} does not "
                     f"({level_counts(diff.extra)}), in AWS's catalog of "
                     f"{dataset.catalog.data_date().isoformat()}.")]
    if diff.widened:
        rows = [[md.text(w.service), str(w.named), ", ".join(md.code(x) for x in w.wildcards),
                 str(len(w.granted)), md.text(level_counts(w.granted))] for w in diff.widened]
        parts.append(md.text(f"Groups the {low} names action by action and the {high} grants "
                             "by wildcard:"))
        parts.append(md.table(["Group", f"Named in {low}", f"Wildcard in {high}",
                               "Granted by the wildcard", "By access level"], rows))
    levels = [level for level in ACCESS_LEVELS if any(c[level] for c in diff.by_service.values())]
    rows = [[md.code(service), *(str(counts[level]) for level in levels), str(sum(counts.values()))]
            for service, counts in diff.by_service.items()]
    parts.append(md.text(f"Everything the {high} adds, by service and access level:"))
    parts.append(md.table(["Service", *levels, "Total"], rows))
    for block_id, count in diff.from_optional.items():
        parts.append(md.text(f"{count} of them come only from the optional block "
                             f"\"{data.credential(higher).block_title(block_id)}\", which you may "
                             "leave out."))
    if diff.only_lower:
        parts.append(md.text(f"The {low} grants {len(diff.only_lower)} actions the {high} does "
                             "not: ") + ", ".join(md.code(a) for a in diff.only_lower))
    else:
        parts.append(md.text(f"The {high} grants every action the {low} grants."))
    return "\n\n".join(parts)

"""The worked examples of WRITING.md, as edits of the real data: each must build, and each snippet
the guide shows must be what the edited file holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edit:
    """Replace `find` (which must occur once) by `replace` in the data file `file`."""

    find: str
    replace: str
    file: str = "permissions.yaml"

    def apply(self, data_dir: Path) -> None:
        """Make the edit in the copy of the data in `data_dir`."""
        path = data_dir / self.file
        text = path.read_text()
        assert text.count(self.find) == 1, f"{self.find!r} is not unique in {self.file}"
        path.write_text(text.replace(self.find, self.replace))


@dataclass(frozen=True)
class Example:
    """A worked example: its id (`<!-- example: id -->` above its snippet) and its edits."""

    id: str
    edits: tuple[Edit, ...]


_TRIAL_READ = "              - ce:GetUsageForecast\n              - ce:ListCostCategoryDefinitions\n"
_TRIAL_HISTORY_END = "            - sts:GetCallerIdentity\n\n  production:\n"
_PRODUCTION_HISTORY_END = ("              AWS classifies it as a Read action; it was listed among the write "
                           "permissions and now\n              sits with the reads.\n")

EXAMPLES = (
    Example("add-an-action", (
        Edit("    role_name: ArcheraTrial\n    version: 1\n",
             "    role_name: ArcheraTrial\n    version: 2\n"),
        Edit("              - ce:GetCostAndUsage\n              - ce:GetCostAndUsageWithResources\n",
             "              - ce:GetCostAndUsage\n              - ce:GetCostAndUsageComparisons\n"
             "              - ce:GetCostAndUsageWithResources\n"),
        Edit(_TRIAL_HISTORY_END,
             "            - sts:GetCallerIdentity\n"
             "      - version: 2\n"
             "        date: 2026-12-01\n"
             "        summary: >-\n"
             "          Adds Cost Explorer's comparison of two months' costs, which the trial analysis now\n"
             "          shows.\n"
             "        added:\n"
             "          reads: [ce:GetCostAndUsageComparisons]\n"
             "\n  production:\n"),
    )),
    Example("add-a-group", (
        Edit("    role_name: ArcheraTrial\n    version: 1\n",
             "    role_name: ArcheraTrial\n    version: 2\n"),
        Edit("          - service: Resource Groups Tagging\n            purpose: >-\n"
             "              The tag keys, tag values and tagged resources of the account the role is in, one\n",
             "          - service: Savings Plans\n"
             "            purpose: The Savings Plans you hold, their terms and their rates.\n"
             "            unscoped: >-\n"
             "              Archera reads every Savings Plan of your account, whose IDs it cannot know in\n"
             "              advance.\n"
             "            actions:\n"
             "              - savingsplans:DescribeSavingsPlans\n"
             "          - service: Resource Groups Tagging\n            purpose: >-\n"
             "              The tag keys, tag values and tagged resources of the account the role is in, one\n"),
        Edit(_TRIAL_HISTORY_END,
             "            - sts:GetCallerIdentity\n"
             "      - version: 2\n"
             "        date: 2026-12-01\n"
             "        summary: >-\n"
             "          Adds the Savings Plans you hold, so the trial analysis counts them.\n"
             "        added:\n"
             "          reads: [savingsplans:DescribeSavingsPlans]\n"
             "\n  production:\n"),
    )),
    Example("acknowledge-a-risk", (
        Edit("    role_name: ArcheraAccess\n    version: 2\n",
             "    role_name: ArcheraAccess\n    version: 3\n"),
        Edit("          - service: Amazon EC2 Dedicated Hosts\n",
             "          - service: Amazon EC2 Capacity Blocks\n"
             "            purpose: Buy Capacity Blocks, GPU capacity reserved for a set period.\n"
             "            unscoped: >-\n"
             "              A Capacity Block is bought from an offering that exists only at the time of\n"
             "              the purchase.\n"
             "            actions:\n"
             "              - action: ec2:PurchaseCapacityBlock\n"
             "                why: Buys a Capacity Block; AWS bills its whole term up front.\n"
             "          - service: Amazon EC2 Dedicated Hosts\n"),
        Edit("          - ec2:ModifyReservedInstances\n          - ec2:PurchaseHostReservation\n",
             "          - ec2:ModifyReservedInstances\n          - ec2:PurchaseCapacityBlock\n"
             "          - ec2:PurchaseHostReservation\n"),
        Edit(_PRODUCTION_HISTORY_END,
             _PRODUCTION_HISTORY_END +
             "      - version: 3\n"
             "        date: 2026-12-01\n"
             "        summary: >-\n"
             "          Adds the purchase of EC2 Capacity Blocks, which Archera now plans beside Reserved\n"
             "          Instances.\n"
             "        added:\n"
             "          commitment-writes: [ec2:PurchaseCapacityBlock]\n"),
    )),
)

_SNIPPET = re.compile(r"<!-- example: ([\w-]+) -->\n```yaml\n(.*?)```", re.S)


def snippets(guide: str) -> dict[str, str]:
    """Each example's YAML snippet in the guide, by example id."""
    return {m[1]: m[2] for m in _SNIPPET.finditer(guide)}


def shown_lines(snippet: str) -> list[str]:
    """The lines of a snippet that must be in the edited file: without their trailing comment,
    leaving out comment lines and the `...` that stands for what the snippet skips."""
    lines = []
    for line in snippet.splitlines():
        text = re.sub(r"\s+#.*$", "", line).rstrip()
        if text.strip() and not text.lstrip().startswith(("#", "...")):
            lines.append(text)
    return lines

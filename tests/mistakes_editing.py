"""Editing slips that still parse as YAML: each must be refused like any other mistake."""

from __future__ import annotations

from pathlib import Path

from mistakes import PRODUCTION_PAGE, Mistake

PRODUCTION_REVIEW_PAGE = "help-center/aws-onboarding/iam-permissions-production/security-review.md"

DATA = Path(__file__).resolve().parents[1] / "data"


def _section(file: str, start: str, end: str) -> str:
    """The text of a real data file from `start` up to `end`."""
    text = (DATA / file).read_text()
    return text[text.index(start):text.index(end)]


# Slips an editor makes that still parse as YAML, found by trying them on the real file.
EDITING = [
    Mistake("key-absorbed-into-text",
            "            note: >-\n              Inferred: the list Archera published names this group",
            "              note: >-\n              Inferred: the list Archera published names this group",
            "              note: >-\n              Inferred: the list Archera published names this",
            "credentials.trial.blocks[reads].groups[Security Token Service].purpose", "reads like the key 'note'"),
    Mistake("acknowledged-twice", "          - wellarchitected:UpdateWorkloadShare\n        needed",
            "          - wellarchitected:UpdateWorkloadShare\n          - ce:UpdateConsoleActionSetEnforced\n"
            "        needed",
            None, "credentials.production.acknowledged[*].actions[*]",
            "acknowledged (category, action) ('resource-exposure', "
            "'ce:UpdateConsoleActionSetEnforced') already appears on line"),
    Mistake("risk-category-missing", _section("risks.yaml", "  credential-exposure:\n", "  data-read:\n"),
            "", "categories:", "categories", "missing: credential-exposure", file="risks.yaml"),
    Mistake("credential-page-shared", "    page: trial\n", "    page: production\n", None,
            "credentials.production.page", "credential page 'production' already appears"),
    Mistake("release-in-the-future",
            "        date: 2026-11-28\n        summary: >-\n          Three corrections",
            "        date: 2062-11-28\n        summary: >-\n          Three corrections",
            "date: 2062-11-28", "credentials.production.history[v2].date", "in the future"),
    Mistake("impossible-date",
            "        date: 2026-11-28\n        summary: >-\n          The trial permissions",
            "        date: 2026-11-31\n        summary: >-\n          The trial permissions",
            "date: 2026-11-31", "credentials.trial.history[v1].date", "is not a valid value"),
    Mistake("service-group-twice",
            "          - service: Amazon Redshift\n            purpose: >-\n              The reserved-node",
            "          - service: Security Token Service\n            purpose: >-\n              The reserved-node",
            None, "credentials.production.blocks[reads].groups[2].service",
            "service group 'Security Token Service' already appears on line"),
    Mistake("related-twice", "    related: [production, trial, access, account-id, check-role, revoke, changes]\n",
            "    related: [production, trial, access, account-id, check-role, revoke, changes, trial]\n",
            "changes, trial]", "pages[onboarding].related[7]", "related page 'trial' already appears"),
    Mistake("claim-twice", "    claims: [read-only, metadata-only, no-infrastructure-change, no-privilege-escalation]",
            "    claims: [read-only, metadata-only, no-infrastructure-change, no-privilege-escalation, read-only]",
            "no-privilege-escalation, read-only]", "credentials.trial.claims[4]",
            "claim 'read-only' already appears"),
    Mistake("page-file-missing", "    path: help-center/security/aws-access.md\n",
            "    path: help-center/security/aws-acess.md\n", "aws-acess.md", "pages[access].path",
            "docs/help-center/security/aws-acess.md does not exist"),
    Mistake("page-path-of-another-page", "    path: help-center/security/aws-access.md\n",
            "    path: index.md\n", "    path: index.md", "pages[access].path",
            "docs/index.md does not show the related resources of page 'access'"),
    Mistake("quoted-date",
            "        date: 2026-11-28\n        summary: >-\n          The trial permissions",
            "        date: \"2026-11-28\"\n        summary: >-\n          The trial permissions",
            'date: "2026-11-28"', "credentials.trial.history[v1].date", "without quotes"),
    Mistake("text-cut-by-comment",
            "                why: Buys a reservation for Dedicated Hosts you run.\n",
            "                why: Buys a reservation for Dedicated Hosts you run (request #4821).\n",
            "(request #4821)", "credentials.production.blocks[commitment-writes].groups[Amazon EC2 Dedicated Hosts].actions[0].why",
            "as a comment, so the text stops at"),
    Mistake("control-character-escape", "            purpose: Buy Dedicated Host reservations.\n",
            '            purpose: "Buy Dedicated Host reservations.\\a"\n', 'reservations.\\a"',
            "credentials.production.blocks[commitment-writes].groups[Amazon EC2 Dedicated Hosts].purpose", "control character U+0007"),
    Mistake("hidden-line-break", "            purpose: Buy Dedicated Host reservations.\n",
            "            purpose: Buy Dedicated\u2028 Host reservations.\n", "Buy Dedicated\u2028",
            "(characters)", "invisible line break (U+2028)"),
    Mistake("no-break-space-indent", "              - ce:GetTags\n", "              -\u00a0ce:GetTags\n",
            "-\u00a0ce:GetTags", "(characters)", "no-break space (U+00A0)"),
    Mistake("example-account-id", "  account_id_is_placeholder: true\n",
            "  account_id_is_placeholder: false\n", None, "company",
            "account_id 111122223333 is an example account from AWS's documentation"),
    Mistake("page-shows-another-credential", '{{ deploy_tabs("production") }}',
            '{{ deploy_tabs("trial") }}', None, "pages[production].path",
            "calls {{ deploy_tabs(\"trial\") }}, which shows the credential 'trial'",
            file=f"../docs/{PRODUCTION_PAGE}", reported_in="permissions.yaml"),
    Mistake("page-misses-a-block", '{{ block_tables("production", "organization") }}', "", None,
            "credentials.production.blocks[organization].id",
            'does not show this block ({{ block_tables("production", "organization") }})',
            file=f"../docs/{PRODUCTION_PAGE}", reported_in="permissions.yaml"),
    Mistake("page-misses-the-security-review", '{{ security_review("production") }}', "", None,
            "credentials.production.page", 'does not call {{ security_review("production") }}',
            file=f"../docs/{PRODUCTION_REVIEW_PAGE}", reported_in="permissions.yaml"),
    Mistake("optional-flag-lost", "        optional: true\n", "", None,
            "credentials.production.blocks[organization]",
            "block 'organization' is required but its title 'Organization management (optional)' "
            "ends with '(optional)'"),
    Mistake("every-block-optional",
            "        title: Read-only access\n        kind: read\n",
            "        title: Read-only access (optional)\n        kind: read\n        optional: true\n",
            None, "credentials.trial.blocks", "every block is optional"),
    Mistake("release-removes-and-adds-the-same",
            "        added:\n          commitment-writes:\n            - es:PurchaseReservedInstanceOffering\n",
            "        added:\n          commitment-writes:\n            - es:PurchaseReservedInstanceOffering\n"
            "            - rds:PurchaseReservedDbInstancesOffering\n",
            None, "credentials.production.history[v2].added.commitment-writes[1]",
            "which the same release removes from it"),
    Mistake("wildcard-acknowledged", "          - compute-optimizer:ExportAutoScalingGroupRecommendations\n"
            "          - compute-optimizer:ExportEBSVolumeRecommendations\n",
            "          - compute-optimizer:Export*\n"
            "          - compute-optimizer:ExportEBSVolumeRecommendations\n",
            "- compute-optimizer:Export*", "credentials.production.acknowledged[*].actions[*]",
            "compute-optimizer:Export* is a wildcard: an acknowledgement names each action"),
    Mistake("role-description-not-latin1", "  name: Archera\n", "  name: Archera\u2122\n",
            "  name: Archera\u2122", "company.name", "all Latin-1"),
]

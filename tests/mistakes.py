"""Mistakes injected into copies of the real data, with where and how the build must report them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Mistake:
    """Replace `find` (which must occur once) by `replace` in `file`; expect a located error.

    `at` is text of the edited file on the line the error must name (None: any line), `entry` the
    entry it must name (`[*]` stands for any index) and `message` a part of what it must say.
    """

    id: str
    find: str
    replace: str
    at: str | None
    entry: str
    message: str
    file: str = "permissions.yaml"  # relative to the data folder
    reported_in: str | None = None  # the file the error names, if not the one edited

    def apply(self, data_dir: Path) -> int | None:
        """Edit the file in `data_dir`; return the line the error must name."""
        path = data_dir / self.file
        text = path.read_text()
        assert text.count(self.find) == 1, f"{self.id}: {self.find!r} is not unique in {self.file}"
        text = text.replace(self.find, self.replace)
        path.write_text(text)
        if self.at is None:
            return None
        assert text.count(self.at) == 1, f"{self.id}: {self.at!r} is not unique after the edit"
        return text[: text.index(self.at)].count("\n") + 1

    def expected(self, data_dir: Path, line: int | None) -> re.Pattern:
        """The pattern the error output must contain: file, line, entry and message."""
        where = (re.escape(str(data_dir / (self.reported_in or self.file)))
                 + (f":{line}" if line else r"(:\d+)?"))
        entry = re.escape(self.entry).replace(re.escape("[*]"), r"\[[^\]]+\]")
        return re.compile(f"{where}: {entry}: .*{re.escape(self.message)}")


PRODUCTION_PAGE = "help-center/aws-onboarding/iam-permissions-production.md"
TRIAL_HEADER = "  trial:\n    title: Trial credential\n"

# Structural mistakes: YAML, model, references.
STRUCTURE = [
    Mistake("yaml-syntax", "title: Trial credential\n", 'title: "Trial credential\n',
            None, "(YAML syntax)", "found"),
    Mistake("duplicate-key", "    version: 1\n    summary: >-\n      A read-only",
            "    version: 1\n    version: 7\n    summary: >-\n      A read-only",
            "    version: 7", "credentials.trial.version", "key appears twice"),
    Mistake("unknown-key", TRIAL_HEADER, TRIAL_HEADER + "    colour: blue\n",
            "colour: blue", "credentials.trial.colour", "unknown key 'colour'"),
    Mistake("missing-field", "    page: trial\n", "", "  trial:", "credentials.trial.page",
            "missing required key 'page'"),
    Mistake("bad-action-format", "              - ce:GetTags\n", "              - ce GetTags\n", "- ce GetTags",
            "credentials.trial.blocks[reads].groups[Cost Explorer].actions[20].action",
            "an action is `service:Action`"),
    Mistake("bracket-wildcard", "actions: [budgets:*]", "actions: ['budgets:Describe[AB]*']",
            "Describe[AB]", "credentials.production.blocks[service-wide].groups[Budgets].actions[0].action",
            "only * and ? as wildcards"),
    Mistake("duplicate-action", "              - ce:GetTags\n",
            "              - ce:GetTags\n              - ce:GetTags\n",
            None, "credentials.trial.blocks[reads].groups[Cost Explorer].actions[21]", "already appears on line"),
    Mistake("dangling-related", "related: [production, trial, access, account-id, check-role, revoke, changes]",
            "related: [production, trial, nowhere, account-id, check-role, revoke, changes]", "nowhere",
            "pages[onboarding].related[2]", "no page has the id 'nowhere'"),
    Mistake("dangling-credential-page", "    page: trial\n", "    page: trail\n", "page: trail",
            "credentials.trial.page", "no page has the id 'trail'"),
    Mistake("external-credential-page", "    page: trial\n", "    page: subaccount\n",
            "page: subaccount", "credentials.trial.page", "needs a page built here"),
    Mistake("account-id-number", 'account_id: "111122223333"', "account_id: 111122223333",
            "account_id: 111122223333", "company.account_id", "valid string"),
    Mistake("account-id-short", 'account_id: "111122223333"', 'account_id: "11112222333"',
            "account_id:", "company.account_id", "should match pattern"),
    Mistake("bad-partition", "partition: aws\n", "partition: aws-moon\n", "aws-moon",
            "company.partition", "'aws', 'aws-us-gov' or 'aws-cn'"),
    Mistake("version-string", "    version: 1\n    summary: >-\n      A read-only",
            "    version: one\n    summary: >-\n      A read-only", "version: one",
            "credentials.trial.version", "valid integer"),
    Mistake("empty-credential", "  trial:\n    title: Trial credential\n    page: trial\n",
            "  empty:\n    title: Empty\n    page: trial\n    version: 1\n    summary: Nothing.\n"
            "    blocks: []\n  trial:\n    title: Trial credential\n    page: trial\n",
            "blocks: []", "credentials.empty.blocks", "at least 1 item"),
    Mistake("empty-group", "actions: [sts:GetCallerIdentity]", "actions: []", "actions: []",
            "credentials.production.blocks[reads].groups[Security Token Service].actions", "at least 1 item"),
    Mistake("page-path-and-url", "    path: help-center/security/aws-access.md\n",
            "    path: help-center/security/aws-access.md\n    url: https://example.com/\n",
            "  - id: access", "pages[access]", "exactly one of `path`"),
    Mistake("duplicate-page-id", "  - id: production\n", "  - id: onboarding\n",
            "  - id: onboarding\n    title: Production", "pages[1].id",
            "page id 'onboarding' already appears on line"),
    Mistake("self-related", "related: [trial, production, account-id, check-role, revoke, subaccount, govcloud]",
            "related: [access, production, account-id, check-role, revoke, subaccount, govcloud]",
            "related: [access, production, account-id, che", "pages[access].related[0]", "cannot list itself"),
    Mistake("unknown-claim", "claims: []", "claims: [harmless]",
            "claims: [harmless]", "credentials.production.claims[0]", "Input should be"),
    Mistake("no-changes-page", "  - id: changes\n", "  - id: changelog\n", "pages:", "pages",
            "no page built here has the id 'changes', which the feed of releases"),
]

# Mistakes only AWS's catalog or the security review can catch.
CATALOG = [
    Mistake("unknown-action", "              - ce:GetCostAndUsage\n",
            "              - ce:GetCostAndUsge\n",
            "ce:GetCostAndUsge", "credentials.trial.blocks[reads].groups[Cost Explorer].actions[6] (ce:GetCostAndUsge)",
            "AWS has no action ce:GetCostAndUsge; did you mean ce:GetCostAndUsage?"),
    Mistake("unknown-service", "[compute-optimizer:*]", "[compute-optimiser:*]",
            "compute-optimiser", "credentials.production.blocks[service-wide].groups[AWS Compute Optimizer].actions[0] (compute-optimiser:*)",
            "AWS has no service 'compute-optimiser'; did you mean compute-optimizer:*?"),
    Mistake("retired-action", "es:PurchaseReservedInstanceOffering\n                why",
            "es:PurchaseReservedElasticsearchInstance\n                why",
            "- action: es:PurchaseReservedElasticsearchInstance\n",
            "credentials.production.blocks[commitment-writes].groups[Amazon OpenSearch Service].actions[1] (es:PurchaseReservedElasticsearchInstance)",
            "AWS has no action es:PurchaseReservedElasticsearchInstance; did you mean"),
    Mistake("non-canonical", "rds:PurchaseReservedDBInstancesOffering\n                why",
            "rds:PurchaseReservedDbInstancesOffering\n                why",
            "- action: rds:PurchaseReservedDbInstancesOffering",
            "credentials.production.blocks[commitment-writes].groups[Amazon RDS].actions[0] (rds:PurchaseReservedDbInstancesOffering)",
            "write it as AWS spells it: rds:PurchaseReservedDBInstancesOffering"),
    Mistake("wildcard-matches-nothing", "[pricing:*]", "[pricing:Zz*]", "pricing:Zz*",
            "credentials.production.blocks[service-wide].groups[AWS Price List].actions[0] (pricing:Zz*)",
            "the wildcard pricing:Zz* matches no action"),
    Mistake("policy-name-too-long", "      - id: organization\n",
            "      - id: organization" + "-long" * 30 + "\n", "      - id: organization-long",
            "credentials.production.blocks[*].id", "with a role name of 64; AWS allows 128"),
    Mistake("literal-under-wildcard", "            actions: [redshift:GetReservedNodeExchangeOfferings]",
            "            actions: [redshift:GetReservedNodeExchangeOfferings, budgets:ViewBudget]",
            "budgets:ViewBudget]", "credentials.production.blocks[reads].groups[Amazon Redshift].actions[1] (budgets:ViewBudget)",
            "already granted by budgets:*"),
    Mistake("read-filed-as-write", "              - action: ec2:PurchaseReservedInstancesOffering\n",
            "              - ec2:DescribeReservedInstancesOfferings\n"
            "              - action: ec2:PurchaseReservedInstancesOffering\n",
            "- ec2:DescribeReservedInstancesOfferings",
            "credentials.production.blocks[commitment-writes].groups[Amazon EC2 Reserved Instances].actions[1] (ec2:DescribeReservedInstancesOfferings)",
            "is a List action; file it with the reads, not in write block 'commitment-writes'"),
    Mistake("write-in-read-block", "              - ce:GetTags\n", "              - ce:CreateReport\n",
            "              - ce:CreateReport",
            "credentials.trial.blocks[reads].groups[Cost Explorer].actions[20] (ce:CreateReport)",
            "ce:CreateReport is a Write action; read block 'reads' holds only List and Read"),
    Mistake("wildcard-in-read-block", "              - budgets:DescribeBudgetAction\n",
            "              - budgets:*\n",
            "- budgets:*", "credentials.trial.blocks[reads].groups[Budgets].actions[0] (budgets:*)",
            "also grants 7 non-read actions"),
    Mistake("wildcard-with-reads-in-write-block",
            "              - action: servicequotas:RequestServiceQuotaIncrease\n",
            "              - action: servicequotas:*\n", "- action: servicequotas:*",
            "credentials.production.blocks[commitment-writes].groups[Service Quotas].actions[0] (servicequotas:*)",
            "in write block 'commitment-writes' also grants"),
    Mistake("unacknowledged-risk", "          - ec2:RunScheduledInstances\n        needed: true\n",
            "        needed: true\n", "- action: ec2:RunScheduledInstances",
            "credentials.production.blocks[commitment-writes].groups[Amazon EC2 Scheduled Instances].actions[1] (ec2:RunScheduledInstances)",
            "grants ec2:RunScheduledInstances (risk: infrastructure-change) with no acknowledgement"),
    Mistake("stale-acknowledgement", "          - support:DescribeCases\n",
            "          - support:DescribeCases\n          - support:DescribeServices\n",
            "- support:DescribeServices", "credentials.production.acknowledged[*].actions[*]",
            "grants no support:DescribeServices that the risk table files under data-read"),
    Mistake("trial-not-read-only", "claims: [read-only, metadata-only,", "claims: [metadata-only,",
            None, "credentials", "the trial credential must claim `read-only`"),
    Mistake("contradicted-claim", "claims: []", "claims: [no-infrastructure-change]",
            "claims: [no-infrastructure-change]", "credentials.production.claims[0]",
            "is contradicted by 11 granted actions: budgets:CreateBudgetAction"),
    Mistake("risk-table-unknown-action", "      - ec2:RunInstances\n", "      - ec2:RunInstance\n",
            "ec2:RunInstance\n", "categories.infrastructure-change.actions[*] (ec2:RunInstance)",
            "AWS has no action matching ec2:RunInstance; did you mean ec2:RunInstances?",
            file="risks.yaml"),
    Mistake("risk-table-whole-service", "      - ec2:RunInstances\n", "      - ec2:*\n",
            "      - ec2:*\n", "categories.infrastructure-change.actions[*]",
            "ec2:* matches every ec2 action; a risk category names its actions", file="risks.yaml"),
    Mistake("role-name-shared", "    role_name: ArcheraAccess\n", "    role_name: archeratrial\n",
            "role_name: archeratrial", "credentials.production.role_name",
            "role name 'archeratrial' already appears on line"),
]

# Histories that do not replay to the current policy.
HISTORY = [
    Mistake("history-missing-addition", "            - ce:GetTags\n            - ce:GetUsageForecast\n",
            "            - ce:GetUsageForecast\n", None, "credentials.trial.history",
            "replaying the history does not give block 'reads' of the policy: never added: ce:GetTags"),
    Mistake("history-extra-addition", "            - sts:GetCallerIdentity\n\n",
            "            - sts:GetCallerIdentity\n            - sts:GetSessionToken\n\n", None,
            "credentials.trial.history", "added but not in the policy: sts:GetSessionToken"),
    Mistake("history-version-gap", "      - version: 2\n        date: 2026-11-28\n",
            "      - version: 3\n        date: 2026-11-28\n", "version: 3",
            "credentials.production.history[v3].version", "expected version 2"),
    Mistake("history-removes-absent", "            - rds:PurchaseReservedDbInstancesOffering\n            - redshift:GetReservedNodeExchangeOfferings\n        added:",
            "            - rds:PurchaseReservedDbInstancesOffering\n            - redshift:GetReservedNodeExchangeOfferings\n            - ec2:RunInstances\n        added:",
            "- ec2:RunInstances\n", "credentials.production.history[v2].removed.commitment-writes[3]",
            "removes ec2:RunInstances, which block 'commitment-writes' does not hold"),
    Mistake("history-ends-early", "    role_name: ArcheraAccess\n    version: 2",
            "    role_name: ArcheraAccess\n    version: 3",
            "    version: 3", "credentials.production.version", "the history ends at version 2, not 3"),
]

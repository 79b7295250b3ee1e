"""Mistakes in the controls' data (needed, not_risky, protections, Region limit, unscoped), each
refused like any other mistake."""

from __future__ import annotations

from mistakes import Mistake

FINANCIAL = ("          - savingsplans:ReturnSavingsPlan\n        needed: true\n        reason: >-\n"
             "          Buying, exchanging")

CONTROLS = [
    Mistake("guardrail-denies-a-named-write", FINANCIAL,
            FINANCIAL.replace("needed: true", "needed: false"), "        needed: false\n        reason: >-\n          Buying",
            "credentials.production.acknowledged[financial-commitment].needed",
            "needed: false would make the guardrail deny ec2:AcceptReservedInstancesExchangeQuote"),
    Mistake("needed-both-ways",
            "          - budgets:ModifyBudget\n        needed: true\n        reason: >-\n          Archera creates",
            "          - budgets:ModifyBudget\n        needed: false\n        reason: >-\n          Archera creates",
            None, "credentials.production.acknowledged[*].actions[0]",
            "budgets:ModifyBudget is marked needed: true on line"),
    Mistake("condition-key-unsupported", "      keys: [ec2:Region]", "      keys: [rds:Region]",
            "      keys: [rds:Region]", "credentials.production.region_limit.keys[0]",
            "supports the condition key rds:Region in AWS's catalog"),
    Mistake("regional-service-with-nothing-to-limit",
            "      regional_services: [elasticache, es, memorydb, rds, redshift]",
            "      regional_services: [elasticache, es, memorydb, rds, redshift, lambda]",
            "regional_services: [elasticache", "credentials.production.region_limit.regional_services[5]",
            "no write action of lambda that this credential grants and Archera uses is left"),
    Mistake("resource-pattern-without-resource-type", "        actions: [budgets:ModifyBudget]",
            "        actions: [budgets:DescribeBudgetActionsForAccount]",
            "actions: [budgets:DescribeBudgetActionsForAccount]",
            "credentials.production.protections[budget-name-prefix].actions[0]",
            "it takes no resource type at all, only *"),
    Mistake("protection-of-an-unknown-resource-type", "        resource: budgets:budget",
            "        resource: budgets:budgett", "resource: budgets:budgett",
            "credentials.production.protections[budget-name-prefix].resource",
            "AWS's catalog has no resource type 'budgett' in 'budgets' (its types: budget, budgetAction)"),
    Mistake("unscoped-reason-missing",
            "            unscoped: >-\n              Archera acts on any of your Reserved Instances, whose IDs "
            "change with every purchase,\n              exchange or modification.\n", "", None,
            "credentials.production.blocks[commitment-writes].groups[Amazon EC2 Reserved Instances].actions[0] (ec2:ModifyReservedInstances)",
            "AWS lets a policy limit ec2:ModifyReservedInstances to named resources (reserved-instances)"),
    Mistake("non-read-action-unclassified", "          - ce:UpdateReport\n", "", None,
            "credentials.production.blocks[service-wide].groups[Cost Explorer].actions[0] (ce:*)",
            "grants 1 action that is neither List nor Read and in no risk category (ce:UpdateReport)"),
    Mistake("risky-action-called-not-risky", "          - ce:UpdateReport\n",
            "          - ce:UpdateReport\n          - ce:DeleteReport\n", None,
            "credentials.production.not_risky[2].actions[*]",
            "ce:DeleteReport falls in the risk category record-deletion"),
    Mistake("read-action-called-not-risky", "          - ce:UpdateReport\n",
            "          - ce:UpdateReport\n          - ce:GetTags\n", None,
            "credentials.production.not_risky[2].actions[*]",
            "ce:GetTags is a Read action: only actions that are neither List nor Read belong here"),
    Mistake("needed-missing", "        needed: true\n        reason: >-\n          Buying, exchanging",
            "        reason: >-\n          Buying, exchanging", None,
            "credentials.production.acknowledged[financial-commitment].needed", "missing required key 'needed'"),
]

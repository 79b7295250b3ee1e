"""The security review's rules: a sound risk table, every risky grant acknowledged, every claim true."""

from __future__ import annotations

from ..aws.catalog import is_pattern
from ..iam.review import CLAIMS, claim_violations
from ..source.errors import Problem
from .context import Context


def check_risk_table(ctx: Context) -> list[Problem]:
    """Every risk-table entry names a real action in canonical spelling, or a matching wildcard."""
    if ctx.risks is None:  # data/risks.yaml did not parse: its problems are reported already
        return []
    table, source, catalog = ctx.risks, ctx.risk_source, ctx.catalog
    problems = []
    for category, entry in table.categories.items():
        for i, action in enumerate(entry.actions):
            loc = ("categories", category, "actions", i)
            resolved = catalog.resolve(action)
            if not resolved:
                hint = catalog.suggest(action)
                problems.append(source.problem(loc, f"AWS has no action matching {action}"
                                               + (f"; did you mean {hint}?" if hint else ""),
                                               f"{source.name(loc)} ({action})"))
            elif not is_pattern(action) and resolved[0].full_name != action:
                problems.append(source.problem(loc, f"write it as AWS spells it: "
                                               f"{resolved[0].full_name}", f"{source.name(loc)} ({action})"))
    return problems


def check_review(ctx: Context) -> list[Problem]:
    """Every finding is acknowledged, every acknowledgement is current, every claim holds."""
    result = ctx.review
    if result is None:  # the review reads the risk table, which must be sound
        return []
    data, source = ctx.data, ctx.source
    problems = []
    for cred_id, cred in data.credentials.items():
        found = result.findings[cred_id]
        for finding in found:
            if finding.acknowledgement is None:
                via = finding.grant.via
                problems.append(source.problem(
                    via.loc,
                    f"grants {finding.grant.action.full_name} (risk: {finding.category}) with no "
                    f"acknowledgement: list it under credentials.{cred_id}.acknowledged for that "
                    "category, with a reason, or remove the grant",
                    f"{source.name(via.loc)} ({via.action})"))
        current = {(f.grant.action.full_name.lower(), f.category) for f in found}
        for i, ack in enumerate(cred.acknowledged):
            for j, action in enumerate(ack.actions):
                loc = ("credentials", cred_id, "acknowledged", i, "actions", j)
                if is_pattern(action):
                    problems.append(source.problem(
                        loc, f"{action} is a wildcard: an acknowledgement names each action it "
                             "accepts, as the build's error for it listed them"))
                elif (action.lower(), ack.category) not in current:
                    problems.append(source.problem(
                        loc, f"credential {cred_id!r} grants no {action} that the risk table "
                             f"files under {ack.category}; remove it from this acknowledgement "
                             "(or, if it left data/risks.yaml by mistake, put it back there)")
                        .because_of(ctx.cause_of(cred_id, [action])))
        for i, claim in enumerate(cred.claims):
            broken = claim_violations(claim, result.granted[cred_id], result.risk_index)
            if broken:
                problems.append(source.problem(
                    ("credentials", cred_id, "claims", i),
                    f"the claim {claim!r} ({CLAIMS[claim]}) is contradicted by {len(broken)} "
                    f"granted action{'s' if len(broken) != 1 else ''}: "
                    f"{', '.join(broken[:8])}{'...' if len(broken) > 8 else ''}"))
    return problems

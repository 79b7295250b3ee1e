"""Every credential's role can be built as AWS allows: policy sizes, counts, names, descriptions."""

from __future__ import annotations

from ..aws.identifiers import ROLE_NAME_MAX
from ..aws.quotas import (DESCRIPTION_MAX, DESCRIPTION_PATTERN, MANAGED_POLICIES_PER_ROLE,
                          MANAGED_POLICY_MAX_CHARS, POLICY_NAME_MAX_CHARS, TRUST_POLICY_MAX_CHARS)
from ..iam.policy import aws_size, trust_policy
from ..source.errors import Problem
from .context import Context


def check_policy_sizes(ctx: Context) -> list[Problem]:
    """Every credential fits in the managed policies one role may carry."""
    source = ctx.source
    problems = [source.problem(("credentials", cred_id), message)
                for cred_id, message in ctx.undeployable.items()]
    for cred_id, plan in ctx.deployments.items():
        loc = ("credentials", cred_id)
        blocks = {b.id: i for i, b in enumerate(plan.credential.blocks)}
        for policy in plan.policies:
            longest = policy.name("R" * ROLE_NAME_MAX)  # the name with the longest role name
            if len(longest) > POLICY_NAME_MAX_CHARS:
                where = (*loc, "blocks", blocks[policy.optional_block], "id") \
                    if policy.optional_block else loc
                problems.append(source.problem(
                    where, f"makes the policy name <role name>-{policy.suffix}, up to "
                           f"{len(longest)} characters with a role name of {ROLE_NAME_MAX}; "
                           f"AWS allows {POLICY_NAME_MAX_CHARS}"))
        count = len(plan.policies)
        if count > MANAGED_POLICIES_PER_ROLE:
            problems.append(source.problem(
                loc, f"needs {count} managed policies of at most {MANAGED_POLICY_MAX_CHARS} "
                     f"characters; a role holds at most {MANAGED_POLICIES_PER_ROLE}"))
    size = aws_size(trust_policy(ctx.data.company))
    if size > TRUST_POLICY_MAX_CHARS:
        problems.append(source.problem(("company",), f"the trust policy is {size} characters; "
                                                     f"AWS allows {TRUST_POLICY_MAX_CHARS}"))
    return problems


def check_descriptions(ctx: Context) -> list[Problem]:
    """Every policy and role description is one AWS accepts (titles and names go into them)."""
    problems = []
    for cred_id, plan in ctx.deployments.items():
        blocks = {b.id: i for i, b in enumerate(plan.credential.blocks)}
        texts = [(("credentials", cred_id, "blocks", blocks[p.optional_block], "title")
                  if p.optional_block else ("credentials", cred_id), p.description)
                 for p in plan.policies]
        texts.append((("company", "name"), plan.role_description))
        for loc, text in texts:
            if len(text) > DESCRIPTION_MAX or not DESCRIPTION_PATTERN.fullmatch(text):
                problems.append(ctx.source.problem(
                    loc, f"goes into the IAM description {text!r}; AWS allows at most "
                         f"{DESCRIPTION_MAX} characters, all Latin-1"))
    return problems

"""The rules of the conditional Denies: each protection names a resource type AWS's catalog gives
its actions, each Region key is one the credential's actions support, and no action lacks an
action AWS says it depends on."""

from __future__ import annotations

from ..iam.controls import REQUESTED_REGION
from ..source.errors import Problem
from .context import Context


def check_protections(ctx: Context) -> list[Problem]:
    """Every protection's actions are granted, needed, and take its resource type in AWS's
    catalog, whose ARN ends with the resource's name."""
    problems = []
    for cred_id, credential in ctx.data.credentials.items():
        granted = {a.full_name.lower() for a in ctx.grants[cred_id].actions}
        denied = {a.full_name.lower() for a in ctx.controls[cred_id].denied}
        for i, protection in enumerate(credential.protections):
            service, _, kind = protection.resource.partition(":")
            known = ctx.catalog.resource_type_names(service)
            if kind.lower() not in {k.lower() for k in known}:
                problems.append(ctx.source.problem(
                    ("credentials", cred_id, "protections", i, "resource"),
                    f"AWS's catalog has no resource type {kind!r} in {service!r}"
                    + (f" (its types: {', '.join(known)})" if known else "")))
                continue
            for j, action in enumerate(protection.actions):
                loc = ("credentials", cred_id, "protections", i, "actions", j)
                found = ctx.catalog.lookup(action)
                if action.lower() not in granted or found is None:
                    problems.append(ctx.source.problem(loc, f"credential {cred_id!r} grants no {action}")
                                    .because_of(ctx.cause_of(cred_id, [action])))
                elif action.lower() in denied:
                    problems.append(ctx.source.problem(
                        loc, f"the guardrail denies {action} already: a protection is for actions "
                             "Archera needs"))
                elif kind.lower() not in {t.name.lower() for t in ctx.catalog.scope(found).resource_types}:
                    types = [t.name for t in ctx.catalog.scope(found).resource_types]
                    problems.append(ctx.source.problem(
                        loc, f"AWS's catalog gives {action} no {protection.resource} resource "
                             f"({'its resource types: ' + ', '.join(types) if types else 'it takes no resource type at all, only *'}): "
                             "a policy cannot keep it to named resources"))
            if not protection.resource.startswith(service + ":") or any(
                    not a.lower().startswith(service.lower() + ":") for a in protection.actions):
                problems.append(ctx.source.problem(
                    ("credentials", cred_id, "protections", i, "resource"),
                    f"{protection.resource} is not a resource of the service of every action listed"))
    return problems


def check_region_limit(ctx: Context) -> list[Problem]:
    """Every condition key of a Region limit is one AWS's catalog lists for at least one write
    action the credential grants and Archera uses."""
    problems = []
    for cred_id, credential in ctx.data.credentials.items():
        if credential.region_limit is None:
            continue
        limited = ctx.controls[cred_id].region_actions
        for i, key in enumerate(credential.region_limit.keys):
            if not limited.get(key):
                problems.append(ctx.source.problem(
                    ("credentials", cred_id, "region_limit", "keys", i),
                    f"no write action this credential grants and Archera uses supports the "
                    f"condition key {key} in AWS's catalog: a Region limit through it would "
                    "limit nothing"))
        limited_names = {a.full_name for a in limited.get(REQUESTED_REGION, [])}
        for i, service in enumerate(credential.region_limit.regional_services):
            if not any(name.startswith(f"{service}:") for name in limited_names):
                problems.append(ctx.source.problem(
                    ("credentials", cred_id, "region_limit", "regional_services", i),
                    f"no write action of {service} that this credential grants and Archera uses is "
                    f"left for {REQUESTED_REGION} to limit (none granted, or all denied or "
                    "limited through a service key): remove it from regional_services"))
    return problems


def check_dependencies(ctx: Context) -> list[Problem]:
    """No granted action lacks an action AWS's catalog says it depends on."""
    problems = []
    for cred_id in ctx.data.credentials:
        granted = {a.full_name.lower() for a in ctx.grants[cred_id].actions}
        for grant in ctx.grants[cred_id].granted:
            lacking = [d for d in ctx.catalog.scope(grant.action).dependent_actions
                       if d.lower() not in granted]
            if lacking:
                problems.append(ctx.source.problem(
                    grant.via.loc, f"{grant.action.full_name} depends on {', '.join(lacking)} in "
                                   "AWS's catalog, which the credential does not grant: add it, "
                                   "or leave out what needs it"))
    return problems


def check_outlasting(ctx: Context) -> list[Problem]:
    """Every action said to create something that outlives the role is one the credential grants."""
    problems = []
    for cred_id, credential in ctx.data.credentials.items():
        granted = {a.full_name.lower() for a in ctx.grants[cred_id].actions}
        for i, entry in enumerate(credential.outlives_the_role):
            for j, action in enumerate(entry.actions):
                if action.lower() not in granted:
                    problems.append(ctx.source.problem(
                        ("credentials", cred_id, "outlives_the_role", i, "actions", j),
                        f"credential {cred_id!r} grants no {action}")
                        .because_of(ctx.cause_of(cred_id, [action])))
    return problems

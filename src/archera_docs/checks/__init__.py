"""Every rule the data files must meet, as one ordered list of checks run by one function.

Each check takes the Context and returns the problems it finds. They all run, so that one build
reports every mistake; a check whose input another check refused skips what it cannot judge.
"""

from __future__ import annotations

from collections.abc import Callable

from ..source.errors import Problem
from .catalog import check_catalog, check_redundant
from .context import Context
from .controls import check_coverage, check_guardrail, check_unscoped
from .deployment import check_descriptions, check_policy_sizes
from .history import check_history
from .limits import (check_dependencies, check_outlasting, check_protections,
                     check_region_limit)
from .review import check_review, check_risk_table
from .structure import check_credentials, check_pages

Check = Callable[[Context], list[Problem]]

# (name, check), in the order they run: a later check's problem about an action an earlier one
# refused is reported as its consequence; the review reads the risk table, so it comes after.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("pages", check_pages),
    ("credentials", check_credentials),
    ("catalog", check_catalog),
    ("wildcard overlap", check_redundant),
    ("history", check_history),
    ("policy sizes", check_policy_sizes),
    ("descriptions", check_descriptions),
    ("risk table", check_risk_table),
    ("security review", check_review),
    ("scoping", check_unscoped),
    ("coverage", check_coverage),
    ("guardrail", check_guardrail),
    ("protections", check_protections),
    ("region limit", check_region_limit),
    ("dependencies", check_dependencies),
    ("what outlives the role", check_outlasting),
)


def run_checks(ctx: Context) -> list[Problem]:
    """Every problem every check finds, noting in `ctx.failed` the checks that found some."""
    problems: list[Problem] = []
    for name, check in CHECKS:
        found = check(ctx)
        if found:
            ctx.failed.add(name)
        problems += found
    return problems

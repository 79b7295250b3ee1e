"""Values a policy or template holds that only the deployment knows: the partition, the account,
the role's name and the customer's inputs, written once and rendered by each format.

A `Sub` is text with `${Name}` placeholders (CloudFormation's Fn::Sub syntax); a `ListInput` is a
whole list the customer gives (the Regions they allow). Each format maps the names its own way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PARTITION, ACCOUNT, ROLE_NAME = "Partition", "Account", "RoleName"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")


class Sub(str):
    """Text with `${Name}` placeholders: `arn:${Partition}:iam::${Account}:role/${RoleName}`."""

    def names(self) -> list[str]:
        """The placeholders it holds, in order."""
        return _PLACEHOLDER.findall(self)

    def render(self, value_of: Callable[[str], str]) -> str:
        """The text with each placeholder replaced by `value_of(name)`."""
        return _PLACEHOLDER.sub(lambda m: value_of(m[1]), self)


@dataclass(frozen=True)
class ListInput:
    """A list of values the customer gives, by the input's name (`AllowedRegions`)."""

    name: str


def resolve(value, on_sub: Callable[[Sub], object], on_list: Callable[[ListInput], object]):
    """A copy of a policy document (dicts, lists, strings) with every Sub and ListInput in it
    replaced by what a format writes for it."""
    if isinstance(value, Sub):
        return on_sub(value)
    if isinstance(value, ListInput):
        return on_list(value)
    if isinstance(value, dict):
        return {key: resolve(item, on_sub, on_list) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, on_sub, on_list) for item in value]
    return value

"""The one registry of macros a page may call: macros.py registers them, the page check and the
benchmark read them, and the writers' guide documents them.

A macro's parameters after the dataset say what each argument names, by their suffix:
`credential_id` a credential, `block_id` a block of the credential before it, `page_id` a page.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from .account import account_id_notice, account_id_statement
from .checker import role_checker
from .deploy import deploy_tabs, trust_policy_block
from .exports import export_shape
from .history import changelog, corrections, switch_credential, update_your_role
from .links import related
from .overview import credential_controls, credential_overview
from .review import security_review
from .revoke import data_handling, revoke_access
from .tables import block_tables, credential_facts
from .tiers import tier_differences
from .wildcards import wildcard_grants

ID_KINDS = ("credential", "block", "page")


@dataclass(frozen=True)
class Macro:
    """A macro pages may call, and what the build knows about it."""

    function: Callable
    # It renders one credential's evidence, so it belongs on one page of that credential's: its
    # page, or the page registered as the page's id plus this suffix (`production-review`).
    # None: any page may call it.
    credential_page: str | None = None
    # It reads the dataset (bound as its first argument at registration).
    reads_data: bool = True
    # It returns values for the page to pick from (not Markdown), cheaply.
    returns_data: bool = False

    @property
    def shows_credential(self) -> bool:
        """True when it renders one credential's evidence (see `credential_page`)."""
        return self.credential_page is not None

    @property
    def name(self) -> str:
        """The name a page calls it by."""
        return self.function.__name__

    @property
    def parameters(self) -> list[inspect.Parameter]:
        """The arguments a page passes, in order."""
        parameters = list(inspect.signature(self.function).parameters.values())
        return parameters[1:] if self.reads_data else parameters

    def kind_of(self, parameter: inspect.Parameter) -> str | None:
        """`credential`, `block` or `page` for an argument naming an entry of the data."""
        return next((kind for kind in ID_KINDS if parameter.name.endswith(f"{kind}_id")), None)

    @property
    def summary(self) -> str:
        """What it renders, from the first paragraph of its docstring."""
        return " ".join((self.function.__doc__ or "").split("\n\n")[0].split())

    def call(self, *args: str) -> str:
        """The call as a page writes it: `block_tables("production", "reads")`."""
        quoted = ", ".join(f'"{arg}"' for arg in args)
        return f"{self.name}({quoted})"


MACROS: tuple[Macro, ...] = (
    Macro(account_id_notice),
    Macro(account_id_statement),
    Macro(block_tables, credential_page=""),
    Macro(changelog),
    Macro(corrections),
    Macro(credential_controls),
    Macro(credential_facts, returns_data=True),
    Macro(credential_overview, credential_page=""),
    Macro(data_handling),
    Macro(deploy_tabs, credential_page=""),
    Macro(export_shape, reads_data=False),
    Macro(related),
    Macro(revoke_access),
    Macro(role_checker),
    Macro(security_review, credential_page="-review"),
    Macro(switch_credential),
    Macro(tier_differences),
    Macro(trust_policy_block),
    Macro(update_your_role),
    Macro(wildcard_grants, credential_page="-wildcards"),
)
BY_NAME = {macro.name: macro for macro in MACROS}

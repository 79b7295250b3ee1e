"""The typed model of data/permissions.yaml; unknown keys and malformed values are errors."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..aws.identifiers import EXAMPLE_ACCOUNT_IDS
from .controls import Acknowledgement, NotRisky, Outlasting, Protection, RegionLimit
from .releases import Release
from .types import (AccountId, ActionName, BlockKind, Claim, NonEmpty, Partition, RoleName, Slug,
                    Strict)

# The page the Atom feed of releases (/changes.xml) links to.
CHANGES_PAGE = "changes"


class UnknownId(LookupError):
    """A page, credential or block id that the data does not define (e.g. in a macro call)."""

    def __init__(self, kind: str, ident: str, known: list[str]):
        super().__init__(f"no {kind} has the id {ident!r} in data/permissions.yaml; "
                         f"known: {', '.join(known)}")


def _find(items: dict, kind: str, ident: str):
    if ident not in items:
        raise UnknownId(kind, ident, list(items))
    return items[ident]


class Access(Strict):
    """How Archera reaches a customer's AWS environment, in our words."""

    connects_to: NonEmpty
    mechanism: NonEmpty
    external_id: NonEmpty
    audit: NonEmpty


class DataHandling(Strict):
    """What Archera publishes about the data it reads through the role, in its own words, and
    what it does not publish (said so, never filled in)."""

    statement: NonEmpty  # Archera's own statement, as its help center publishes it
    not_published: Annotated[list[NonEmpty], Field(min_length=1)]


class Company(Strict):
    """Archera itself: who the customer grants access to."""

    name: NonEmpty
    account_id: AccountId
    account_id_is_placeholder: bool
    partition: Partition
    access: Access
    data_handling: DataHandling

    @model_validator(mode="after")
    def _real_account_is_no_example(self) -> Company:
        if not self.account_id_is_placeholder and self.account_id in EXAMPLE_ACCOUNT_IDS:
            raise ValueError(f"account_id {self.account_id} is an example account from AWS's "
                             "documentation, not Archera's: write Archera's account ID, or keep "
                             "account_id_is_placeholder: true")
        return self


class Page(Strict):
    """A page cross-links can point at: built here (`path`) or elsewhere (`url`)."""

    id: Slug
    title: NonEmpty
    path: Annotated[str, StringConstraints(pattern=r"^[a-z0-9/_-]+\.md$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$")] | None = None
    related: list[Slug] = []
    credential: Slug | None = None  # the credential whose evidence this page (of its pages) shows

    @property
    def url_path(self) -> str:
        """The page's directory URL under the site root: `help-center/security/aws-access/`."""
        page = PurePosixPath(self.path).with_suffix("")
        parts = page.parts[:-1] if page.name == "index" else page.parts
        return "".join(f"{part}/" for part in parts)

    @model_validator(mode="after")
    def _one_target(self) -> Page:
        if (self.path is None) == (self.url is None):
            raise ValueError("give exactly one of `path` (a page built here) or `url`")
        return self


class ActionEntry(Strict):
    """One action or wildcard of a group, with an optional reason of its own."""

    action: ActionName
    why: NonEmpty | None = None
    # Why it applies to every resource ("*") where AWS would let a policy name resources.
    unscoped: NonEmpty | None = None


class Group(Strict):
    """Actions of one service, granted for one purpose."""

    service: NonEmpty
    purpose: NonEmpty
    note: NonEmpty | None = None  # e.g. where the group's contents are inferred, not published
    # Why its actions apply to every resource ("*") where AWS would let a policy name resources.
    unscoped: NonEmpty | None = None
    actions: Annotated[list[ActionEntry], Field(min_length=1)]

    def purpose_of(self, entry: ActionEntry) -> str:
        """Why Archera needs one of the group's entries: its own reason, else the group's purpose."""
        return entry.why or self.purpose

    def unscoped_reason(self, entry: ActionEntry) -> str | None:
        """Why an entry is granted on every resource: its own reason, else the group's."""
        return entry.unscoped or self.unscoped

    @field_validator("actions", mode="before",
                     json_schema_input_type=Annotated[list[ActionName | ActionEntry], Field(min_length=1)])
    @classmethod
    def _strings_are_entries(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"action": item} if isinstance(item, str) else item for item in value]
        return value


class Block(Strict):
    """A statement of the policy: reads, writes, or service-wide wildcards."""

    id: Slug
    title: NonEmpty
    kind: BlockKind
    optional: bool = False
    summary: NonEmpty
    groups: Annotated[list[Group], Field(min_length=1)]

    @property
    def entries(self) -> list[ActionEntry]:
        """Every entry of the block's groups, in file order."""
        return [entry for group in self.groups for entry in group.actions]

    @property
    def actions(self) -> list[str]:
        """Every action or wildcard of the block as written, in file order."""
        return [entry.action for group in self.groups for entry in group.actions]

    @property
    def bare_title(self) -> str:
        """The title without its closing "(optional)": `Organization management`."""
        return self.title.removesuffix("(optional)").rstrip()

    @model_validator(mode="after")
    def _title_says_whether_optional(self) -> Block:
        # The pages and every deployment format show the title: it must not call a required
        # block optional, nor leave an optional one unmarked (one lost line would flip it).
        if self.title.endswith("(optional)") != self.optional:
            raise ValueError(
                f"block {self.id!r} is {'optional' if self.optional else 'required'} but its "
                f"title {self.title!r} {'does not end' if self.optional else 'ends'} with "
                "'(optional)': make the title and `optional: true` agree")
        return self


class Credential(Strict):
    """One IAM role's permissions, as blocks of groups."""

    title: NonEmpty
    page: Slug
    role_name: RoleName  # the role's default name; its managed policies' names start with it
    version: Annotated[int, Field(ge=1)]
    summary: NonEmpty
    claims: list[Claim] = []
    blocks: Annotated[list[Block], Field(min_length=1)]
    acknowledged: list[Acknowledgement] = []
    not_risky: list[NotRisky] = []
    protections: list[Protection] = []
    region_limit: RegionLimit | None = None
    outlives_the_role: list[Outlasting] = []
    history: Annotated[list[Release], Field(min_length=1)]

    @field_validator("blocks")
    @classmethod
    def _one_block_required(cls, blocks: list[Block]) -> list[Block]:
        if all(block.optional for block in blocks):
            raise ValueError("every block is optional: a role deployed with the defaults would "
                             "grant nothing; make at least one block required")
        return blocks

    def block(self, block_id: str) -> Block:
        """The block with this id."""
        return _find({b.id: b for b in self.blocks}, "block", block_id)

    def block_title(self, block_id: str) -> str:
        """A block's title; its id if the block is gone (the history may name a removed one)."""
        return {b.id: b.title for b in self.blocks}.get(block_id, block_id)


class PermissionsFile(Strict):
    """The whole of data/permissions.yaml."""

    company: Company
    pages: Annotated[list[Page], Field(min_length=1)]
    credentials: Annotated[dict[Slug, Credential], Field(min_length=1)]

    def credential(self, credential_id: str) -> Credential:
        """The credential with this id."""
        return _find(self.credentials, "credential", credential_id)

    def page(self, page_id: str) -> Page:
        """The registered page with this id."""
        return _find({p.id: p for p in self.pages}, "page", page_id)

    @field_validator("credentials")
    @classmethod
    def _trial_is_read_only(cls, credentials: dict[str, Credential]) -> dict[str, Credential]:
        trial = credentials.get("trial")
        if trial is not None and "read-only" not in trial.claims:
            raise ValueError("the trial credential must claim `read-only`, so that the build "
                             "proves it holds no action beyond List and Read")
        return credentials

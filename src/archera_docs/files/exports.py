"""Machine-readable exports for customers' automation: /permissions.json and its JSON Schema.

The export's shape is the pydantic model below; fields are only ever added, so a consumer written
against `shape_version` 1 keeps working.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..aws.catalog import is_pattern
from ..dataset import Dataset

SHAPE_VERSION = 1


def absolute_url(site_url: str, path: str) -> str:
    """The URL of a path under the site root: `https://docs.archera.ai/` + `changes.xml`."""
    return site_url.rstrip("/") + "/" + path


def _open_to_new_fields(schema: dict) -> None:
    # Our own export is built with no stray field (extra="forbid"), but the published schema must
    # not forbid the fields a later shape adds, or consumers validating against it would break.
    schema.pop("additionalProperties", None)


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_open_to_new_fields)


class ExportedAction(_Shape):
    """One policy entry: an action or a wildcard, with what AWS's catalog says it grants today."""

    action: str = Field(description="The entry as the policy holds it: service:Action or a wildcard.")
    wildcard: bool = Field(description="True when the entry holds * or ?.")
    purpose: str = Field(description="Why Archera needs it.")
    grants: list[tuple[str, str]] = Field(
        description="Every action it grants in AWS's catalog, as [service:Action, access level].")


class ExportedGroup(_Shape):
    """A service group: its purpose and its actions."""

    service: str = Field(description="The service, as the pages name it.")
    purpose: str = Field(description="Why Archera needs the group.")
    actions: list[ExportedAction] = Field(description="Its entries, in the order of the data.")


class ExportedBlock(_Shape):
    """A policy statement's worth of groups."""

    id: str = Field(description="Stable identifier; part of the statement's Sid.")
    title: str = Field(description="The block's title on the pages.")
    kind: Literal["read", "write", "service-wide"] = Field(description="What the block may hold.")
    optional: bool = Field(description="True when the block is a managed policy you may leave out.")
    groups: list[ExportedGroup] = Field(description="Its service groups.")


class ExportedRelease(_Shape):
    """One version of a credential and what it changed."""

    version: int = Field(description="The credential version this release produced.")
    date: dt.date = Field(description="The day it took effect.")
    summary: str = Field(description="What changed and why.")
    added: dict[str, list[str]] = Field(description="Block id -> actions added.")
    removed: dict[str, list[str]] = Field(description="Block id -> actions removed.")
    corrections: list[dict[str, str | None]] = Field(
        description="Fixes to earlier lists: published, kind, now and reason.")


class ExportedCredential(_Shape):
    """A credential at its current version, with its history."""

    id: str = Field(description="trial or production.")
    title: str = Field(description="Its name on the pages.")
    version: int = Field(description="The current version; every Sid of its policy ends in V<version>.")
    page: str = Field(description="The URL of its page.")
    claims: list[str] = Field(description="Properties the build verified against AWS's catalog.")
    blocks: list[ExportedBlock] = Field(description="Its policy, block by block.")
    history: list[ExportedRelease] = Field(description="Every release, oldest first.")


class PermissionsExport(_Shape):
    """The whole of /permissions.json."""

    shape_version: Literal[1] = Field(description="Raised only if a field is ever removed or changed.")
    catalog_date: dt.date = Field(description="The day of AWS's catalog the grants were computed from.")
    company: dict[str, str | bool] = Field(
        description="name, account_id, account_id_is_placeholder and partition.")
    credentials: list[ExportedCredential] = Field(description="Every credential.")


EXPORT_MODELS = (PermissionsExport, ExportedCredential, ExportedBlock, ExportedGroup, ExportedAction,
                 ExportedRelease)


def permissions_export(dataset: Dataset, site_url: str) -> PermissionsExport:
    """Every credential, version, group and action, with access levels and purposes."""
    data = dataset.permissions
    credentials = []
    for cred_id, cred in data.credentials.items():
        granted = dataset.grants[cred_id].by_entry
        blocks = [ExportedBlock(
            id=b.id, title=b.title, kind=b.kind, optional=b.optional,
            groups=[ExportedGroup(service=g.service, purpose=g.purpose, actions=[ExportedAction(
                action=e.action, wildcard=is_pattern(e.action), purpose=g.purpose_of(e),
                grants=[(a.full_name, a.access_level) for a in granted[e.action]])
                for e in g.actions]) for g in b.groups]) for b in cred.blocks]
        history = [ExportedRelease(version=r.version, date=r.date, summary=r.summary,
                                   added=r.added, removed=r.removed,
                                   corrections=[c.model_dump() for c in r.corrections])
                   for r in cred.history]
        page = absolute_url(site_url, data.page(cred.page).url_path)
        credentials.append(ExportedCredential(
            id=cred_id, title=cred.title, version=cred.version, page=page, claims=list(cred.claims),
            blocks=blocks, history=history))
    company = data.company
    return PermissionsExport(
        shape_version=SHAPE_VERSION, catalog_date=dataset.catalog.data_date(),
        company={"name": company.name, "account_id": company.account_id,
                 "account_id_is_placeholder": company.account_id_is_placeholder,
                 "partition": company.partition},
        credentials=credentials)


def export_json(dataset: Dataset, site_url: str) -> str:
    """/permissions.json as published."""
    return permissions_export(dataset, site_url).model_dump_json(indent=2) + "\n"


@cache  # the shape is fixed for the life of the process
def export_schema_json() -> str:
    """The JSON Schema of /permissions.json, published beside it."""
    return json.dumps(PermissionsExport.model_json_schema(), indent=2, sort_keys=True) + "\n"

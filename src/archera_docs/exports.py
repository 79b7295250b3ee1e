"""Machine-readable exports for customers' automation: /permissions.json and its JSON Schema.

The export's shape is the pydantic model below; fields are only ever added, so a consumer written
against `shape_version` 1 keeps working.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .load import Dataset

SHAPE_VERSION = 1


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedAction(_Shape):
    """One policy entry: an action or a wildcard, with what AWS's catalog says it grants today."""

    action: str
    wildcard: bool
    purpose: str
    grants: list[list[str]]  # [[service:Action, access level], ...]


class ExportedGroup(_Shape):
    """A service group: its purpose and its actions."""

    service: str
    purpose: str
    actions: list[ExportedAction]


class ExportedBlock(_Shape):
    """A policy statement's worth of groups."""

    id: str
    title: str
    kind: Literal["read", "write", "service-wide"]
    optional: bool
    groups: list[ExportedGroup]


class ExportedRelease(_Shape):
    """One version of a credential and what it changed."""

    version: int
    date: date
    summary: str
    added: dict[str, list[str]]
    removed: dict[str, list[str]]


class ExportedCredential(_Shape):
    """A credential at its current version, with its history."""

    id: str
    title: str
    version: int
    page: str
    claims: list[str]
    blocks: list[ExportedBlock]
    history: list[ExportedRelease]


class PermissionsExport(_Shape):
    """The whole of /permissions.json."""

    shape_version: Literal[1]
    catalog_date: date
    company: dict[str, str | bool]
    credentials: list[ExportedCredential]


def permissions_export(dataset: Dataset, site_url: str) -> PermissionsExport:
    """Every credential, version, group and action, with access levels and purposes."""
    data, catalog = dataset.permissions, dataset.catalog
    pages = {p.id: p for p in data.pages}
    credentials = []
    for cred_id, cred in data.credentials.items():
        blocks = [ExportedBlock(
            id=b.id, title=b.title, kind=b.kind, optional=b.optional,
            groups=[ExportedGroup(service=g.service, purpose=g.purpose, actions=[ExportedAction(
                action=e.action, wildcard=any(c in e.action for c in "*?"), purpose=e.why or g.purpose,
                grants=[[a.full_name, a.access_level] for a in catalog.resolve(e.action)])
                for e in g.actions]) for g in b.groups]) for b in cred.blocks]
        history = [ExportedRelease(version=r.version, date=r.date, summary=r.summary,
                                   added=r.added, removed=r.removed) for r in cred.history]
        page = site_url.rstrip("/") + "/" + pages[cred.page].path.removesuffix(".md") + "/"
        credentials.append(ExportedCredential(
            id=cred_id, title=cred.title, version=cred.version, page=page, claims=list(cred.claims),
            blocks=blocks, history=history))
    company = data.company
    return PermissionsExport(
        shape_version=SHAPE_VERSION, catalog_date=catalog.data_date(),
        company={"name": company.name, "account_id": company.account_id,
                 "account_id_is_placeholder": company.account_id_is_placeholder,
                 "partition": company.partition},
        credentials=credentials)


def export_json(dataset: Dataset, site_url: str) -> str:
    """/permissions.json as published."""
    return permissions_export(dataset, site_url).model_dump_json(indent=2) + "\n"


def export_schema_json() -> str:
    """The JSON Schema of /permissions.json, published beside it."""
    return json.dumps(PermissionsExport.model_json_schema(), indent=2, sort_keys=True) + "\n"

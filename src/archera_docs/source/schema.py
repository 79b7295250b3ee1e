"""The JSON Schema of data/permissions.yaml, generated from the model, for editors and CI."""

from __future__ import annotations

import json

from .model import PermissionsFile

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def permissions_schema() -> dict:
    """The model's JSON Schema, titled and with its dialect named."""
    schema = PermissionsFile.model_json_schema()
    return {"$schema": SCHEMA_URL, "title": "Archera permissions data", **schema}


def schema_text() -> str:
    """The schema as the checked-in file holds it."""
    return json.dumps(permissions_schema(), indent=2, sort_keys=True) + "\n"


"""/permissions.json and the Atom feed, as pure functions (the built files are checked elsewhere)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema

from archera_docs.files.exports import PermissionsExport, export_json, export_schema_json
from archera_docs.files.feed import ATOM, atom_feed
from independent import entry_grants

SITE = "https://docs.archera.ai/"
CHANGES = SITE + "help-center/aws-onboarding/what-changed/"


def test_permissions_json_round_trips_and_matches_its_schema(dataset):
    text = export_json(dataset, SITE)
    parsed = PermissionsExport.model_validate_json(text)
    assert parsed.model_dump_json(indent=2) + "\n" == text
    jsonschema.validate(json.loads(text), json.loads(export_schema_json()))


def test_the_published_schema_accepts_fields_a_later_shape_adds(dataset):
    exported = json.loads(export_json(dataset, SITE))
    exported["added_later"] = True
    credential = exported["credentials"][0]
    credential["added_later"] = True
    credential["blocks"][0]["groups"][0]["actions"][0]["added_later"] = True
    jsonschema.validate(exported, json.loads(export_schema_json()))


def test_permissions_json_holds_every_action_with_its_access_level(dataset):
    exported = json.loads(export_json(dataset, SITE))
    for credential in exported["credentials"]:
        model = dataset.permissions.credentials[credential["id"]]
        assert credential["version"] == model.version
        entries = {a["action"]: a for b in credential["blocks"] for g in b["groups"] for a in g["actions"]}
        assert set(entries) == {e.action for b in model.blocks for g in b.groups for e in g.actions}
        for action, entry in entries.items():
            expected = entry_grants(action)
            assert {name for name, _ in entry["grants"]} == set(expected) and entry["purpose"]
            for name, level in entry["grants"]:  # AWS may file an action under two levels
                assert level in [part.strip() for part in expected[name].split(",")], name


def test_feed_is_well_formed_atom_with_one_entry_per_release(dataset):
    text = atom_feed(dataset, SITE, CHANGES, SITE + "changes.xml")
    root = ET.fromstring(text.encode())
    assert root.tag == f"{{{ATOM}}}feed"
    entries = root.findall(f"{{{ATOM}}}entry")
    releases = sum(len(c.history) for c in dataset.permissions.credentials.values())
    assert len(entries) == releases
    ids = [e.findtext(f"{{{ATOM}}}id") for e in entries]
    assert len(set(ids)) == len(ids) and "tag:docs.archera.ai,2026-11-28:production/v2" in ids
    assert all(e.findtext(f"{{{ATOM}}}updated").endswith("Z") for e in entries)

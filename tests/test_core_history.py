"""A credential's history replayed, against the same history worked out by hand: each version's
blocks, what a role on an earlier version adds and removes to reach the current one, and which
changes of a release are moves between blocks."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from archera_docs.iam.history import Changes, changes, current_state, state_at, upgrade
from archera_docs.source.model import Credential
from conftest import PERMISSIONS

A, B, C, D = "ce:GetTags", "ce:GetAnomalies", "ce:GetCostAndUsage", "ce:GetCostForecast"
E = "s3:ListBucket"
X, F1, F2 = "budgets:ViewBudget", "sts:GetCallerIdentity", "sts:getAccessKeyInfo"
X2 = "budgets:describeBudgetAction"  # before budgets:ViewBudget without regard to case


def block(block_id: str, actions: list[str]) -> dict:
    """A raw read block holding `actions`."""
    return {"id": block_id, "title": block_id.title(), "kind": "read", "summary": "S",
            "groups": [{"service": "S", "purpose": "P", "actions": actions}]}


def release(version: int, **changes) -> dict:
    """A raw release."""
    return {"version": version, "date": dt.date(2026, 1, version), "summary": "S", **changes}


CREDENTIAL = Credential.model_validate({
    **yaml.safe_load(PERMISSIONS.read_text())["credentials"]["trial"], "version": 3,
    "blocks": [block("reads", [A, C, D]), block("fresh", [F1, F2])],
    "history": [release(1, added={"reads": [A, B, C], "gone": [X, X2]}),
                release(2, removed={"reads": [B]}, added={"reads": [D], "extra": [E]}),
                release(3, removed={"gone": [X, X2], "extra": [E]}, added={"fresh": [F1, F2]})]})

# Each version's blocks, worked out by hand from the releases above.
VERSIONS = {
    0: {},
    1: {"reads": {A, B, C}, "gone": {X, X2}},
    2: {"reads": {A, C, D}, "gone": {X, X2}, "extra": {E}},
    3: {"reads": {A, C, D}, "fresh": {F1, F2}},  # emptied blocks are gone
}


def test_the_current_state_is_each_blocks_actions():
    assert current_state(CREDENTIAL) == {"reads": {A, C, D}, "fresh": {F1, F2}}


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_each_version_replays_to_its_blocks(version):
    assert state_at(CREDENTIAL, version) == VERSIONS[version]


def test_a_version_past_the_last_is_the_last():
    assert state_at(CREDENTIAL, 9) == VERSIONS[3]


def test_upgrading_from_the_first_version():
    step = upgrade(CREDENTIAL, 1)
    assert (step.from_version, step.to_version) == (1, 3)
    # blocks in the policy's order, then the blocks that are gone, by name; actions by name,
    # without regard to case
    assert list(step.add.items()) == [("reads", [D]), ("fresh", [F2, F1])]
    assert list(step.remove.items()) == [("reads", [B]), ("gone", [X2, X])]


def test_upgrading_from_a_version_with_blocks_now_gone():
    step = upgrade(CREDENTIAL, 2)
    assert (step.from_version, step.to_version) == (2, 3)
    assert list(step.add.items()) == [("fresh", [F2, F1])]
    assert list(step.remove.items()) == [("extra", [E]), ("gone", [X2, X])]


def test_upgrading_from_the_current_version_changes_nothing():
    step = upgrade(CREDENTIAL, 3)
    assert (step.from_version, step.to_version, step.add, step.remove) == (3, 3, {}, {})


def test_an_action_removed_from_one_block_and_added_to_another_moved():
    added = {"reads": ["a:A", "m:One"], "writes": ["m:Two"], "fresh": ["n:New"]}
    removed = {"old": ["m:One", "r:Gone"], "other": ["m:Two"], "reads": ["a:A"]}
    assert changes(added, removed) == Changes(
        added={"reads": ["a:A"], "fresh": ["n:New"]},  # `writes` only received a move
        removed={"old": ["r:Gone"], "reads": ["a:A"]},  # out of and back into one block: no move
        moved=[("m:One", "old", "reads"), ("m:Two", "other", "writes")])


def test_a_release_without_moves_is_unchanged():
    assert changes({"reads": ["a:A"]}, {}) == Changes({"reads": ["a:A"]}, {}, [])
    assert changes({}, {"reads": ["a:A"]}) == Changes({}, {"reads": ["a:A"]}, [])

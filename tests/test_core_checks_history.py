"""The history check against the rules of a changelog written out: versions count up from 1, dates
never go back nor into the future, a release removes only what is there and adds only what is
not, a correction is a removal and an addition, and the replay ends at the policy. Each refusal is
compared with the words and the line of the raw YAML, found by searching its text."""

from __future__ import annotations

import datetime as dt

import pytest

from archera_docs.aws.catalog import default_catalog
from archera_docs.checks.context import Context
from archera_docs.checks.history import check_history
from archera_docs.source.errors import Problem
from archera_docs.source.model import PermissionsFile
from archera_docs.source.parse import parse
from conftest import PERMISSIONS
from independent import permissions_text

DAY = dt.date(2026, 1, 5)
BLOCKS = [{"id": "reads", "title": "Reads", "kind": "read", "summary": "S", "groups": [
    {"service": "Cost Explorer", "purpose": "P", "actions": ["ce:GetTags", "ce:GetCostAndUsage"]}]}]


def release(version: int, day: dt.date = DAY, **changes) -> dict:
    """A raw release: `added`, `removed` and `corrections` as given."""
    return {"version": version, "date": day, "summary": f"Release {version}.", **changes}


def problems(tmp_path, history: list[dict], version: int | None = None,
             blocks: list[dict] = BLOCKS) -> tuple[list[Problem], str]:
    """What check_history says of credential `t` with this history, and the file's text."""
    text = permissions_text(PERMISSIONS.read_text(), {"t": {
        "blocks": blocks, "history": history,
        "version": version if version is not None else history[-1]["version"]}})
    path = tmp_path / "permissions.yaml"
    path.write_text(text)
    data, source = parse(PermissionsFile, path)
    return check_history(Context(data, source, default_catalog())), text


def line(text: str, fragment: str, nth: int = 0, after: str = "    history:") -> int:
    """The line of the nth line holding `fragment` after the first line that reads `after`."""
    lines = text.split("\n")
    start = lines.index(after)
    return [i for i, row in enumerate(lines, 1) if i > start and fragment in row][nth]


WHOLE = {"reads": ["ce:GetTags", "ce:GetCostAndUsage"]}


def test_a_history_that_replays_to_the_policy_passes(tmp_path):
    history = [release(1, added={"reads": ["ce:GetTags", "ce:GetDimensionValues"],
                                 "gone": ["ce:GetReservationUtilization"]}),
               release(2, removed={"reads": ["ce:GetDimensionValues"]},  # same day is in order
                       added={"reads": ["ce:GetCostAndUsage"]}),
               release(3, dt.date.today() + dt.timedelta(days=1),  # a day's slack for time zones
                       removed={"gone": ["ce:GetReservationUtilization"]})]
    assert problems(tmp_path, history)[0] == []


def test_versions_count_up_from_one(tmp_path):
    history = [release(2, added=WHOLE), release(1, added={"reads": ["ce:GetCostForecast"]}),
               release(3, removed={"reads": ["ce:GetCostForecast"]})]
    found, text = problems(tmp_path, history)
    path = tmp_path / "permissions.yaml"
    message = "versions count up from 1 in order"
    assert found == [
        Problem(path, line(text, "- version: 2"), "credentials.t.history[v2].version",
                f"expected version 1: {message}"),
        Problem(path, line(text, "- version: 1"), "credentials.t.history[v1].version",
                f"expected version 2: {message}")]


def test_a_release_dated_before_the_previous_one_or_in_the_future(tmp_path):
    later = dt.date.today() + dt.timedelta(days=2)
    history = [release(1, dt.date(2026, 3, 1), added=WHOLE),
               release(2, dt.date(2026, 2, 28), added={"reads": ["ce:GetCostForecast"]}),
               release(3, later, removed={"reads": ["ce:GetCostForecast"]})]
    found, text = problems(tmp_path, history)
    path = tmp_path / "permissions.yaml"
    assert found == [
        Problem(path, line(text, "date: 2026-02-28"), "credentials.t.history[v2].date",
                "dated before the previous release"),
        Problem(path, line(text, f"date: {later}"), "credentials.t.history[v3].date",
                f"dated {later}, in the future")]


def test_removing_what_a_block_does_not_hold_names_the_entry(tmp_path):
    history = [release(1, added=WHOLE),
               release(2, removed={"reads": ["ce:GetTags", "ce:GetAnomalies"],
                                   "never": ["ce:GetTags"]}),
               release(3, added={"reads": ["ce:GetTags"]})]
    found, text = problems(tmp_path, history)
    path = tmp_path / "permissions.yaml"
    assert found == [
        Problem(path, line(text, "- ce:GetAnomalies"), "credentials.t.history[v2].removed.reads[1]",
                "removes ce:GetAnomalies, which block 'reads' does not hold at that point"),
        Problem(path, line(text, "- ce:GetTags", 2), "credentials.t.history[v2].removed.never[0]",
                "removes ce:GetTags, which block 'never' does not hold at that point")]


def test_adding_what_is_held_or_removed_in_the_same_release(tmp_path):
    history = [release(1, added={"reads": ["ce:GetTags", "ce:GetCostAndUsage", "ce:GetTags"]}),
               release(2, removed={"reads": ["ce:GetCostAndUsage"]},
                       added={"reads": ["ce:GetTags", "ce:GetCostAndUsage"]})]
    found, text = problems(tmp_path, history)
    path = tmp_path / "permissions.yaml"
    assert found == [
        Problem(path, line(text, "- ce:GetTags", 1), "credentials.t.history[v1].added.reads[2]",
                "adds ce:GetTags, which block 'reads' already holds"),
        Problem(path, line(text, "- ce:GetTags", 2), "credentials.t.history[v2].added.reads[0]",
                "adds ce:GetTags, which block 'reads' already holds"),
        Problem(path, line(text, "- ce:GetCostAndUsage", 2),
                "credentials.t.history[v2].added.reads[1]",
                "adds ce:GetCostAndUsage to block 'reads', which the same release removes from "
                "it: that changes nothing")]


def test_a_release_that_adds_and_removes_in_a_block_not_yet_held(tmp_path):
    history = [release(1, added=WHOLE),
               release(2, removed={"new": ["ce:GetAnomalies"]}, added={"new": ["ce:GetAnomalies"]}),
               release(3, removed={"new": ["ce:GetAnomalies"]})]
    found, text = problems(tmp_path, history)
    path = tmp_path / "permissions.yaml"
    assert found == [
        Problem(path, line(text, "- ce:GetAnomalies"), "credentials.t.history[v2].removed.new[0]",
                "removes ce:GetAnomalies, which block 'new' does not hold at that point"),
        Problem(path, line(text, "- ce:GetAnomalies", 1), "credentials.t.history[v2].added.new[0]",
                "adds ce:GetAnomalies to block 'new', which the same release removes from it: "
                "that changes nothing")]


def correction(published: str, now: str | None = None) -> dict:
    """A raw correction of `published` (to `now`)."""
    return {"published": published, "kind": "spelling", "reason": "R.",
            **({"now": now} if now else {})}


@pytest.mark.parametrize(("fix", "refused"), [
    (correction("ce:GetAnomalies", "ce:GetCostAndUsage"), False),
    (correction("ce:GetAnomalies"), False),  # a correction may only remove
    (correction("ce:GetTags", "ce:GetCostAndUsage"), True),  # not removed by the release
    (correction("ce:GetAnomalies", "ce:GetCostForecast"), True),  # not added by it
    (correction("ce:GetCostAndUsage"), True),
])
def test_a_correction_removes_the_published_action_and_adds_its_replacement(
        tmp_path, fix, refused):
    history = [release(1, added={"reads": ["ce:GetTags", "ce:GetAnomalies"]}),
               release(2, removed={"reads": ["ce:GetAnomalies"]},
                       added={"reads": ["ce:GetCostAndUsage"]}, corrections=[fix])]
    found, text = problems(tmp_path, history)
    published = fix["published"]
    at = line(text, f"- published: {published}")
    assert found == ([Problem(tmp_path / "permissions.yaml", at,
                              f"credentials.t.history[v2].corrections[{published}]",
                              "a correction removes `published` and adds `now` in the same "
                              "release")] if refused else [])


def test_the_history_ends_at_the_credentials_version(tmp_path):
    found, text = problems(tmp_path, [release(1, added=WHOLE)], version=2)
    assert found == [Problem(tmp_path / "permissions.yaml", line(text, "version: 2", after="  t:"),
                             "credentials.t.version", "the history ends at version 1, not 2")]


def test_a_replay_that_does_not_end_at_the_policy_names_every_difference(tmp_path):
    blocks = [*BLOCKS, {"id": "alpha", "title": "A", "kind": "read", "summary": "S", "groups": [
        {"service": "Budgets", "purpose": "P", "actions": ["budgets:ViewBudget"]}]}]
    history = [release(1, added={"reads": ["ce:GetTags", "ce:GetAnomalies", "ce:GetCostForecast"],
                                 "zeta": ["ce:GetTags"]})]
    found, text = problems(tmp_path, history, blocks=blocks)
    path, at = tmp_path / "permissions.yaml", line(text, "history:", after="  t:")
    replay = "replaying the history does not give block"
    assert found == [
        Problem(path, at, "credentials.t.history",
                f"{replay} 'alpha' of the policy: never added: budgets:ViewBudget"),
        Problem(path, at, "credentials.t.history",
                f"{replay} 'reads' of the policy: never added: ce:GetCostAndUsage; added but not "
                "in the policy: ce:GetAnomalies, ce:GetCostForecast"),
        Problem(path, at, "credentials.t.history",
                f"{replay} 'zeta' of the policy: added but not in the policy: ce:GetTags")]


def test_a_missing_block_lists_every_action_in_order(tmp_path):
    history = [release(1, added={"reads": ["ce:GetTags"]})]
    found, _ = problems(tmp_path, history)
    assert [p.message for p in found] == ["replaying the history does not give block 'reads' of "
                                          "the policy: never added: ce:GetCostAndUsage"]
    found, _ = problems(tmp_path, [release(1, added={"reads": ["ce:GetTags", "ce:GetCostAndUsage",
                                                                "ce:GetAnomalies", "ce:GetApp"]})])
    assert [p.message for p in found] == ["replaying the history does not give block 'reads' of "
                                          "the policy: added but not in the policy: "
                                          "ce:GetAnomalies, ce:GetApp"]

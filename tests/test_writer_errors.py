"""Errors a writer can act on: one root mistake gives one top-level message (what follows from it
is listed under it), entries are named by their ids, unknown keys and enums say what is allowed,
and a YAML syntax error says in plain words what YAML expected, with the line and a caret."""

from __future__ import annotations

import pytest

from archera_docs.build import load_site
from archera_docs.source.errors import DataError

DATA = "data/permissions.yaml"
RI_ROW = ("              - action: ec2:PurchaseReservedInstancesOffering\n",
          "              - action: ec2:PurchaseReservedInstancesOfering\n")
# (slip, edit of data/permissions.yaml, what the one top-level problem says)
SLIPS = [
    ("misspelt action", RI_ROW, "AWS has no action ec2:PurchaseReservedInstancesOfering; did you "
     "mean ec2:PurchaseReservedInstancesOffering?"),
    ("misspelt service of a wildcard", ("[compute-optimizer:*]", "[compute-optimiser:*]"),
     "AWS has no service 'compute-optimiser'; did you mean compute-optimizer:*?"),
    ("wildcard matching nothing", ("[pricing:*]", "[pricing:Zz*]"),
     "the wildcard pricing:Zz* matches no action of 'pricing'"),
    ("action removed without a release",
     ("              - action: ec2:RunScheduledInstances\n                why: Launches the "
      "instances of a Scheduled Instance reservation; this starts compute capacity.\n", ""),
     "replaying the history does not give block 'commitment-writes' of the policy: added but "
     "not in the policy: ec2:RunScheduledInstances"),
    ("key misspelt", ("                why: Buys the Reserved Instances you approve.\n",
                      "                reason: Buys the Reserved Instances you approve.\n"),
     "unknown key 'reason'; did you mean 'why'?"),
    ("indentation slip", ("        optional: true\n", "          optional: true\n"),
     "YAML could not read the file here"),
]


def refused(project, find: str, replace: str) -> DataError:
    """Edit the project's data once and return what the build's validation says."""
    path = project / DATA
    text = path.read_text()
    assert text.count(find) == 1, find
    path.write_text(text.replace(find, replace))
    with pytest.raises(DataError) as caught:
        load_site(project)
    return caught.value


@pytest.mark.parametrize(("slip", "edit", "says"), SLIPS, ids=[s[0] for s in SLIPS])
def test_one_root_mistake_gives_one_top_level_message(project_copy, slip, edit, says):
    error = refused(project_copy, *edit)
    roots = [p for p in error.problems if p.cause is None]
    assert len(roots) == 1 and says in roots[0].message, str(error)
    lines = str(error).splitlines()
    assert lines[0].startswith("1 problem in the permissions data")
    followers = [line for line in lines if line.startswith("      which also gives: ")]
    assert len(followers) == len(error.problems) - 1


def test_a_misspelt_action_names_its_entry_by_ids_and_lists_its_consequences(project_copy):
    error = refused(project_copy, *RI_ROW)
    text = str(error)
    assert ("credentials.production.blocks[commitment-writes].groups[Amazon EC2 Reserved "
            "Instances].actions[1] (ec2:PurchaseReservedInstancesOfering)") in text
    assert "(3 more follow from them)" in text.splitlines()[0]
    assert "which also gives: " in text and "acknowledged[financial-commitment]" in text


def test_a_missing_enum_key_lists_the_values_it_takes(project_copy):
    error = refused(project_copy, "        kind: write\n        summary: >-\n          The actions",
                    "        summary: >-\n          The actions")
    assert "missing required key 'kind' (one of: read, write, service-wide)" in str(error)


def test_an_unknown_key_with_no_near_name_lists_the_keys_the_entry_takes(project_copy):
    error = refused(project_copy, "                why: Buys the Reserved Instances you approve.\n",
                    "                colour: Buys the Reserved Instances you approve.\n")
    assert "unknown key 'colour'; this entry takes: action, why, unscoped" in str(error)


def test_an_unclosed_quote_is_shown_where_it_opened_with_a_caret(project_copy):
    error = refused(project_copy, "    title: Trial credential\n", '    title: "Trial credential\n')
    [problem] = error.problems
    first, shown, caret = problem.message.split("\n")
    assert "most likely a quote" in first and 'title: "Trial credential' in shown
    assert caret.index("^") == shown.index('"')
    assert problem.line == int(shown.split("|")[0])


def test_a_duplicate_keeps_the_spelling_the_writer_gave(project_copy):
    error = refused(project_copy, "              - ce:GetTags\n",
                    "              - ce:GetTags\n              - ce:gettags\n")
    assert "action 'ce:gettags' already appears on line" in str(error)

"""How an entry is named to its reader, against the raw YAML values written here: a list item by
the id its siblings do not share (a block by `id`, a group by `service`, a release by `v` and its
version...), else by its index."""

from __future__ import annotations

import pytest

from archera_docs.source.errors import DataError, Problem
from archera_docs.source.yaml_lines import entry_name, load_yaml

RAW = {
    "pages": [{"id": "home"}, {"id": "faq"}],
    "credentials": {"trial": {
        "blocks": [{"id": "reads", "groups": [{"service": "STS", "actions": ["a:B", "c:D"]},
                                              {"service": "EC2"}, {"service": "EC2"}]},
                   {"id": "reads"}, {"id": "writes"}],
        "history": [{"version": 1}, {"version": 2, "corrections": [{"published": "x:Y"}]}],
        "acknowledged": [{"category": "data-read"}],
        "protections": [{"id": True}, {"id": 3.5}, {"name": "x"}, "plain", {"id": 7}, {"id": "p"}],
    }},
    "elsewhere": [{"id": "not-a-list-with-ids"}],
}
TRIAL = ("credentials", "trial")


@pytest.mark.parametrize(("loc", "name"), [
    (("pages", 1), "pages[faq]"), (("pages", 0, "id"), "pages[home].id"),
    ((*TRIAL, "blocks", 2), "credentials.trial.blocks[writes]"),
    ((*TRIAL, "blocks", 0), "credentials.trial.blocks[0]"),  # two blocks say `reads`
    ((*TRIAL, "blocks", 0, "groups", 0, "actions", 1),
     "credentials.trial.blocks[0].groups[STS].actions[1]"),  # actions have no ids
    ((*TRIAL, "blocks", 0, "groups", 2), "credentials.trial.blocks[0].groups[2]"),
    ((*TRIAL, "history", 1, "date"), "credentials.trial.history[v2].date"),
    ((*TRIAL, "history", 1, "corrections", 0), "credentials.trial.history[v2].corrections[x:Y]"),
    ((*TRIAL, "acknowledged", 0), "credentials.trial.acknowledged[data-read]"),
    ((*TRIAL, "protections", 0), "credentials.trial.protections[0]"),  # true is no id
    ((*TRIAL, "protections", 1), "credentials.trial.protections[1]"),  # nor is 3.5
    ((*TRIAL, "protections", 2), "credentials.trial.protections[2]"),  # no id at all
    ((*TRIAL, "protections", 3), "credentials.trial.protections[3]"),  # not a mapping
    ((*TRIAL, "protections", 4), "credentials.trial.protections[7]"),
    ((*TRIAL, "protections", 5, "id"), "credentials.trial.protections[p].id"),
    (("elsewhere", 0), "elsewhere[0]"),  # only the lists the data names items of
    (("credentials", "production", "blocks", 0), "credentials.production.blocks[0]"),
    (("pages", "faq", "blocks", 0), "pages.faq.blocks[0]"),
])
def test_a_list_item_is_named_by_its_unique_id(loc, name):
    assert entry_name(loc, RAW) == name


def test_without_the_values_every_item_is_named_by_its_index():
    assert entry_name((*TRIAL, "history", 1, "date")) == "credentials.trial.history[1].date"
    assert entry_name(("pages", 1), None) == "pages[1]"


def test_an_item_past_the_end_of_its_list_is_named_by_its_index():
    assert entry_name(("pages", 5), {"pages": [{"id": "a"}]}) == "pages[5]"


TEXT = """\
blocks:
  - id: reads
    groups:
      - service: STS
        actions: [a:B]
  - id: writes
    title: W
history:
  - version: 3
    date: 2026-01-01
"""


def test_the_source_map_names_problems_by_the_files_ids(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(TEXT)
    _, source = load_yaml(path)
    assert source.name(("blocks", 1, "title")) == "blocks[writes].title"
    assert source.problem(("blocks", 0, "groups", 0, "actions", 0), "m") == \
        Problem(path, 5, "blocks[reads].groups[STS].actions[0]", "m")
    assert source.problem(("history", 0, "date"), "m") == Problem(path, 10, "history[v3].date", "m")


def test_a_mistake_found_while_reading_is_named_by_the_files_ids_too(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(TEXT + "    date: 2026-01-02\n")
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    assert caught.value.problems == [Problem(path, 11, "history[v3].date", "key appears twice")]

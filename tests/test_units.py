"""Pure functions, without building the site: YAML locations, model, policy, Markdown, render."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import hcl2
import jinja2
import pytest

from archera_docs.files import hcl
from archera_docs.pages import markdown as md
from archera_docs.source.errors import DataError
from archera_docs.source.parse import parse
from archera_docs.pages.errors import describe, is_page_mistake
from archera_docs.source.model import Credential, Page, PermissionsFile
from archera_docs.aws.quotas import MANAGED_POLICY_MAX_CHARS
from archera_docs.iam.policy import (aws_size, block_parts, camel, managed_policies, sort_actions,
                                     split_statements, to_json, trust_policy)
from archera_docs.pages.tables import action_anchor, level_counts
from archera_docs.source.yaml_lines import entry_name, load_yaml
from deploy_formats import HCL, hcl_string


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(text)
    return path


def test_yaml_lines_are_recorded_for_keys_and_items(tmp_path):
    data, source = load_yaml(write(tmp_path, "a:\n  b:\n    - x\n    - y\n"))
    assert data == {"a": {"b": ["x", "y"]}}
    assert source.line_of(("a", "b", 1)) == 4
    assert source.line_of(("a", "b", 7, "deeper")) == 2  # falls back to the deepest known part


def test_entry_names_read_like_the_file():
    assert entry_name(("credentials", "trial", "blocks", 0, "groups", 2)) == \
        "credentials.trial.blocks[0].groups[2]"
    assert entry_name(()) == "(top level)"


def test_a_mapping_as_key_is_a_located_error(tmp_path):
    with pytest.raises(DataError, match=r"data.yaml:2: \(YAML\): a key must be a plain value"):
        load_yaml(write(tmp_path, "a: 1\n? [x]\n: 2\n"))


def test_model_errors_collect_every_problem(tmp_path, dataset):
    path = write(tmp_path, "company: {}\npages: []\ncredentials: {}\nextra: 1\n")
    with pytest.raises(DataError) as caught:
        parse(PermissionsFile, path)
    text = str(caught.value)
    assert "data.yaml:4: extra: unknown key 'extra'" in text
    assert "company.name: missing required key 'name'" in text
    assert "pages: List should have at least 1 item" in text


def credential(actions: list[str], version: int = 3) -> Credential:
    return Credential.model_validate({
        "title": "T", "page": "p", "role_name": "R", "version": version, "summary": "S",
        "blocks": [{"id": "big-reads", "title": "B", "kind": "read", "summary": "S",
                    "groups": [{"service": "S", "purpose": "P", "actions": actions}]}],
        "history": [{"version": 1, "date": date(2026, 1, 1), "summary": "S",
                     "added": {"big-reads": actions}}]})


def test_statement_sids_are_alphanumeric_and_carry_the_version():
    [policy] = managed_policies(block_parts("trial", credential(["ce:GetTags", "budgets:ViewBudget"])))
    statement = policy.document["Statement"][0]
    assert statement["Sid"] == "ArcheraTrialBigReadsV3" and statement["Sid"].isalnum()
    assert statement["Action"] == ["budgets:ViewBudget", "ce:GetTags"]
    assert policy.document["Version"] == "2012-10-17"
    assert policy.name("ArcheraTrial") == "ArcheraTrial-Permissions"


def test_sort_actions_is_case_insensitive_and_deduplicates():
    assert sort_actions(["b:X", "a:y", "a:Z", "a:y"]) == ["a:y", "a:Z", "b:X"]
    assert camel("commitment-writes") == "CommitmentWrites"


def test_aws_size_ignores_whitespace():
    doc = {"Version": "2012-10-17", "Statement": []}
    assert aws_size(doc) == len('{"Version":"2012-10-17","Statement":[]}')
    assert json.loads(to_json(doc)) == doc and to_json(doc).endswith("\n")


def test_an_oversized_credential_splits_deterministically_and_keeps_every_action():
    actions = [f"ec2:Describe{'X' * 40}{i:04d}" for i in range(400)]
    policies = managed_policies(block_parts("big", credential(actions)))
    assert len(policies) > 1
    assert all(aws_size(p.document) <= MANAGED_POLICY_MAX_CHARS for p in policies)
    assert [p.name("R") for p in policies] == [f"R-PermissionsPart{i}"
                                               for i in range(1, len(policies) + 1)]
    together = [a for p in policies for s in p.document["Statement"] for a in s["Action"]]
    assert together == sort_actions(actions)
    assert policies == managed_policies(block_parts("big", credential(actions)))


def test_an_action_too_long_for_any_policy_is_an_error():
    statement = {"Sid": "S", "Effect": "Allow", "Action": ["a:" + "x" * 7000], "Resource": "*"}
    with pytest.raises(ValueError, match="does not fit"):
        split_statements([statement])


def test_trust_policy_uses_the_partition_and_requires_the_external_id(dataset):
    company = dataset.permissions.company.model_copy(
        update={"partition": "aws-us-gov", "account_id_is_placeholder": False})
    statement = trust_policy(company)["Statement"][0]
    assert statement["Principal"] == {"AWS": f"arn:aws-us-gov:iam::{company.account_id}:root"}
    placeholder = company.model_copy(update={"account_id_is_placeholder": True})
    assert trust_policy(placeholder)["Statement"][0]["Principal"] == \
        {"AWS": "arn:aws-us-gov:iam::ACCOUNT_ID_FROM_ARCHERA:root"}
    assert statement["Action"] == "sts:AssumeRole"
    assert "sts:ExternalId" in statement["Condition"]["StringEquals"]


@pytest.mark.parametrize("raw, literal", [
    ("a | b", "a &#124; b"), ("<b>", "&#60;b&#62;"), ("{{ x }}", "&#123;&#123; x &#125;&#125;"),
    ("- item", "&#45; item"), ("1. item", "&#49;. item"), ("two\n lines", "two lines"),
])
def test_text_escapes_markup(raw, literal):
    assert md.text(raw) == literal


def test_code_span_survives_backticks_and_table_builds_rows():
    assert md.code("a`b | c") == "<code>a&#96;b &#124; c</code>"
    assert md.table(["A", "B"], [["1", "2"]]) == "| A | B |\n|---|---|\n| 1 | 2 |"
    assert md.fence("x ``` y", "json").startswith("````{ .json")


def test_action_anchor_and_level_counts(dataset):
    assert action_anchor("production", "ec2:PurchaseHostReservation") == \
        "production-ec2-purchasehostreservation"
    assert action_anchor("production", "ce:*") == "production-ce-all"
    assert level_counts(dataset.catalog.expand("pricing:*")) == "5 Read"


def test_every_claim_the_model_allows_has_a_sentence_and_a_rule():
    from typing import get_args
    from archera_docs.iam.review import CLAIM_BREAKERS, CLAIMS
    from archera_docs.source.types import Claim
    assert set(CLAIMS) == set(CLAIM_BREAKERS) == set(get_args(Claim))


def test_hcl_writer_output_parses_back_to_the_values_written():
    hostile = 'say "hi" \\ ${var.x} %{if} \n\t next'
    root = hcl.Block("module")
    block = root.block("resource", "aws_iam_policy", 'odd "name"', name=hcl.literal(hostile),
                       policy="data.aws_iam_policy_document.x.json",
                       tags={"team": hcl.literal("cost"), "owner_email": hcl.literal("a@b.c")})
    block.block("lifecycle", ignore_changes=["tags", "description"])
    block.block("lifecycle", create_before_destroy="true")
    text = hcl.dumps(root.blocks)
    parsed = hcl2.loads(text, serialization_options=HCL)
    resource = parsed["resource"][0]["aws_iam_policy"]['odd "name"']
    assert hcl_string(resource["name"]) == hostile
    assert resource["policy"] == "${data.aws_iam_policy_document.x.json}"
    assert resource["tags"] == {"team": "cost", "owner_email": "a@b.c"}
    assert [{k: v for k, v in b.items() if k != "__is_block__"} for b in resource["lifecycle"]] \
        == [{"ignore_changes": ["tags", "description"]}, {"create_before_destroy": True}]
    # laid out as `terraform fmt` would: aligned `=`, one blank line between blocks
    assert '  name   = "say' in text and '\n    team        = "cost"' in text
    assert "\n\n  lifecycle {\n" in text


@pytest.mark.parametrize(("path", "url"), [
    ("help-center/security/aws-access.md", "help-center/security/aws-access/"),
    ("help-center/aws-onboarding/index.md", "help-center/aws-onboarding/"),
    ("help-center/reindex.md", "help-center/reindex/"),
])
def test_a_page_path_gives_the_directory_url_mkdocs_builds(path, url):
    assert Page(id="x", title="X", path=path).url_path == url


@pytest.mark.parametrize(("call", "from_the_page"), [
    ("table()", True),             # the call's arguments are wrong: the page's mistake
    ('table(["a"], 5)', False),    # our code failed on what it was given: a bug, traceback kept
])
def test_a_type_error_is_the_pages_only_when_the_call_itself_is_wrong(call, from_the_page):
    template = jinja2.Environment().from_string(f"line one\n{{{{ {call} }}}}\n")
    with pytest.raises(TypeError) as raised:
        template.render(table=md.table)
    assert is_page_mistake(raised.value) is from_the_page
    if from_the_page:
        assert describe(raised.value, f"line one\n{{{{ {call} }}}}\n", "docs/x.md").startswith(
            f"docs/x.md:2: {{{{ {call} }}}}: ")

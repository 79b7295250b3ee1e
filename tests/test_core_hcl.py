"""The HCL writer against HCL's own rules: the text `terraform fmt` would lay out, written out by
hand (and, where Terraform is installed, checked to be what `terraform fmt` leaves unchanged), and
quoted literals that python-hcl2 reads back to the string written."""

from __future__ import annotations

import shutil
import subprocess

import hcl2
import pytest

from archera_docs.files import hcl

TERRAFORM = shutil.which("terraform")

# What `terraform fmt` writes for the tree below: the `=` of consecutive one-line attributes line
# up, a multi-line value stands alone (and ends the run), two spaces a level, a blank line between
# a block's attributes and its nested blocks, between nested blocks and between top-level blocks.
EXPECTED = '''\
resource "aws_iam_role" "odd \\"name\\"" {
  name  = "ArcheraRole"
  count = var.enabled ? 1 : 0
  tags = {
    team        = "cost"
    owner_email = "a@b.c"
  }
  path = "/"
  managed_policy_arns = [
    "x",
    [
      y,
    ],
  ]
  nested = {
    outer = {
      inner = "z"
    }
    after = 1
  }

  lifecycle {
    ignore_changes = [
      tags,
    ]
  }

  timeouts {
  }
}

output "arn" {
  value = aws_iam_role.this.arn
}

terraform {
  required_version = ">= 1.5"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = [
      "sts:AssumeRole",
    ]
  }
}
'''


def tree() -> list[hcl.Block]:
    """The blocks EXPECTED spells, built through the writer's API."""
    root = hcl.Block("root")
    role = root.block("resource", "aws_iam_role", 'odd "name"', name=hcl.literal("ArcheraRole"),
                      count="var.enabled ? 1 : 0",
                      tags={"team": hcl.literal("cost"), "owner_email": hcl.literal("a@b.c")},
                      path=hcl.literal("/"), managed_policy_arns=[hcl.literal("x"), ["y"]],
                      nested={"outer": {"inner": hcl.literal("z")}, "after": "1"})
    role.block("lifecycle", ignore_changes=["tags"])
    role.block("timeouts")
    root.block("output", "arn", value="aws_iam_role.this.arn")
    root.blocks.append(hcl.Block("terraform", (), {"required_version": hcl.literal(">= 1.5")}))
    root.block("data", "aws_iam_policy_document", "trust").block(
        "statement", actions=[hcl.literal("sts:AssumeRole")])
    return root.blocks


def test_blocks_are_laid_out_as_terraform_fmt_lays_them_out():
    assert hcl.dumps(tree()) == EXPECTED


def test_block_returns_the_child_it_appended_with_its_labels_and_attributes():
    parent = hcl.Block("module")
    child = parent.block("resource", "a", "b", x="1")
    assert parent.blocks == [child]
    assert (child.kind, child.labels, child.attributes, child.blocks) == \
        ("resource", ("a", "b"), {"x": "1"}, [])
    grandchild = child.block("lifecycle")
    assert child.blocks == [grandchild] and parent.blocks == [child]


def test_a_block_with_nothing_in_it_and_a_lone_block():
    assert hcl.dumps([hcl.Block("locals")]) == "locals {\n}\n"
    assert hcl.dumps([]) == ""


@pytest.mark.parametrize(("value", "quoted"), [
    ("plain", '"plain"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", '"back\\\\slash"'),
    ("\\n is not a newline", '"\\\\n is not a newline"'),  # the backslash is escaped first
    ("two\nlines\r\tend", '"two\\nlines\\r\\tend"'),
    ("${var.x} and %{if}", '"$${var.x} and %%{if}"'),  # HCL's escapes for template sequences
    ("$ and % alone", '"$ and % alone"'),
    ("", '""'),
])
def test_literal_escapes_as_the_hcl_spec_says(value, quoted):
    assert hcl.literal(value) == quoted


def test_a_literal_reads_back_as_the_string_written():
    hostile = 'a "q" \\ ${var.x} %{if} $x %y \n\r\t end'
    text = hcl.dumps([hcl.Block("locals", (), {"v": hcl.literal(hostile)})])
    parsed = hcl2.loads(text, serialization_options=hcl2.SerializationOptions(
        strip_string_quotes=True))
    # python-hcl2 leaves the escapes of template sequences in place; HCL reads them as one `$`/`%`
    assert parsed["locals"][0]["v"].replace("$${", "${").replace("%%{", "%{") == hostile


@pytest.mark.skipif(TERRAFORM is None, reason="no terraform binary on this machine")
def test_terraform_fmt_leaves_the_expected_text_unchanged():
    # Keeps the yardstick honest: EXPECTED is what terraform fmt itself writes.
    formatted = subprocess.run([TERRAFORM, "fmt", "-"], input=EXPECTED, capture_output=True,
                               text=True, check=True, timeout=60).stdout
    assert formatted == EXPECTED

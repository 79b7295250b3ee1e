"""Data strings land as literal text wherever they are rendered: tables, headings, links, prose."""

from __future__ import annotations

import re

import pytest

from conftest import run_build
from toolkit.project import copy_sources

NASTY = "Costs <script>alert(1)</script> | split {{ 7*7 }} {% raw %} *em* _u_ [l](x) `c` #h"
SAFE_YAML = "'" + NASTY + "'"


@pytest.fixture(scope="module")
def nasty_build(tmp_path_factory):
    project = copy_sources(tmp_path_factory.mktemp("nasty") / "project")
    data = project / "data" / "permissions.yaml"
    text = data.read_text()
    # The trial's first group purpose (Cost Explorer), a folded scalar over several lines.
    text = re.sub(r"            purpose: >-\n(?:              .*\n)+",
                  f"            purpose: {SAFE_YAML}\n", text, count=1)
    edits = {
        "          - service: Budgets\n            purpose: >-":
            f"          - service: {SAFE_YAML}\n            purpose: >-",
        "                why: Buys the Reserved Instances you approve.":
            f"                why: {SAFE_YAML}",
        "    title: Testing Archera in an AWS sub-account": f"    title: {SAFE_YAML}",
    }
    for old, new in edits.items():  # the first occurrence: the trial's, where there are two
        assert old in text, old
        text = text.replace(old, new, 1)
    data.write_text(text)
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def _article(build, path):
    return build.page(path).select_one("article")


def test_purpose_renders_as_literal_text(nasty_build):
    article = _article(nasty_build, "help-center/aws-onboarding/iam-permissions-trial/")
    assert article.find("script") is None
    assert NASTY in " ".join(article.get_text().split())
    assert "49" not in article.get_text()


def test_tables_keep_their_columns(nasty_build):
    for path in ("help-center/aws-onboarding/iam-permissions-trial/",
                 "help-center/aws-onboarding/iam-permissions-production/"):
        for table in _article(nasty_build, path).find_all("table"):
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, table.find("tr").get_text()


def test_why_column_and_heading_are_literal(nasty_build):
    production = _article(nasty_build, "help-center/aws-onboarding/iam-permissions-production/")
    row = production.find(id="production-ec2-purchasereservedinstancesoffering").find_parent("tr")
    assert " ".join(row.find_all("td")[3].get_text().split()) == NASTY
    trial = _article(nasty_build, "help-center/aws-onboarding/iam-permissions-trial/")
    assert any(" ".join(h.get_text().split()).startswith(NASTY) for h in trial.find_all("h3"))


def test_link_titles_are_literal(nasty_build):
    access = _article(nasty_build, "help-center/security/aws-access/")
    link = access.find("a", href="https://docs.archera.ai/help-center/aws-onboarding/test-in-subaccount")
    assert " ".join(link.get_text().split()) == NASTY

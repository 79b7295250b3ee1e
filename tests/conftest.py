"""Shared fixtures: the real dataset, one strict build of the real site, builds of edited copies."""

from __future__ import annotations

import functools
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archera_docs.dataset import Dataset, load
from emulator import MotoServer
from toolkit.project import MKDOCS_ENV, copy_sources

ROOT = Path(__file__).resolve().parents[1]
PERMISSIONS = ROOT / "data" / "permissions.yaml"
RISKS = ROOT / "data" / "risks.yaml"
# The live paths of the pages built here (published-permissions.md keeps them).
PAGES = {
    "onboarding": "help-center/aws-onboarding/",
    "production": "help-center/aws-onboarding/iam-permissions-production/",
    "production-review": "help-center/aws-onboarding/iam-permissions-production/security-review/",
    "production-wildcards": "help-center/aws-onboarding/iam-permissions-production/wildcards/",
    "trial": "help-center/aws-onboarding/iam-permissions-trial/",
    "trial-review": "help-center/aws-onboarding/iam-permissions-trial/security-review/",
    "check-role": "help-center/aws-onboarding/check-your-role/",
    "revoke": "help-center/aws-onboarding/revoke-access/",
    "access": "help-center/security/aws-access/",
    "account-id": "help-center/aws-onboarding/aws-account-id/",
    "changes": "help-center/aws-onboarding/what-changed/",
    "automation": "help-center/aws-onboarding/permissions-for-automation/",
}


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict` of a project folder."""

    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its directory URL (`help-center/security/aws-access/`)."""
        return BeautifulSoup((self.site / url_path / "index.html").read_text(), "html.parser")


def run_build(project: Path, site: Path) -> Build:
    """Build `project` strictly into `site`, as the docs team's CI does."""
    env = MKDOCS_ENV
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The real data files, validated."""
    return load(PERMISSIONS, RISKS)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of the real project for the whole test session."""
    build = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def policies(site: Build) -> Path:
    """The built site's policies folder, every credential's downloads."""
    return site.site / "policies"


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """An editable copy of the project."""
    return copy_sources(tmp_path / "project")


@pytest.fixture(scope="module")
def server():
    """One moto server (the AWS emulator) for the test module, on a free port of 127.0.0.1."""
    with MotoServer() as running:
        running.client = functools.cache(running.client)  # a client takes 0.1 s to make
        yield running


@pytest.fixture
def aws(server: MotoServer) -> MotoServer:
    """The module's moto server, emptied for this test."""
    server.reset()
    return server

"""What a reader meets first: on each credential's page the policy is within three screens at
1280x800, and however long the data grows, what the browser lays out on first view stays within
a fixed budget (measured on a site of 10,000 synthetic entries)."""

from __future__ import annotations

import json
import sys

import pytest

from archera_docs.aws.catalog import default_catalog
from conftest import PAGES, ROOT, run_build
from toolkit.project import copy_sources

from .browsing import ARTIFACTS, COPY_BUTTON, reading, serve

sys.path.insert(0, str(ROOT / "bench"))
from synth import add_synthetic  # noqa: E402  (the benchmark's synthetic data)

SCREEN = 800
# Elements the browser renders once a page has loaded (checkVisibility: not inside a closed
# <details>, a hidden tab or display: none): the first view's cost, not the page's size.
LAID_OUT = "[...document.querySelectorAll('body *')].filter(e => e.checkVisibility()).length"
BUDGET = 3000


def measure(page) -> dict:
    """Height, position of the first copy button, and elements laid out, of the open page."""
    return page.evaluate(f"""() => {{
        const button = document.querySelector('{COPY_BUTTON}');
        return {{height: document.documentElement.scrollHeight,
                 first_copy: button ? button.getBoundingClientRect().top + scrollY : null,
                 elements: document.querySelectorAll('*').length, laid_out: {LAID_OUT}}};
    }}""")


@pytest.mark.parametrize("credential_id", ["trial", "production"])
def test_the_policy_is_within_three_screens(reader, credential_id):
    figures = measure(reader.open(PAGES[credential_id]))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"first-view-{credential_id}.json").write_text(json.dumps(figures, indent=1))
    assert figures["first_copy"] is not None and figures["first_copy"] < 3 * SCREEN, figures


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    """A strict build of the project with 10,000 synthetic entries more, in 10 credentials."""
    project = copy_sources(tmp_path_factory.mktemp("synthetic") / "project")
    add_synthetic(project, 10_000, default_catalog())
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output[-3000:]
    return build.site


def test_the_first_view_stays_within_its_budget_at_10000_entries(browser, synthetic_site, site):
    with serve(synthetic_site) as server, reading(browser, server) as reader:
        figures = measure(reader.open("help-center/synthetic/synthetic-01/"))
        real = measure(reader.open(PAGES["production"]))
    (ARTIFACTS / "first-view-10000.json").write_text(json.dumps(
        {"synthetic-01": figures, "production": real}, indent=1))
    assert figures["laid_out"] <= BUDGET, figures
    assert real["laid_out"] <= BUDGET, real

"""The built site served on 127.0.0.1 and read in Debian's Chromium, as a reader's browser does."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, sync_playwright

from .browsing import CHROMIUM, CHROMIUM_ARGS, Reader, SiteServer, reading, serve


@pytest.fixture(scope="session")
def server(site):
    """Serve the session's strict build of the site on 127.0.0.1 for the whole session."""
    with serve(site.site) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Debian's Chromium, headless, started once per session."""
    if not CHROMIUM.exists():
        pytest.fail("The browser tests need Debian's chromium: `apt-get install -y chromium` "
                    "(python3 tasks.py test installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def reader(browser: Browser, server: SiteServer) -> Reader:
    """A reader's fresh browser tab on the served site (see `browsing.reading`)."""
    with reading(browser, server) as tab:
        yield tab

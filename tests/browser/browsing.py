"""What the browser tests share: where things are, the site server, and a reader's browser tab."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
COPY_BUTTON = 'button.md-code__button[data-md-type="copy"]'
# axe.run, with each result cut down to what the tests read: sending every node's HTML back to
# Python takes longer than the checks themselves.
AXE_RUN = """async ([context, options]) => {
  const results = await axe.run(context ?? document, options);
  const brief = rule => ({id: rule.id, impact: rule.impact, nodes: rule.nodes.map(node => ({
    target: node.target, any: node.any.map(check => ({data: check.data, message: check.message}))
  }))});
  return {violations: results.violations.map(brief), incomplete: results.incomplete.map(brief),
          passes: results.passes.map(brief)};
}"""


def page_url(markdown: Path) -> str:
    """The directory URL MkDocs gives a page (`a/b.md` -> `a/b/`, `a/index.md` -> `a/`)."""
    parts = markdown.relative_to(DOCS).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "index" else parts
    return "".join(f"{part}/" for part in parts)


PAGE_URLS = sorted(page_url(md) for md in DOCS.rglob("*.md"))


class _CountingWriter:
    """A socket writer that counts the bytes sent through it."""

    def __init__(self, inner):
        self._inner = inner
        self.sent = 0

    def write(self, data: bytes) -> int:
        self.sent += len(data)
        return self._inner.write(data)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly and logs (path, bytes sent) of every response."""

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def finish(self) -> None:
        super().finish()
        self.server.transfers.append((getattr(self, "path", ""), self.wfile.sent))

    def log_message(self, format, *args) -> None:
        pass


@dataclass
class SiteServer:
    """The built site on a free port of 127.0.0.1, with a log of what it sent."""

    base: str
    transfers: list[tuple[str, int]]

    def url(self, path: str) -> str:
        """The absolute URL of a site path (`help-center/security/aws-access/#the-external-id`)."""
        return self.base + path

    def sent_since(self, start: int, quiet: float = 0.5, timeout: float = 10.0) -> int:
        """Bytes sent since the `start`-th response, once no response has gone out for `quiet` s."""
        deadline = time.monotonic() + timeout
        count = -1
        while count != len(self.transfers) and time.monotonic() < deadline:
            count = len(self.transfers)
            time.sleep(quiet)
        return sum(sent for _, sent in self.transfers[start:])


@contextmanager
def serve(directory: Path) -> Iterator[SiteServer]:
    """Serve `directory` on a free port of 127.0.0.1 until the block ends."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.transfers = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteServer(f"http://127.0.0.1:{httpd.server_port}/", httpd.transfers)
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Reader:
    """A browser tab with a fresh profile, its off-site requests and its logged errors."""

    page: Page
    server: SiteServer
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str, settle: bool = False) -> Page:
        """Load a site path; `settle` also waits for a quiet network and a ready search."""
        self.page.goto(self.server.url(path), wait_until="networkidle" if settle else "load")
        if settle:  # the search worker's requests do not count towards the page's network idle
            expect(self.page.locator(".md-search-result__meta")).not_to_have_text(
                "Initializing search")
        return self.page

    def show_scheme(self, scheme: str) -> None:
        """Switch to Material's `default` or `slate` scheme with the header toggle."""
        body = self.page.locator("body")
        if body.get_attribute("data-md-color-scheme") != scheme:
            self.page.locator('form[data-md-component="palette"] label:not([hidden])').click()
        expect(body).to_have_attribute("data-md-color-scheme", scheme)

    def log_error(self, text: str) -> None:
        """Record one console error or uncaught page exception."""
        self.console_errors.append(text)

    def axe(self, context: dict | None = None, options: dict | None = None) -> dict:
        """Run axe-core on the open page (`axe.run(context, options)`) and return its results."""
        if not AXE.exists():
            pytest.fail(f"{AXE} is missing: run `npm ci` at the project root "
                        "(python3 tasks.py test does).")
        self.page.add_script_tag(path=str(AXE))
        return self.page.evaluate(AXE_RUN, [context, options or {}])


@contextmanager
def reading(browser: Browser, server: SiteServer) -> Iterator[Reader]:
    """A fresh browser context (empty cache, light scheme, clipboard granted) on the served site.

    Every request for anything but the served site is recorded and aborted, so a font, CDN or
    analytics call shows up in `outside_requests` instead of leaving the machine.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light",
                                  permissions=["clipboard-read", "clipboard-write"])
    reader = Reader(context.new_page(), server)

    def keep_local(route: Route) -> None:
        if route.request.url.startswith(server.base):
            route.continue_()
        else:
            reader.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", keep_local)
    reader.page.on("console",
                   lambda msg: reader.log_error(msg.text) if msg.type == "error" else None)
    reader.page.on("pageerror", lambda exc: reader.log_error(str(exc)))
    try:
        yield reader
    finally:
        context.close()


# Selects the content tab a code block sits in (pymdownx.tabbed), as a reader clicks it before
# copying; a block outside tabs is left as it is.
SHOW_BLOCK = """button => {
  const block = button.closest(".tabbed-block");
  if (!block) return;
  const index = [...block.parentElement.children].indexOf(block);
  block.closest(".tabbed-set").querySelector(
    `:scope > .tabbed-labels > label:nth-child(${index + 1})`).click();
}"""


def clipboard_after_click(page, button, timeout: float = 5.0) -> str:
    """Empty the clipboard, click the button as a reader does, return what the clipboard holds."""
    page.evaluate("navigator.clipboard.writeText('')")
    button.evaluate(SHOW_BLOCK)
    button.click()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = page.evaluate("navigator.clipboard.readText()")
        if text:
            return text
        page.wait_for_timeout(50)
    raise AssertionError("the clipboard stayed empty after clicking copy")

"""Seconds from saving data/permissions.yaml to `mkdocs serve` serving the rebuilt page, paired
with the same for a page save on the pre-rendered copy (the floor)."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from project import MKDOCS_ENV
from timing import Times

POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, deadline: float) -> None:
    while text not in _fetch(url):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} never showed {text!r}")
        time.sleep(POLL_SECONDS)


def _page_url(port: int, docs_path: str) -> str:
    stem = docs_path.removesuffix(".md")
    stem = stem.removesuffix("index") if stem.split("/")[-1] == "index" else stem + "/"
    return f"http://127.0.0.1:{port}/{stem}"


def _first_credential_page(project: Path) -> tuple[dict, str]:
    raw = yaml.safe_load((project / "data" / "permissions.yaml").read_text())
    credential = next(iter(raw["credentials"].values()))
    return raw, next(p for p in raw["pages"] if p["id"] == credential["page"])["path"]


@dataclass
class _Served:
    """One project under `mkdocs serve`: how to save an edit, and the page that shows it."""

    project: Path
    docs_path: str
    save: Callable[[str], None]
    times: Times = field(default_factory=Times)
    port: int = 0
    url: str = ""
    log: TextIO | None = None

    def start(self) -> subprocess.Popen:
        """Save the first edit and start the server; its log stays in the project."""
        self.save("Bench edit 0 done")
        self.port = _free_port()
        self.url = _page_url(self.port, self.docs_path)
        self.log = (self.project / "serve.log").open("w")
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.project, stdout=self.log, stderr=subprocess.STDOUT,
            env=MKDOCS_ENV)

    def timed_edit(self, n: int) -> None:
        """Save edit `n` and add the seconds until the page shows it."""
        start = time.monotonic()
        self.save(f"Bench edit {n} done")
        _wait_for(self.url, f"Bench edit {n} done", start + TIMEOUT_SECONDS)
        self.times.walls.append(time.monotonic() - start)


def timed_saves(served: list[_Served], edits: int) -> list[Times]:
    """Serve every project at once and save each in turn, `edits` times: paired measurements
    under the same conditions."""
    servers = [s.start() for s in served]
    try:
        for s in served:
            _wait_for(s.url, "Bench edit 0 done", time.monotonic() + TIMEOUT_SECONDS)
        pause = random.Random(1)
        for n in range(1, edits + 1):
            for s in served:
                # MkDocs looks for changes every 0.5 s: a pause of varying length spreads the
                # saves over that cycle, where a fixed one would land each at the same point of it.
                time.sleep(pause.uniform(1.0, 1.5))
                s.timed_edit(n)
        return [s.times for s in served]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        for s in served:
            s.log.close()


def data_saves(project: Path) -> _Served:
    """Saving data/permissions.yaml (the first group's purpose); its credential page shows it."""
    raw, docs_path = _first_credential_page(project)
    group = next(iter(raw["credentials"].values()))["blocks"][0]["groups"][0]
    purpose = group["purpose"]

    def save(marker: str) -> None:
        group["purpose"] = f"{purpose} {marker}"
        (project / "data" / "permissions.yaml").write_text(
            yaml.safe_dump(raw, sort_keys=False, width=100))
    return _Served(project, docs_path, save)


def page_saves(project: Path) -> _Served:
    """Saving the same page's Markdown: the floor, on a copy whose pages are already rendered."""
    _, docs_path = _first_credential_page(project)
    page = project / "docs" / docs_path
    text = page.read_text()

    def save(marker: str) -> None:
        page.write_text(f"{text}\n\n{marker}\n")
    return _Served(project, docs_path, save)

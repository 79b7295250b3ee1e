"""Seconds from saving data/permissions.yaml to `mkdocs serve` serving the rebuilt page."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

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


def _timed_saves(project: Path, docs_path: str, save: Callable[[str], None],
                 edits: int) -> Times:
    """Serve `project` on a free loopback port; time each `save(marker)` until the page shows it."""
    save("Bench edit 0 done")
    port = _free_port()
    url = _page_url(port, docs_path)
    log = (project / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(url, "Bench edit 0 done", time.monotonic() + TIMEOUT_SECONDS)
        times = Times()
        pause = random.Random(1)
        for n in range(1, edits + 1):
            # MkDocs looks for changes every 0.5 s: a pause of varying length spreads the saves
            # over that cycle, where a fixed one would land every save at the same point of it.
            time.sleep(pause.uniform(1.0, 1.5))
            start = time.monotonic()
            save(f"Bench edit {n} done")
            _wait_for(url, f"Bench edit {n} done", start + TIMEOUT_SECONDS)
            times.walls.append(time.monotonic() - start)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def after_data_save(project: Path, edits: int) -> Times:
    """Seconds from saving data/permissions.yaml (the first group's purpose) to the new page."""
    raw, docs_path = _first_credential_page(project)
    group = next(iter(raw["credentials"].values()))["blocks"][0]["groups"][0]
    purpose = group["purpose"]

    def save(marker: str) -> None:
        group["purpose"] = f"{purpose} {marker}"
        (project / "data" / "permissions.yaml").write_text(
            yaml.safe_dump(raw, sort_keys=False, width=100))
    return _timed_saves(project, docs_path, save, edits)


def after_page_save(project: Path, edits: int) -> Times:
    """Seconds from saving the same page's Markdown to the new page: the floor, on a copy whose
    pages are already rendered."""
    _, docs_path = _first_credential_page(project)
    page = project / "docs" / docs_path
    text = page.read_text()

    def save(marker: str) -> None:
        page.write_text(f"{text}\n\n{marker}\n")
    return _timed_saves(project, docs_path, save, edits)

"""The docs team's preview: under `mkdocs serve` a mistake answers every request at once with the
located problems, the real page comes back once it is fixed, and stopping `tasks.py serve` stops
its server."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from emulator import free_port
from toolkit.project import MKDOCS_ENV

PAGE = "help-center/aws-onboarding/iam-permissions-trial/"
TYPO = ("              - ce:GetCostAndUsage\n", "              - ce:GetCostAndUsge\n")


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    """GET `url`: (status, body); (0, reason) when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.URLError as error:
        return 0, str(error)


def wait_for(url: str, wanted, seconds: float) -> tuple[int, str]:
    """Fetch `url` until `wanted(status, body)` holds or `seconds` pass; the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = fetch(url, timeout=max(0.5, deadline - time.monotonic()))
        if wanted(*answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


@pytest.fixture
def serving(project_copy):
    """`mkdocs serve` of a copy of the project on a free port of 127.0.0.1, stopped after."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy, env=MKDOCS_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base, lambda status, _: status == 200, 90)[0] == 200
        yield project_copy, base
    finally:
        server.terminate()
        server.wait(timeout=10)


WAITING = "This page waits for the mistakes to be fixed"


def test_a_mistake_answers_every_page_with_the_problem_and_the_fix_brings_it_back(serving):
    project, base = serving
    data = project / "data" / "permissions.yaml"
    text = data.read_text()
    data.write_text(text.replace(*TYPO))
    started = time.monotonic()
    status, body = wait_for(base + PAGE, lambda s, b: WAITING in b, 20)
    assert status == 200 and WAITING in body, body[:500]
    assert "1 problem stops the build" in body
    assert re.search(r"<h1[^>]*>Trial credential permissions", body)  # the page keeps its title
    assert "GetCostAndUsge" in body and "did you mean" in body
    status, body = fetch(base, timeout=5)  # any other page answers at once too
    assert status == 200 and WAITING in body
    data.write_text(text)
    status, body = wait_for(base + PAGE, lambda s, b: WAITING not in b and s == 200, 20)
    assert "Trial credential permissions" in body and WAITING not in body
    assert time.monotonic() - started < 40


def test_stopping_tasks_serve_stops_its_server():
    port = free_port()
    serve = subprocess.Popen([sys.executable, str(ROOT / "tasks.py"), "serve", str(port)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    try:
        first = serve.stdout.readline()  # nothing to install: the tests' environment holds it all
        assert first.startswith(f"Serving the help center on http://127.0.0.1:{port}/"), first
        assert wait_for(f"http://127.0.0.1:{port}/", lambda s, _: s == 200, 90)[0] == 200
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=5)
        assert fetch(f"http://127.0.0.1:{port}/", timeout=2)[0] == 0, "the port still answers"
        left = subprocess.run(["pgrep", "-g", str(serve.pid)], capture_output=True, text=True)
        assert left.stdout.strip() == "", "a process of tasks.py serve is still running"
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)

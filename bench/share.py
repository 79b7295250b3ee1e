"""Our code's share of one real `mkdocs build`: importing it, loading the data, running the macros
and the hook.

Run as a script in a fresh process (`python bench/share.py PROJECT SITE [PROFILE]`); prints JSON.
The build runs in-process as the mkdocs command runs it, with archera_docs' entry points (`load`,
every macro of the registry macros.py registers, and the hook's `site_files`)
timed at their outermost call. With PROFILE, the whole build also runs under cProfile and the
statistics are written there.
"""

from __future__ import annotations

import time

START = time.process_time()

import cProfile  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

_imported = time.process_time()
import dataclasses  # noqa: E402

from archera_docs import build as build_module  # noqa: E402
from archera_docs.files import site as site_module  # noqa: E402
from archera_docs.pages import registry  # noqa: E402

IMPORT_SECONDS = time.process_time() - _imported


class Stopwatch:
    """Time spent inside wrapped functions, nested calls counted once."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0

    def wrap(self, fn):
        """`fn`, timed."""
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._depth += 1
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth -= 1
                if not self._depth:
                    self.seconds += time.process_time() - start
        return timed


def instrument(watch: Stopwatch) -> None:
    """Time `load_site`, every macro of the registry and the hook's `site_files` (macros.py and
    the hook bind them when they are imported, later, during the build)."""
    build_module.load_site = watch.wrap(build_module.load_site)
    site_module.site_files = watch.wrap(site_module.site_files)
    registry.MACROS = tuple(dataclasses.replace(m, function=watch.wrap(m.function))
                            for m in registry.MACROS)


def run_build(project: Path, site: Path) -> None:
    """`mkdocs build --strict --site-dir SITE`, in this process."""
    os.chdir(project)
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main(project: Path, site: Path, profile: Path | None) -> dict:
    """Build once; our seconds against the whole run's."""
    watch = Stopwatch()
    instrument(watch)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    run_build(project, site)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    total = time.process_time() - START
    ours = IMPORT_SECONDS + watch.seconds
    return {"build_s": round(total, 3), "ours_s": round(ours, 3),
            "ours_import_s": round(IMPORT_SECONDS, 3), "ours_share": round(ours / total, 4)}


if __name__ == "__main__":
    arguments = [Path(a).resolve() for a in sys.argv[1:]]
    print(json.dumps(main(arguments[0], arguments[1], arguments[2] if len(arguments) > 2 else None)))

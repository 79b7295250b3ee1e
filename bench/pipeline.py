"""Our own cost, without MkDocs: load + validate + catalog + audit + render of a project's data.

Run as a script in a fresh process (`python bench/pipeline.py PROJECT`); prints JSON of
milliseconds, wall clock and CPU (`cpu_` names). The pages
are rendered the way mkdocs-macros renders them: macros.py's define_env fills an env, and every
docs page goes through a Jinja environment holding its macros and variables. Only the time spent
in define_env and inside the macros counts as ours, not Jinja's.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import jinja2


class Clock:
    """Wall-clock and CPU seconds, summed over timed spans."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu


class MacrosEnv:
    """The part of mkdocs-macros' env that macros.py uses, with time spent in macros summed."""

    def __init__(self, project: Path, clock: Clock):
        self.project_dir = str(project)
        self.variables: dict = {}
        self.macros: dict = {}
        self.clock = clock

    def macro(self, fn, name: str | None = None) -> None:
        """Register `fn` under `name` (its own name by default), timed."""
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            with self.clock:
                return fn(*args, **kwargs)
        self.macros[name or fn.__name__] = timed


def _import_macros(project: Path):
    spec = importlib.util.spec_from_file_location("macros", project / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render_pages(project: Path, macros) -> Clock:
    """Time spent in define_env and the macros while rendering every docs page."""
    clock = Clock()
    env = MacrosEnv(project, clock)
    with clock:
        macros.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for page in sorted((project / "docs").rglob("*.md")):
        jinja.from_string(page.read_text(encoding="utf-8")).render(**env.variables, **env.macros)
    return clock


def main(project: Path) -> dict:
    """Import, cold and warm timings in milliseconds."""
    os.chdir(project)
    with Clock() as imported:
        macros = _import_macros(project)
    cold = render_pages(project, macros)
    unchanged = render_pages(project, macros)  # the data is cached while its files are unchanged
    os.utime(project / "data" / "permissions.yaml")  # a save: re-validated on a warm catalog
    resaved = render_pages(project, macros)
    clocks = {"import": imported, "cold": cold, "warm_unchanged": unchanged, "warm_resaved": resaved}
    result = {f"{name}_ms": round(clock.wall * 1000, 1) for name, clock in clocks.items()}
    return result | {f"cpu_{name}_ms": round(clock.cpu * 1000, 1) for name, clock in clocks.items()}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve())))

"""Times of whole builds, each in a fresh process as CI runs them: wall clock and CPU."""

from __future__ import annotations

import filecmp
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from project import MKDOCS_ENV

ZENSICAL = Path(__file__).resolve().parents[1] / ".venv-zensical" / "bin" / "zensical"


@dataclass
class Times:
    """Seconds of repeated runs of one thing; medians for reports."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        """Median wall-clock seconds."""
        return round(statistics.median(self.walls), 3)

    @property
    def cpu(self) -> float:
        """Median CPU seconds (user + system) of the process and its children."""
        return round(statistics.median(self.cpus), 3)

    @property
    def best_cpu(self) -> float:
        """The least CPU seconds of any run: the cost with the least interference."""
        return round(min(self.cpus), 3)

    def summary(self) -> dict:
        """Medians and every run, for the results file."""
        summary = {"wall_s": self.wall, "walls": [round(w, 3) for w in self.walls]}
        if self.cpus:
            summary |= {"cpu_s": self.cpu, "cpus": [round(c, 3) for c in self.cpus]}
        return summary

    def __str__(self) -> str:
        cpu = f", cpu {self.cpu:.3f} s" if self.cpus else ""
        return f"wall {self.wall:.3f} s{cpu} (median of {len(self.walls)})"


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, times: Times) -> None:
    """Run `command` once in `cwd`, adding its wall and CPU seconds to `times`."""
    cpu, start = _cpu_of_children(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env=MKDOCS_ENV)
    times.walls.append(time.perf_counter() - start)
    times.cpus.append(_cpu_of_children() - cpu)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}{result.stderr}")


def _mkdocs(project: Path) -> list[str]:
    site = project.with_name(project.name + "-site")
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]


def same_files(first: Path, second: Path) -> bool:
    """True when both folders hold the same files with the same bytes."""
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(f) for f in files], shallow=False)
    return not mismatch and not errors


def mkdocs_pair(project: Path, baseline: Path, runs: int) -> tuple[Times, Times, bool]:
    """`mkdocs build --strict` of both projects, alternating so that drift hits both alike;
    and whether both built the same site."""
    first, second = Times(), Times()
    for _ in range(runs):
        timed(_mkdocs(project), project, first)
        timed(_mkdocs(baseline), baseline, second)
    sites = [built.with_name(built.name + "-site") for built in (project, baseline)]
    identical = same_files(*sites)
    for site in sites:
        shutil.rmtree(site, ignore_errors=True)
    return first, second, identical


def zensical_build(project: Path, runs: int) -> Times:
    """`zensical build --strict --clean` of `project` (no cache kept between runs)."""
    times = Times()
    for _ in range(runs):
        timed([str(ZENSICAL), "build", "--strict", "--clean"], project, times)
    shutil.rmtree(project / "site", ignore_errors=True)
    return times

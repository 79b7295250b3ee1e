"""Build-speed benchmark: our layer against the floor of MkDocs, at scale, under serve, on Zensical.

    python3 tasks.py bench [--runs N] [--scale-runs N] [--edits N] [--profile]

Every build runs in a scratch copy in a fresh process. Build times are medians; ratios and growth
use each build process's CPU time (user + system), which other work on a shared machine disturbs
far less than wall-clock time; both are printed. A ratio is the median of the ratios of builds run
one after the other; `_best` ratios compare the least CPU time of each side. The last lines are
`name: value` pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archera_docs.aws.catalog import default_catalog
from prerender import plugin_only_copy, prerendered_copy
from project import ROOT, compile_code, copy_project
from serve import data_saves, page_saves, timed_saves
from synth import add_synthetic
from timing import Times, mkdocs_pair, zensical_build

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SCALES = (1000, 10000)


def _script(name: str, *args: Path) -> dict:
    output = subprocess.run([sys.executable, str(BENCH / name), *map(str, args)], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.splitlines()[-1])


def machine() -> str:
    """The machine the figures come from."""
    info = {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in Path("/proc/cpuinfo").read_text().splitlines())}
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    load = Path("/proc/loadavg").read_text().split()[0]
    return (f"{info.get('model name', platform.processor())}, "
            f"{len(os.sched_getaffinity(0))} cores, {memory_kb / 2**20:.0f} GiB, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"load average {load} at start")


def compare(scratch: Path, name: str, project: Path, runs: int, plugin_floor: bool = False) -> dict:
    """With macros against the same pages pre-rendered without them (and, with `plugin_floor`,
    the pre-rendered pages built with the macros plugin running an empty module)."""
    baseline = prerendered_copy(project, scratch / f"{name}-prerendered")
    macros, floor, identical = mkdocs_pair(project, baseline, runs)
    print(f"{name:>10}: with macros {macros}; pre-rendered {floor}; "
          f"ratio {ratio(macros, floor)}; same site: {identical}", flush=True)
    result = {"macros": macros.summary(), "prerendered": floor.summary(),
              "ratio": ratio(macros, floor),
              "ratio_best": round(macros.best_cpu / floor.best_cpu, 3), "same_site": identical}
    if plugin_floor:
        empty = plugin_only_copy(project, baseline, scratch / f"{name}-plugin-only")
        plugin, floor, same = mkdocs_pair(empty, baseline, runs)
        print(f"{'':>10}  macros plugin with an empty module {plugin}; pre-rendered {floor}; "
              f"ratio {ratio(plugin, floor)}; same site: {same}", flush=True)
        result["plugin_only"] = {"macros": plugin.summary(), "prerendered": floor.summary(),
                                 "ratio": ratio(plugin, floor), "same_site": same}
    return result


def ratio(first: Times, second: Times) -> float:
    """The median of the CPU-time ratios of builds run one after the other."""
    return round(statistics.median(a / b for a, b in zip(first.cpus, second.cpus)), 3)


def pipeline(project: Path, runs: int) -> dict:
    """Medians of our own cost over `runs` fresh processes."""
    samples = [_script("pipeline.py", project) for _ in range(runs)]
    return {key: round(statistics.median(s[key] for s in samples), 1) for key in samples[0]}


def share(project: Path, site: Path, runs: int) -> dict:
    """Our code's share of the build's CPU time, median over `runs` builds."""
    samples = [_script("share.py", project, site) for _ in range(runs)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def main() -> None:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="builds per case (real site)")
    parser.add_argument("--scale-runs", type=int, default=5, help="builds per synthetic case")
    parser.add_argument("--edits", type=int, default=15,
                        help="saves timed under mkdocs serve, on each side")
    parser.add_argument("--profile", action="store_true",
                        help="also write cProfile statistics of each build to bench/results/")
    args = parser.parse_args()
    started = time.monotonic()
    compile_code(ROOT)  # the code every scratch copy imports (archera_docs is installed from src/)
    results: dict = {"machine": machine()}
    print(f"machine: {results['machine']}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        real = copy_project(scratch / "real")
        results["real"] = compare(scratch, "real", real, args.runs, plugin_floor=True)
        results["pipeline"] = pipeline(real, args.runs)
        print(f"  pipeline: {results['pipeline']}", flush=True)
        results["share"] = {"real": share(real, scratch / "share-site", args.runs)}
        results["zensical"] = {"real": zensical_build(copy_project(scratch / "zensical-real"),
                                                      args.runs).summary()}
        for entries in SCALES:
            name = f"scale-{entries // 1000}k"
            project = copy_project(scratch / name)
            results[name] = {"data": add_synthetic(project, entries, default_catalog())}
            results[name].update(compare(scratch, name, project, args.scale_runs))
        results["share"]["scale-10k"] = share(scratch / "scale-10k", scratch / "share-site", 1)
        if args.profile:
            for name in ("real", "scale-10k"):
                _script("share.py", scratch / name, scratch / "share-site", RESULTS / f"{name}.prof")
        print(f"     share: {results['share']}", flush=True)
        try:
            results["zensical"]["scale-10k"] = zensical_build(scratch / "scale-10k", 1).summary()
        except RuntimeError as exc:  # reported, not fatal: Zensical has limits MkDocs has not
            reason = next(line for line in reversed(str(exc).splitlines()) if line.strip())
            results["zensical"]["scale-10k"] = {"wall_s": None, "failed": reason}
        print(f"  zensical: {results['zensical']}", flush=True)
        served, floor = timed_saves([data_saves(copy_project(scratch / "serve")),
                                     page_saves(scratch / "real-prerendered")], args.edits)
        results["serve"], results["serve_floor"] = served.summary(), floor.summary()
        results["serve_ratio"] = round(statistics.median(
            a / b for a, b in zip(served.walls, floor.walls)), 3)
        print(f"     serve: data saved {served}; pre-rendered page saved {floor}; "
              f"ratio {results['serve_ratio']}", flush=True)
    results["elapsed_s"] = round(time.monotonic() - started, 1)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    for name, value in figures(results).items():
        print(f"{name}: {value}")


def figures(results: dict) -> dict:
    """The headline `name: value` pairs."""
    real, k1, k10 = results["real"], results["scale-1k"], results["scale-10k"]

    def per_entry_ms(case: dict, kind: str) -> float:
        extra = case[kind]["cpu_s"] - real[kind]["cpu_s"]
        return round(1000 * extra / case["data"]["entries"], 3)

    return {
        "macros_overhead_ratio": real["ratio"],
        "macros_overhead_ratio_best": real["ratio_best"],
        "macros_plugin_alone_ratio": real["plugin_only"]["ratio"],
        "build_cpu_s": real["macros"]["cpu_s"],
        "prerendered_build_cpu_s": real["prerendered"]["cpu_s"],
        "build_wall_s": real["macros"]["wall_s"],
        "ours_share_of_build": results["share"]["real"]["ours_share"],
        "ours_share_without_imports": round(
            (results["share"]["real"]["ours_s"] - results["share"]["real"]["ours_import_s"])
            / results["share"]["real"]["build_s"], 4),
        "ours_import_cpu_ms": round(1000 * results["share"]["real"]["ours_import_s"]),
        "data_pipeline_ms": results["pipeline"]["cpu_cold_ms"],
        "data_pipeline_wall_ms": results["pipeline"]["cold_ms"],
        "data_pipeline_warm_ms": results["pipeline"]["cpu_warm_resaved_ms"],
        "scale_1k_ratio": k1["ratio"],
        "scale_10k_ratio": k10["ratio"],
        "scale_10k_ratio_best": k10["ratio_best"],
        "scale_10k_build_cpu_s": k10["macros"]["cpu_s"],
        "scale_10k_growth_over_1k": round(k10["macros"]["cpu_s"] / k1["macros"]["cpu_s"], 2),
        "ms_per_entry_1k": per_entry_ms(k1, "macros"),
        "ms_per_entry_10k": per_entry_ms(k10, "macros"),
        "prerendered_ms_per_entry_10k": per_entry_ms(k10, "prerendered"),
        "ours_share_of_10k_build": results["share"]["scale-10k"]["ours_share"],
        "prerendered_sites_identical": all(results[case]["same_site"]
                                           for case in ("real", "scale-1k", "scale-10k")),
        "zensical_build_s": results["zensical"]["real"]["wall_s"],
        "zensical_build_cpu_s": results["zensical"]["real"]["cpu_s"],
        "zensical_10k_build_s": results["zensical"]["scale-10k"]["wall_s"],
        "serve_rebuild_floor_s": results["serve_floor"]["wall_s"],
        "serve_rebuild_s": results["serve"]["wall_s"],
        "serve_rebuild_ratio": results["serve_ratio"],
        "bench_elapsed_s": results["elapsed_s"],
    }


if __name__ == "__main__":
    main()

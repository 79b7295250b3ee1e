"""Page-speed benchmark: each page of the built site in Lighthouse against a plain page of the
same site, run one after the other, so that the ratios hold on a machine whose speed varies.

    python3 tasks.py bench-pages [--runs N] [--preset mobile|desktop|both]

The plain page is a page of one heading and one paragraph built into the same site: the same
theme, stylesheets, scripts, navigation and search index, none of our content. A ratio is the median over
the runs of page / plain, for the largest contentful paint, the total blocking time (+50 ms on
each side, so that a zero does not divide), the speed index, the bytes sent and the elements.
Figures land in bench/results/pages.json; the last lines printed are `name: value` pairs.
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
from toolkit.lighthouse import run_lighthouse, serve_site, site_pages  # noqa: E402
from toolkit.project import MKDOCS_ENV, copy_sources  # noqa: E402

RESULTS = BENCH / "results"
PLAIN = "plain-page/"
RATIOS = {"lcp": "lcp_ms", "tbt": "tbt_ms", "speed_index": "speed_index_ms", "bytes": "bytes",
          "elements": "elements"}
TBT_FLOOR_MS = 50


def build_site(scratch: Path) -> Path:
    """A strict build of a scratch copy of the project, with the plain page in its nav."""
    project = copy_sources(scratch / "project")
    (project / "docs" / "plain-page.md").write_text(
        "# A plain page\n\nOne paragraph of text, and nothing else.\n")
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "\nnav:\n" in text, "mkdocs.yml has no nav to add the plain page to"
    config.write_text(text.replace("\nnav:\n", "\nnav:\n  - A plain page: plain-page.md\n", 1))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project,
                   env=MKDOCS_ENV, check=True)
    return project / "site"


def _ratio(page: dict, plain: dict, key: str) -> float:
    floor = TBT_FLOOR_MS if key == "tbt_ms" else 0
    return (page[key] + floor) / (plain[key] + floor)


def measure(base: str, pages: list[str], preset: str, runs: int, out: Path) -> dict:
    """Each page against the plain page, paired run by run; medians of the ratios."""
    found = {}
    for path in pages:
        pairs = []
        for run in range(runs):
            name = f"{path.strip('/').replace('/', '_') or 'home'}-{preset}-{run}"
            plain = run_lighthouse(base + PLAIN, preset, out, name=f"plain-{name}.json")
            page = run_lighthouse(base + path, preset, out, name=f"{name}.json")
            pairs.append((page, plain))
        found[path or "/"] = {
            "performance": statistics.median(p["performance"] for p, _ in pairs),
            "plain_performance": statistics.median(q["performance"] for _, q in pairs),
            **{name: round(statistics.median(_ratio(p, q, key) for p, q in pairs), 2)
               for name, key in RATIOS.items()},
            "lcp_ms": round(statistics.median(p["lcp_ms"] for p, _ in pairs)),
            "plain_lcp_ms": round(statistics.median(q["lcp_ms"] for _, q in pairs))}
        print(f"{preset:>7} {path or '/'}: {found[path or '/']}", flush=True)
    return found


def main() -> None:
    """Measure every page on the chosen presets and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="paired runs per page and preset")
    parser.add_argument("--preset", choices=("mobile", "desktop", "both"), default="both")
    args = parser.parse_args()
    presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        site = build_site(Path(scratch))
        pages = [p for p in site_pages(site) if p != PLAIN]
        with serve_site(site) as base:
            results = {preset: measure(base, pages, preset, args.runs, Path(scratch) / "reports")
                       for preset in presets}
    RESULTS.mkdir(exist_ok=True)
    machine = {"machine": platform.processor() or platform.machine(), "cores": os.cpu_count(),
               "python": sys.version.split()[0],
               "load_average": [round(x, 2) for x in os.getloadavg()]}
    (RESULTS / "pages.json").write_text(json.dumps({**machine, "runs": args.runs, **results},
                                                   indent=1))
    for preset, found in results.items():
        for name in RATIOS:
            worst = max(found, key=lambda page: found[page][name])
            print(f"{preset}_worst_{name}_ratio: {found[worst][name]} ({worst})")
        print(f"{preset}_lowest_performance: {min(f['performance'] for f in found.values())}")


if __name__ == "__main__":
    main()

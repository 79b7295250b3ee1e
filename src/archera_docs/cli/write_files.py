"""Write every generated file of a project into a folder, for an engine without MkDocs hooks.

    python -m archera_docs.cli.write_files PROJECT_DIR TARGET_DIR

Zensical ignores `hooks:`: put into its docs folder, the files are copied into the site like any
other file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..build import load_site
from ..files.site import site_files


def write_site_files(project: Path, target: Path) -> list[Path]:
    """Write every generated file of `project` under `target`; the paths written."""
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]
    written = []
    for relative, text in site_files(load_site(project), site_url).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


if __name__ == "__main__":
    print(f"wrote {len(write_site_files(Path(sys.argv[1]), Path(sys.argv[2])))} generated files")

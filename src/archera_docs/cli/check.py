"""Check the data files and every page's macro calls without building the site.

    python -m archera_docs.cli.check [PROJECT_DIR]

Prints the same located errors as `mkdocs build` and exits 1 if there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build import load_site
from ..source.errors import DataError


def main(argv: list[str]) -> int:
    """Check the project in argv[0] (default: the current folder); 0 when it is right."""
    root = Path(argv[0] if argv else ".").resolve()
    try:
        load_site(root)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("The data and every page's macro calls are right.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

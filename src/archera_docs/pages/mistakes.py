"""The page `mkdocs serve` shows in place of every page while the data or a page has mistakes."""

from __future__ import annotations

from ..source.errors import DataError
from . import markdown as md


def mistakes_page(error: DataError) -> str:
    """Every located problem, as a writer reads it, and what happens once they are fixed."""
    count = len(error.problems)
    items = [md.code(str(problem)) for problem in error.problems]
    return "\n\n".join([
        "# The help center has mistakes to fix",
        md.text(f"{count} problem{'s' if count != 1 else ''} stop the build. Fix "
                f"{'them' if count != 1 else 'it'} in your editor and save: this page comes back "
                "as itself on its own. `mkdocs build` publishes nothing until then."),
        md.bullets(items),
    ])

"""MkDocs hook: quiet builds, and under `mkdocs serve` a mistake shown as every page's content.

`mkdocs build` still stops at the first mistake and publishes nothing; `mkdocs serve` would stop
answering until it was fixed ("the server will appear stuck"), so there every page shows the
located problems instead, and the live reload brings the real page back once they are fixed.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from archera_docs.build import Preview
from archera_docs.pages.mistakes import mistakes_page

# mkdocs-macros reports every module, variable and macro it finds on every build, at INFO.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this process serves the site."""
    Preview.serving = command == "serve"


@event_priority(100)  # before mkdocs-macros renders the page
def on_page_markdown(markdown: str, page, config, files) -> str:
    """While the latest build met mistakes (only ever under serve), the page shows them."""
    return mistakes_page(Preview.problems, markdown) if Preview.problems else markdown

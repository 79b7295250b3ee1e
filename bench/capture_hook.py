"""MkDocs hook: write every page's Markdown, as the macros left it, under $BENCH_RENDERED_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown, page, config, files):
    """Save the rendered Markdown (with the page's front matter) at the page's docs path."""
    target = Path(os.environ["BENCH_RENDERED_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\n{yaml.safe_dump(page.meta, sort_keys=False)}---\n\n" if page.meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown

"""Links between the pages of a built site that lead nowhere (Zensical's strict build does not
check them)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def broken_links(site: Path) -> list[str]:
    """Links between pages of a built site that lead to no file of it (`page: href`)."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        here = "/" + page.parent.relative_to(site).as_posix() + "/"
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(here, parts.path)).lstrip("/")
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken

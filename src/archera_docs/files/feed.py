"""An Atom feed of every credential release, so customers can subscribe to changes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, time, timezone
from urllib.parse import urlparse

from ..dataset import Dataset
from ..iam.history import changes

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day) -> str:
    return datetime.combine(day, time(), tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def atom_feed(dataset: Dataset, site_url: str, changes_url: str, feed_url: str) -> str:
    """The feed as XML text: one entry per credential version, newest first."""
    ET.register_namespace("", ATOM)
    host = urlparse(site_url).hostname
    releases = sorted(((r, cred_id, cred) for cred_id, cred in dataset.permissions.credentials.items()
                       for r in cred.history), key=lambda x: (x[0].date, x[1], x[0].version),
                      reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", f"{dataset.permissions.company.name}: changes to AWS permissions")
    _sub(feed, "id", feed_url)
    _sub(feed, "updated", _stamp(releases[0][0].date))
    _sub(feed, "link", href=feed_url, rel="self")
    _sub(feed, "link", href=changes_url, rel="alternate")
    author = _sub(feed, "author")
    _sub(author, "name", dataset.permissions.company.name)
    for release, cred_id, cred in releases:
        entry = _sub(feed, "entry")
        _sub(entry, "title", f"{cred.title} version {release.version}")
        _sub(entry, "id", f"tag:{host},{release.date.isoformat()}:{cred_id}/v{release.version}")
        _sub(entry, "updated", _stamp(release.date))
        _sub(entry, "link", href=changes_url, rel="alternate")
        split = changes(release.added, release.removed)
        lines = [release.summary]
        lines += [f"Moved {action} from {cred.block_title(old)} to {cred.block_title(new)}"
                  for action, old, new in split.moved]
        lines += [f"Added to {cred.block_title(block)}: {', '.join(acts)}"
                  for block, acts in split.added.items()]
        lines += [f"Removed from {cred.block_title(block)}: {', '.join(acts)}"
                  for block, acts in split.removed.items()]
        _sub(entry, "content", "\n".join(lines), type="text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"

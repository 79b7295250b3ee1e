"""The generated parts of WRITING.md: every refusal of the mistake corpus with the message the
build gives, and every macro of the registry. `python3 tasks.py guide` writes them; a test checks
that WRITING.md holds them as they are now.

    python tests/writers_guide.py [--write]
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from archera_docs.build import load_site  # noqa: E402
from archera_docs.pages.registry import MACROS  # noqa: E402
from archera_docs.source.errors import DataError  # noqa: E402
from mistakes import CATALOG, HISTORY, STRUCTURE  # noqa: E402
from mistakes_controls import CONTROLS  # noqa: E402
from mistakes_editing import EDITING  # noqa: E402
from toolkit.project import ROOT, copy_sources  # noqa: E402

GUIDE = ROOT / "WRITING.md"
SECTIONS = {"refusals": "the mistake corpus (tests/mistakes*.py)",
            "macros": "the macro registry (src/archera_docs/pages/registry.py)"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def refusals() -> str:
    """One row per mistake of the corpus: what the writer did, and what the build says."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for mistake in STRUCTURE + CATALOG + HISTORY + EDITING + CONTROLS:
            project = copy_sources(Path(scratch) / mistake.id)
            mistake.apply(project / "data")
            try:
                load_site(project)
                said = "(accepted)"
            except DataError as error:
                root = next(p for p in error.problems if p.cause is None)
                said = f"`{root.entry}`: {' '.join(root.message.split())}"
                said = said.replace(str(project) + "/", "")
            rows.append(f"| {mistake.id.replace('-', ' ')} | {_cell(said)} |")
    return "\n".join(["| Mistake | What the build says (and how to fix it) |", "|---|---|", *rows])


def macros() -> str:
    """One row per macro a page may call: its call, and what it renders."""
    rows = []
    for macro in MACROS:
        args = ", ".join(p.name for p in macro.parameters)
        where = ("any page" if not macro.shows_credential else
                 "the credential's page" if macro.credential_page == "" else
                 f"the page registered as `<credential page>{macro.credential_page}`")
        rows.append(f"| `{{{{ {macro.name}({args}) }}}}` | {where} | {_cell(macro.summary)} |")
    return "\n".join(["| Call | Where | What it renders |", "|---|---|---|", *rows])


def generated(text: str) -> str:
    """WRITING.md's text with each generated section as the corpus and registry make it now."""
    for name, source in SECTIONS.items():
        body = {"refusals": refusals, "macros": macros}[name]()
        block = (f"<!-- generated: {name}, from {source} -->\n{body}\n<!-- end: {name} -->")
        text = re.sub(rf"<!-- generated: {name},.*?<!-- end: {name} -->", lambda m: block, text,
                      flags=re.S)
    return text


if __name__ == "__main__":
    current = GUIDE.read_text()
    fresh = generated(current)
    if "--write" in sys.argv:
        GUIDE.write_text(fresh)
        print(f"{GUIDE.name} written")
    elif fresh != current:
        sys.exit(f"{GUIDE.name} is not current: run python3 tasks.py guide")

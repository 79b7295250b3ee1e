"""Every page's macro calls checked without rendering them: each names entries the data holds,
each page is the page its registry entry says, and a credential's page shows all of it.

The pages' Jinja is run with stand-ins for the macros that check and record their arguments, so
a mistake is found as mkdocs-macros would meet it (same Jinja, same messages), at a fraction of
the cost of rendering.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..aws.catalog import is_pattern
from ..dataset import Dataset
from ..source.errors import DataError, Problem
from ..source.yaml_lines import read_utf8
from .account import variables
from .errors import PAGE_MISTAKES, locate
from . import markdown as md
from .registry import MACROS, Macro

# Names and filters mkdocs-macros gives every page besides ours.
PLUGIN_VARIABLES = ("config", "context", "environment", "extra", "files", "filters",
                    "filters_builtin", "fix_url", "git", "macros", "macros_info", "navigation", "now",
                    "page", "plugin")
PLUGIN_FILTERS = ("pretty", "relative_url")


class _Anything(str):
    """What a stand-in returns: empty text, of which any attribute, item or call is accepted (so
    filters and `.wildcards` pass as they would on the real value)."""

    def __getattr__(self, name: str) -> _Anything:
        return self

    def __getitem__(self, key: object) -> _Anything:
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Anything:
        return self


ANYTHING = _Anything()


@dataclass(frozen=True)
class Call:
    """One macro call a page makes: the macro and its arguments."""

    macro: Macro
    args: tuple


_signature = functools.cache(inspect.signature)


def _stand_in(macro: Macro, dataset: Dataset, calls: list[Call]):
    signature = _signature(macro.function)
    leading = (dataset,) if macro.reads_data else ()

    def stand_in(*args, **kwargs):
        try:
            bound = signature.bind(*leading, *args, **kwargs)
        except TypeError:  # told as the page sees it (Python's count includes the dataset)
            names = [p.name for p in macro.parameters]
            raise TypeError(f"{macro.name}() takes {md.count(len(names), 'argument')}"
                            + (f" ({', '.join(names)})" if names else "")
                            + f", given {len(args) + len(kwargs)}") from None
        bound.apply_defaults()
        values = list(bound.arguments.values())[len(leading):]
        credential = None
        for parameter, value in zip(macro.parameters, values):
            kind = macro.kind_of(parameter)
            if kind == "credential":
                credential = dataset.permissions.credential(value)
            elif kind == "block":
                credential.block(value)
            elif kind == "page":
                dataset.permissions.page(value)
        calls.append(Call(macro, tuple(values)))
        # A macro that returns values (not Markdown) is cheap: its real value lets Jinja refuse
        # a mistaken attribute (`credential_facts("trial").literal`) as the build would.
        return macro.function(*leading, *values) if macro.returns_data else ANYTHING
    return stand_in


def page_calls(dataset: Dataset, markdown: str) -> list[Call]:
    """The macro calls of one page's text; a mistaken call raises as the build would."""
    calls: list[Call] = []
    names = {name: ANYTHING for name in PLUGIN_VARIABLES}
    names.update(variables(dataset))
    names.update({m.name: _stand_in(m, dataset, calls) for m in MACROS})
    _template(markdown).render(names)
    return calls


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined)
_ENV.filters.update({name: ANYTHING for name in PLUGIN_FILTERS})


@functools.lru_cache(maxsize=256)
def _template(markdown: str) -> jinja2.Template:
    """A page's text compiled once: under `serve`, a rebuild after a data save compiles none."""
    return _ENV.from_string(markdown)


def _required(dataset: Dataset, cred_id: str) -> dict[str, list[tuple[Macro, tuple]]]:
    """Page id -> the calls that page must make to show the credential's evidence."""
    credential = dataset.permissions.credential(cred_id)
    by_name = {m.name: m for m in MACROS}
    wanted = [(by_name["credential_overview"], (cred_id,)), (by_name["deploy_tabs"], (cred_id,)),
              *((by_name["block_tables"], (cred_id, b.id)) for b in credential.blocks),
              (by_name["security_review"], (cred_id,))]
    if any(is_pattern(a) for b in credential.blocks for a in b.actions):
        wanted.append((by_name["wildcard_grants"], (cred_id,)))
    pages: dict[str, list[tuple[Macro, tuple]]] = {}
    for macro, args in wanted:
        pages.setdefault(credential.page + macro.credential_page, []).append((macro, args))
    return pages


def _structure(dataset: Dataset, calls: dict[int, list[Call]], where: dict[int, str]) -> list[Problem]:
    """Each page shows its related resources; each credential's evidence is on its pages, and
    only there."""
    data, source = dataset.permissions, dataset.source
    index = {p.id: i for i, p in enumerate(data.pages)}
    problems = []
    related = next(m for m in MACROS if m.name == "related")
    for i, made in calls.items():
        page = data.pages[i]
        if not any(c.macro is related and c.args == (page.id,) for c in made):
            problems.append(source.problem(
                ("pages", i, "path"), f"{where[i]} does not show the related resources of page "
                                      f"{page.id!r} ({{{{ {related.call(page.id)} }}}}): "
                                      "fix that call, or is it the file of another page?"))
        for call in made:
            if call.macro.shows_credential:
                home = data.credentials[call.args[0]].page + call.macro.credential_page
                if home != page.id:
                    problems.append(source.problem(
                        ("pages", i, "path"),
                        f"{where[i]} calls {{{{ {call.macro.call(*call.args)} }}}}, which shows "
                        f"the credential {call.args[0]!r}: that belongs on the page {home!r}"))
    for cred_id in data.credentials:
        for page_id, wanted in _required(dataset, cred_id).items():
            i = index.get(page_id)
            if i is None or not data.pages[i].path:
                why = (" (the credential has a wildcard now: each wildcard's actions are "
                       "listed there)" if any(m.name == "wildcard_grants" for m, _ in wanted) else "")
                problems.append(source.problem(
                    ("credentials", cred_id, "page"),
                    f"needs a page built here with the id {page_id!r}, to show "
                    + ", ".join(f"{{{{ {m.call(*args)} }}}}" for m, args in wanted) + why))
                continue
            if i not in calls:  # its file is missing or broken: said already
                continue
            made = {(c.macro.name, c.args) for c in calls[i]}
            for macro, args in wanted:
                if (macro.name, args) in made:
                    continue
                loc = ("credentials", cred_id, "page")
                if macro.name == "block_tables":
                    blocks = [b.id for b in data.credentials[cred_id].blocks]
                    loc = ("credentials", cred_id, "blocks", blocks.index(args[1]), "id")
                what = "show this block" if macro.name == "block_tables" else "call"
                problems.append(source.problem(
                    loc, f"{where[i]} does not {what} ({{{{ {macro.call(*args)} }}}})"
                    if what != "call" else f"{where[i]} does not call {{{{ {macro.call(*args)} }}}}"))
    return problems


def check_pages(dataset: Dataset, docs: Path) -> list[Problem]:
    """Every page registered as built here has its Markdown file in the docs folder, every macro
    call in it is right, and the file is that page: it shows the related resources registered
    for its id and, on a credential's page, the credential's every block, its security review
    and its deployment, and no other credential's."""
    source, problems = dataset.source, []
    calls_of: dict[int, list[Call]] = {}
    where_of: dict[int, str] = {}
    for i, page in enumerate(dataset.permissions.pages):
        if not page.path:
            continue
        file, where = docs / page.path, f"{docs.name}/{page.path}"
        if not file.is_file():
            problems.append(source.problem(("pages", i, "path"), f"{where} does not exist"))
            continue
        calls, mistakes = _read_calls(dataset, file)
        if mistakes:  # not UTF-8, or a mistaken call: named at the page file's own line
            problems += mistakes
            continue
        calls_of[i], where_of[i] = calls, where
    registered = {docs / p.path for p in dataset.permissions.pages if p.path}
    for file in sorted(set(docs.rglob("*.md")) - registered):  # pages of the nav alone
        problems += _read_calls(dataset, file)[1]
    return problems + _structure(dataset, calls_of, where_of)


def _read_calls(dataset: Dataset, file: Path) -> tuple[list[Call], list[Problem]]:
    """A page's macro calls, or its mistaken call located at its line."""
    try:
        text = read_utf8(file)
        return page_calls(dataset, text), []
    except DataError as exc:
        return [], exc.problems
    except PAGE_MISTAKES as exc:
        line, call, why = locate(exc, text)
        return [], [Problem(file, line, call or "(macro call)", why)]

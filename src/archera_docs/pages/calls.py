"""Every page's macro calls checked without rendering them: each names entries the data holds,
each page is the page its registry entry says, and a credential's page shows all of it.

The pages' Jinja is run with stand-ins for the macros that check and record their arguments, so
a mistake is found as mkdocs-macros would meet it (same Jinja, same messages), at a fraction of
the cost of rendering.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..dataset import Dataset
from ..source.errors import DataError, Problem
from ..source.yaml_lines import SourceMap, read_utf8
from .account import variables
from .errors import PAGE_MISTAKES, locate
from .registry import MACROS, Macro

# Names and filters mkdocs-macros gives every page besides ours.
PLUGIN_VARIABLES = ("config", "context", "environment", "extra", "files", "filters",
                    "filters_builtin", "fix_url", "git", "macros", "macros_info", "navigation", "now",
                    "page", "plugin")
PLUGIN_FILTERS = ("pretty", "relative_url")


class _Anything:
    """What a stand-in returns: any attribute, item or call of it is accepted, and it shows as ''."""

    def __getattr__(self, name: str) -> _Anything:
        return self

    def __getitem__(self, key: object) -> _Anything:
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Anything:
        return self

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""


ANYTHING = _Anything()


@dataclass(frozen=True)
class Call:
    """One macro call a page makes: the macro and its arguments."""

    macro: Macro
    args: tuple


def _stand_in(macro: Macro, dataset: Dataset, calls: list[Call]):
    signature = inspect.signature(macro.function)
    leading = (dataset,) if macro.reads_data else ()

    def stand_in(*args, **kwargs):
        try:
            bound = signature.bind(*leading, *args, **kwargs)
        except TypeError:
            # The arguments do not fit: calling it raises Python's own message before any of
            # the macro's code runs.
            macro.function(*leading, *args, **kwargs)
            raise
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
        return ANYTHING
    return stand_in


def page_calls(dataset: Dataset, markdown: str) -> list[Call]:
    """The macro calls of one page's text; a mistaken call raises as the build would."""
    calls: list[Call] = []
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters.update({name: ANYTHING for name in PLUGIN_FILTERS})
    names = {name: ANYTHING for name in PLUGIN_VARIABLES}
    names.update(variables(dataset))
    names.update({m.name: _stand_in(m, dataset, calls) for m in MACROS})
    env.from_string(markdown).render(names)
    return calls


def _structure(dataset: Dataset, source: SourceMap, index: int, calls: list[Call],
               where: str) -> list[Problem]:
    data = dataset.permissions
    page = data.pages[index]
    made = {(call.macro.name, call.args) for call in calls}
    problems = []
    related = next(m for m in MACROS if m.name == "related")
    if ("related", (page.id,)) not in made:
        problems.append(source.problem(
            ("pages", index, "path"), f"{where} does not show the related resources of page "
                                      f"{page.id!r} ({{{{ {related.call(page.id)} }}}}): "
                                      "fix that call, or is it the file of another page?"))
    own = [cred_id for cred_id, c in data.credentials.items() if c.page == page.id]
    for call in calls:
        if call.macro.shows_credential and call.args[0] not in own:
            problems.append(source.problem(
                ("pages", index, "path"),
                f"{where} calls {{{{ {call.macro.call(*call.args)} }}}}, which shows the "
                f"credential {call.args[0]!r}: that belongs on its own page"))
    by_name = {m.name: m for m in MACROS}
    for cred_id in own:
        for name in ("security_review", "deploy_tabs"):
            if (name, (cred_id,)) not in made:
                problems.append(source.problem(
                    ("credentials", cred_id, "page"),
                    f"{where} does not call {{{{ {by_name[name].call(cred_id)} }}}}"))
        for b, block in enumerate(data.credentials[cred_id].blocks):
            if ("block_tables", (cred_id, block.id)) not in made:
                problems.append(source.problem(
                    ("credentials", cred_id, "blocks", b, "id"),
                    f"{where} does not show this block "
                    f"({{{{ {by_name['block_tables'].call(cred_id, block.id)} }}}})"))
    return problems


def check_pages(dataset: Dataset, docs: Path) -> list[Problem]:
    """Every page registered as built here has its Markdown file in the docs folder, every macro
    call in it is right, and the file is that page: it shows the related resources registered
    for its id and, on a credential's page, the credential's every block, its security review
    and its deployment, and no other credential's."""
    source, problems = dataset.source, []
    for i, page in enumerate(dataset.permissions.pages):
        if not page.path:
            continue
        file, where = docs / page.path, f"{docs.name}/{page.path}"
        if not file.is_file():
            problems.append(source.problem(("pages", i, "path"), f"{where} does not exist"))
            continue
        try:
            text = read_utf8(file)
            calls = page_calls(dataset, text)
        except DataError as exc:  # not UTF-8: named at the page file's own line
            problems += exc.problems
            continue
        except PAGE_MISTAKES as exc:
            line, call, why = locate(exc, text)
            problems.append(Problem(file, line, call or "(macro call)", why))
            continue
        problems += _structure(dataset, source, i, calls, where)
    return problems

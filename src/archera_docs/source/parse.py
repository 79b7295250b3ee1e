"""One data file read into its model; every validation error becomes a located Problem."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar, get_args

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .model import PermissionsFile
from .risk_table import RiskTable
from .yaml_lines import SourceMap, load_yaml

M = TypeVar("M", bound=BaseModel)


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def key_names(roots: tuple[type[BaseModel], ...] = (PermissionsFile, RiskTable)) -> frozenset[str]:
    """Every key a mapping of the data files may hold."""
    names, seen, todo = set(), set(), list(roots)
    while todo:
        model = todo.pop()
        if model not in seen:
            seen.add(model)
            names.update(model.model_fields)
            todo += [m for f in model.model_fields.values() for m in _models_in(f.annotation)]
    return frozenset(names)


KEYS = key_names()


def _message(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}"
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and "action" in loc:
        return (f"{message} (got {error['input']!r}): an action is `service:Action`, with only "
                "* and ? as wildcards")
    if kind == "date_type" and isinstance(error.get("input"), str):
        return (f"{message} (got {error['input']!r}): write the date as year-month-day, "
                "2026-11-28, without quotes")
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{message} (got {error['input']!r})"
    return message


def parse(model: type[M], path: Path) -> tuple[M, SourceMap]:
    """Read one YAML file into `model`; every validation error becomes a located Problem."""
    raw, source = load_yaml(path, KEYS)
    try:
        return model.model_validate(raw), source
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part != "[key]")
            problems.append(source.problem(loc, _message(error)))
        raise DataError(problems) from None

"""One data file read into its model; every validation error becomes a located Problem."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Literal, TypeVar, get_args, get_origin

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


# Keys writers reach for that the model names otherwise, by the key the entry takes instead.
SYNONYMS = {"reason": "why", "why": "reason", "description": "summary", "name": "title"}


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model of the entry at `loc` (list indexes and mapping keys of ids skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int) or part not in current.model_fields:
            continue
        found = _models_in(current.model_fields[part].annotation)
        current = found[0] if found else None
    return current


def _allowed_values(model: type[BaseModel] | None, key: str) -> list[str]:
    """The values a Literal field takes (`kind`: read, write, service-wide), else none."""
    if model is None or key not in model.model_fields:
        return []
    annotation = model.model_fields[key].annotation
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return [str(v) for v in get_args(annotation)] if get_origin(annotation) is Literal else []


def _unknown_key(model: type[BaseModel] | None, key: str) -> str:
    message = f"unknown key {key!r}"
    if model is None:
        return message
    allowed = list(model.model_fields)
    meant = ([SYNONYMS[key]] if SYNONYMS.get(key) in allowed else
             difflib.get_close_matches(key, allowed, n=1, cutoff=0.6))
    if meant:
        return f"{message}; did you mean {meant[0]!r}?"
    return f"{message}; this entry takes: {', '.join(allowed)}"


def _message(error: dict, root: type[BaseModel]) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        return _unknown_key(_model_at(root, loc[:-1]), loc[-1])
    if kind == "missing":
        values = _allowed_values(_model_at(root, loc[:-1]), loc[-1])
        return f"missing required key {loc[-1]!r}" + (
            f" (one of: {', '.join(values)})" if values else "")
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
            problems.append(source.problem(loc, _message(error, model)))
        raise DataError(problems) from None

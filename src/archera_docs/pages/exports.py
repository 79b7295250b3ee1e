"""Markdown documenting the shape of /permissions.json, read from its pydantic model."""

from __future__ import annotations

import datetime as dt
import types
import typing

from pydantic import BaseModel

from ..files.exports import EXPORT_MODELS
from . import markdown as md

_SCALARS = {str: "string", int: "integer", bool: "boolean", dt.date: "string (date)",
            type(None): "null"}


def json_type(annotation) -> str:
    """A field's type as JSON names it: `array of Group`, `object of array of string`."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__.removeprefix("Exported")
    if origin is typing.Literal:
        return " or ".join(repr(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(json_type(a) for a in args)
    if origin is list:
        return f"array of {json_type(args[0])}"
    if origin is tuple:
        return f"array [{', '.join(json_type(a) for a in args)}]"
    if origin is dict:
        return f"object of {json_type(args[1])}"
    raise TypeError(f"no JSON name for {annotation!r}")


def export_shape() -> str:
    """One table per object of the export: field, JSON type, meaning."""
    parts = []
    for model in EXPORT_MODELS:
        parts.append(f"### {model.__name__.removeprefix('Exported')}")
        parts.append(md.text(model.__doc__ or ""))
        rows = [[md.code(name), md.text(json_type(field.annotation)), md.text(field.description or "")]
                for name, field in model.model_fields.items()]
        parts.append(md.table(["Field", "Type", "Meaning"], rows))
    return "\n\n".join(parts)

"""Markdown documenting the shape of /permissions.json, read from its pydantic model."""

from __future__ import annotations

from . import markdown as md
from .exports import EXPORT_MODELS


def _type_name(annotation) -> str:
    text = annotation.__name__ if isinstance(annotation, type) else str(annotation)
    for prefix in ("typing.", "datetime.", "archera_docs.exports.Exported", "archera_docs.exports."):
        text = text.replace(prefix, "")
    return text


def export_shape() -> str:
    """One table per object of the export: field, type, meaning."""
    parts = []
    for model in EXPORT_MODELS:
        parts.append(f"### {model.__name__.removeprefix('Exported')}")
        parts.append(md.text(model.__doc__ or ""))
        rows = [[md.code(name), md.code(_type_name(field.annotation)), md.text(field.description or "")]
                for name, field in model.model_fields.items()]
        parts.append(md.table(["Field", "Type", "Meaning"], rows))
    return "\n\n".join(parts)

"""MkDocs hook: add the downloadable policies and templates to the site as real files.

Generated in `on_files`, they are part of the site before pages are rendered, so strict link
validation checks every link to them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from archera_docs.artifacts import site_files
from archera_docs.errors import DataError
from archera_docs.load import load_project


def on_files(files: Files, config) -> Files:
    """Append every file `archera_docs.artifacts` builds, at its path under the site root."""
    try:
        dataset = load_project(Path(config.config_file_path).parent)
        generated = site_files(dataset, config.site_url)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    for path, text in generated.items():
        files.append(File.generated(config, path, content=text))
    return files

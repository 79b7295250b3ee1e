"""MkDocs hook: add the downloadable policies and templates to the site as real files.

Generated in `on_files`, they are part of the site before pages are rendered, so strict link
validation checks every link to them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from archera_docs.build import Preview, load_site
from archera_docs.files.site import site_files
from archera_docs.source.errors import DataError


def on_files(files: Files, config) -> Files:
    """Append every file `archera_docs.files.site` builds, at its path under the site root."""
    try:
        generated = site_files(load_site(Path(config.config_file_path).parent), config.site_url)
    except DataError as exc:
        if Preview.serving:  # the pages show the problems instead (hooks/preview.py)
            return files
        raise PluginError(str(exc)) from None
    for path, text in generated.items():
        files.append(File.generated(config, path, content=text))
    return files

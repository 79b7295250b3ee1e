"""Command-line entry points over the pipeline: check, write the files, the schema, catalog-diff."""

"""Reading the data files: YAML with the line of every entry, the typed model, located errors and
the JSON Schema editors validate against."""

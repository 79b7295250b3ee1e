"""Print the JSON Schema of data/permissions.yaml, as data/permissions.schema.json holds it.

    python -m archera_docs.cli.schema > data/permissions.schema.json
"""

from ..source.schema import schema_text

if __name__ == "__main__":
    print(schema_text(), end="")

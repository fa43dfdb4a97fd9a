"""`cold-to-gold schema` — the JSON Schema of the format, for editors' YAML language servers."""

from __future__ import annotations

import argparse

from cold_to_gold.cli.common import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.schema_file import schema_text

    print(schema_text(), end="")
    return EXIT_OK

"""`cold-to-gold schema` — the JSON Schema of the format, for editors' YAML language servers."""

from __future__ import annotations

import argparse
import json

from cold_to_gold.cli.common import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK

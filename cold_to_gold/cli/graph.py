"""`cold-to-gold graph FILE [--format mermaid|dot] [--output PATH]` — the branch map."""

from __future__ import annotations

import argparse
from pathlib import Path

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, fail
from cold_to_gold.cli.play import Invalid, resolve


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.graph import dot, mermaid

    try:
        scenario = resolve(args.scenario)
    except Invalid:
        return EXIT_INPUT
    text = dot(scenario) if args.format == "dot" else mermaid(scenario)
    if args.output is None:
        print(text, end="")
        return EXIT_OK
    output = Path(args.output)
    if args.format == "mermaid" and output.suffix.lower() in (".md", ".markdown"):
        text = f"# {scenario.title}\n\n```mermaid\n{text}```\n"
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        return fail(f"cannot write {output}: {error.strerror or error}")
    print(f"wrote {output}")
    return EXIT_OK

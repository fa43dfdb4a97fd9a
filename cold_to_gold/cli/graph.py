"""`cold-to-gold graph FILE [--format mermaid|dot|svg|png] [--output PATH]` — the branch map."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, fail
from cold_to_gold.cli.play import Invalid, resolve

# The format an --output file's suffix asks for when --format is not given.
SUFFIXES = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.graph import dot, mermaid
    from cold_to_gold.author.render import RenderError, render

    output = Path(args.output) if args.output else None
    chosen = args.format or SUFFIXES.get(output.suffix.lower() if output else "", "mermaid")
    if chosen == "png" and output is None and sys.stdout.isatty():
        raise UsageError("--format png is a picture: give --output FILE, or redirect the output")
    try:
        scenario = resolve(args.scenario)
    except Invalid:
        return EXIT_INPUT
    if chosen == "mermaid":
        data = mermaid(scenario).encode()
        if output is not None and output.suffix.lower() in (".md", ".markdown"):
            data = f"# {scenario.title}\n\n```mermaid\n{data.decode()}```\n".encode()
    elif chosen == "dot":
        data = dot(scenario).encode()
    else:
        try:
            data = render(dot(scenario), chosen)
        except RenderError as error:
            return fail(str(error))
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        output.write_bytes(data)
    except OSError as error:
        return fail(f"cannot write {output}: {error.strerror or error}")
    print(f"wrote {output}")
    return EXIT_OK

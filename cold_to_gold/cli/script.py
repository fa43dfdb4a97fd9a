"""`cold-to-gold script FILE|ID [--html DIR]`: every word of a scenario, to sign off or read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, fail
from cold_to_gold.cli.play import Invalid, resolve


def run(args: argparse.Namespace) -> int:
    try:
        scenario = resolve(args.scenario)
    except Invalid:
        return EXIT_INPUT
    if args.html is None:
        from cold_to_gold.author.script import script_text

        sys.stdout.write(script_text(scenario))
        return EXIT_OK
    from cold_to_gold.author.script_html import write_script

    out = Path(args.html)
    if out.exists() and not out.is_dir():
        return fail(f"cannot write the script to {out}: it is a file, not a folder")
    try:
        written = write_script(scenario, out)
    except OSError as error:
        where = error.filename or out
        return fail(f"cannot write the script to {where}: {error.strerror or error}")
    print(f"wrote {written}; open it in a browser and print from there")
    return EXIT_OK

"""`cold-to-gold new ID [--people N] [--dir PATH]` — a commented starter scenario."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cold_to_gold.base import paths
from cold_to_gold.base.one_line import quoted
from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, exists, fail
from cold_to_gold.scenario.spec import SLUG_PATTERN

MAX_ID_LENGTH = 64


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.schema_file import write_schema
    from cold_to_gold.author.starter import starter

    if len(args.id) > MAX_ID_LENGTH:  # it names the file too, and file names are short
        raise UsageError(
            f"{quoted(args.id, 40)} is {len(args.id)} characters long; an id has at most "
            f"{MAX_ID_LENGTH}"
        )
    if not re.fullmatch(SLUG_PATTERN, args.id):
        raise UsageError(
            f"{quoted(args.id)} is not a valid id (use lowercase letters, digits and '-')"
        )
    if not 1 <= args.people <= 4:
        raise UsageError("--people takes 1 to 4")
    folder = Path(args.dir) if args.dir else paths.user_scenarios_dir()
    target = folder / f"{args.id}.yaml"
    if exists(target):
        return fail(f"{target} already exists; not overwritten", EXIT_INPUT)
    if (taken := taken_by(args.id)) is not None:
        return fail(f"the id '{args.id}' is already taken by {taken}; choose another id")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as file:
            file.write(starter(args.id, args.people, str(target)))
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    print(f"Created {target}")
    try:  # the starter's first line points the editor at this file
        schema = write_schema(folder)
    except OSError as error:
        print(f"cannot write the schema for editors: {error.strerror or error}", file=sys.stderr)
    else:
        if schema:
            print(f"Wrote {schema}: your editor completes and checks the file as you type.")
    print(f"Next: edit it, then `cold-to-gold play {target} --watch` for a live preview.")
    return EXIT_OK


def taken_by(scenario_id: str) -> str | None:
    """Which library scenario already has this id ('the bundled scenario …'), if any:
    a second one would be shadowed in the picker and by `play ID`."""
    from cold_to_gold.library.listing import discover

    for entry in discover(use_cache=True):
        if entry.valid and entry.id == scenario_id:
            owner = "the bundled" if entry.source == "bundled" else "your"
            return f"{owner} scenario “{entry.title}” ({entry.path})"
    return None

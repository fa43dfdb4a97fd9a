"""`cold-to-gold new ID [--people N] [--dir PATH]` — a commented starter scenario."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from cold_to_gold import paths
from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, exists, fail
from cold_to_gold.one_line import quoted
from cold_to_gold.scenario.spec import SLUG_PATTERN

MAX_ID_LENGTH = 64


def run(args: argparse.Namespace) -> int:
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
    try:
        if exists(target):
            return fail(f"{target} already exists; not overwritten", EXIT_INPUT)
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as file:
            file.write(starter(args.id, args.people, str(target)))
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    print(f"Created {target}")
    print(f"Next: edit it, then `cold-to-gold play {target} --watch` for a live preview.")
    return EXIT_OK

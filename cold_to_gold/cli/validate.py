"""`cold-to-gold validate PATH...` — every error in every file, as path:line:column: message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, fail, named_scenario_files, no_files
from cold_to_gold.one_line import escaped
from cold_to_gold.scenario.load import load_scenario
from cold_to_gold.scenario.problems import ScenarioInvalid


def run(args: argparse.Namespace) -> int:
    files = named_scenario_files(args.paths)
    if not files:
        return fail(no_files(args.paths))
    invalid = 0
    for file in files:
        try:
            load_scenario(file)
        except ScenarioInvalid as error:
            invalid += 1
            for problem in error.problems:
                print(problem)
        else:
            print(f"OK {escaped(str(file))}")  # one line, whatever the name
    if len(files) > 1:
        valid = len(files) - invalid
        print(f"{len(files)} files: {valid} valid, {invalid} invalid", file=sys.stderr)
    refresh_schemas(files)
    return EXIT_INPUT if invalid else EXIT_OK


def refresh_schemas(files: list[Path]) -> None:
    """Bring the editors' schema up to date beside every file whose first line names it.

    Run on every save by an editor's task, this is what carries a new version
    of the format to the editor. A schema that cannot be written is reported,
    but does not change what validation found.
    """
    from cold_to_gold.author.schema_file import names_the_schema, write_schema

    for folder in sorted({file.parent for file in files if names_the_schema(file)}):
        try:
            written = write_schema(folder)
        except OSError as error:
            print(
                f"cannot refresh the schema in {folder}: {error.strerror or error}", file=sys.stderr
            )
        else:
            if written:
                print(
                    f"refreshed {written} (the schema your editor checks against)", file=sys.stderr
                )

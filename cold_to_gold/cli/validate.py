"""`cold-to-gold validate PATH...` — every error in every file, as path:line:column: message."""

from __future__ import annotations

import argparse
import sys

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, NO_FILES, fail, named_scenario_files
from cold_to_gold.one_line import escaped
from cold_to_gold.scenario.load import load_scenario
from cold_to_gold.scenario.problems import ScenarioInvalid


def run(args: argparse.Namespace) -> int:
    files = named_scenario_files(args.paths)
    if not files:
        return fail(NO_FILES)
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
    return EXIT_INPUT if invalid else EXIT_OK

"""`cold-to-gold test PATH...` — run each scenario's scripted playthroughs."""

from __future__ import annotations

import argparse

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, fail, named_scenario_files, no_files
from cold_to_gold.engine import SearchTooLarge, check_all
from cold_to_gold.one_line import escaped
from cold_to_gold.scenario.load import load_scenario
from cold_to_gold.scenario.problems import ScenarioInvalid


def run(args: argparse.Namespace) -> int:
    files = named_scenario_files(args.paths)
    if not files:
        return fail(no_files(args.paths))
    passed = failed = broken = 0
    for file in files:
        print(escaped(str(file)))  # one line, whatever the name
        try:
            scenario = load_scenario(file)
            outcomes = check_all(scenario)
        except ScenarioInvalid as error:
            broken += 1
            for problem in error.problems:
                print(f"  {problem}")
            continue
        except SearchTooLarge as error:
            broken += 1
            print(f"  cannot score: {error}")
            continue
        if not outcomes:
            print("  (no tests)")
        for outcome in outcomes:
            if outcome.passed:
                passed += 1
                print(f"  PASS {outcome.test.name}")
            else:
                failed += 1
                print(f"  FAIL {outcome.test.name}")
                for failure in outcome.failures:
                    print(f"       {failure}")
    summary = f"{passed} passed, {failed} failed"
    if broken:
        summary += f", {broken} file{'s' if broken > 1 else ''} invalid"
    print(summary)
    return EXIT_INPUT if failed or broken else EXIT_OK

"""`cold-to-gold lint PATH... [--json] [--ignore CODE,...]` — warnings a validator cannot give."""

from __future__ import annotations

import argparse
import json

from cold_to_gold.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    UsageError,
    fail,
    named_scenario_files,
    no_files,
)
from cold_to_gold.one_line import escaped
from cold_to_gold.scenario.load import load_scenario
from cold_to_gold.scenario.problems import ScenarioInvalid


def ignored_codes(text: str | None) -> frozenset[str]:
    from cold_to_gold.author.lint import CODES

    codes = frozenset(part.strip() for part in (text or "").split(",") if part.strip())
    unknown = sorted(codes - set(CODES))
    if unknown:
        raise UsageError(f"unknown lint code {', '.join(unknown)} (codes: {', '.join(CODES)})")
    return codes


def run(args: argparse.Namespace) -> int:
    from cold_to_gold.author.lint import lint

    ignore = ignored_codes(args.ignore)
    if not args.paths:  # your own scenarios, where the app finds them
        from cold_to_gold.paths import user_scenarios_dir

        own = user_scenarios_dir()
        if not own.is_dir():
            return fail(
                f"no scenarios of your own yet in {escaped(str(own))}: make one with "
                "`cold-to-gold new ID`, or name the files to lint"
            )
        args.paths = [str(own)]
    files = named_scenario_files(args.paths)
    if not files:
        return fail(no_files(args.paths))
    findings, invalid = [], 0
    for file in files:
        try:
            scenario = load_scenario(file)
        except ScenarioInvalid as error:
            invalid += 1
            if not args.json:
                for problem in error.problems:
                    print(problem)
            else:
                findings += [
                    {"file": p.path, "line": p.line, "column": p.column, "code": "invalid",
                     "message": p.message}
                    for p in error.problems
                ]  # fmt: skip
            continue
        report = lint(scenario, ignore)
        if args.json:
            findings += [finding.as_json() for finding in report.findings]
            continue
        for finding in report.findings:
            print(finding)
        count = len(report.findings)
        print(f"{escaped(str(file))}: {count} finding{'s' if count != 1 else ''}")
        for line in report.summary(scenario):
            print(line)
        findings += list(report.findings)
    if args.json:
        print(json.dumps(findings, indent=2, ensure_ascii=False))
    return EXIT_INPUT if findings or invalid else EXIT_OK

"""`cold-to-gold export SESSION|CODE --csv FILE --xapi FILE` — a class session's results."""

from __future__ import annotations

import argparse
import json
import sys

from cold_to_gold.classroom.gradebook import session_gradebook
from cold_to_gold.classroom.results import NoSuchSession, session_results
from cold_to_gold.classroom.roster import Roster, RosterError, home_page
from cold_to_gold.classroom.xapi import session_statements
from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, fail, open_class_records


def run(args: argparse.Namespace) -> int:
    if not (args.csv or args.xapi):
        raise UsageError("export needs --csv FILE or --xapi FILE (or both; '-' is stdout)")
    try:
        home_page()
        roster = Roster.load(args.roster)
    except RosterError as error:
        return fail(str(error))
    records = open_class_records()
    try:
        results = session_results(records, args.session)
    except NoSuchSession as error:
        return fail(str(error))
    finally:
        records.close()
    trainees = sum(1 for attempt in results.attempts if not attempt.removed)
    if args.csv and not write(args.csv, session_gradebook(results)):
        return EXIT_INPUT
    if args.xapi and not write(args.xapi, statements_json(session_statements(results, roster))):
        return EXIT_INPUT
    print(f"{results.session.id}: {trainees} trainees exported", file=sys.stderr)
    return EXIT_OK


def statements_json(statements: list[dict]) -> str:
    return json.dumps(statements, indent=2, ensure_ascii=False) + "\n"


def write(target: str, text: str) -> bool:
    """Write `text` to a file (or stdout for '-'); False after saying why it could not."""
    if target == "-":
        sys.stdout.write(text)
        return True
    try:
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
        return False
    return True

"""`cold-to-gold history [--json]` — finished runs from the progress store."""

from __future__ import annotations

import argparse
import json
import sys

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK
from cold_to_gold.store.progress import ProgressStore


def run(args: argparse.Namespace) -> int:
    store = ProgressStore.open()
    if store.notice:
        print(f"cold-to-gold: {store.notice}", file=sys.stderr)
    if args.csv or args.xapi:
        try:
            return export(store, args)
        finally:
            store.close()
    try:
        runs = store.history(args.scenario)
        best = store.best_by_scenario()
    finally:
        store.close()
    if args.json:
        print(json.dumps([finished.as_json() for finished in runs], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not runs:
        print("No finished runs yet.")
        return EXIT_OK
    width = max(len(finished.scenario) for finished in runs)
    for finished in runs:
        print(
            f"{finished.when}  {finished.scenario:<{width}}  {finished.grade:<8}"
            f" {finished.percent:>3}%  {finished.minutes:>4} min  {finished.ending}"
        )
    print()
    shown = {finished.scenario for finished in runs}
    tops = [f"{key} {top.grade} {top.percent}%" for key, top in best.items() if key in shown]
    print("Best per scenario: " + ", ".join(tops))
    return EXIT_OK


def export(store: ProgressStore, args: argparse.Namespace) -> int:
    """`--csv` and `--xapi`: the finished runs as a gradebook and as xAPI statements."""
    from cold_to_gold.classroom.own_runs import own_gradebook, own_statements
    from cold_to_gold.cli.export import statements_json, write

    if args.csv and not write(args.csv, own_gradebook(store, args.scenario)):
        return EXIT_INPUT
    if args.xapi and not write(args.xapi, statements_json(own_statements(store, args.scenario))):
        return EXIT_INPUT
    return EXIT_OK

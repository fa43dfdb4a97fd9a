"""`cold-to-gold history [--json] [--scenario ID]` — finished runs, newest first."""

from __future__ import annotations

import argparse
import json
import sys

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, fail
from cold_to_gold.store.progress import ProgressStore, StoreError, zone_label


def run(args: argparse.Namespace) -> int:
    store = ProgressStore.open()
    try:
        if store.storage == "memory" and store.path.exists():
            return fail(f"cannot read your progress: {store.notice}")
        if store.notice:
            print(f"cold-to-gold: {store.notice}", file=sys.stderr)
        if args.csv or args.xapi:
            return export(store, args)
        runs = store.history(args.scenario)
        best = store.best_by_scenario()
        played = store.scenario_ids()
    except StoreError as error:
        return fail(f"cannot read your progress in {store.path}: {error.reason}", EXIT_INPUT)
    finally:
        store.close()
    if args.scenario is not None and args.scenario not in played:
        check_known(args.scenario)
    if args.json:
        print(json.dumps([finished.as_json() for finished in runs], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not runs:
        if args.scenario is not None:
            print(f"No finished runs of '{args.scenario}' yet.")
        else:
            print("No finished runs yet.")
        return EXIT_OK
    from cold_to_gold.scenario.library import discover, ending_titles

    titles = ending_titles(discover(use_cache=True))
    width = max(len(finished.scenario) for finished in runs)
    grades = max(len(finished.verdict) for finished in runs)
    print(f"Finished runs, newest first (times in {zone_label(runs)}):")
    for finished in runs:
        ending = titles.get((finished.scenario, finished.ending), finished.ending)
        print(
            f"{finished.when}  {finished.scenario:<{width}}  {finished.verdict:<{grades}}"
            f" {finished.percent:>3}%  {finished.minutes:>4} min  {ending}"
        )
    print()
    shown = {finished.scenario for finished in runs}
    tops = [f"{key} {top.verdict} {top.percent}%" for key, top in best.items() if key in shown]
    print("Best per scenario: " + ", ".join(tops))
    return EXIT_OK


def check_known(scenario_id: str) -> None:
    """A scenario never played must at least be in the library, or the id is a mistake."""
    from cold_to_gold.scenario.library import discover, find

    if find(scenario_id, discover(use_cache=True)) is None:
        raise UsageError(
            f"no scenario with the id '{scenario_id}' in the library or your history "
            "(see `cold-to-gold list`)"
        )


def export(store: ProgressStore, args: argparse.Namespace) -> int:
    """`--csv` and `--xapi`: the finished runs as a gradebook and as xAPI statements."""
    from cold_to_gold.classroom.own_runs import own_gradebook, own_statements
    from cold_to_gold.cli.export import statements_json, write

    if args.csv and not write(args.csv, own_gradebook(store, args.scenario)):
        return EXIT_INPUT
    if args.xapi and not write(args.xapi, statements_json(own_statements(store, args.scenario))):
        return EXIT_INPUT
    return EXIT_OK

"""`cold-to-gold history [--json]` — finished runs from the progress store."""

from __future__ import annotations

import argparse
import json
import sys

from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, fail
from cold_to_gold.store.progress import ProgressStore, StoreError


def run(args: argparse.Namespace) -> int:
    store = ProgressStore.open()
    try:
        if store.storage == "memory" and store.path.exists():
            return fail(f"cannot read your progress: {store.notice}")
        if store.notice:
            print(f"cold-to-gold: {store.notice}", file=sys.stderr)
        runs = store.history(args.scenario)
        best = store.best_by_scenario()
    except StoreError as error:
        return fail(f"cannot read your progress in {store.path}: {error.reason}", EXIT_INPUT)
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

"""`cold-to-gold list` — the scenario library with id, title, level, minutes and path."""

from __future__ import annotations

import argparse
import json

from cold_to_gold.cli.common import EXIT_OK, existing_paths
from cold_to_gold.one_line import escaped, one_line
from cold_to_gold.scenario.library import LibraryEntry, discover


def as_json(entry: LibraryEntry) -> dict[str, object]:
    summary = entry.summary
    return {
        "id": entry.id,
        "title": entry.title,
        "level": summary.level or None if summary else None,
        "play_minutes": summary.play_minutes if summary else None,
        "source": entry.source,
        "path": str(entry.path),
        "valid": entry.valid,
        "error": str(entry.problems[0]) if entry.problems else None,
        "notes": list(entry.notes),
    }


def run(args: argparse.Namespace) -> int:
    entries = discover(existing_paths(args.paths), use_cache=True)
    if args.json:
        print(json.dumps([as_json(entry) for entry in entries], indent=2))
        return EXIT_OK
    if not entries:
        print("No scenarios found.")
        return EXIT_OK
    # A file's name is not validated like its contents: escape it, as every id and title.
    width = max(len(escaped(entry.id)) for entry in entries)
    for entry in entries:
        summary = entry.summary
        shown_id = escaped(entry.id)
        if summary is None:
            print(f"{shown_id:<{width}}  INVALID  {one_line(str(entry.problems[0]))}")
            continue
        minutes = f"{summary.play_minutes} min" if summary.play_minutes else ""
        print(
            f"{shown_id:<{width}}  {escaped(summary.title)[:40]:<40}  {summary.level or '-':<12}"
            f"  {minutes:>6}  {entry.source:<7}  {escaped(str(entry.path))}"
        )
        for note in entry.notes:
            print(f"{'':<{width}}  note: {one_line(note)}")
    return EXIT_OK

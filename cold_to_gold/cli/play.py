"""`cold-to-gold play FILE|ID [--choose ids] [--json]` — in the app, or headless."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cold_to_gold.base.one_line import escaped, quoted, shortened
from cold_to_gold.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    UsageError,
    exists,
    fail,
    looks_like_path,
)
from cold_to_gold.library.listing import find_named
from cold_to_gold.library.load import load_scenario
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import ScenarioInvalid


class Invalid(Exception):
    """The named scenario does not load; its problems were printed."""


def resolve(name: str) -> Scenario:
    """The scenario a user named: a file path, or an id from the library."""
    if looks_like_path(name):
        path = Path(name)
        if not exists(path):
            raise UsageError(f"no such scenario file: {shortened(escaped(name), 100)}")
        return _load(path)  # a folder, a pipe or a device is refused there, with its location
    entry = find_named(name)  # a bad file already checked is not read again
    if entry is None:
        raise UsageError(f"no scenario with the id {quoted(name, 100)} (see `cold-to-gold list`)")
    return _load(entry.path)


def _load(path: Path) -> Scenario:
    try:
        return load_scenario(path)
    except ScenarioInvalid as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise Invalid from None


def parse_choices(text: str) -> list[str]:
    choices = [part.strip() for part in text.split(",")] if text.strip() else []
    if any(not choice for choice in choices):
        raise UsageError("--choose takes choice ids separated by commas, with none empty")
    return choices


def run(args: argparse.Namespace) -> int:
    if args.json and args.choose is None:
        raise UsageError("--json needs --choose (the transcript of a headless run)")
    if args.watch and args.choose is not None:
        raise UsageError("--watch is for the app; it cannot be combined with --choose")
    for option in ("presenter", "countdown"):
        if getattr(args, option) and args.choose is not None:
            raise UsageError(f"--{option} is for the app; it cannot be combined with --choose")
    try:
        scenario = resolve(args.scenario)
    except Invalid:
        return EXIT_INPUT
    if args.choose is None:
        from cold_to_gold.cli.app import open_app

        watch = Path(scenario.path) if args.watch else None
        return open_app(
            scenario=scenario, presenter=args.presenter, watch=watch, countdown=args.countdown
        )
    return play_headless(scenario, parse_choices(args.choose), as_json=args.json)


def play_headless(scenario: Scenario, choices: list[str], as_json: bool) -> int:
    from cold_to_gold.cli.summary import summary
    from cold_to_gold.engine import PlayError, SearchTooLarge, play, transcript

    try:
        run = play(scenario, choices)
        data = transcript(run)
    except PlayError as error:
        return fail(f"{scenario.path}: {error}")
    except SearchTooLarge as error:
        return fail(f"{scenario.path}: cannot score this scenario: {error}")
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(summary(run, data))
    if not run.finished:
        print(f"note: the run has not ended; it is at scene '{run.at}'", file=sys.stderr)
    return EXIT_OK

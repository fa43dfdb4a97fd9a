"""Opening the Textual app from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cold_to_gold.cli.common import EXIT_OK, existing_paths

if TYPE_CHECKING:
    from cold_to_gold.scenario.model import Scenario


def open_app(
    scenario: Scenario | None = None, presenter: bool = False, paths: list[str] | None = None
) -> int:
    """Run the app until the trainee quits."""
    from cold_to_gold.tui.app import build_app

    build_app(scenario, existing_paths(paths or []), presenter).run()
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return open_app(paths=getattr(args, "paths", []))

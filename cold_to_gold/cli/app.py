"""Opening the Textual app from the command line."""

from __future__ import annotations

import argparse

from cold_to_gold.cli.common import EXIT_USAGE, fail
from cold_to_gold.scenario.model import Scenario


def open_app(scenario: Scenario | None = None, presenter: bool = False) -> int:
    return fail(
        "the interactive app is not built yet; play headless with "
        "`cold-to-gold play FILE --choose id1,id2,...`",
        EXIT_USAGE,
    )


def run(args: argparse.Namespace) -> int:
    return open_app()

"""The `cold-to-gold` command: one entry point, subcommands in their own modules.

The top layer: it may import any other. `preflight` holds check-setup's checks.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cold_to_gold.cli.common import (
    EXIT_INPUT,
    EXIT_USAGE,
    InputError,
    UsageError,
    fail,
    looks_like_path,
)

if TYPE_CHECKING:
    import argparse

PROG = "cold-to-gold"
# Each subcommand's module is imported only when used, so the app starts fast; the
# parser is not even built when the command is the app alone (`cold-to-gold`).
_COMMANDS = {
    "app": "cold_to_gold.cli.app",
    "play": "cold_to_gold.cli.play",
    "validate": "cold_to_gold.cli.validate",
    "test": "cold_to_gold.cli.scripted",
    "list": "cold_to_gold.cli.library",
    "history": "cold_to_gold.cli.history",
    "lint": "cold_to_gold.cli.lint",
    "graph": "cold_to_gold.cli.graph",
    "script": "cold_to_gold.cli.script",
    "new": "cold_to_gold.cli.new",
    "schema": "cold_to_gold.cli.schema",
    "host": "cold_to_gold.cli.host",
    "join": "cold_to_gold.cli.join",
    "export": "cold_to_gold.cli.export",
    "report": "cold_to_gold.cli.report",
    "check-setup": "cold_to_gold.cli.check_setup",
    "guide": "cold_to_gold.cli.guide",
}


def with_command(argv: list[str]) -> list[str]:
    """`cold-to-gold FILE...` means `cold-to-gold app FILE...`: the app with those files."""
    first = argv[0] if argv else ""
    if first and first not in _COMMANDS and not first.startswith("-") and looks_like_path(first):
        return ["app", *argv]
    return argv


def refuse_unknown(
    parser: argparse.ArgumentParser, command: str | None, unknown: list[str]
) -> None:
    """Exit 2 with the command's own usage, and the option that was probably meant:
    'cold-to-gold lint: error: unknown option --jsno (did you mean --json?)'."""
    import argparse
    import difflib

    sub = next(
        (
            action.choices[command]
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction) and command in action.choices
        ),
        parser,
    )
    first = unknown[0]
    if not first.startswith("-"):
        sub.error(f"unrecognized arguments: {' '.join(unknown)}")
    options = [option for action in sub._actions for option in action.option_strings]
    meant = difflib.get_close_matches(first.split("=", 1)[0], options, n=1, cutoff=0.6)
    hint = f" (did you mean {meant[0]}?)" if meant else f" (options: {', '.join(options)})"
    sub.error(f"unknown option {first}{hint}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 input problem, 2 usage)."""
    arguments = with_command(list(sys.argv[1:] if argv is None else argv))
    if not arguments:  # the app, as it is started most often: no parser to build

        def open_app() -> int:
            from cold_to_gold.cli.app import open_app

            return open_app()

        return _guarded(open_app, PROG)
    from cold_to_gold.cli.parser import build_parser

    parser = build_parser()
    args, unknown = parser.parse_known_args(arguments)
    command = args.command or "app"
    if unknown:
        refuse_unknown(parser, args.command, unknown)

    def run_command() -> int:
        module = importlib.import_module(_COMMANDS[command])
        return int(module.run(args))

    return _guarded(run_command, parser.prog)


def _guarded(command: Callable[[], int], prog: str) -> int:
    """The command's exit code; wrong usage (exit 2, as argparse exits), bad input, Ctrl-C,
    a closed pipe and any internal error each end as one line, never a traceback."""
    try:
        return command()
    except UsageError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    except InputError as error:
        return fail(str(error), EXIT_INPUT)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`cold-to-gold list | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a last guard so no traceback reaches a user
        if os.environ.get("COLD_TO_GOLD_DEBUG"):
            raise
        return fail(
            f"internal error: {type(error).__name__}: {error} (set COLD_TO_GOLD_DEBUG=1 "
            "for details)",
            EXIT_INPUT,
        )

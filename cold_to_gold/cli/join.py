"""`cold-to-gold join CODE@HOST:PORT [--name NAME] [--choose a,b,c]` — a trainee joins."""

from __future__ import annotations

import argparse
import asyncio

from cold_to_gold.classroom.client import parse_address
from cold_to_gold.classroom.protocol import ProtocolError, clean_name
from cold_to_gold.cli.common import EXIT_OK, UsageError, fail


def run(args: argparse.Namespace) -> int:
    try:
        address = parse_address(args.address)
    except ValueError as error:
        raise UsageError(str(error)) from None
    name = None
    if args.name is not None:
        try:
            name = clean_name(args.name)
        except ProtocolError as error:
            raise UsageError(f"--name: {error}") from None
    if not args.retry >= 0:
        raise UsageError("--retry takes a number of seconds, 0 or more")
    if args.choose is None:
        from cold_to_gold.tui.classroom import open_join_app

        return open_join_app(address, name, args.retry)
    if name is None:
        raise UsageError("a scripted trainee needs --name")
    from cold_to_gold.classroom.scripted import play_scripted
    from cold_to_gold.cli.play import parse_choices

    plan = parse_choices(args.choose)
    end = asyncio.run(play_scripted(address, name, plan, retry_seconds=args.retry))
    if end.code != EXIT_OK:
        return fail(end.message, end.code)
    return EXIT_OK

"""`cold-to-gold host SCENARIO [--pace] [--port] [--lan] [--headless] [--resume SESSION]`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from typing import Any

from cold_to_gold.classroom.browser import BrowserUnavailable
from cold_to_gold.classroom.forwarding import forward_from_env
from cold_to_gold.classroom.host import Host, HostError, Where, new_session, resumed_session
from cold_to_gold.classroom.hub import Hub
from cold_to_gold.classroom.lrs import LrsConfig, LrsConfigError
from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.roster import Roster, RosterError, home_page
from cold_to_gold.classroom.ssh import SshUnavailable
from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, fail, open_class_records


def run(args: argparse.Namespace) -> int:
    if args.resume and args.scenario:
        raise UsageError("give a SCENARIO for a new session or --resume SESSION, not both")
    if not args.resume and not args.scenario:
        raise UsageError("host needs a SCENARIO (a file or a library id), or --resume SESSION")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise UsageError("--port takes a number from 0 (any free port) to 65535")
    if args.ssh is not None and not 0 <= args.ssh <= 65535:
        raise UsageError("--ssh takes a port number from 0 (any free port) to 65535")
    if args.headless and args.projector:
        raise UsageError("--projector is a view of the console; it cannot be --headless")
    try:
        LrsConfig.from_env()
        home_page()
        roster = Roster.load(args.roster)
    except (LrsConfigError, RosterError) as error:
        return fail(str(error))
    records = open_class_records()
    try:
        hub = open_hub(args, records)
    except HostError as error:
        records.close()
        return fail(str(error))
    except _Invalid:
        records.close()
        return EXIT_INPUT
    hub.roster = roster
    _same_way(args, records, hub.session.id)
    where = Where.choose(args.lan)
    try:
        if args.headless:
            return asyncio.run(headless(hub, where, args.port, args.browser, args.ssh))
        from cold_to_gold.tui.classroom.launch import open_console

        return open_console(hub, where, args.port, projector=args.projector, args=args)
    finally:
        records.close()


class _Invalid(Exception):
    pass


def _same_way(args: argparse.Namespace, records: Records, session_id: str) -> None:
    """A resumed session is served as it was (`--browser`, `--ssh`, `--lan`) unless the
    command says more; a new one records how it is served."""
    if args.resume:
        kept = records.host_options(session_id)
        args.browser = args.browser or bool(kept.get("browser"))
        args.lan = args.lan or bool(kept.get("lan"))
        if args.ssh is None and isinstance(kept.get("ssh"), int):
            args.ssh = kept["ssh"]
    records.save_host_options(
        session_id, {"browser": bool(args.browser), "lan": bool(args.lan), "ssh": args.ssh}
    )


def open_hub(args: argparse.Namespace, records: Records) -> Hub:
    # Headless there is no facilitator: each decision is revealed once everyone
    # connected has answered, and the next one opened at once.
    options = {
        "auto_reveal": args.headless or args.auto_reveal,
        "auto_advance": args.headless,
        "claims": not args.headless,
    }
    if args.resume:
        return resumed_session(records, args.resume, **options)
    from cold_to_gold.cli.play import Invalid, resolve

    try:
        scenario = resolve(args.scenario)
    except Invalid:
        raise _Invalid from None
    where = Where.choose(args.lan)
    return new_session(scenario, records, args.pace, where, **options)


def print_line(data: dict[str, Any]) -> None:
    # When nobody reads the events any more, the session itself goes on.
    with contextlib.suppress(BrokenPipeError, ValueError):
        print(json.dumps(data, ensure_ascii=False), flush=True)


async def headless(
    hub: Hub, where: Where, port: int | None, browser: bool = False, ssh: int | None = None
) -> int:
    """Serve until SIGINT or SIGTERM, printing one JSON object per event."""
    try:
        host = Host(hub, where, browser, ssh)
    except (BrowserUnavailable, SshUnavailable) as error:
        return fail(str(error))
    try:
        await host.start(port)
    except HostError as error:
        return fail(str(error))
    print_line(host.ready())
    hub.listeners.append(print_line)
    forwarder = forward_from_env(hub, lambda error: print_line({"event": "lrs", "error": error}))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    try:
        await stop.wait()
    finally:
        await host.stop()
        if forwarder is not None:
            await forwarder.stop()
        sys.stdout.flush()
    return EXIT_OK

"""Opening the live classroom's apps from the command line: the console and the join app."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cold_to_gold.classroom.client import Address
    from cold_to_gold.classroom.host import Where
    from cold_to_gold.classroom.hub import Hub


def open_console(
    hub: Hub,
    where: Where,
    port: int | None,
    projector: bool = False,
    args: argparse.Namespace | None = None,
) -> int:
    """Run the facilitator's console until they quit; the session is saved throughout."""
    from cold_to_gold.classroom.browser import BrowserUnavailable
    from cold_to_gold.classroom.host import Host
    from cold_to_gold.classroom.ssh import SshUnavailable
    from cold_to_gold.tui.console_app import ConsoleApp

    browser = bool(args and args.browser)
    try:
        host = Host(hub, where, browser=browser, ssh_port=args.ssh if args else None)
    except (BrowserUnavailable, SshUnavailable) as error:
        print(f"cold-to-gold: {error}")
        return 1
    app = ConsoleApp(hub, host, port, projector)
    code = app.run()
    return 0 if code is None else code


def open_join_app(address: Address, name: str | None, retry_seconds: float = 600.0) -> int:
    """Run the trainee's app joined to a live session."""
    from cold_to_gold.tui.join_app import JoinApp

    code = JoinApp(address, name, retry_seconds).run()
    return 0 if code is None else code

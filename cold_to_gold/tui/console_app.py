"""The facilitator's console: the live session's app, serving the room from its own loop."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from cold_to_gold.classroom.forwarding import Forwarder, forward_from_env
from cold_to_gold.classroom.host import Host, HostError
from cold_to_gold.classroom.hub import Hub


class ConsoleApp(App[int]):
    """Hosts the session while it runs; the console and projector screens show it."""

    TITLE = "Cold to Gold — live class"
    CSS_PATH = ["app.tcss", "screens/console.tcss"]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, hub: Hub, host: Host, port: int | None, projector: bool = False) -> None:
        super().__init__()
        self.hub = hub
        self.host = host
        self.port = port
        self.start_on_projector = projector
        self.show_names = False  # the projector shows names only when the facilitator says so
        self.forwarder: Forwarder | None = None
        self.lrs_problem: str | None = None  # the outbox's last failure, shown on the console

    async def on_mount(self) -> None:
        from cold_to_gold.tui.screens.console import ConsoleScreen

        try:
            await self.host.start(self.port)
        except HostError as error:
            self.exit(1, message=str(error))
            return
        self.forwarder = forward_from_env(self.hub, self.lrs_failed)
        self.push_screen(ConsoleScreen())
        if self.start_on_projector:
            self.action_projector()

    def action_projector(self) -> None:
        from cold_to_gold.tui.screens.projector import ProjectorScreen

        self.push_screen(ProjectorScreen())

    def action_class_debrief(self) -> None:
        from cold_to_gold.tui.screens.class_debrief import ClassDebriefScreen

        self.push_screen(ClassDebriefScreen())

    def lrs_failed(self, error: str) -> None:
        if error != self.lrs_problem:
            self.notify(f"LRS: {error}; the statements wait in the outbox", severity="warning")
        self.lrs_problem = error

    async def on_unmount(self) -> None:
        await self.host.stop()
        if self.forwarder is not None:
            await self.forwarder.stop()

"""The trainee's app joined to a live class: asks a name if needed, then follows the host."""

from __future__ import annotations

import os

from textual.app import App
from textual.binding import Binding

from cold_to_gold.classroom import seat_keys
from cold_to_gold.classroom.children import OWN_FOLDER, REMOTE
from cold_to_gold.classroom.client import (
    RETRY_SECONDS,
    Address,
    JoinError,
    TraineeClient,
    new_token,
)


class JoinApp(App[int]):
    """One trainee's seat. The host decides; this app shows what it sends and asks for choices."""

    TITLE = "Cold to Gold — live class"
    CSS_PATH = ["app.tcss", "screens/play.tcss", "screens/live_play.tcss"]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self, address: Address, name: str | None = None, retry_seconds: float = RETRY_SECONDS
    ) -> None:
        super().__init__()
        # Started by the host for a browser or SSH trainee: nothing may be written on the
        # host's disk, so no screenshot and no command palette (which offers one).
        self.remote = bool(os.environ.get(REMOTE))
        # A seat is kept in the data folder only when it is this device's own.
        self.keeps_seat = not self.remote or bool(os.environ.get(OWN_FOLDER))
        if self.remote:
            self.use_command_palette = False
        self.address = address
        self.retry_seconds = retry_seconds
        self.trainee = name
        self.client: TraineeClient | None = None

    def deliver_screenshot(self, *args: object, **kwargs: object) -> str | None:
        if self.remote:
            self.notify("Screenshots are off for trainees served by the host.")
            return None
        return super().deliver_screenshot(*args, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        if self.remote:  # started by the host: end with it, never linger holding a seat
            self.host_process = os.getppid()
            self.set_interval(1.0, self.check_host_process)
        held = seat_keys.kept(self.address) if self.keeps_seat else None
        if self.trainee is None and held is not None:
            self.trainee = held.name  # this device's seat: back to it without asking
        if self.trainee is None:
            from cold_to_gold.tui.screens.join_name import JoinNameScreen

            self.push_screen(JoinNameScreen(str(self.address)), self.start)
        else:
            self.start(self.trainee)

    def start(self, name: str | None) -> None:
        from cold_to_gold.tui.screens.live_play import LivePlayScreen

        if not name:
            self.exit(0)
            return
        self.trainee = name
        # SSH trainees' apps share one folder on the host: no token is kept there (a name
        # asked for again goes to the facilitator). A browser has a folder of its own.
        keep = self.keeps_seat
        token = seat_keys.key_for(self.address, name).token if keep else new_token()
        self.client = TraineeClient(
            self.address, name, token, self.retry_seconds, on_state=self.connection
        )
        self.push_screen(LivePlayScreen())
        self.run_worker(self.follow(), exclusive=True, group="host")

    async def follow(self) -> None:
        """Read the host's messages for as long as the session lasts."""
        from cold_to_gold.tui.screens.live_play import LivePlayScreen

        assert self.client is not None
        try:
            async with self.client:
                async for data in self.client.messages():
                    screen = self.screen
                    if isinstance(screen, LivePlayScreen):
                        await screen.heard(data)
        except JoinError as error:
            screen = self.screen
            if isinstance(screen, LivePlayScreen):
                screen.lost(str(error))

    def check_host_process(self) -> None:
        if os.getppid() != self.host_process:  # the host died: this app was handed to init
            self.exit(0)

    def connection(self, state: str) -> None:
        from cold_to_gold.tui.screens.live_play import LivePlayScreen

        if isinstance(self.screen, LivePlayScreen):
            self.screen.connection(state)

    async def send(self, kind: str, **fields: object) -> None:
        if self.client is not None:
            await self.client.send(kind, **fields)

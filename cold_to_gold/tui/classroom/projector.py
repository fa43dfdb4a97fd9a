"""The projector view: only what the room may see — how to join, who is in, the revealed answers.

Names stay off the wall unless the facilitator turns them on (`n`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cold_to_gold.classroom.host import Host
from cold_to_gold.tui.classroom.hub_screen import HubScreen
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.qr import QrCode
from cold_to_gold.tui.widgets.split_bars import split_text
from cold_to_gold.tui.widgets.title_bar import TitleBar


class ProjectorScreen(HubScreen):
    redraw_seconds = 0.25  # the wall: a reveal shows at once

    PLACE = "Projector"
    BINDINGS = [
        Binding("r", "reveal", "Reveal"),
        Binding("a", "advance", "Next decision"),
        Binding("n", "names", "Names on/off"),
        Binding("d", "app.class_debrief", "Debrief"),
        Binding("escape,v", "back", "Console"),
    ]

    def compose(self) -> ComposeResult:
        host = self.app.host  # type: ignore[attr-defined]
        yield TitleBar()
        with Horizontal(id="projector-body"):
            if host.front is not None:  # a link and its QR code only when browsers are served
                with Vertical(id="projector-left"):
                    yield QrCode(host.url)
                    yield Static(Text(host.url), id="projector-link")
            with VerticalScroll(id="projector-right"):
                yield Static(join_text(host), id="projector-join")
                yield Static(id="projector-room")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.hub.scenario.title
        self.follow_the_hub()

    def show(self) -> None:
        self.dirty = False
        hub = self.hub
        text = Text()
        text.append(f"{len(hub.active_seats())} joined\n\n", "bold")
        if hub.paused:
            text.append("Paused\n\n", "bold reverse")
        if hub.pace == "together":
            text.append(f"Decision {hub.round + 1}: {len(hub.answered())} answered\n\n")
            if hub.revealed:
                for scene, counts in hub.split(hub.round).items():
                    text.append_text(split_text(hub.scenario, scene, counts))
                    text.append("\n")
        if self.app.show_names:  # type: ignore[attr-defined]
            names = ", ".join(seat.name for seat in hub.active_seats())
            text.append("\n")
            text.append(Text(names))  # as typed, never markup
        self.query_one("#projector-room", Static).update(text)

    def action_reveal(self) -> None:
        self.hub.reveal()
        self.show()

    def action_advance(self) -> None:
        self.hub.advance()
        self.show()

    def action_names(self) -> None:
        self.app.show_names = not self.app.show_names  # type: ignore[attr-defined]
        self.show()

    def action_back(self) -> None:
        self.app.pop_screen()


def join_text(host: Host) -> Text:
    """How to join, first on the wall and in lines short enough for 80×24."""
    text = Text()
    text.append("Code  ", "bold")
    text.append(f" {host.hub.code} ", "bold reverse")
    text.append("\n\ncold-to-gold join\n", "bold")
    text.append(f"  {host.address}\n")
    if host.ssh_command is not None:
        text.append(f"{host.ssh_command}\n", "bold")
        text.append("  password: the join code\n")
    return text

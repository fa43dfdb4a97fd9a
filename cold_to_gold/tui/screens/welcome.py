"""The first start: the four channels on one screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cold_to_gold.tui.channels import DESCRIPTIONS, ICONS

# Textual markup, not Markdown: the welcome is the first frame a new trainee sees,
# and drawing it must not wait for a Markdown parser to load.
INTRO = "You play a salesperson. At each decision, pick a [b]channel[/b]:"
WELCOME = """\
Everyone you meet keeps three numbers: [b]they know you[/b], [b]you know them[/b] \
and [b]trust[/b]. A post moves only the first. Time together moves all three.

[b]1–9[/b] choose · [b]Enter[/b] continue · [b]u[/b] undo · [b]?[/b] help · [b]q[/b] leave\
"""


class WelcomeScreen(ModalScreen[None]):
    """Enter or Escape dismisses it."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [
        Binding("enter", "dismiss", "Start", show=False),
        Binding("escape", "dismiss", "Start", show=False),
    ]

    def compose(self) -> ComposeResult:
        # The channels as a grid: a description that wraps stays under itself.
        channels = Table.grid(padding=(0, 1))
        channels.add_column(width=8, no_wrap=True)
        channels.add_column(ratio=1)
        for name, text in DESCRIPTIONS.items():
            channels.add_row(Text.assemble(f"{ICONS[name]} ", (name, "bold")), f"— {text}")
        with Vertical(classes="dialog welcome"):
            yield Static("Welcome to Cold to Gold", classes="title")
            # Scrolls on a small window (60x20), so the way on stays on screen below it.
            with VerticalScroll(classes="welcome-text"):
                yield Static(INTRO)
                yield Static(channels, classes="channels")
                yield Static(WELCOME)
            yield Static("Press Enter to begin", classes="hint")

    def on_mount(self) -> None:
        self.query_one(".welcome-text").focus()  # ↓ and PgDn scroll it where it is cut

"""The first start: the four channels on one screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cold_to_gold.tui.channels import DESCRIPTIONS, ICONS

# Textual markup, not Markdown: the welcome is the first frame a new trainee sees,
# and drawing it must not wait for a Markdown parser to load.
WELCOME = """\
You play a salesperson. At each decision, pick a [b]channel[/b]:

{channels}

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
        channels = "\n".join(
            f"  {ICONS[name]} [b]{name}[/b] — {text}" for name, text in DESCRIPTIONS.items()
        )
        with Vertical(classes="dialog welcome"):
            yield Static("Welcome to Cold to Gold", classes="title")
            yield Static(WELCOME.format(channels=channels), classes="welcome-text")
            yield Static("Press Enter to begin", classes="hint")

"""The first start: the four channels on one screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from cold_to_gold.tui.channels import DESCRIPTIONS, ICONS

WELCOME = """\
You play a salesperson. At each decision, pick a **channel**:

{channels}

Everyone you meet keeps three numbers: **they know you**, **you know them**
and **trust**. A post moves only the first. Time together moves all three.

**1–9** choose · **Enter** continue · **u** undo · **?** help · **q** leave
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
            f"- {ICONS[name]} **{name}** — {text}" for name, text in DESCRIPTIONS.items()
        )
        with Vertical(classes="dialog welcome"):
            yield Static("Welcome to Cold to Gold", classes="title")
            yield Markdown(WELCOME.format(channels=channels))
            yield Static("Press Enter to begin", classes="hint")

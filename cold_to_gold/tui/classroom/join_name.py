"""Asking a trainee's name before they join a live class."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cold_to_gold.classroom.protocol import ProtocolError, clean_name


class JoinNameScreen(ModalScreen[str | None]):
    """Dismisses with the name typed (None when the trainee leaves with Escape)."""

    CSS_PATH = "../screens/modal.tcss"
    BINDINGS = [Binding("escape", "leave", "Leave", show=False)]

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Joining the class at {escape(self.where)}", classes="question")
            yield Static("Your name, as the facilitator will see it:")
            yield Input(placeholder="your name", max_length=40, id="name")
            yield Static(id="name-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            name = clean_name(event.value)
        except ProtocolError as error:
            self.query_one("#name-problem", Static).update(str(error))
            return
        self.dismiss(name)

    def action_leave(self) -> None:
        self.dismiss(None)

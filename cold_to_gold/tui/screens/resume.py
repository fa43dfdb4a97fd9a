"""On start: an unfinished run is offered for resume."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cold_to_gold.store.progress import SavedRun


class ResumeScreen(ModalScreen[str]):
    """Dismisses with "resume", "discard" or "later".

    `starting`: asked as a scenario is opened, so the third answer is a new run (the
    unfinished one is kept and offered again next time), and "discard" starts one too."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [
        Binding("r", "answer('resume')", "Resume", show=False),
        Binding("d", "answer('discard')", "Discard", show=False),
        Binding("escape,l", "answer('later')", "Later", show=False),
    ]

    def __init__(self, saved: SavedRun, starting: bool = False) -> None:
        super().__init__()
        self.saved = saved
        self.starting = starting

    def compose(self) -> ComposeResult:
        count = len(self.saved.choices)
        local = datetime.fromisoformat(self.saved.started_at).astimezone()
        started = f"{local:%Y-%m-%d %H:%M} {local.tzname() or 'local time'}"
        with Vertical(classes="dialog"):
            yield Static("An unfinished run", classes="title")
            yield Static(
                f"You left “{self.saved.title}” after {count} choice{'s' if count != 1 else ''} "
                f"(started {started}). Every choice was saved.",
                classes="question",
            )
            with Horizontal(classes="buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("New run (l)" if self.starting else "Later (l)", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

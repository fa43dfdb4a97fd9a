"""On start: an unfinished run is offered for resume."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cold_to_gold.store.progress import SavedRun


class ResumeScreen(ModalScreen[str | None]):
    """Dismisses with "resume", "discard" (once confirmed: the choices are lost) or "later".

    `starting`: asked as a scenario is opened, so the third answer is a new run, "new"
    (the unfinished one is kept and offered again next time), "discard" starts one too,
    and Escape (None) plays nothing: back to where the scenario was picked."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [
        Binding("r", "answer('resume')", "Resume", show=False),
        Binding("d", "discard", "Discard", show=False),
        Binding("l", "answer('later')", "Later", show=False),
        Binding("n", "answer('new')", "New run", show=False),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, saved: SavedRun, starting: bool = False) -> None:
        super().__init__()
        self.saved = saved
        self.starting = starting

    @property
    def choices_made(self) -> str:
        """'1 choice', '3 choices': what the run holds."""
        count = len(self.saved.choices)
        return f"{count} choice{'s' if count != 1 else ''}"

    def compose(self) -> ComposeResult:
        local = datetime.fromisoformat(self.saved.started_at).astimezone()
        started = f"{local:%Y-%m-%d %H:%M} {local.tzname() or 'local time'}"
        with Vertical(classes="dialog"):
            yield Static("An unfinished run", classes="title")
            yield Static(
                f"You left “{self.saved.title}” after {self.choices_made} "
                f"(started {started}). Every choice was saved.",
                classes="question",
            )
            with Horizontal(classes="buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                if self.starting:
                    yield Button("New run (n)", id="new")
                else:
                    yield Button("Later (l)", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "discard":
            self.action_discard()
        else:
            self.dismiss(event.button.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`l` (later) answers the offer at start, `n` (a new run) the one as a scenario opens."""
        if action == "answer" and parameters in (("later",), ("new",)):
            return (parameters == ("new",)) == self.starting
        return True

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_leave(self) -> None:
        """Escape: at start, the offer waits for next time; as a scenario opens, nothing is
        played."""
        self.dismiss(None if self.starting else "later")

    def action_discard(self) -> None:
        """Discarding loses the run's choices: asked first, as rewinding is."""
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        question = (
            f"Discard the unfinished run of “{self.saved.title}”? Its {self.choices_made} "
            "cannot be brought back."
        )

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss("discard")

        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep"), answered)

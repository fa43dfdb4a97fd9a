"""Save a copy of a run elsewhere, when the progress file cannot take it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from cold_to_gold.base.one_line import escaped
from cold_to_gold.store.recorded import RecordedRun
from cold_to_gold.store.run_copy import suggested_path, write_copy


class SaveCopyScreen(ModalScreen[Path | None]):
    """Asks where to write the copy; dismisses with the file written, or None."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, recorded: RecordedRun) -> None:
        super().__init__()
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        why = self.recorded.unsaved or "the progress file cannot be written"
        with Vertical(classes="dialog"):
            yield Static("Save a copy of this run", classes="title")
            yield Static(
                f"Your progress file does not hold this run ({why}). Write a copy to:",
                classes="question",
            )
            yield Input(str(suggested_path(self.recorded.record())), id="copy-path")
            yield Static("", id="copy-problem", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy-path", Input).focus()

    @on(Input.Submitted, "#copy-path")
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        typed = self.query_one("#copy-path", Input).value.strip()
        record = self.recorded.record()
        try:
            target = Path(typed).expanduser()
            if target.is_dir():
                target = suggested_path(record, target)
            written = write_copy(record, target)
        except (OSError, ValueError, RuntimeError) as error:  # say it, let them pick another
            why = getattr(error, "strerror", None) or error
            self.query_one("#copy-problem", Static).update(escaped(f"Cannot write {typed}: {why}"))
            return
        self.dismiss(written)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

"""The room's vote in numbers: how many hands went up for each choice (presenter mode)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cold_to_gold.engine.run import Option
from cold_to_gold.tui.channels import badge


class TallyScreen(ModalScreen[dict[str, int] | None]):
    """A number per choice; dismisses with {choice id: hands}, or None to skip.

    Enter moves to the next field and saves on the last; a blank field counts no
    hands (as its placeholder 0 shows), and a form left wholly blank saves no tally.
    Escape cancels. Digits go into the fields, never to the choices behind the dialog.
    """

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "skip", "Skip", show=False)]

    def __init__(self, options: list[Option], hands: dict[str, int] | None = None) -> None:
        super().__init__()
        self.options = [option for option in options if option.available]
        self.hands = hands or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tally"):
            yield Static("The room's vote: hands for each choice", classes="title")
            for option in self.options:
                choice = option.choice
                with Horizontal(classes="tally-row"):
                    # A grid: a label that wraps stays under itself, right of the channel.
                    label = Table.grid(padding=(0, 2))
                    label.add_column(no_wrap=True, width=9)
                    label.add_column(ratio=1)
                    label.add_row(
                        Text.assemble((f"{option.number} ", "bold"), badge(choice.channel)),
                        choice.label,
                    )
                    yield Static(label, classes="tally-label")
                    value = self.hands.get(choice.id)
                    yield Input(
                        "" if value is None else str(value),
                        placeholder="0",
                        restrict=r"[0-9]*",
                        max_length=4,
                        id=f"hands-{option.number}",
                        classes="tally-hands",
                        select_on_focus=True,
                    )
            yield Static("Enter: next, and on the last: save · Esc: cancel", classes="hint")

    @on(Input.Submitted)
    def next_or_save(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()  # a blank field too: it means no hands
            return
        if not any(field.value for field in fields):
            self.dismiss(None)  # nothing typed anywhere: no tally
            return
        self.dismiss(
            {
                option.choice.id: int(field.value or 0)
                for option, field in zip(self.options, fields, strict=True)
            }
        )

    def action_skip(self) -> None:
        self.dismiss(None)

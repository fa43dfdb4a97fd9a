"""The choices of a scene: numbered, with channel and time cost; locked ones say why."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cold_to_gold.engine.run import Option as RunOption
from cold_to_gold.tui.channels import badge


def describe(option: RunOption) -> Table:
    """'1  ☎ call   Call her for ten minutes · 20 min', wrapped under the label."""
    choice = option.choice
    label = Text(choice.label)
    label.append(f" · {choice.minutes} min", "italic")
    if not option.available:
        label.append(f"\nlocked: {option.reason}", "italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(width=7)
    grid.add_column(ratio=1)
    grid.add_row(Text(str(option.number), "bold"), Text(badge(choice.channel), "bold"), label)
    return grid


class ChoiceList(OptionList):
    """An option list of the run's choices; choosing posts `ChoiceList.Chosen`."""

    class Chosen(Message):
        """The trainee picked an available choice."""

        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def show(self, options: list[RunOption]) -> None:
        self.set_options(
            Option(describe(option), id=option.choice.id, disabled=not option.available)
            for option in options
        )
        first = next((i for i, option in enumerate(options) if option.available), None)
        self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))

"""The choices of a scene: numbered, with channel and time cost; locked ones say why.

After a choice the same list offers one option, Continue, so focus never moves
and a mouse user has something to click.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.renderables.digits import Digits
from textual.screen import Screen
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cold_to_gold.engine.run import Option as RunOption
from cold_to_gold.tui.channels import badge

CONTINUE = "continue ⏎"  # an option id no choice id can take (choice ids have no spaces)


class ChoicePrompt:
    """'1 ☎ call  Call her for ten minutes   20 min', the label wrapping under itself.

    The layout of a four-column grid, drawn directly: a rich Table measures every
    cell each time it is drawn, and the choice list is redrawn at every scene.
    """

    NUMBER, BADGE = 1, 7  # column widths; one space between columns

    def __init__(self, option: RunOption, cost_width: int = 6) -> None:
        choice = option.choice
        self.number = Text(str(option.number), "bold")
        self.badge = Text(badge(choice.channel), "bold")
        self.label = Text(choice.label)
        if not option.available:
            self.label.append(f"\nlocked: {option.reason}", "italic")
        self.cost = Text(cost_text(choice.minutes), "italic")
        self.cost_width = max(cost_width, self.cost.cell_len)  # "120 min", never "120 mi"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        left = self.NUMBER + 1 + self.BADGE + 1
        width = max(1, options.max_width - left - 1 - self.cost_width)
        for index, line in enumerate(self.label.wrap(console, width)):
            line.set_length(width)
            if index == 0:
                channel, cost = self.badge.copy(), self.cost.copy()
                channel.align("left", self.BADGE)
                cost.align("right", self.cost_width)
                row = Text.assemble(self.number, " ", channel, " ", line, " ", cost)
            else:
                row = Text.assemble(" " * left, line, " " * (1 + self.cost_width))
            row.end = "\n"
            yield row

    def height(self, console: Console, width: int) -> int:
        """How many rows it takes at `width`: its label's lines, counted without drawing."""
        label_width = width - (self.NUMBER + 1 + self.BADGE + 1) - 1 - self.cost_width
        if label_width < 1:  # narrower than its columns: each row wraps as it is drawn
            options = console.options.update_width(width).update(highlight=False)
            return sum(text.count("\n") for text, _, _ in console.render(self, options))
        return len(self.label.wrap(console, label_width))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.NUMBER + self.BADGE + self.cost_width + 4, options.max_width)


def open_choice(options: list[RunOption], number: int, screen: Screen) -> str | None:
    """The id of choice `number` when it is open; a locked one rings and says why on
    `screen`, a number past the list does nothing."""
    if number > len(options):
        return None
    option = options[number - 1]
    if not option.available:
        screen.app.bell()
        screen.notify(f"{number} is locked: {option.reason}", timeout=3)
        return None
    return option.choice.id


class PromptVisual(RichVisual):
    """A `ChoicePrompt` as the list shows it: its height is counted from its wrapped label,
    not by drawing it (the list measures every option at several widths; a scene of
    hundreds of choices took seconds)."""

    def __init__(self, widget: Widget, prompt: ChoicePrompt) -> None:
        super().__init__(widget, prompt)
        self.prompt = prompt

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.prompt.height(self._widget.app.console, width)


def cost_text(minutes: int) -> str:
    return f"{minutes} min"


def describe_large(option: RunOption, digits: bool = True) -> Table:
    """A choice in large type for the projector: a big number beside the label (the
    number in bold instead of drawn digits when the screen is short)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=3 if digits else 1)
    grid.add_column(ratio=1)
    label = Text(option.choice.label, "bold")
    label.append(f"\n{badge(option.choice.channel)} · {option.choice.minutes} min", "italic")
    if not option.available:
        label.append(f" · locked: {option.reason}", "italic")
    number = Digits(str(option.number)) if digits else Text(str(option.number), "bold reverse")
    grid.add_row(number, label)
    return grid


class ChoiceList(OptionList):
    """An option list of the run's choices; choosing posts `Chosen`, continuing `Continue`."""

    class Chosen(Message):
        """The trainee picked an available choice."""

        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    class Continue(Message):
        """The trainee is done reading the feedback."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # OptionList measures every option at every layout pass (a scene of hundreds of
        # choices took seconds to show): the height is kept per width until the options change.
        self._measured_heights: dict[tuple[int, int], int] = {}

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        key = (width, padding)
        if key not in self._measured_heights:
            height = super().get_content_height(container, viewport, width)
            self._measured_heights[key] = height
        return self._measured_heights[key]

    def show(self, options: list[RunOption], large: bool | str = False) -> None:
        """The scene's choices, none highlighted: Enter takes nothing until an arrow key
        (or the mouse) has picked one, so a stray Enter cannot answer for the room.

        `large`: presenter type, with big drawn digits when it is "digits"."""
        cost_width = max((len(cost_text(o.choice.minutes)) for o in options), default=6)

        def prompt(option: RunOption) -> RenderableType | PromptVisual:
            if large:
                return describe_large(option, digits=large == "digits")
            return PromptVisual(self, ChoicePrompt(option, cost_width))

        self._measured_heights.clear()
        with self.prevent(OptionList.OptionHighlighted):  # nobody listens: no messages
            self.set_options(
                Option(prompt(option), id=option.choice.id, disabled=not option.available)
                for option in options
            )
            self.highlighted = None

    def show_continue(self, finished: bool, undo: bool = True) -> None:
        """One option, Continue, highlighted: Enter goes on once the feedback is read.

        The list shrinks to it, so the feedback gets the room the choices had. `undo`
        says whether `u` can take the choice back (not in a live class: the host has it).
        """
        label = "See how it went" if finished else "Continue"
        hint = f"⏎ {label}   ·   u undo" if undo else f"⏎ {label}"
        self._measured_heights.clear()
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options([Option(Text(hint, "bold"), id=CONTINUE)])
            self.highlighted = 0

    # Locked choices cannot be highlighted, so the arrows alone would never bring one
    # below the fold into view: at the last available choice, ↓ and End show the rest.
    def action_cursor_down(self) -> None:
        last = max(
            (i for i, option in enumerate(self.options) if not option.disabled), default=None
        )
        if self.highlighted is not None and self.highlighted == last and self.can_scroll_down:
            # A page at a time, one row kept: no locked choice is jumped over.
            self.scroll_relative(
                y=max(1, self.scrollable_content_region.height - 1), animate=False, immediate=True
            )
            return
        super().action_cursor_down()

    def action_last(self) -> None:
        super().action_last()
        self.scroll_end(animate=False, immediate=True)

    @property
    def can_scroll_down(self) -> bool:
        return self.scroll_y < self.max_scroll_y

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    class Resized(Message):
        """The list's size changed: what it hides below may have changed too."""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == CONTINUE:
            self.post_message(self.Continue())
        elif event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))

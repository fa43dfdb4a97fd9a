"""The debrief: how the run ended, why it scored what it did, and rewind to try another way."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, OptionList, Static
from textual.widgets.option_list import Option

from cold_to_gold.engine import Step, result_of
from cold_to_gold.engine.changes import LABELS, format_number
from cold_to_gold.engine.debrief import best_steps, channel_mix
from cold_to_gold.store.recorded import RecordedRun
from cold_to_gold.tui.channels import badge
from cold_to_gold.tui.widgets.cast import CastPanel
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.mix_chart import MixChart
from cold_to_gold.tui.widgets.prose import Prose
from cold_to_gold.tui.widgets.title_bar import TitleBar


def step_line(number: int, step: Step, titles: dict[str, str]) -> Table:
    """' 1. Scene title / ☎ call: the label (20 min)', wrapped under the text."""
    text = Text(titles.get(step.scene, step.scene))
    choice = step.choice
    text.append(f"\n{badge(choice.channel)}: {choice.label} ({choice.minutes} min)", "italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}.", "bold"), text)
    return grid


class DebriefScreen(Screen):
    """The end of a run: the grade, where the score came from, and the what-if of rewind."""

    PLACE = "Debrief"
    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("r", "replay", "Replay"),
        Binding("enter", "rewind", "Rewind to step", show=True),
        Binding("h", "history", "History"),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape", "picker", "Scenarios"),
        Binding("q", "picker", "Scenarios", show=False),
    ]

    def __init__(self, recorded: RecordedRun) -> None:
        super().__init__()
        self.recorded = recorded
        self.run = recorded.run

    def compose(self) -> ComposeResult:
        run, scenario = self.run, self.run.scenario
        ending = run.ending
        assert ending is not None
        result = result_of(run)
        yield TitleBar()
        with VerticalScroll(id="debrief"):
            with Horizontal(id="verdict"):
                with Vertical(id="ending"):
                    yield Static(Text(ending.title, "bold"), id="ending-title")
                    yield Static(f"Outcome: {ending.outcome}", id="ending-outcome")
                    yield Prose(run.ending_text or ending.text, id="ending-text")
                with Vertical(id="grade-box"):
                    yield Static(Text(f"Grade: {result.grade.upper()}", "bold"), id="grade")
                    with Horizontal(id="percent-row"):
                        yield Digits(str(result.percent), id="percent")
                        yield Static("%", id="percent-sign")
                    yield Static(
                        f"score {format_number(result.score)} of a best "
                        f"{format_number(result.best.score)}",
                        id="score",
                    )
            yield Static(self.breakdown(result.parts), id="breakdown")
            yield Static("Where your time went, and what it was worth", classes="heading")
            yield MixChart(id="mix")
            yield Static("The people", classes="heading")
            yield CastPanel(scenario, id="debrief-cast")
            with Horizontal(id="paths"):
                with Vertical(id="your-path"):
                    yield Static("Your path — pick a step, Enter to rewind", classes="heading")
                    yield OptionList(id="rewind")
                with Vertical(id="best-path"):
                    yield Static("The best path", classes="heading")
                    yield Static(id="best-steps")
        yield KeyBar()

    @staticmethod
    def breakdown(parts: dict) -> str:
        if not parts:
            return "Where the score came from: nothing yet."
        items = [
            f"{LABELS.get(name, name)} {format_number(amount)}" for name, amount in parts.items()
        ]
        return "Where the score came from: " + " · ".join(items)

    def on_mount(self) -> None:
        self.title = f"{self.run.scenario.title} — debrief"
        self.query_one("#mix", MixChart).show(channel_mix(self.run))
        self.query_one("#debrief-cast", CastPanel).show(self.run.state)
        titles = {scene.id: scene.title for scene in self.run.scenario.scenes.values()}
        rewind = self.query_one("#rewind", OptionList)
        rewind.set_options(
            Option(step_line(number, step, titles), id=str(number - 1))
            for number, step in enumerate(self.run.steps, start=1)
        )
        if self.run.steps:
            rewind.highlighted = len(self.run.steps) - 1  # the last decision: the usual what-if
        else:
            rewind.add_option(Option("No choices were made.", disabled=True))
        best = best_steps(self.run, result_of(self.run).best)
        lines = Group(*(step_line(number, step, titles) for number, step in enumerate(best, 1)))
        self.query_one("#best-steps", Static).update(
            lines if best else "No choices: the run ends at once."
        )
        rewind.focus(scroll_visible=False)
        self.query_one("#debrief").scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#rewind")
    def rewind_picked(self) -> None:
        self.action_rewind()

    def action_rewind(self) -> None:
        rewind = self.query_one("#rewind", OptionList)
        if rewind.highlighted is None or not self.run.steps:
            return
        keep = int(rewind.get_option_at_index(rewind.highlighted).id or 0)
        self.app.play(self.run.scenario, choices=self.run.path[:keep], replace=True)
        self.notify(f"Rewound to step {keep + 1}: choose differently this time.", timeout=3)

    def action_replay(self) -> None:
        self.app.play(self.run.scenario, replace=True)

    def action_picker(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        from cold_to_gold.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

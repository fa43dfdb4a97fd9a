"""History: every finished run, each scenario's best, and the trend of percent over time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from cold_to_gold.store.progress import FinishedRun
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar

BLOCKS = "▁▂▃▄▅▆▇█"


def trend(percents: list[int], width: int = 8) -> str:
    """The last few percents as block characters: '▂▄▇█'."""
    recent = percents[-width:]
    return "".join(BLOCKS[min(7, max(0, p) * 8 // 101)] for p in recent)


class HistoryScreen(Screen):
    """Finished runs, newest first."""

    PLACE = "History"
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="history"):
            yield Static("Percent over time, every finished run", classes="heading")
            yield Sparkline([], id="trend")
            yield Static(id="trend-summary")
            yield Static("Best per scenario", classes="heading")
            yield DataTable(id="best", cursor_type="row", zebra_stripes=True)
            yield Static("Every run, newest first", classes="heading")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "History"
        from cold_to_gold.store.progress import StoreError

        store = self.app.open_store()
        try:
            runs = store.history()
            best = store.best_by_scenario()
        except StoreError as error:
            self.cannot_read(error.reason)
            return
        percents = [run.percent for run in runs]
        self.query_one("#trend", Sparkline).data = percents or [0]
        summary = (
            f"{len(runs)} runs · first {percents[0]}% · latest {percents[-1]}% · "
            f"best {max(percents)}%"
            if runs
            else "No finished runs yet."
        )
        self.query_one("#trend-summary", Static).update(summary)
        self.show_best(runs, best)
        table = self.query_one("#runs", DataTable)
        table.add_columns("finished", "scenario", "grade", "%", "min", "ending")
        for run in reversed(runs):
            table.add_row(run.when, run.title, run.grade, run.percent, run.minutes, run.ending)
        if not runs:
            table.add_row("", "No finished runs yet: play a scenario to the end.", "", "", "", "")
        table.focus()

    def cannot_read(self, reason: str) -> None:
        """Say it where the runs would be: an empty history would not be true."""
        message = f"Your progress cannot be read now ({reason}). Try again in a moment."
        self.query_one("#trend-summary", Static).update(message)
        table = self.query_one("#runs", DataTable)
        table.add_columns("finished", "scenario")
        table.add_row("", message)
        table.focus()

    def show_best(self, runs: list[FinishedRun], best: dict[str, FinishedRun]) -> None:
        table = self.query_one("#best", DataTable)
        table.add_columns("scenario", "runs", "best", "%", "trend")
        by_scenario: dict[str, list[FinishedRun]] = {}
        for run in runs:
            by_scenario.setdefault(run.scenario, []).append(run)
        for scenario_id, scenario_runs in by_scenario.items():
            top = best[scenario_id]
            table.add_row(
                top.title,
                len(scenario_runs),
                top.grade,
                top.percent,
                trend([run.percent for run in scenario_runs]),
            )

    def action_back(self) -> None:
        self.app.pop_screen()

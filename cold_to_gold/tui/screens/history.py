"""History: every finished run, each scenario's best, and the trend of percent over time.

One scrolling page, newest run first, times in the local zone (named). Where the
window is too narrow for every column, the table keeps the short ones and the
highlighted run's details are written out in full above it: nothing is dropped.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from cold_to_gold.store.progress import FinishedRun, zone_label
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar

BLOCKS = "▁▂▃▄▅▆▇█"
WIDE = 100  # from this width every column fits


def trend(percents: list[int], width: int = 8) -> str:
    """The last few percents (oldest first) as block characters: '▂▄▇█'."""
    recent = percents[-width:]
    return "".join(BLOCKS[min(7, max(0, p) * 8 // 101)] for p in recent)


def details(run: FinishedRun, ending: str | None = None) -> Text:
    """Everything about one run, in words, for when the table shows only part of it;
    `ending` is the ending's title (history keeps its id)."""
    text = Text("▸ ", "bold")
    text.append(f"{run.when} {run.zone}", "bold")
    text.append(f" · {run.title} · {run.verdict} {run.percent}% · {run.minutes} min · ")
    text.append(f"ended: {ending or run.ending} ({run.outcome})")
    if run.votes:
        text.append(f" · the room voted on {len(run.votes)} steps")
    return text


class HistoryScreen(Screen):
    """Finished runs, newest first."""

    PLACE = "History"
    unreadable = False  # the store could not be read: the page says so instead
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="history"):
            yield Static("Percent over time, every finished run", classes="heading")
            yield Static(id="trend")
            yield Static(id="trend-summary")
            yield Static("Best per scenario", classes="heading")
            yield DataTable(id="best", cursor_type="none", zebra_stripes=True)
            yield Static("Every run, newest first", id="runs-heading", classes="heading")
            yield Static(id="run-details")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "History"
        from cold_to_gold.store.progress import StoreError

        self.runs: list[FinishedRun] = []
        self.percents: list[int] = []
        self.titles: dict[tuple[str, str], str] = {}
        self.best: dict[str, FinishedRun] = {}
        self.wide: bool | None = None
        store = self.app.open_store()  # type: ignore[attr-defined]
        try:
            self.runs = store.history()  # newest first
            self.best = store.best_by_scenario()
        except StoreError as error:
            self.cannot_read(error.reason)
            return
        self.titles = self.ending_titles()
        percents = [run.percent for run in reversed(self.runs)]  # oldest first: a trend
        self.percents = percents
        self.show_trend()
        self.query_one("#trend").display = bool(percents)  # no runs: no bar to misread
        summary = (
            f"{len(percents)} run{'s' if len(percents) != 1 else ''} · "
            f"first {percents[0]}% · latest {percents[-1]}% · "
            f"best {max(percents)}%"
            if percents
            else "No finished runs yet."
        )
        self.query_one("#trend-summary", Static).update(summary)
        if self.runs:
            self.query_one("#runs-heading", Static).update(
                f"Every run, newest first (times in {zone_label(self.runs)})"
            )
        self.fill_tables()
        self.query_one("#runs", DataTable).focus()

    def ending_titles(self) -> dict[tuple[str, str], str]:
        """The endings' titles from the library the app has listed (or its cache)."""
        from cold_to_gold.library.listing import discover_cached, ending_titles

        entries = getattr(self.app, "library", None) or discover_cached(
            getattr(self.app, "extra_paths", ())
        )
        return ending_titles(entries or [])

    def cannot_read(self, reason: str) -> None:
        """Say it where the runs would be: an empty history would not be true."""
        self.unreadable = True
        message = f"Your progress cannot be read now ({reason}). Try again in a moment."
        self.query_one("#trend-summary", Static).update(message)
        table = self.query_one("#runs", DataTable)
        table.add_columns("finished", "scenario")
        table.add_row("", message)
        table.focus()

    def on_resize(self) -> None:
        if not self.unreadable:
            self.show_trend()
            self.fill_tables()

    def show_trend(self) -> None:
        """A block a run, on the one scale of 0 to 100 %: 33 % is a third of a block high,
        whatever the other runs (a chart scaled to its own highest run drew one run at
        33 % as a full bar)."""
        width = max(8, self.size.width - 4)
        self.query_one("#trend", Static).update(trend(getattr(self, "percents", []), width))

    def fill_tables(self) -> None:
        """Every column when they fit; else the short ones and the details above."""
        wide = self.size.width >= WIDE
        if wide == self.wide:
            return
        self.wide = wide
        self.show_best(wide)
        table = self.query_one("#runs", DataTable)
        table.clear(columns=True)
        if wide:
            table.add_columns("finished", "scenario", "grade", "%", "min", "ending")
        else:
            table.add_columns("finished", "scenario", "grade", "%")
        for run in self.runs:
            cells = [run.when, run.title if wide else run.scenario, run.verdict, run.percent]
            ending = self.titles.get((run.scenario, run.ending), run.ending)
            table.add_row(*cells, *([run.minutes, ending] if wide else []))
        if not self.runs:
            table.add_row("", "No finished runs yet", "", "", *(["", ""] if wide else []))
        self.query_one("#run-details").display = not wide and bool(self.runs)
        self.follow = False  # the first highlight is the table's own: the page stays at its top
        self.show_details()

    def show_best(self, wide: bool) -> None:
        table = self.query_one("#best", DataTable)
        table.clear(columns=True)
        table.add_columns("scenario", "runs", "best", "%", "trend")
        by_scenario: dict[str, list[FinishedRun]] = {}
        for run in reversed(self.runs):  # oldest first: the trend reads left to right
            by_scenario.setdefault(run.scenario, []).append(run)
        for scenario_id, scenario_runs in by_scenario.items():
            top = self.best[scenario_id]
            table.add_row(
                top.title if wide else scenario_id,
                len(scenario_runs),
                top.verdict,
                top.percent,
                trend([run.percent for run in scenario_runs]),
            )

    @on(DataTable.RowHighlighted, "#runs")
    def show_details(self) -> None:
        """The highlighted run in full, and the page scrolled to keep it in sight."""
        table = self.query_one("#runs", DataTable)
        if not self.runs:
            return
        row = min(table.cursor_row, len(self.runs) - 1)
        run = self.runs[row]
        ending = self.titles.get((run.scenario, run.ending))
        self.query_one("#run-details", Static).update(details(run, ending))
        if not self.follow:
            self.follow = True
            return
        page = self.query_one("#history", VerticalScroll)
        top = table.virtual_region.y + 1 + row  # 1: the table's header
        self.call_after_refresh(
            page.scroll_to_region, Region(0, top, 1, 1), animate=False, immediate=True
        )

    def action_back(self) -> None:
        self.app.pop_screen()

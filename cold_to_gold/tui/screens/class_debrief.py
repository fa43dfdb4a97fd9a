"""The class debrief on the facilitator's console: the class report's numbers, with bars.

The same numbers as `cold-to-gold report` and its page (one `ClassReport`), read
from the host's seats as they are now.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.classroom.report import class_report
from cold_to_gold.classroom.report_data import report_text
from cold_to_gold.classroom.report_sources import live_taken
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar


class ClassDebriefScreen(Screen):
    PLACE = "Class debrief"
    BINDINGS = [Binding("escape,q", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="debrief-body"):
            yield Static(id="class-debrief", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        hub = self.app.hub  # type: ignore[attr-defined]
        self.title = f"Class debrief — {hub.scenario.title}"
        taken = live_taken(hub.records, hub.session, hub.active_seats())
        report = class_report(hub.scenario, taken)
        self.query_one("#class-debrief", Static).update(report_text(report))

    def action_back(self) -> None:
        self.app.pop_screen()

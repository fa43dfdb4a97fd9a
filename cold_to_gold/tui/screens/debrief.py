"""The debrief: how the run ended, why it scored what it did, and rewind to try another way.

The page starts at the top with the keys on it: ↓ scrolls, and past the end
goes into the path, where ↑/↓ pick a step and Enter asks before rewinding. The
path's feedback sits beside the best path, so the room can read back why.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static
from textual.widgets.option_list import Option

from cold_to_gold.base.verdict import verdict
from cold_to_gold.engine import Result, play, result_of
from cold_to_gold.engine.changes import LABELS, format_number
from cold_to_gold.engine.debrief import channel_mix
from cold_to_gold.engine.scale import meter_scale
from cold_to_gold.store.recorded import RecordedRun
from cold_to_gold.tui.channels import channel_share, room_share
from cold_to_gold.tui.saving import SaveWatch, at_risk, offer_copy
from cold_to_gold.tui.widgets.cast_strip import CastStrip
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.mix_chart import MixChart, signed
from cold_to_gold.tui.widgets.path_list import RewindList, step_line
from cold_to_gold.tui.widgets.prose import Prose
from cold_to_gold.tui.widgets.title_bar import TitleBar


class DebriefPage(VerticalScroll, can_focus=True):
    """The scrolling page; ↓ at its end moves on into the path."""

    class ReachedEnd(Message):
        """↓ pressed with nothing more to scroll."""

    def action_scroll_down(self) -> None:
        if self.scroll_y >= self.max_scroll_y:
            self.post_message(self.ReachedEnd())
            return
        super().action_scroll_down()


class DebriefScreen(Screen):
    """The end of a run: the grade, where the score came from, and the what-if of rewind."""

    PLACE = "Debrief"
    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("tab", "path", "Your path", key_display="↓ tab"),
        Binding("r", "replay", "Replay"),
        Binding("h", "history", "History"),
        Binding("s", "save_copy", "Save a copy"),  # shown only while the run is not saved
        Binding("question_mark", "app.help", "Help"),
        Binding("escape", "picker", "Scenarios"),
        Binding("q", "picker", "Scenarios", show=False),
    ]

    def __init__(self, recorded: RecordedRun, saving: SaveWatch | None = None) -> None:
        super().__init__()
        self.recorded = recorded
        self.saving: SaveWatch = saving if saving is not None else self.app.saving
        self.run = recorded.run

    def compose(self) -> ComposeResult:
        run = self.run
        ending = run.ending
        assert ending is not None
        result = result_of(run)
        yield TitleBar()
        with DebriefPage(id="debrief"):
            with Horizontal(id="verdict"):
                with Vertical(id="ending"):
                    yield Static(Text(ending.title, "bold"), id="ending-title")
                    yield Static(f"Outcome: {ending.outcome}", id="ending-outcome")
                    yield Prose(run.ending_text or ending.text, id="ending-text")
                with Vertical(id="grade-box"):
                    # The outcome beside the grade: "won · COLD" is a real result.
                    headline = verdict(result.grade.upper(), ending.outcome)
                    yield Static(Text(f"Grade: {headline}", "bold"), id="grade")
                    with Horizontal(id="percent-row"):
                        yield Digits(str(result.percent), id="percent")
                        yield Static("%", id="percent-sign")
                    yield Static(
                        f"score {format_number(result.score)} of a best "
                        f"{format_number(result.best.score)}",
                        id="score",
                    )
            yield Static(result.cap_note or "", id="cap-note")
            yield Static(self.breakdown(result.parts, run.scenario.var_labels), id="breakdown")
            yield Static(self.kept_track(), id="kept-track")
            yield Static("Where your time went, and what it was worth", classes="heading")
            yield MixChart(id="mix")
            yield Static("The people", classes="heading")
            yield CastStrip(run.scenario, id="debrief-cast")
            with Horizontal(id="paths"):
                with Vertical(id="your-path"):
                    yield Static("Your path — Enter on a step to rewind", classes="heading")
                    yield RewindList(id="rewind")
                with Vertical(id="best-path"):
                    yield Static("The best path", classes="heading")
                    yield Static(id="best-steps")
        yield KeyBar()

    @staticmethod
    def breakdown(parts: dict, var_labels: Mapping[str, str] | None = None) -> str:
        """'Where the score came from: trust +9 · …'. The scenario's weighted variables
        are the author's bookkeeping: named by their label (`var_labels`), the others'
        points summed as 'other points'."""
        if not parts:
            return "Where the score came from: nothing yet."
        names = {**(var_labels or {}), **LABELS, "minutes": "the time spent"}
        items = [f"{names[n]} {signed(amount)}" for n, amount in parts.items() if n in names]
        other = sum((amount for name, amount in parts.items() if name not in names), 0)
        if other:
            items.append(f"other points {signed(other)}")
        return "Where the score came from: " + " · ".join(items)

    def kept_track(self) -> str:
        """'What the run kept track of: calls to Ada 3 · sent the prices: yes' — only the
        vars the author gave a label (`var_labels`); the others are never shown."""
        scenario = self.run.scenario
        items = []
        for name, value in zip(scenario.vars, self.run.state.vars, strict=True):
            label = scenario.var_labels.get(name)
            if label is not None:
                is_bool = isinstance(value, bool)
                shown = ("yes" if value else "no") if is_bool else format_number(value)
                items.append(f"{label}: {shown}")
        return "What the run kept track of: " + " · ".join(items) if items else ""

    def on_mount(self) -> None:
        self.title = f"{self.run.scenario.title} — debrief"
        self.query_one("#kept-track").display = bool(self.run.scenario.var_labels)
        self.set_class(bool(self.app.presenter), "presenter")  # type: ignore[attr-defined]
        result = result_of(self.run)
        self.query_one("#cap-note").display = bool(result.cap_note)
        self.query_one("#debrief-cast", CastStrip).show(
            self.run.state, meter_scale(self.run.scenario)
        )
        self.show_paths(result)
        self.show_mix()
        page = self.query_one("#debrief", DebriefPage)
        page.focus(scroll_visible=False)
        page.scroll_home(animate=False)

    def show_mix(self) -> None:
        """The channel chart, on one scale with the best run's (larger on a projector)."""
        best = channel_mix(play(self.run.scenario, result_of(self.run).best.path))
        self.query_one("#mix", MixChart).show(
            channel_mix(self.run),
            self.run.scenario.time_budget,
            best,
            large=self.has_class("presenter"),
        )

    def show_paths(self, result: Result) -> None:
        titles = {scene.id: scene.title for scene in self.run.scenario.scenes.values()}
        rewind = self.query_one("#rewind", RewindList)
        rewind.set_options(
            Option(step_line(number, step, titles, self.vote(number - 1)), id=str(number - 1))
            for number, step in enumerate(self.run.steps, start=1)
        )
        if not self.run.steps:
            rewind.add_option(Option("No choices were made.", disabled=True))
        self.call_after_refresh(rewind.fit_height)
        best = play(self.run.scenario, result.best.path).steps
        lines = Group(*(step_line(number, step, titles) for number, step in enumerate(best, 1)))
        self.query_one("#best-steps", Static).update(
            lines if best else "No choices: the run ends at once."
        )

    def vote(self, position: int) -> str | None:
        """'62% of the room posted' for a step the room voted on."""
        tally = self.recorded.vote_on(position)
        if tally is None:
            return None
        step = self.run.steps[position]
        share = channel_share(tally, self.run.scenario.scenes[step.scene], step.choice.channel)
        return None if share is None else room_share(share, step.choice.channel)

    # --- the path: reached by ↓ past the end, or tab -------------------------

    @on(DebriefPage.ReachedEnd)
    def action_path(self) -> None:
        rewind = self.query_one("#rewind", RewindList)
        if rewind.highlighted is None and self.run.steps:
            rewind.highlighted = 0
        rewind.focus()

    @on(RewindList.Leave)
    def back_to_page(self) -> None:
        self.query_one("#debrief", DebriefPage).focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "path":  # asked before the screen is put together, too
            rewind = self.query("#rewind")
            return not (rewind and rewind.first().has_focus)
        if action == "save_copy":
            return at_risk(self.recorded)
        return True

    @on(RewindList.OptionSelected, "#rewind")
    def rewind_picked(self, event: RewindList.OptionSelected) -> None:
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        if not self.run.steps or event.option.id is None:
            return
        keep = int(event.option.id)
        title = self.run.scenario.scenes[self.run.steps[keep].scene].title
        # A title that is itself a quotation ("Send me something in writing") keeps its own.
        shown = title if title[:1] in "\"“'‘«" else f"“{title}”"
        question = (
            f"Rewind to step {keep + 1}, {shown}, and choose again? This run stays in your "
            "history; the new one starts from there."
        )
        self.app.push_screen(
            ConfirmScreen(question, yes="Rewind", no="Stay"),
            lambda yes: self.rewind(keep) if yes else None,
        )

    def rewind(self, keep: int) -> None:
        votes = tuple(self.recorded.votes.values())
        recorded = RecordedRun.start(
            self.run.scenario,
            self.recorded.store,
            self.recorded.presenter,
            self.run.path[:keep],
            votes,
        )
        self.app.show_run(recorded, replace=True)  # type: ignore[attr-defined]
        self.notify(f"Rewound to step {keep + 1}: choose differently this time.", timeout=3)

    def action_replay(self) -> None:
        self.app.play(self.run.scenario, replace=True)  # type: ignore[attr-defined]

    def action_save_copy(self) -> None:
        offer_copy(self.app, self.saving, self.recorded)

    def action_picker(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        from cold_to_gold.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

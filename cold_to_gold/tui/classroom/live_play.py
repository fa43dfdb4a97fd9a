"""A trainee's play in a live class: the same scene, cast and choices as playing alone,
but each choice goes to the host, and the host says when the feedback may be read.

The host owns the run. This screen keeps a copy, replayed by the engine from
the path the host sends, only to draw the cast and the choices as the app does.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.base.verdict import verdict
from cold_to_gold.engine import Run, play
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.widgets.cast import CastPanel
from cold_to_gold.tui.widgets.choices import ChoiceList, open_choice
from cold_to_gold.tui.widgets.clock import Clock
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.scene_body import SceneBody
from cold_to_gold.tui.widgets.title_bar import TitleBar

CONNECTING = "Connecting to the host…"
RECONNECTING = "Reconnecting… the host is out of reach; your seat and answers are kept."


class LivePlayScreen(Screen):
    PLACE = "Live class"
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Choose {n}", show=False) for n in range(1, 10)),
        Binding("enter,space", "continue", "Continue", show=False),
        # The scene text, even while the choices have the focus (a long scene at 80×24).
        Binding("pageup", "scroll(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll(1)", "Scroll down", show=False, priority=True),
        Binding("q", "leave", "Leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scenario: Scenario | None = None
        self.run: Run | None = None
        self.view: dict[str, Any] = {"type": "connecting"}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(CONNECTING, id="live-status")
        with Horizontal(id="play-body"):
            with Vertical(id="scene-pane"):
                yield Static(id="scene-title")
                with VerticalScroll(id="scene-scroll"):
                    yield SceneBody(id="scene-body")
                yield ChoiceList(id="choices")
            yield Vertical(id="sidebar")
        yield KeyBar()

    # --- what the host said ---------------------------------------------------------

    async def heard(self, data: dict[str, Any]) -> None:
        kind = data["type"]
        if kind == "welcome":
            await self.welcome(data)
        elif kind == "wait" and data["reason"] == "claim":
            self.status(data["message"])
        elif kind == "refused":
            self.notify(escape(data["reason"]), severity="warning")
        elif kind == "ended":
            self.status(f"The session has ended: {data['reason']}. Press q to leave.")
            self.query_one("#choices", ChoiceList).clear_options()
        elif self.scenario is not None:
            self.view = data
            getattr(self, f"show_{kind}")(data)
        self.refresh_bindings()

    async def welcome(self, data: dict[str, Any]) -> None:
        from cold_to_gold.library.load import load_text

        self.scenario = load_text(data["scenario"]["source"], data["scenario"]["id"])
        self.title = f"{self.scenario.title} — {data['name']}"
        sidebar = self.query_one("#sidebar", Vertical)
        await sidebar.remove_children()
        await sidebar.mount_all(
            [Clock(self.scenario.time_budget, id="clock"), CastPanel(self.scenario, id="cast")]
        )
        self.status("")

    def replay(self, path: list[str]) -> Run:
        assert self.scenario is not None
        self.run = play(self.scenario, path)
        if self.query("#cast"):
            self.query_one("#cast", CastPanel).show(self.run.state)
            self.query_one("#clock", Clock).show(self.run.state.minutes_spent)
        return self.run

    def show_scene(self, data: dict[str, Any]) -> None:
        run = self.replay(data["path"])
        self.status("")
        self.query_one("#scene-title", Static).update(Text(data["scene"]["title"], "bold"))
        self.query_one("#scene-body", SceneBody).show_scene(data["scene"]["text"])
        choices = self.query_one("#choices", ChoiceList)
        choices.show(run.options())
        choices.focus()

    def show_feedback(self, data: dict[str, Any]) -> None:
        assert self.scenario is not None
        run = self.replay(data["path"])
        self.status("")
        self.query_one("#scene-body", SceneBody).show_feedback(self.scenario, run.steps[-1])
        self.query_one("#choices", ChoiceList).show_continue(data["finished"], undo=False)

    def show_wait(self, data: dict[str, Any]) -> None:
        run = self.replay(data["path"])
        text = data["message"]
        if data["reason"] == "answered" and run.steps:
            text = f"Your answer: {run.steps[-1].choice.label}. {text}"
        self.status(text)
        self.query_one("#choices", ChoiceList).clear_options()

    def show_paused(self, data: dict[str, Any]) -> None:
        self.replay(data["path"])
        self.status(data["message"])
        self.query_one("#choices", ChoiceList).clear_options()

    def connection(self, state: str) -> None:
        """The link to the host: shown while it is being brought back."""
        if state == "reconnecting":
            self.status(RECONNECTING)
            self.query_one("#choices", ChoiceList).clear_options()
            self.view = {"type": "reconnecting"}
            self.refresh_bindings()

    def action_scroll(self, pages: int) -> None:
        scroll = self.query_one("#scene-scroll", VerticalScroll)
        if pages < 0:
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    def show_finished(self, data: dict[str, Any]) -> None:
        self.replay(data["path"])
        result = data["result"]
        self.status("Your run has ended. Press q to leave.")
        self.query_one("#scene-title", Static).update(Text(result["title"], "bold"))
        summary = (
            f"{result['text']}\n\n**Grade: {verdict(result['grade'], result['outcome'])}**, "
            f"{result['percent']}% of the best run · {result['minutes']} minutes"
        )
        self.query_one("#scene-body", SceneBody).show_scene(summary)
        self.query_one("#choices", ChoiceList).clear_options()

    def lost(self, reason: str) -> None:
        self.status(f"{reason}. Press q to leave.")

    def status(self, text: str) -> None:
        status = self.query_one("#live-status", Static)
        status.update(Text(text, "bold"))
        status.display = bool(text)

    # --- the trainee's keys -----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self.view["type"] == "scene"
        if action == "continue":
            return self.view["type"] == "feedback"
        return True

    def action_choose(self, number: int) -> None:
        if self.view["type"] != "scene" or self.run is None:
            return
        choice_id = open_choice(self.run.options(), number, self)
        if choice_id is not None:
            self.send_choice(choice_id)

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        if self.view["type"] == "scene":
            self.send_choice(event.choice_id)

    @on(ChoiceList.Continue)
    def continued(self) -> None:
        self.action_continue()

    def send_choice(self, choice_id: str) -> None:
        step = self.view["step"]
        self.view = {"type": "sent"}  # one choice per scene, even with a fast double press
        self.refresh_bindings()
        self.status("Sending your choice…")
        self.send("choose", step=step, choice=choice_id)

    def action_continue(self) -> None:
        if self.view["type"] == "feedback":
            step = self.view["step"]
            self.view = {"type": "sent"}
            self.send("ready", step=step)

    @work(group="send")
    async def send(self, kind: str, **fields: Any) -> None:
        await self.app.send(kind, **fields)  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        self.app.exit(0)

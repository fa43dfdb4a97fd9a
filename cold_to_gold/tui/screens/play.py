"""Play: the scene, the cast, the clock and the choices; then what the choice did."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.engine import Run, RunError
from cold_to_gold.store.recorded import RecordedRun
from cold_to_gold.tui.widgets.cast import CastPanel
from cold_to_gold.tui.widgets.choices import ChoiceList
from cold_to_gold.tui.widgets.clock import Clock
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.prose import Prose
from cold_to_gold.tui.widgets.scene_body import SceneBody
from cold_to_gold.tui.widgets.title_bar import TitleBar

VOTE_PROMPT = "Discuss, then vote — press the number the room chose"


class PlayScreen(Screen):
    """One run, scene by scene. Every choice is saved the moment it is made."""

    PLACE = "Play"
    CSS_PATH = "play.tcss"
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Choose {n}", show=False) for n in range(1, 10)),
        # Not in the key bar: the focused list itself offers "⏎ Continue" (and owns Enter).
        Binding("enter,space", "continue", "Continue", show=False),
        Binding("u", "undo", "Undo"),
        Binding("n", "notes", "Notes"),
        Binding("p", "toggle_presenter", "Presenter"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "leave", "Leave"),
        Binding("escape", "leave", "Leave", show=False),
    ]

    # Their watchers redraw what changes; the default repaint would redraw the whole screen.
    presenter: reactive[bool] = reactive(False, init=False, repaint=False)
    revealing: reactive[bool] = reactive(False, init=False, repaint=False)  # awaiting Enter

    def __init__(self, recorded: RecordedRun, presenter: bool = False) -> None:
        super().__init__()
        self.recorded = recorded
        self.set_reactive(PlayScreen.presenter, presenter)

    @property
    def run(self) -> Run:
        return self.recorded.run

    def compose(self) -> ComposeResult:
        scenario = self.recorded.scenario
        yield TitleBar()
        with Horizontal(id="play-body"):
            with Vertical(id="scene-pane"):
                yield Static(VOTE_PROMPT, id="vote-prompt")
                yield Static(id="scene-title")
                with VerticalScroll(id="scene-scroll"):
                    yield SceneBody(id="scene-body")
                yield ChoiceList(id="choices")
            with Vertical(id="sidebar"):
                yield Clock(scenario.time_budget, id="clock")
                yield CastPanel(scenario, id="cast")
            with VerticalScroll(id="notes"):
                yield Static("Facilitator notes", id="notes-title")
                yield Prose(id="notes-text")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.query("#scene-body"):  # replaced before it was put together (live preview)
            return
        self.watch(self.app, "presenter", self.follow_app_presenter, init=False)
        self.title = self.recorded.scenario.title
        self.set_class(self.presenter, "presenter")
        self.query_one("#notes").display = False
        self.query_one("#vote-prompt").display = self.presenter
        if self.run.finished:
            self.call_after_refresh(self.show_debrief)
        else:
            self.show_scene()

    # --- showing -------------------------------------------------------------

    def show_scene(self) -> None:
        scene = self.run.scene
        assert scene is not None
        self.revealing = False
        self.query_one("#scene-title", Static).update(Text(scene.title, "bold"))
        # format 2: the variant that held on arrival, so the text follows the path
        self.query_one("#scene-body", SceneBody).show_scene(self.run.scene_text or scene.text)
        self.query_one("#scene-scroll").scroll_home(animate=False)
        self.show_notes()
        self.show_choices()
        self.show_numbers()

    def show_choices(self) -> None:
        choices = self.query_one("#choices", ChoiceList)
        choices.show(self.run.options(), large=self.presenter)
        choices.focus()

    def show_numbers(self) -> None:
        self.query_one("#cast", CastPanel).show(self.run.state)
        self.query_one("#clock", Clock).show(self.run.state.minutes_spent)

    def watch_revealing(self, revealing: bool) -> None:
        self.query_one("#vote-prompt").display = self.presenter and not revealing
        self.refresh_bindings()  # the key bar follows (Undo lights up after a first choice)

    def watch_presenter(self, presenter: bool) -> None:
        self.set_class(presenter, "presenter")
        self.query_one("#vote-prompt").display = presenter and not self.revealing
        if not self.revealing and not self.run.finished:
            self.show_choices()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            scene = self.run.scene
            number = parameters[0] if parameters else 0
            return not self.revealing and scene is not None and number <= len(scene.choices)  # type: ignore[operator]
        if action == "continue":
            return self.revealing
        if action == "undo":
            return bool(self.run.steps)
        return True

    # --- acting --------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        options = self.run.options()
        if number > len(options):
            return
        option = options[number - 1]
        if not option.available:
            self.app.bell()
            self.notify(f"{number} is locked: {option.reason}", timeout=3)
            return
        self.make(option.choice.id)

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        self.make(event.choice_id)

    @on(ChoiceList.Continue)
    def continued(self) -> None:
        self.action_continue()

    def make(self, choice_id: str) -> None:
        try:
            step = self.recorded.choose(choice_id)
        except RunError as error:
            self.notify(str(error), severity="error")
            return
        self.query_one("#scene-body", SceneBody).show_feedback(self.recorded.scenario, step)
        self.query_one("#choices", ChoiceList).show_continue(self.run.finished)
        self.query_one("#scene-scroll").scroll_home(animate=False)
        self.show_numbers()
        self.revealing = True

    def action_continue(self) -> None:
        if not self.revealing:
            return
        if self.run.finished:
            self.show_debrief()
        else:
            self.show_scene()

    def action_undo(self) -> None:
        if self.recorded.undo() is None:
            return
        self.show_scene()
        self.notify("Took back the last choice.", timeout=2)

    def action_notes(self) -> None:
        notes = self.query_one("#notes")
        notes.display = not notes.display
        self.show_notes()

    def show_notes(self) -> None:
        """The scene's facilitator notes, written only while the panel is open."""
        scene = self.run.scene
        if scene is None or not self.query_one("#notes").display:
            return
        self.query_one("#notes-text", Prose).show(
            scene.facilitator_notes or "*No notes for this scene.*"
        )

    def action_toggle_presenter(self) -> None:
        self.app.action_toggle_presenter()

    def follow_app_presenter(self, presenter: bool) -> None:
        self.presenter = presenter

    def action_leave(self) -> None:
        if self.run.finished:
            self.app.pop_screen()
            return
        if not self.run.steps:  # nothing chosen yet: nothing worth keeping or asking about
            self.recorded.discard()
            self.app.pop_screen()
            return
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        question = (
            "Leave this run? Every choice so far is saved: the app offers to resume it next time."
        )
        self.app.push_screen(
            ConfirmScreen(question, yes="Leave", no="Stay"),
            lambda leave: self.app.pop_screen() if leave else None,
        )

    def show_debrief(self) -> None:
        from cold_to_gold.tui.screens.debrief import DebriefScreen

        self.app.switch_screen(DebriefScreen(self.recorded))

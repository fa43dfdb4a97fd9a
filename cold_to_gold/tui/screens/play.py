"""Play: the scene, the cast, the clock and the choices; then what the choice did."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from cold_to_gold.engine import Run, RunError, Step
from cold_to_gold.engine.scale import MeterScale, meter_scale, quick_scale
from cold_to_gold.store.recorded import RecordedRun
from cold_to_gold.tui.saving import SaveWatch, at_risk, offer_copy
from cold_to_gold.tui.widgets.cast import CastPanel
from cold_to_gold.tui.widgets.cast_strip import CastStrip
from cold_to_gold.tui.widgets.choices import ChoiceList, open_choice
from cold_to_gold.tui.widgets.clock import Clock
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.meter import DEFAULT_SCALE
from cold_to_gold.tui.widgets.prose import Prose
from cold_to_gold.tui.widgets.reach_notes import ReachNotes
from cold_to_gold.tui.widgets.scene_body import SceneBody
from cold_to_gold.tui.widgets.title_bar import TitleBar
from cold_to_gold.tui.widgets.vote import VotePrompt, vote_line


class SceneScroll(VerticalScroll):
    """The scene's text, scrolled by PgUp/PgDn. Says when its size changes (a key bar
    that takes a second line, a resize): what it hides below may have changed."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class PlayScreen(Screen):
    """One run, scene by scene. Every choice is saved the moment it is made.

    A choice is taken by its number, by a click, or by Enter once the highlight
    has been moved to it: a stray Enter never answers a scene.
    """

    PLACE = "Play"
    CSS_PATH = "play.tcss"
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Choose {n}", show=False) for n in range(1, 10)),
        # Not in the key bar: the focused list itself offers "⏎ Continue" (and owns Enter).
        Binding("enter,space", "continue", "Continue", show=False),
        Binding("t", "tally", "Tally hands"),
        Binding("u", "undo", "Undo"),
        Binding("n", "notes", "Notes"),
        Binding("p", "toggle_presenter", "Presenter"),
        Binding("s", "save_copy", "Save a copy"),  # shown only while the run is not saved
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "leave", "Leave"),
        Binding("escape", "leave", "Leave", show=False),
        Binding("pagedown", "scroll_scene(1)", "Scroll the text down", show=False, priority=True),
        Binding("pageup", "scroll_scene(-1)", "Scroll the text up", show=False, priority=True),
    ]

    # Their watchers redraw what changes; the default repaint would redraw the whole screen.
    presenter: reactive[bool] = reactive(False, init=False, repaint=False)
    revealing: reactive[bool] = reactive(False, init=False, repaint=False)  # awaiting Enter

    def __init__(
        self,
        recorded: RecordedRun,
        presenter: bool = False,
        saving: SaveWatch | None = None,
        reveal_last: bool = False,
    ) -> None:
        """`reveal_last`: open on the feedback of the last choice made (a resumed run
        that was left while its feedback was on screen)."""
        super().__init__()
        self.recorded = recorded
        # Kept, not looked up on `self.app` each time: the app a screen sees is the active
        # one, which is another while a second app runs in the same process (benchmarks).
        self.saving: SaveWatch = saving if saving is not None else self.app.saving
        self.reveal_last = reveal_last
        self.notes_scene: str | None = None  # the scene whose notes are open, if any
        self.scale: MeterScale = DEFAULT_SCALE
        self.set_reactive(PlayScreen.presenter, presenter)

    @property
    def run(self) -> Run:
        return self.recorded.run

    def compose(self) -> ComposeResult:
        scenario = self.recorded.scenario
        yield TitleBar()
        with Horizontal(id="play-body"):
            with Vertical(id="scene-pane"):
                yield VotePrompt(id="vote-prompt")
                yield Static(id="scene-title")
                with SceneScroll(id="scene-scroll"):
                    yield SceneBody(id="scene-body")
                yield ChoiceList(id="choices")
            with Vertical(id="sidebar"):
                yield Clock(scenario.time_budget, id="clock")
                yield CastPanel(scenario, id="cast")
                yield CastStrip(scenario, id="cast-strip")
            with VerticalScroll(id="notes"):
                yield Static("Facilitator notes", id="notes-title")
                yield Prose(id="notes-text")
                yield ReachNotes(id="notes-reach")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.query("#scene-body"):  # replaced before it was put together (live preview)
            return
        self.watch(self.app, "presenter", self.follow_app_presenter, init=False)
        self.watch(self.query_one("#scene-scroll"), "scroll_y", self.show_more_hint, init=False)
        self.watch(self.query_one("#choices"), "scroll_y", self.show_more_hint, init=False)
        self.title = self.recorded.scenario.title
        self.set_class(self.presenter, "presenter")
        self.query_one("#vote-prompt").display = self.presenter
        self.saving.check(self.recorded)  # starting or resuming may not have been saved
        scale = quick_scale(self.recorded.scenario)  # milliseconds; a large one waits for a worker
        if scale is None:
            self.find_scale()
        else:
            self.scale = scale
        if self.run.finished:
            self.call_after_refresh(self.show_debrief)
        elif self.reveal_last and self.run.steps:
            self.show_step(self.run.steps[-1])
        else:
            self.show_scene()

    @work(thread=True, exclusive=True, group="meter-scale")
    def find_scale(self) -> None:
        """The meters' scale walks the scenario's runs: off the UI thread, once per scenario."""
        scale = meter_scale(self.recorded.scenario)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self.scale_found, scale)

    def scale_found(self, scale: MeterScale) -> None:
        self.scale = scale
        if self.is_attached:
            self.show_numbers()

    # --- showing -------------------------------------------------------------

    def show_scene(self) -> None:
        scene = self.run.scene
        assert scene is not None
        self.revealing = False
        self.app.guard_keys()  # type: ignore[attr-defined]
        self.query_one("#scene-title", Static).update(Text(scene.title, "bold"))
        self.query_one("#scene-body", SceneBody).show_scene(self.run.scene_text or scene.text)
        self.query_one("#scene-scroll").scroll_home(animate=False)
        # Notes opened for the last decision close: nothing written for the facilitator
        # reaches a projector unless opened for what the room now sees.
        self.close_notes()
        self.show_choices()
        self.show_numbers()
        self.start_discussion()
        self.call_after_refresh(self.show_more_hint)

    def show_choices(self) -> None:
        """The choices; in presenter mode in large type (big digits when there is room)."""
        choices = self.query_one("#choices", ChoiceList)
        large = "digits" if self.presenter and self.size.height >= 30 else self.presenter
        choices.show(self.run.options(), large=large)
        choices.focus()
        self.refit_choices()

    def on_resize(self) -> None:
        if self.presenter and not self.revealing and not self.run.finished:
            self.show_choices()  # big digits only where the height allows them
        else:
            self.refit_choices()
        self.call_after_refresh(self.show_more_hint)

    def show_numbers(self, step: Step | None = None) -> None:
        """The clock and the cast; after a choice in presenter mode (`step`), the cast large
        with what the choice changed: the reveal."""
        state = self.run.state
        reveal = step is not None and self.presenter
        before = step.before if reveal and step is not None else None
        self.query_one("#cast", CastPanel).show(state, self.scale, before, large=reveal)
        self.query_one("#cast-strip", CastStrip).show(state, self.scale, before)
        self.query_one("#clock", Clock).show(state.minutes_spent)

    def show_step(self, step: Step) -> None:
        """The feedback of a choice just made, and in presenter mode the reveal of the cast."""
        self.query_one("#vote-prompt", VotePrompt).stop()
        self.query_one("#scene-title", Static).update(
            Text(self.recorded.scenario.scenes[step.scene].title, "bold")
        )
        vote = self.recorded.vote_on(len(self.run.steps) - 1)
        scene = self.recorded.scenario.scenes[step.scene]
        self.query_one("#scene-body", SceneBody).show_feedback(
            self.recorded.scenario, step, vote_line(vote, step, scene) if vote else None
        )
        self.query_one("#choices", ChoiceList).show_continue(self.run.finished)
        self.refit_choices()
        self.query_one("#scene-scroll").scroll_home(animate=False)
        self.revealing = True
        if self.presenter or (self.notes_scene not in (None, step.scene)):
            self.close_notes()  # the reveal is the room's: its cast takes the screen
        self.show_numbers(step)
        self.app.guard_keys()  # type: ignore[attr-defined]
        self.call_after_refresh(self.show_more_hint)
        self.show_reach(step)

    def show_reach(self, step: Step) -> None:
        """Presenter mode: in the notes, what each choice of the decision just revealed
        left open. The searches run in a worker; the notes say so until they are done."""
        notes = self.query_one("#notes-reach", ReachNotes)
        if not self.presenter:
            notes.clear()  # a trainee practising alone is not told what is left
            return
        notes.waiting()
        self.find_reach(step)

    @work(thread=True, exclusive=True, group="reach")
    def find_reach(self, step: Step) -> None:
        from cold_to_gold.engine.reachable import reach_after_each

        items = reach_after_each(self.recorded.scenario, step.before)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self.reach_found, step, items)

    def reach_found(self, step: Step, items: list) -> None:
        steps = self.run.steps
        if self.is_attached and self.revealing and steps and steps[-1] is step:
            self.query_one("#notes-reach", ReachNotes).show_reach(items, step.choice.id)

    def show_more_hint(self, *_: object) -> None:
        """Say when the text or the choices go on below the fold: a zoomed projector
        shows only a part."""
        scroll = self.query_one("#scene-scroll", VerticalScroll)
        choices = self.query_one("#choices", ChoiceList)
        hints = []
        if scroll.scroll_y < scroll.max_scroll_y:
            hints.append("▼ more: PgDn")
        if choices.can_scroll_down:
            hints.append("▼ more choices: ↓")
        # Written into the rule above the choices: it costs no line of the text.
        choices.border_title = " · ".join(hints) or None

    def fit_choices(self) -> None:
        """Give the choices the rows the text does not need: a short text leaves no blank
        rows above choices that do not fit (the styles' share is only a floor)."""
        scroll = self.query_one("#scene-scroll", VerticalScroll)
        choices = self.query_one("#choices", ChoiceList)
        if not (scroll.display and choices.display) or not choices.options:
            return
        shared = scroll.outer_size.height + choices.outer_size.height
        width = choices.scrollable_content_region.width or choices.size.width
        # Measured from what they hold now, not from the last layout (it may be a scene old).
        wanted = choices.get_content_height(self.size, self.size, width)
        wanted += choices.styles.gutter.height
        body = self.query_one("#scene-body", SceneBody)
        text = max(len(body.lines(scroll.scrollable_content_region.width)), 2)
        if choices.outer_size.height < wanted and scroll.outer_size.height > text:
            choices.styles.max_height = max(choices.outer_size.height, min(wanted, shared - text))
            self.call_after_refresh(self.show_more_hint)

    def refit_choices(self) -> None:
        """Back to the styles' share (new choices, a new size), then fit again."""
        self.query_one("#choices", ChoiceList).styles.max_height = None
        self.call_after_refresh(self.fit_choices)

    @on(ChoiceList.Resized)
    @on(SceneScroll.Resized)
    def text_or_choices_resized(self) -> None:
        self.call_after_refresh(self.show_more_hint)

    def watch_revealing(self, revealing: bool) -> None:
        # Presenter mode shows the cast only now. Only its styles read the class, and a
        # class on the screen restyles every widget: outside presenter mode it stays off.
        self.set_class(revealing and self.presenter, "revealing")
        if not revealing:
            self.query_one("#notes-reach", ReachNotes).clear()  # a new decision: not revealed
        elif self.presenter and not self.has_class("-wide"):
            # Below wide, open notes would take the place of the cast the room now needs:
            # the reveal shows the cast, and `n` opens the notes again on it.
            self.remove_class("notes-open")
        self.query_one("#vote-prompt").display = self.presenter and not revealing
        self.refresh_bindings()  # the key bar follows (Undo lights up after a first choice)

    def watch_presenter(self, presenter: bool) -> None:
        self.set_class(presenter, "presenter")
        self.set_class(presenter and self.revealing, "revealing")
        self.query_one("#vote-prompt").display = presenter and not self.revealing
        if not self.revealing and not self.run.finished:
            self.show_choices()
            self.start_discussion()
        elif self.revealing and self.run.steps:
            self.show_step(self.run.steps[-1])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            scene = self.run.scene
            number = parameters[0] if parameters else 0
            return not self.revealing and scene is not None and number <= len(scene.choices)  # type: ignore[operator]
        if action == "continue":
            return self.revealing
        if action == "undo":
            return bool(self.run.steps)
        if action == "save_copy":
            return at_risk(self.recorded)
        if action == "tally":  # the room's vote: presenter mode only, before the choice
            if not self.presenter:
                return False
            return True if not self.revealing and not self.run.finished else None
        return True

    # --- the room's discussion -----------------------------------------------

    def start_discussion(self) -> None:
        """In presenter mode, with a countdown set, give the room its time to discuss."""
        seconds = getattr(self.app, "countdown", None)
        self.query_one("#vote-prompt", VotePrompt).start(seconds if self.presenter else None)

    def action_tally(self) -> None:
        from cold_to_gold.tui.screens.tally import TallyScreen

        known = self.recorded.vote_on(len(self.run.steps))
        self.app.push_screen(
            TallyScreen(self.run.options(), known.hands if known else None), self.tallied
        )

    def tallied(self, hands: dict[str, int] | None) -> None:
        if hands is None:
            return
        tally = self.recorded.record_tally(hands)
        self.saving.check(self.recorded)  # the vote is saved like a choice, and may fail so
        self.query_one("#vote-prompt", VotePrompt).counted(tally.total)

    # --- acting --------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        choice_id = open_choice(self.run.options(), number, self)
        if choice_id is not None:
            self.make(choice_id)

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        self.make(event.choice_id)

    @on(ChoiceList.Continue)
    def continued(self) -> None:
        self.action_continue()

    def make(self, choice_id: str) -> None:
        if self.revealing:
            return
        try:
            step = self.recorded.choose(choice_id)
        except RunError as error:
            self.notify(str(error), severity="error")
            return
        self.saving.check(self.recorded)
        self.show_step(step)

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
        self.saving.check(self.recorded)
        self.show_scene()
        self.notify("Took back the last choice.", timeout=2)

    def action_scroll_scene(self, pages: int) -> None:
        scroll = self.query_one("#scene-scroll", VerticalScroll)
        choices = self.query_one("#choices", ChoiceList)
        if pages > 0 and scroll.scroll_y >= scroll.max_scroll_y and choices.can_scroll_down:
            choices.scroll_page_down(animate=False)  # the text is all read: the choices next
        elif pages > 0:
            scroll.scroll_page_down(animate=False)
        elif choices.scroll_y > 0 and scroll.scroll_y <= 0:
            choices.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_up(animate=False)
        self.call_after_refresh(self.show_more_hint)

    def action_notes(self) -> None:
        """Open or close the notes of the decision in front of the room: the scene on
        screen, or during the feedback the scene the choice was made in. They take the
        cast's place unless the screen is wide (in presenter mode's reveal, too)."""
        if self.notes_scene is not None:
            self.close_notes()
            return
        self.notes_scene = self.decision_scene()
        self.add_class("notes-open")
        self.show_notes()

    def decision_scene(self) -> str | None:
        """The scene whose decision is being discussed: during the feedback, the one the
        choice was made in (the run has already moved on)."""
        if self.revealing and self.run.steps:
            return self.run.steps[-1].scene
        return self.run.at if self.run.scene is not None else None

    def close_notes(self) -> None:
        self.notes_scene = None
        self.remove_class("notes-open")

    def show_notes(self) -> None:
        """The facilitator notes of `notes_scene`, under its title; written only while the
        panel is open."""
        if self.notes_scene is None:
            return
        scene = self.recorded.scenario.scenes[self.notes_scene]
        self.query_one("#notes-title", Static).update(
            Text.assemble(("Facilitator notes", "bold"), "\n", (scene.title, "italic"))
        )
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
        if at_risk(self.recorded):
            why = self.recorded.unsaved or "the progress file cannot be written"
            question = (
                f"Leave this run? It is not in your progress file ({why}). "
                "Stay and press s to save a copy elsewhere first."
            )
        self.app.push_screen(
            ConfirmScreen(question, yes="Leave", no="Stay"),
            lambda leave: self.app.pop_screen() if leave else None,
        )

    def action_save_copy(self) -> None:
        offer_copy(self.app, self.saving, self.recorded)

    def show_debrief(self) -> None:
        from cold_to_gold.tui.screens.debrief import DebriefScreen

        self.query_one("#vote-prompt", VotePrompt).stop()
        if self.recorded.scored is None:  # the engine could not score it (said as it ended)
            self.app.pop_screen()
            return
        self.app.switch_screen(DebriefScreen(self.recorded, self.saving))

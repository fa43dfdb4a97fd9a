"""The Cold to Gold app: one factory builds it for the command line and for the tests."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import _time, events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount

from cold_to_gold.tui.memory import keep_out_of_collections
from cold_to_gold.tui.saving import SaveWatch, at_risk

if TYPE_CHECKING:  # the engine and the store load after the first screen is drawn
    from cold_to_gold.library.listing import LibraryEntry
    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.store.progress import ProgressStore, SavedRun
    from cold_to_gold.store.recorded import RecordedRun


class ColdToGoldApp(App[None]):
    """Picker, play, debrief, history: the engine decides, the app shows and asks."""

    TITLE = "Cold to Gold"
    # The picker's styles load with the app's: it is the first screen (get_default_screen).
    CSS_PATH = ["app.tcss", "screens/picker.tcss"]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", show=False, key_display="F1"),
    ]
    # Screens restyle by width (narrow: one column; wide: room for every panel) and height.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-medium"), (118, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    SMALLEST = (60, 20)  # below this a notice asks for a larger window or a smaller font
    # A key this soon after a new screen or scene is not applied to it: a clicker's double
    # press or a second Enter must not answer what nobody has read yet. None: 0.4 s in a
    # terminal, off in headless tests (which press keys faster than any person).
    KEY_GUARD = 0.4

    presenter: reactive[bool] = reactive(False)

    def __init__(
        self,
        scenario: Scenario | None = None,
        extra_paths: Sequence[Path] = (),
        presenter: bool = False,
        store: ProgressStore | None = None,
        watch: Path | None = None,
        countdown: int | None = None,
    ) -> None:
        super().__init__()
        self.start_scenario = scenario
        self.countdown = countdown  # seconds of discussion before the vote, presenter mode
        self.key_guard: float | None = None  # seconds; None: KEY_GUARD, or 0 when headless
        self.guarded_until = 0.0
        self.extra_paths = tuple(extra_paths)
        self.store = store
        self.library: list[LibraryEntry] = []
        self.current_run: RecordedRun | None = None
        self.saving = SaveWatch(self)
        self.farewell: list[str] = []  # one-line notes for the terminal once the app has closed
        self.live = None
        self.freeze_start_up = False  # set by `run`; tests (`run_test`) leave memory alone
        if watch is not None:
            from cold_to_gold.tui.live_preview import LivePreview

            self.live = LivePreview(self, watch)
        self.set_reactive(ColdToGoldApp.presenter, presenter)
        self.sub_title = "presenter mode" if presenter else ""  # its watcher is not run here

    # --- start and the shared services --------------------------------------

    def get_default_screen(self) -> Screen:
        """The picker is the first screen, the one every other place returns to.

        Built as the default screen it is drawn first, with no blank screen before it
        (its styles come with the app's, in CSS_PATH).
        """
        from cold_to_gold.tui.screens.picker import PickerScreen

        return self.sized(PickerScreen())

    def sized(self, screen: Screen) -> Screen:
        """Give a new screen its size classes (-narrow, -short, ...) before it is first drawn.

        Textual sets them on the screen's first resize, a frame or more after it is shown:
        a dialog would first appear laid out for the wrong size, and a snapshot might
        catch it so.
        """
        width, height = self.size
        # A screen not yet shown is styled when it is mounted: no restyle now.
        restyle = screen.is_attached
        for breakpoints, size in (
            (screen.HORIZONTAL_BREAKPOINTS or self.HORIZONTAL_BREAKPOINTS, width),
            (screen.VERTICAL_BREAKPOINTS or self.VERTICAL_BREAKPOINTS, height),
        ):
            reached = [name for least, name in sorted(breakpoints or []) if size >= least]
            for _, name in breakpoints or []:
                screen.set_class(bool(reached) and name == reached[-1], name, update=restyle)
        return screen

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        """Push a screen, sized for the window from its first frame; keys are held back
        for a moment, as after every change of screen."""
        if isinstance(screen, Screen):
            self.sized(screen)
        self.guard_keys()
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        """Switch to a screen, sized for the window from its first frame."""
        if isinstance(screen, Screen):
            self.sized(screen)
        self.guard_keys()
        return super().switch_screen(screen, *args, **kwargs)

    def pop_screen(self):  # type: ignore[no-untyped-def, override]
        """Back to the screen below, with keys held back for a moment."""
        self.guard_keys()
        return super().pop_screen()

    def run(self, **options: Any) -> None:
        """Run the app (see `App.run` for the options); garbage collection, if paused for
        the start (`cold_to_gold.cli.app.load_app`), resumes after the first frame."""
        self.freeze_start_up = True
        keep_out_of_collections()
        return super().run(**options)

    def on_mount(self) -> None:
        if self.freeze_start_up and not gc.isenabled():
            self.call_after_refresh(gc.enable)
        if self.start_scenario is not None:
            self.open_scenario(self.start_scenario)
        if self.live is not None:
            self.run_worker(self.live.watch, thread=True, exclusive=True, group="live-preview")

    def open_store(self) -> ProgressStore:
        """The progress store, opened on first use; a moved-aside file is reported once."""
        from cold_to_gold.store.database import APP_OPEN_PATIENCE_SECONDS
        from cold_to_gold.store.progress import ProgressStore

        if self.store is None:
            # The picker opens it before its first frame: a lock another program holds
            # must cost that frame a moment, not the screen (the notice says why). It waits
            # at most about twice that (reading a copy included), then plays on without it.
            self.store = ProgressStore.open(patience=APP_OPEN_PATIENCE_SECONDS)
            if self.store.notice:  # notify is safe from the library loader's thread
                self.notify(self.store.notice, severity="warning", timeout=15)
        return self.store

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop.set()
        self.farewell = self.saving.last_chance()
        if self.store is not None:
            self.store.close()

    def watch_presenter(self, presenter: bool) -> None:
        self.sub_title = "presenter mode" if presenter else ""

    def on_resize(self, event: events.Resize) -> None:
        """Every title bar says at once when the window is too small. This runs before
        Textual's own handler records the new size, so the bars are given it."""
        from cold_to_gold.tui.widgets.title_bar import TitleBar

        for screen in self.screen_stack:
            for bar in screen.query(TitleBar):
                bar.show(size=event.size)

    # --- keys that cannot surprise a room ----------------------------------------

    def guard_keys(self) -> None:
        """Something new is on screen: keys pressed in the next moment are not applied."""
        guard = self.key_guard
        if guard is None:
            guard = 0.0 if self.is_headless else self.KEY_GUARD
        # Textual's own clock: the one a key event is stamped with (`event.time`).
        self.guarded_until = _time.get_time() + guard

    async def on_event(self, event: events.Event) -> None:
        # Checked on arrival and again when the key comes back up from the focused widget
        # to run a binding: two keys read at once ("2" and Enter over a slow link) arrive
        # together, before the first one's action has put the new scene on screen.
        if (
            isinstance(event, events.Key)
            and event.time < self.guarded_until
            and event.key not in ("ctrl+q", "ctrl+c")
        ):
            return  # pressed before the new screen could be read: dropped
        await super().on_event(event)

    def action_quit(self) -> AwaitComplete | None:  # type: ignore[override]
        """Quit; while a run is open, ask first (its choices are saved either way)."""
        from cold_to_gold.tui.screens.confirm import ConfirmScreen
        from cold_to_gold.tui.screens.play import PlayScreen

        if isinstance(self.screen, ConfirmScreen):
            return None
        open_runs = [
            screen.recorded
            for screen in self.screen_stack
            if isinstance(screen, PlayScreen) and not screen.run.finished and screen.run.steps
        ]
        if not open_runs:
            self.exit()
            return None
        question = "Quit Cold to Gold? Every choice so far is saved: the app offers to resume it."
        if any(at_risk(recorded) for recorded in open_runs):
            question = (
                "Quit Cold to Gold? This run is not in your progress file: stay and press s "
                "to save a copy, or quit and use the replay command printed on the way out."
            )
        self.push_screen(
            ConfirmScreen(question, yes="Quit", no="Stay"),
            lambda leave: self.exit() if leave else None,
        )
        return None

    # --- moving between places ---------------------------------------------

    def play(
        self, scenario: Scenario, choices: Sequence[str] = (), replace: bool = False
    ) -> AwaitComplete | AwaitMount:
        """Start a saved run of a scenario (after `choices`, for a rewind) and show it."""
        from cold_to_gold.store.recorded import RecordedRun

        recorded = RecordedRun.start(scenario, self.open_store(), self.presenter, choices)
        return self.show_run(recorded, replace)

    def open_scenario(self, scenario: Scenario) -> None:
        """Play a scenario the trainee picked (or named on the command line): when a run
        of it was left unfinished (`q`, a closed terminal, a crash), offer that first."""
        from cold_to_gold.store.progress import StoreError
        from cold_to_gold.tui.screens.resume import ResumeScreen

        try:
            saved = self.open_store().unfinished_run_of(scenario)
        except StoreError:  # progress that cannot be read: said elsewhere; play afresh
            saved = None
        if saved is None:
            self.play(scenario)
            return

        def answered(answer: str | None) -> None:
            if answer is None:  # Escape: nothing is played
                return
            if answer == "resume":
                self.resume(scenario, saved)
                return
            if answer == "discard":
                self.discard(saved)
            self.play(scenario)

        self.push_screen(ResumeScreen(saved, starting=True), answered)

    def resume(self, scenario: Scenario, saved: SavedRun) -> None:
        """Carry on a saved run, on the feedback of its last choice."""
        from cold_to_gold.store.recorded import RecordedRun

        replay = RecordedRun.resume(scenario, self.open_store(), saved)
        if replay.dropped:
            self.notify(
                f"The scenario has changed: {replay.dropped} choice(s) no longer apply "
                "and were dropped.",
                severity="warning",
            )
        self.show_run(replay.recorded, reveal_last=True)

    def discard(self, saved: SavedRun) -> bool:
        """Throw away an unfinished run; False (and said) when the store refuses."""
        from cold_to_gold.store.progress import SaveFailed

        try:
            self.open_store().discard_run(saved.id)
        except SaveFailed as error:
            self.notify(f"Not discarded ({error.reason}).", severity="warning", timeout=5)
            return False
        self.notify("The unfinished run was discarded.", timeout=3)
        return True

    def show_run(
        self, recorded: RecordedRun, replace: bool = False, reveal_last: bool = False
    ) -> AwaitComplete | AwaitMount:
        """Show a run; `reveal_last` opens on the feedback of its last choice (a resumed run:
        it may have been left before that feedback was read)."""
        from cold_to_gold.tui.screens.play import PlayScreen

        self.current_run = recorded
        if recorded.presenter and not self.presenter:  # a presenter run resumed: the mode too
            self.presenter = True
        presenter = recorded.presenter or self.presenter
        screen = PlayScreen(recorded, presenter, self.saving, reveal_last=reveal_last)
        if replace:
            return self.switch_screen(screen)
        return self.push_screen(screen)

    def action_press(self, key: str) -> None:
        """Act as if a key was pressed (the key bar's clickable keys)."""
        self.simulate_key(key)

    def action_toggle_presenter(self) -> None:
        self.presenter = not self.presenter
        state = "on" if self.presenter else "off"
        self.notify(f"Presenter mode {state}", timeout=2)

    def action_help(self) -> None:
        from cold_to_gold.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- the command palette: every action of the screen, by name ------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's own actions by name, then the theme and quit (not Textual's tools)."""
        seen = set()
        ours = {
            binding.action
            for binding in [*type(screen).BINDINGS, *type(self).BINDINGS]
            if isinstance(binding, Binding)
        }
        for active in screen.active_bindings.values():
            binding = active.binding
            if not (binding.description and active.enabled) or binding.description in seen:
                continue
            if binding.action not in ours and not binding.show:
                continue  # a widget's own keys (focus next, scroll): not commands of a place
            seen.add(binding.description)
            yield SystemCommand(
                binding.description,
                f"{screen_name(screen)} · key {self.get_key_display(binding)}",
                partial(self.run_action, binding.action, active.node),
            )
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Quit") and command.title not in seen:
                yield command


def screen_name(screen: Screen) -> str:
    return getattr(screen, "PLACE", type(screen).__name__)


def build_app(
    scenario: Scenario | None = None,
    extra_paths: Sequence[Path] = (),
    presenter: bool = False,
    store: ProgressStore | None = None,
    watch: Path | None = None,
    countdown: int | None = None,
) -> ColdToGoldApp:
    """The one way to make the app, used by the command line and the tests.

    `watch` makes it a live preview of that scenario file, reloaded on every save;
    `countdown` gives the room that many seconds to discuss each scene in presenter mode.
    """
    return ColdToGoldApp(scenario, extra_paths, presenter, store, watch, countdown)

"""The Cold to Gold app: one factory builds it for the command line and for the tests."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount

from cold_to_gold.tui.saving import SaveWatch

if TYPE_CHECKING:  # the engine and the store load after the first screen is drawn
    from cold_to_gold.scenario.library import LibraryEntry
    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.store.progress import ProgressStore
    from cold_to_gold.store.recorded import RecordedRun


def keep_out_of_collections() -> None:
    """Leave the objects made so far out of the garbage collector's full passes.

    Importing Textual and the app makes tens of thousands of objects that live as
    long as the process. Each full collection would walk them all again (25 ms on
    a small machine: long enough to be seen, and one tends to fall just before the
    first frame); frozen, they are skipped. Called at start and once more when the
    engine has been loaded.
    """
    gc.freeze()


class ColdToGoldApp(App[None]):
    """Picker, play, debrief, history: the engine decides, the app shows and asks."""

    TITLE = "Cold to Gold"
    # The picker's styles load with the app's: it is the first screen (get_default_screen).
    CSS_PATH = ["app.tcss", "screens/picker.tcss"]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    presenter: reactive[bool] = reactive(False)

    def __init__(
        self,
        scenario: Scenario | None = None,
        extra_paths: Sequence[Path] = (),
        presenter: bool = False,
        store: ProgressStore | None = None,
        watch: Path | None = None,
    ) -> None:
        super().__init__()
        self.start_scenario = scenario
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

    # --- start and the shared services --------------------------------------

    def get_default_screen(self) -> Screen:
        """The picker is the first screen, the one every other place returns to.

        Built as the default screen it is drawn first, with no blank screen before it
        (its styles come with the app's, in CSS_PATH).
        """
        from cold_to_gold.tui.screens.picker import PickerScreen

        return PickerScreen()

    def run(self, **options: Any) -> None:
        """Run the app (see `App.run` for the options)."""
        self.freeze_start_up = True
        keep_out_of_collections()
        return super().run(**options)

    def on_mount(self) -> None:
        if self.start_scenario is not None:
            self.play(self.start_scenario)
        if self.live is not None:
            self.run_worker(self.live.watch, thread=True, exclusive=True, group="live-preview")

    def open_store(self) -> ProgressStore:
        """The progress store, opened on first use; a moved-aside file is reported once."""
        from cold_to_gold.store.progress import ProgressStore

        if self.store is None:
            self.store = ProgressStore.open()
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

    # --- moving between places ---------------------------------------------

    def play(
        self, scenario: Scenario, choices: Sequence[str] = (), replace: bool = False
    ) -> AwaitComplete | AwaitMount:
        """Start a saved run of a scenario (after `choices`, for a rewind) and show it."""
        from cold_to_gold.store.recorded import RecordedRun

        recorded = RecordedRun.start(scenario, self.open_store(), self.presenter, choices)
        return self.show_run(recorded, replace)

    def show_run(self, recorded: RecordedRun, replace: bool = False) -> AwaitComplete | AwaitMount:
        from cold_to_gold.tui.screens.play import PlayScreen

        self.current_run = recorded
        screen = PlayScreen(recorded, recorded.presenter or self.presenter, self.saving)
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
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not (binding.description and active.enabled) or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{screen_name(screen)} · key {active.binding.key_display or key}",
                partial(self.run_action, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)


def screen_name(screen: Screen) -> str:
    return getattr(screen, "PLACE", type(screen).__name__)


def build_app(
    scenario: Scenario | None = None,
    extra_paths: Sequence[Path] = (),
    presenter: bool = False,
    store: ProgressStore | None = None,
    watch: Path | None = None,
) -> ColdToGoldApp:
    """The one way to make the app, used by the command line and the tests.

    `watch` makes it a live preview of that scenario file, reloaded on every save.
    """
    return ColdToGoldApp(scenario, extra_paths, presenter, store, watch)

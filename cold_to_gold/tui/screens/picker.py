"""The picker: the scenario library, a preview, type to filter, Enter plays."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # loaded by the library worker, after the picker is drawn
    from cold_to_gold.scenario.library import LibraryEntry
    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.store.progress import FinishedRun, SavedRun
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar


def entry_line(entry: LibraryEntry, best: FinishedRun | None) -> Text:
    """Two lines: the title, then level, minutes and the best grade so far."""
    text = Text(entry.title, "bold")
    scenario = entry.summary
    if scenario is None:
        text.append("\n  invalid: fix its errors first", "italic")
        return text
    details = [scenario.level or "any level"]
    if scenario.play_minutes:
        details.append(f"{scenario.play_minutes} min")
    details.append(f"best: {best.grade} {best.percent}%" if best else "not played yet")
    if entry.source == "yours":
        details.append("yours")
    text.append("\n  " + " · ".join(details), "italic")
    return text


def preview(entry: LibraryEntry, best: FinishedRun | None) -> Text:
    """The preview pane: summary, facts, objectives and people, or the file's errors."""
    text = Text()

    def heading(title: str) -> None:
        text.append(f"\n{title}\n", "bold underline")

    scenario = entry.summary
    text.append(f"{entry.title}\n", "bold")
    if scenario is None:
        heading("This file has errors")
        for problem in entry.problems[:12]:
            text.append(f"• {problem}\n")
        return text
    if scenario.summary:
        text.append(f"\n{scenario.summary}\n")
    facts = [scenario.level.capitalize() if scenario.level else ""]
    if scenario.play_minutes:
        facts.append(f"about {scenario.play_minutes} minutes to play")
    if scenario.time_budget:
        facts.append(f"{scenario.time_budget} minutes of your time to spend")
    text.append("\n" + " · ".join(fact for fact in facts if fact) + "\n", "italic")
    if scenario.objectives:
        heading("Objectives")
        for item in scenario.objectives:
            text.append(f"• {item}\n")
    heading("People")
    for name, role in scenario.people:
        text.append(f"• {name}", "bold")
        text.append(f", {role}\n" if role else "\n")
    if best:
        text.append(f"\nYour best so far: {best.grade}, {best.percent}%\n", "bold")
    for note in entry.notes:
        text.append(f"\nNote: {note}\n", "italic")
    return text


WARM_UP = ("rich.markdown", "cold_to_gold.scenario.load", "cold_to_gold.store.recorded")


class PickerScreen(Screen):
    """Pick a scenario to play."""

    PLACE = "Picker"
    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("enter", "play", "Play", priority=True),
        Binding("slash", "filter", "Filter"),
        Binding("p", "app.toggle_presenter", "Presenter"),
        Binding("h", "history", "History"),
        Binding("g", "guide", "Guide"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
    ]

    def __init__(self, offer_welcome: bool = True) -> None:
        super().__init__()
        self.offer_welcome = offer_welcome
        self.entries: list[LibraryEntry] = []
        self.best: dict[str, FinishedRun] = {}
        self.shown: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            placeholder="Type to filter scenarios…  (/ to filter, Esc to clear)",
            id="filter",
            select_on_focus=False,
        )
        with Horizontal(id="picker-body"):
            yield OptionList(id="library")
            with VerticalScroll(id="preview-pane"):
                yield Static("Loading the scenario library…", id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#library", OptionList).focus()
        self.load_library()

    def on_screen_resume(self) -> None:
        if self.entries:
            self.best = self.app.open_store().best_by_scenario()
            self.show_entries()

    @work(thread=True, exclusive=True)
    def load_library(self) -> None:
        """Read the library and the store off the UI thread, so the picker appears at once."""
        from cold_to_gold.scenario.library import discover

        entries = discover(self.app.extra_paths, use_cache=True)
        if not self.deliver(self.listed, entries):
            return
        for module in WARM_UP:  # what playing needs, loaded while the trainee reads the list
            import_module(module)
        from cold_to_gold.store.progress import StoreClosed

        try:
            store = self.app.open_store()
            best = store.best_by_scenario()
            first_start = store.setting("welcomed") is None
            unfinished = store.unfinished_runs()
        except StoreClosed:  # the app closed while the library was loading
            return
        self.deliver(self.loaded, best, first_start, unfinished)

    def deliver(self, callback: Callable[..., None], *args: object) -> bool:
        """Hand results to the UI thread; False when the app has closed in the meantime."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            return False
        return True

    def listed(self, entries: list[LibraryEntry]) -> None:
        self.entries = entries
        self.app.library = entries
        self.show_entries()

    def loaded(
        self,
        best: dict[str, FinishedRun],
        first_start: bool,
        unfinished: list[SavedRun],
    ) -> None:
        self.best = best
        self.show_entries()
        if not self.offer_welcome:
            return
        self.offer_welcome = False
        if first_start:
            from cold_to_gold.tui.screens.welcome import WelcomeScreen

            self.app.push_screen(WelcomeScreen(), lambda _: self.welcomed(unfinished))
        else:
            self.offer_resume(unfinished)

    def welcomed(self, unfinished: list[SavedRun]) -> None:
        self.app.open_store().set_setting("welcomed", "yes")
        self.offer_resume(unfinished)

    def offer_resume(self, unfinished: list[SavedRun]) -> None:
        from cold_to_gold.tui.screens.resume import ResumeScreen

        for saved in unfinished:
            entry = self.entry_for(saved) if saved.choices else None
            if entry is not None:
                self.app.push_screen(
                    ResumeScreen(saved), lambda answer, s=saved, e=entry: self.resumed(answer, s, e)
                )
                return

    def entry_for(self, saved: SavedRun) -> LibraryEntry | None:
        for entry in self.entries:
            if entry.valid and str(entry.path.resolve()) == saved.scenario_path:
                return entry
        return next((e for e in self.entries if e.valid and e.id == saved.scenario_id), None)

    def resumed(self, answer: str | None, saved: SavedRun, entry: LibraryEntry) -> None:
        from cold_to_gold.store.recorded import RecordedRun

        store = self.app.open_store()
        if answer == "discard":
            store.discard_run(saved.id)
            self.notify("The unfinished run was discarded.", timeout=3)
        elif answer == "resume" and (scenario := self.scenario_of(entry)) is not None:
            replay = RecordedRun.resume(scenario, store, saved)
            if replay.dropped:
                self.notify(
                    f"The scenario has changed: {replay.dropped} choice(s) no longer apply "
                    "and were dropped.",
                    severity="warning",
                )
            self.app.show_run(replay.recorded)

    # --- the list ----------------------------------------------------------

    def show_entries(self) -> None:
        words = self.query_one("#filter", Input).value.lower().split()
        self.shown = [entry for entry in self.entries if self.matches(entry, words)]
        library = self.query_one("#library", OptionList)
        previous = library.highlighted
        options: list[Option | None] = []
        for index, entry in enumerate(self.shown):
            if index:
                options.append(None)  # a rule between scenarios
            options.append(Option(entry_line(entry, self.best.get(entry.id)), id=str(index)))
        library.set_options(options)
        if self.shown:
            library.highlighted = min(previous or 0, len(self.shown) - 1)
        else:
            self.query_one("#preview", Static).update("No scenario matches the filter.")

    @staticmethod
    def matches(entry: LibraryEntry, words: list[str]) -> bool:
        scenario = entry.summary
        haystack = " ".join(
            [entry.id, entry.title, entry.source]
            + ([scenario.summary, scenario.level] if scenario else [])
        ).lower()
        return all(word in haystack for word in words)

    @property
    def selected(self) -> LibraryEntry | None:
        library = self.query_one("#library", OptionList)
        if library.highlighted is None or not self.shown:
            return None
        return self.shown[int(library.get_option_at_index(library.highlighted).id or 0)]

    @on(OptionList.OptionHighlighted, "#library")
    def show_preview(self) -> None:
        entry = self.selected
        if entry is not None:
            text = preview(entry, self.best.get(entry.id))
            self.query_one("#preview", Static).update(text)

    @on(OptionList.OptionSelected, "#library")
    def picked(self) -> None:
        self.action_play()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.show_entries()

    def on_key(self, event: events.Key) -> None:
        """Typing a letter that is not a key of this screen starts the filter."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.has_focus or not event.is_printable or event.character is None:
            return
        if event.key in {binding.key for binding in self.BINDINGS}:
            return
        filter_input.focus()
        filter_input.insert_text_at_cursor(event.character)
        event.stop()

    # --- actions -----------------------------------------------------------

    def action_play(self) -> None:
        entry = self.selected
        if entry is not None and (scenario := self.scenario_of(entry)) is not None:
            self.app.play(scenario)

    def scenario_of(self, entry: LibraryEntry) -> Scenario | None:
        """The entry's scenario, or None (with a message) when it has errors."""
        from cold_to_gold.scenario.problems import ScenarioInvalid

        problems = entry.problems
        if entry.valid:
            try:
                return entry.load()
            except ScenarioInvalid as error:  # the file changed since it was listed
                problems = error.problems
        self.notify(
            f"{entry.path.name} has errors: {problems[0].message}",
            severity="error",
            title="Cannot play",
        )
        return None

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#library", OptionList).focus()

    def action_move(self, step: int) -> None:
        library = self.query_one("#library", OptionList)
        if step > 0:
            library.action_cursor_down()
        else:
            library.action_cursor_up()

    def action_guide(self) -> None:
        from cold_to_gold.tui.screens.guide import GuideScreen

        self.app.push_screen(GuideScreen())

    def action_history(self) -> None:
        from cold_to_gold.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

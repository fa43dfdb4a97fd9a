"""The picker: the scenario library, a preview, type to filter, Enter plays.

The filter always has the keyboard: every printable key is part of what you
type (typing "gold" or "quick" filters, it never opens a guide or quits). The
commands sit on keys no one types into a filter: arrows, Enter, Esc, F1–F4.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from importlib import import_module
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # loaded after the picker is drawn (see WARM_UP)
    from cold_to_gold.library.listing import LibraryEntry
    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.scenario.problems import Problem
    from cold_to_gold.store.progress import FinishedRun, SavedRun
from cold_to_gold.tui.memory import keep_out_of_collections
from cold_to_gold.tui.widgets.entry_line import EntryLine
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.title_bar import TitleBar


def entry_line(entry: LibraryEntry, best: FinishedRun | None) -> EntryLine:
    """Two lines: the title, then level, minutes and the best grade so far (indented,
    and wrapping under itself on a narrow list)."""
    title = Content.styled(entry.title, "bold")
    scenario = entry.summary
    if scenario is None:
        return EntryLine(title, Content.styled("invalid: fix its errors first", "italic"))
    details = [scenario.level or "any level"]
    if scenario.play_minutes:
        details.append(f"{scenario.play_minutes} min")
    # "won·gold 92%": one word, so a narrow list never wraps it after "won".
    shown = best.verdict.replace(" ", "") if best else ""
    details.append(f"best: {shown} {best.percent}%" if best else "not played yet")
    if entry.source == "yours":
        details.append("yours")
    return EntryLine(title, Content.styled(" · ".join(details), "italic"))


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
        text.append(f"\nYour best so far: {best.verdict}, {best.percent}%\n", "bold")
    for note in entry.notes:
        text.append(f"\nNote: {note}\n", "italic")
    return text


WARM_UP = ("rich.markdown", "cold_to_gold.library.load", "cold_to_gold.store.recorded")
WARM_UP_AFTER = 0.3  # seconds: once the first frames are drawn, so loading does not delay them


class PickerScreen(Screen):
    """Pick a scenario to play."""

    PLACE = "Picker"
    # picker.tcss is loaded with the app's styles: this is the first screen (see the app).
    # What no binding says: the help lists it first.
    HELP_EXTRA = [("type", "Filter the list as you type: titles that match come first")]
    BINDINGS = [
        Binding("enter", "play", "Play", priority=True),
        Binding("f1", "app.help", "Help", key_display="F1"),
        Binding("f2", "app.toggle_presenter", "Presenter", key_display="F2"),
        Binding("f3", "history", "History", key_display="F3"),
        Binding("f4", "guide", "Guide", key_display="F4"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("pagedown", "move(5)", "Next page", show=False, priority=True),
        Binding("pageup", "move(-5)", "Previous page", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.offer_welcome = True  # the welcome and resume offers, unless `play` started a run
        self.greeting = False  # the welcome is open: the resume offer waits for it
        self.entries: list[LibraryEntry] = []  # the rows listed so far
        self.all_listed = False  # every file read: `entries` is the whole library
        self.read_so_far: list[LibraryEntry] = []  # set by the reading thread (see read_library)
        self.news_posted = False
        self.best: dict[str, FinishedRun] = {}
        self.shown: list[LibraryEntry] = []
        self.first_start = False  # read from the store on mount, with the unfinished runs
        self.unfinished: list[SavedRun] = []
        self.previewed: tuple[LibraryEntry, FinishedRun | None] | None = None
        self.away = False  # another screen was shown over this one

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            placeholder="Type to filter scenarios…  (Esc clears)",
            id="filter",
            select_on_focus=False,
        )
        with Horizontal(id="picker-body"):
            yield OptionList(id="library")
            with VerticalScroll(id="preview-pane"):
                yield Static("Loading the scenario library…", id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        from cold_to_gold.library.listing import discover_cached

        library = self.query_one("#library", OptionList)
        library.can_focus = False  # the filter keeps the keyboard; the list follows the arrows
        # Focus at once, not after the first frame: no restyle, no relayout.
        self.set_focus(self.query_one("#filter", Input))
        # Both panes scroll at 80x24: their scroll bars made now are styled with everything
        # else, instead of after the first layout (which would cost a second one).
        for pane in (library, self.query_one("#preview-pane")):
            pane.vertical_scrollbar  # noqa: B018 - the property makes the bar
        self.offer_welcome = self.app.start_scenario is None
        self.read_progress()  # a few milliseconds: grades are right in the first frame
        if self.offer_welcome and self.first_start:
            self.greet()  # at once: the library fills in behind it
        entries = discover_cached(self.app.extra_paths)  # also milliseconds, when cached
        if entries is None:
            self.read_library()
        else:
            self.listed(entries)
            self.set_timer(WARM_UP_AFTER, self.warm_up)

    def read_progress(self) -> None:
        """Best grades, whether the welcome was seen, unfinished runs; a store that cannot
        be read leaves the list without grades and says so, once."""
        from cold_to_gold.store.progress import StoreError

        store = self.app.open_store()
        try:
            self.best = store.best_by_scenario()
            unread = store.storage == "memory" and store.path.exists()  # locked, or too new
            self.first_start = store.setting("welcomed") is None and not unread
            self.unfinished = store.unfinished_runs()
        except StoreError as error:
            self.notify(
                f"Your progress cannot be read ({error.reason}): grades are not shown.",
                severity="warning",
                timeout=10,
            )

    def on_screen_suspend(self) -> None:
        self.away = True  # a run played from here may set a new best grade

    def on_screen_resume(self) -> None:
        if not (self.away and self.entries):  # Textual resumes the first screen at start too
            return
        self.away = False
        # Back from a run: what was typed stays, selected, so new typing replaces it.
        self.query_one("#filter", Input).action_select_all()
        from cold_to_gold.store.progress import StoreError

        try:
            best = self.app.open_store().best_by_scenario()
        except StoreError:  # said when the picker opened; the grades shown stay
            return
        if best != self.best:  # back from a run that did better: show the new grade
            self.best = best
            self.show_entries()

    class Read(Message):
        """More of the library was read: `read_so_far` has the rows to list."""

    @work(thread=True, exclusive=True, group="library")
    def read_library(self) -> None:
        """Read and check the files the cache could not list, off the UI thread.

        Each row is listed as soon as it is read, never held back by a slow file after
        it. The thread does not wait for the UI: it replaces `read_so_far` and posts one
        `Read` unless one is still waiting; the UI takes the newest rows when it comes.
        """
        from cold_to_gold.library.listing import arrange, read_each

        read: list[LibraryEntry] = []
        for entry in read_each(self.app.extra_paths, use_cache=True):
            read.append(entry)
            self.read_so_far = arrange(read)  # first the rows, then the news (see `on_...`)
            if not self.news_posted:
                self.news_posted = True
                self.post_message(self.Read())
        if self.deliver(self.listed, arrange(read)):
            self.warm_up_now()

    def on_picker_screen_read(self) -> None:
        self.news_posted = False  # first the flag, then the rows: newer rows bring a new Read
        if not self.all_listed:
            self.listing(self.read_so_far)

    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        self.warm_up_now()

    def warm_up_now(self) -> None:
        """Load what playing needs while the trainee reads the list, so Enter plays at once."""
        for module in WARM_UP:
            import_module(module)
        if self.app.freeze_start_up:
            keep_out_of_collections()

    def deliver(self, callback: Callable[..., None], *args: object) -> bool:
        """Hand results to the UI thread; False when the app has closed in the meantime."""
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            return False
        return True

    def listing(self, entries: list[LibraryEntry]) -> None:
        """Show the rows read so far, while the rest are read."""
        self.entries = entries
        self.show_entries()

    def listed(self, entries: list[LibraryEntry]) -> None:
        """Show the whole library; the first time, offer an unfinished run (after the welcome)."""
        self.entries = entries
        self.all_listed = True
        self.app.library = entries
        self.show_entries()
        self.offer_unfinished()

    def greet(self) -> None:
        from cold_to_gold.tui.screens.welcome import WelcomeScreen

        self.greeting = True
        self.app.push_screen(WelcomeScreen(), self.welcomed)

    def welcomed(self, _: object = None) -> None:
        from cold_to_gold.store.progress import SaveFailed

        with suppress(SaveFailed):  # not kept: the welcome shows again next time, no harm
            self.app.open_store().set_setting("welcomed", "yes")
        self.greeting = False
        self.offer_unfinished()

    def offer_unfinished(self) -> None:
        """Once, when the whole library is listed and the welcome closed: offer to resume."""
        if not self.offer_welcome or self.greeting or not self.all_listed:
            return
        self.offer_welcome = False
        self.offer_resume(self.unfinished)

    def offer_resume(self, unfinished: list[SavedRun]) -> None:
        for saved in unfinished:
            entry = self.entry_for(saved) if saved.choices else None
            if entry is not None:
                from cold_to_gold.tui.screens.resume import ResumeScreen

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
        if answer == "discard":
            self.app.discard(saved)
        elif answer == "resume":
            self.open_entry(entry, lambda scenario: self.app.resume(scenario, saved))

    # --- the list ----------------------------------------------------------

    def show_entries(self) -> None:
        words = self.query_one("#filter", Input).value.lower().split()
        ranked = [(self.rank(entry, words), index) for index, entry in enumerate(self.entries)]
        found = sorted((rank, index) for rank, index in ranked if rank is not None)
        self.shown = [self.entries[index] for _, index in found]
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
            self.show_preview()  # now, in the same frame as the list (the event comes later)
        else:
            self.query_one("#preview", Static).update("No scenario matches the filter.")
            self.previewed = None

    @staticmethod
    def rank(entry: LibraryEntry, words: list[str]) -> int | None:
        """How well an entry matches (lower first), or None when a word is found nowhere.

        A word in the title or id counts before one found only in the summary, the
        level or the source, so typing a title finds that scenario first.
        """
        scenario = entry.summary
        title = f"{entry.id} {entry.title}".lower()
        rest = " ".join(
            [entry.source] + ([scenario.summary, scenario.level] if scenario else [])
        ).lower()
        rank = 0
        for word in words:
            if word in title:
                continue
            if word not in rest:
                return None
            rank += 1
        return rank

    @property
    def selected(self) -> LibraryEntry | None:
        library = self.query_one("#library", OptionList)
        if library.highlighted is None or not self.shown:
            return None
        return self.shown[int(library.get_option_at_index(library.highlighted).id or 0)]

    @on(OptionList.OptionHighlighted, "#library")
    def show_preview(self) -> None:
        entry = self.selected
        if entry is None:
            return
        best = self.best.get(entry.id)
        if self.previewed != (entry, best):  # an unchanged preview is not laid out again
            self.previewed = (entry, best)
            self.query_one("#preview", Static).update(preview(entry, best))

    @on(OptionList.OptionSelected, "#library")
    def picked(self) -> None:
        self.action_play()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.show_entries()

    def on_key(self, event: events.Key) -> None:
        """A printable key while something else has focus (a click) still goes to the filter."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.has_focus or not event.is_printable or event.character is None:
            return
        filter_input.focus()
        filter_input.insert_text_at_cursor(event.character)
        event.stop()

    # --- actions -----------------------------------------------------------

    def action_play(self) -> None:
        entry = self.selected
        if entry is None:
            return
        self.open_entry(entry, self.app.open_scenario)

    def open_entry(self, entry: LibraryEntry, then: Callable[[Scenario], object]) -> None:
        """Hand the entry's scenario to `then`, or say why it cannot be played.

        A scenario listed from the cache is read and checked first — the best-run
        search included — off the UI thread.
        """
        if entry.scenario is not None:
            then(entry.scenario)
        elif not entry.valid:
            self.cannot_play(entry, entry.problems)
        else:
            self.load_entry(entry, then)

    @work(thread=True, exclusive=True, group="open")
    def load_entry(self, entry: LibraryEntry, then: Callable[[Scenario], object]) -> None:
        from textual.worker import get_current_worker

        from cold_to_gold.scenario.problems import ScenarioInvalid

        try:
            scenario = entry.load()
        except ScenarioInvalid as error:  # the file changed since it was listed
            self.deliver(self.cannot_play, entry, error.problems)
            return
        if not get_current_worker().is_cancelled:  # a second Enter started another one
            self.deliver(self.opened, scenario, then)

    def opened(self, scenario: Scenario, then: Callable[[Scenario], object]) -> None:
        if self.is_current:  # the trainee did not go elsewhere while it loaded
            then(scenario)

    def cannot_play(self, entry: LibraryEntry, problems: tuple[Problem, ...]) -> None:
        self.notify(
            f"{entry.path.name} has errors: {problems[0].message}",
            severity="error",
            title="Cannot play",
        )

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.value = ""
        filter_input.focus()

    def action_move(self, step: int) -> None:
        library = self.query_one("#library", OptionList)
        for _ in range(abs(step)):
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

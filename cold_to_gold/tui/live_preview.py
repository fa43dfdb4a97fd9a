"""The live preview (`play FILE --watch`): reload the scenario whenever its file is saved.

A file-watching thread (watchfiles) tells the app; the app reloads the file,
replays the choices made so far as far as they still apply, and shows the
validator's errors in place of the run while the file is broken.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from cold_to_gold.tui.screens.problems import ProblemsScreen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.app import App
    from textual.await_complete import AwaitComplete
    from textual.widget import AwaitMount

    from cold_to_gold.scenario.model import Scenario
    from cold_to_gold.store.recorded import RecordedRun

    class ColdToGoldApp(App[None]):
        """What the preview uses of the app that makes it (`tui.app.ColdToGoldApp`), named
        here so that this module does not import the app: the app imports it."""

        current_run: RecordedRun | None

        def play(
            self, scenario: Scenario, choices: Sequence[str] = (), replace: bool = False
        ) -> AwaitComplete | AwaitMount: ...


DEBOUNCE_MS = 200


class LivePreview:
    """Watches one scenario file for its app."""

    def __init__(self, app: ColdToGoldApp, path: Path) -> None:
        self.app = app
        self.path = path.resolve()
        self.stop = threading.Event()
        self.lock = asyncio.Lock()
        self.last_text: bytes | None = self.path.read_bytes() if self.path.exists() else None

    def watch(self) -> None:
        """Run in a thread worker until `stop` is set."""
        from watchfiles import watch

        for _ in watch(
            self.path.parent,
            watch_filter=lambda _change, changed: Path(changed).resolve() == self.path,
            debounce=DEBOUNCE_MS,
            stop_event=self.stop,
            raise_interrupt=False,
            recursive=False,
        ):
            try:
                self.app.call_from_thread(self.reload)
            except RuntimeError:  # the app has closed
                return

    async def reload(self) -> None:
        """Reload the file; one reload at a time, and none when its text has not changed."""
        async with self.lock:
            try:
                text = self.path.read_bytes()
            except OSError:
                text = None  # moved away mid-save: the reload below reports it
            if text is not None and text == self.last_text:
                return
            self.last_text = text
            await self._reload()

    async def _reload(self) -> None:
        from cold_to_gold.engine import Run, RunError
        from cold_to_gold.library.load import load_scenario
        from cold_to_gold.scenario import ScenarioInvalid

        app = self.app
        try:  # validation runs the best-run search: never on the UI thread
            scenario = await asyncio.to_thread(load_scenario, self.path)
        except ScenarioInvalid as error:
            if isinstance(app.screen, ProblemsScreen):
                app.screen.show(error.problems)
            else:
                await app.push_screen(ProblemsScreen(error.problems))
            return
        if isinstance(app.screen, ProblemsScreen):
            await app.pop_screen()
        made = list(app.current_run.run.path) if app.current_run else []
        kept: list[str] = []
        probe = Run(scenario)  # which of the choices made still apply
        for choice_id in made:
            try:
                probe.choose(choice_id)
            except RunError:
                break
            kept.append(choice_id)
        on_a_run = type(app.screen).__name__ in ("PlayScreen", "DebriefScreen")
        await app.play(scenario, choices=kept, replace=on_a_run)
        dropped = len(made) - len(kept)
        note = f"Reloaded {self.path.name}"
        if made:
            note += f": kept {len(kept)} of {len(made)} choices"
        app.notify(note + ("" if not dropped else " (the rest no longer apply)"), timeout=3)

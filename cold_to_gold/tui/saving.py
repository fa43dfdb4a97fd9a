"""Keeping the trainee told about saving: a failed save is said in one line, retried in
the background, and a copy can be written elsewhere; the run itself always goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store loads with the first run, not with the app
    from textual.app import App
    from textual.timer import Timer

    from cold_to_gold.store.recorded import RecordedRun
    from cold_to_gold.store.records import RunRecord

# A retry runs on the UI thread and waits only briefly for another process's lock
# (`RecordedRun.retry`): a lock held for minutes costs milliseconds every few seconds.
RETRY_SECONDS = 3.0
# Quitting with a run the file does not hold yet: worth a longer wait, once.
LAST_CHANCE_MS = 2000


def at_risk(recorded: RecordedRun | None) -> bool:
    """Whether this run is not (or not all) in the progress file, and the trainee expects it.

    The live preview's runs are never saved on purpose (its store has no notice).
    """
    if recorded is None:
        return False
    store = recorded.store
    return recorded.unsaved is not None or (not store.saving and store.notice is not None)


def replay_hint(recorded: RecordedRun) -> str:
    """The command that plays this run again, for a message."""
    from cold_to_gold.store.run_copy import as_json

    return str(as_json(recorded.record())["replay"])


class SaveWatch:
    """Follows the app's runs: says when saving one fails, retries it, says when it is whole.

    A rewind or a replay starts a new run; one that is still behind keeps being retried.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.pending: dict[RecordedRun, str] = {}  # run -> the failure already told
        self.copied: dict[RecordedRun, RunRecord] = {}  # run -> what its copy elsewhere holds
        self.last: RecordedRun | None = None
        self.timer: Timer | None = None

    def check(self, recorded: RecordedRun) -> None:
        """Call after every change to a run: say what is new about its saving, once."""
        self.last = recorded
        behind = recorded in self.pending
        if recorded.unscored is not None:
            self.app.notify(
                f"This run could not be scored ({recorded.unscored}); every choice is saved.",
                severity="error",
                timeout=15,
            )
            recorded.unscored = None  # said once
        if recorded.unsaved is None:
            if self.pending.pop(recorded, None) is not None:
                self.app.notify("Saved: every choice so far is in your progress again.", timeout=5)
        elif self.pending.get(recorded) != recorded.unsaved:
            self.pending[recorded] = recorded.unsaved
            self.app.notify(
                f"Not saved ({recorded.unsaved}). The run goes on and saving is retried; "
                "s saves a copy elsewhere.",
                severity="warning",
                timeout=10,
            )
        if self.pending and self.timer is None:
            self.timer = self.app.set_interval(RETRY_SECONDS, self.retry)
        elif not self.pending and self.timer is not None:
            self.timer.stop()
            self.timer = None
        if (recorded in self.pending) != behind:  # "s Save a copy" comes and goes with it
            self.app.screen.refresh_bindings()

    def retry(self) -> None:
        """Try every run that is behind once more (the timer calls this)."""
        for recorded in list(self.pending):
            self._try(recorded)
            self.check(recorded)

    def last_chance(self) -> list[str]:
        """On the way out: try once more, a little longer; a one-line note for each run
        that is still not saved, with the command that plays it again."""
        runs = list(self.pending)
        if self.last is not None and self.last not in self.pending:
            runs.append(self.last)
        notes = []
        for recorded in runs:
            if recorded.unsaved is not None:
                self._try(recorded, LAST_CHANCE_MS)
            copied = self.copied.get(recorded) == recorded.record()
            if at_risk(recorded) and recorded.run.steps and not copied:
                why = recorded.unsaved or "the progress file cannot be written"
                notes.append(
                    f"a run was not saved ({why}); play it again with: {replay_hint(recorded)}"
                )
        return notes

    def _try(self, recorded: RecordedRun, patience_ms: int | None = None) -> None:
        from cold_to_gold.store.progress import StoreClosed

        try:
            if patience_ms is None:
                recorded.retry()
            else:
                recorded.retry(patience_ms)
        except StoreClosed:
            return


def offer_copy(app: App, watch: SaveWatch, recorded: RecordedRun) -> None:
    """Ask where to write a copy of the run, then say where it went."""
    from cold_to_gold.tui.screens.save_copy import SaveCopyScreen

    def copied(path: object) -> None:
        if path is not None:
            watch.copied[recorded] = recorded.record()  # no need to tell on the way out
            app.notify(f"Saved a copy of this run to {path}.", timeout=10)

    app.push_screen(SaveCopyScreen(recorded), copied)

"""A run that saves itself: each choice, undo and ending is written as it happens.

The run in memory is the truth; the store follows it. When a write fails (the
file locked by another program past the wait, read-only, a full disk), the run
goes on: `unsaved` says why in one line, and the next change, or `retry()`,
writes the whole run at once. Nothing the trainee did is lost while the app runs,
and a copy can be written elsewhere (`cold_to_gold.store.run_copy`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cold_to_gold.base.one_line import one_line
from cold_to_gold.engine import Run, RunError, Step, transcript
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.store.database import now
from cold_to_gold.store.progress import (
    ProgressStore,
    RunRecord,
    SavedRun,
    SaveFailed,
    new_run_id,
)
from cold_to_gold.store.tally import Tally

# Once a save has failed, each later change tries to catch up, but waits only this long
# for a lock (the first failure already waited): a lock held for minutes never slows a key.
CATCH_UP_PATIENCE_MS = 40


@dataclass
class Replay:
    """What became of a saved run replayed against its scenario as it is now."""

    recorded: RecordedRun
    dropped: int  # choices that no longer apply (the scenario changed since)


class RecordedRun:
    """An engine `Run` plus its row in the progress store; the run decides, the store remembers.

    `unsaved` is None while the store holds everything, else why the last write
    failed. `unscored` says why a finished run could not be scored (the engine
    failed at its end); its choices are saved all the same.
    """

    def __init__(
        self,
        run: Run,
        store: ProgressStore,
        run_id: int,
        presenter: bool = False,
        started_at: str | None = None,
    ) -> None:
        self.run = run
        self.store = store
        self.id = run_id
        self.presenter = presenter
        self.started_at = started_at or now()
        self.made_at: list[str] = []  # when each step was made
        self.votes: dict[int, Tally] = {}  # the room's vote per step position (presenter mode)
        self.unsaved: str | None = None
        self.unscored: str | None = None
        self.scored: dict[str, Any] | None = None  # the transcript, once the run has ended

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        store: ProgressStore,
        presenter: bool = False,
        choices: Sequence[str] = (),
        votes: Sequence[Tally] = (),
    ) -> RecordedRun:
        """A new saved run, after making `choices` (a rewind starts with some, and keeps
        the room's `votes` on those steps and on the one it goes back to)."""
        recorded = cls(Run(scenario), store, new_run_id(), presenter)
        path, title = recorded.scenario_path, scenario.title

        def write() -> None:
            recorded.id = store.start_run(
                scenario.id, path, title, presenter, recorded.id, recorded.started_at
            )

        recorded._write(write)
        store.hold_run(recorded.id)  # no other window offers to resume it while it is played
        kept = {tally.position: tally for tally in votes if tally.position <= len(choices)}
        for choice_id in choices:
            if (tally := kept.get(len(recorded.run.steps))) is not None:
                recorded.record_tally(tally.hands)
            recorded.choose(choice_id)
        if (tally := kept.get(len(choices))) is not None:
            recorded.record_tally(tally.hands)
        return recorded

    @classmethod
    def resume(cls, scenario: Scenario, store: ProgressStore, saved: SavedRun) -> Replay:
        """Replay a saved run's choices; those that no longer apply are dropped from the store."""
        recorded = cls(Run(scenario), store, saved.id, saved.presenter, saved.started_at)
        store.hold_run(saved.id)
        for position, choice_id in enumerate(saved.choices):
            try:
                recorded.run.choose(choice_id)
            except RunError:
                break
            made = saved.made_at[position] if position < len(saved.made_at) else now()
            recorded.made_at.append(made)
        made = len(recorded.run.steps)
        if made < len(saved.choices):
            recorded._write(lambda: store.keep_choices(saved.id, made))
        # The room's votes on the steps still made, and on the scene the run is back at.
        recorded.votes = {tally.position: tally for tally in saved.votes if tally.position <= made}
        if recorded.run.finished:
            recorded._finish()
        return Replay(recorded, len(saved.choices) - made)

    @property
    def scenario(self) -> Scenario:
        return self.run.scenario

    @property
    def scenario_path(self) -> str:
        return str(Path(self.scenario.path).resolve())

    @property
    def kept(self) -> bool:
        """Whether the progress file holds this run as it stands."""
        return self.unsaved is None and self.store.saving

    def choose(self, choice_id: str) -> Step:
        """Make the choice (the engine may refuse it), then save it at once."""
        step = self.run.choose(choice_id)
        self.made_at.append(now())
        position, made_at = len(self.run.steps) - 1, self.made_at[-1]
        self._write(
            lambda: self.store.record_choice(self.id, position, step.scene, choice_id, made_at)
        )
        if self.run.finished:
            self._finish()
        return step

    def record_tally(self, hands: dict[str, int]) -> Tally:
        """Save the room's vote on the current scene, before its choice is made."""
        tally = Tally(len(self.run.steps), self.run.at, dict(hands))
        self.votes[tally.position] = tally
        self._write(
            lambda: self.store.record_tally(self.id, tally.position, tally.scene, tally.hands)
        )
        return tally

    def vote_on(self, position: int) -> Tally | None:
        """The room's vote at a step (or on the current scene, at `len(run.steps)`)."""
        return self.votes.get(position)

    def undo(self) -> Step | None:
        step = self.run.undo()
        if step is not None:
            count = len(self.run.steps)
            del self.made_at[count:]
            self.votes = {at: tally for at, tally in self.votes.items() if at <= count}
            self.scored = self.unscored = None
            self._write(lambda: self.store.keep_choices(self.id, count))
            self.store.hold_run(self.id)  # open again: held again
        return step

    def discard(self) -> None:
        """Forget the run (left before any choice); a failure leaves an empty run, no harm."""
        with suppress(SaveFailed):
            self.store.discard_run(self.id)
        self.store.let_go(self.id)

    def record(self) -> RunRecord:
        """The whole run as it stands, for `ProgressStore.save_run` or a copy elsewhere."""
        return RunRecord(
            self.id,
            self.scenario.id,
            self.scenario_path,
            self.scenario.title,
            self.presenter,
            self.started_at,
            tuple(
                (step.scene, step.choice.id, made)
                for step, made in zip(self.run.steps, self.made_at, strict=True)
            ),
            self.scored if self.run.finished else None,
            tuple(self.votes[at] for at in sorted(self.votes)),
        )

    def retry(self, patience_ms: int = CATCH_UP_PATIENCE_MS) -> bool:
        """Write the whole run now, waiting at most `patience_ms` for another process's lock;
        True when the store holds it all."""
        try:
            with self.store.patience(patience_ms):
                self.store.save_run(self.record())
        except SaveFailed as error:
            self.unsaved = error.reason
            return False
        self.unsaved = None
        return True

    def _finish(self) -> None:
        """Score the ended run and save it as finished.

        The engine's search for the best run may fail on a hostile scenario; the run
        then stays open in the store (with every choice) and `unscored` says why.
        """
        try:
            self.scored = transcript(self.run)
        except Exception as error:  # any engine failure: the app must live on, and say it
            self.unscored = one_line(f"{type(error).__name__}: {error}")
            return
        self.unscored = None
        scored = self.scored
        self._write(lambda: self.store.finish_run(self.id, scored))
        self.store.let_go(self.id)  # finished: nobody will be offered to resume it

    def _write(self, write: Callable[[], None]) -> None:
        """Make one change in the store; once behind, write the whole run instead."""
        if self.unsaved is not None:
            self.retry()
            return
        try:
            write()
        except SaveFailed as error:
            self.unsaved = error.reason

"""A run that saves itself: each choice, undo and ending is written as it happens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cold_to_gold.engine import Run, RunError, Step, transcript
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.store.progress import ProgressStore, SavedRun
from cold_to_gold.store.tally import Tally


@dataclass
class Replay:
    """What became of a saved run replayed against its scenario as it is now."""

    recorded: RecordedRun
    dropped: int  # choices that no longer apply (the scenario changed since)


class RecordedRun:
    """An engine `Run` plus its row in the progress store; the run decides, the store remembers."""

    def __init__(self, run: Run, store: ProgressStore, run_id: int, presenter: bool = False):
        self.run = run
        self.store = store
        self.id = run_id
        self.presenter = presenter
        self.votes: dict[int, Tally] = {}  # the room's vote per step position (presenter mode)

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
        path = str(Path(scenario.path).resolve())
        run_id = store.start_run(scenario.id, path, scenario.title, presenter)
        recorded = cls(Run(scenario), store, run_id, presenter)
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
        run = Run(scenario)
        made = 0
        for choice_id in saved.choices:
            try:
                run.choose(choice_id)
            except RunError:
                break
            made += 1
        recorded = cls(run, store, saved.id, saved.presenter)
        if made < len(saved.choices):
            store.keep_choices(saved.id, made)
        recorded.votes = store.tallies(saved.id)
        if run.finished:
            store.finish_run(saved.id, transcript(run))
        return Replay(recorded, len(saved.choices) - made)

    @property
    def scenario(self) -> Scenario:
        return self.run.scenario

    def choose(self, choice_id: str) -> Step:
        """Make the choice (the engine may refuse it), then save it at once."""
        step = self.run.choose(choice_id)
        self.store.record_choice(self.id, len(self.run.steps) - 1, step.scene, choice_id)
        if self.run.finished:
            self.store.finish_run(self.id, transcript(self.run))
        return step

    def record_tally(self, hands: dict[str, int]) -> Tally:
        """Save the room's vote on the current scene, before its choice is made."""
        tally = Tally(len(self.run.steps), self.run.at, dict(hands))
        self.store.record_tally(self.id, tally.position, tally.scene, tally.hands)
        self.votes[tally.position] = tally
        return tally

    def vote_on(self, position: int) -> Tally | None:
        """The room's vote at a step (or on the current scene, at `len(run.steps)`)."""
        return self.votes.get(position)

    def undo(self) -> Step | None:
        step = self.run.undo()
        if step is not None:
            self.store.keep_choices(self.id, len(self.run.steps))
            self.votes = {at: t for at, t in self.votes.items() if at <= len(self.run.steps)}
        return step

    def discard(self) -> None:
        self.store.discard_run(self.id)

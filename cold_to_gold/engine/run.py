"""A run: one play of a scenario, driven by a `transitions` state machine.

The machine's states are the scene and ending ids; its triggers are the
choice ids. A choice's guard and time cost are the transition's condition,
its gains and effects are applied before the move, and the arrival (with its
visit count) after it. The numbers live in an immutable `RunState` that is
replaced at each step, so undo and rewind are exact.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from transitions import EventData, Machine

from cold_to_gold.engine.changes import Change, changes_between
from cold_to_gold.engine.rules import Move, rules_for
from cold_to_gold.engine.state import RunState
from cold_to_gold.scenario.guards import Guard
from cold_to_gold.scenario.model import Choice, Ending, Scenario, Scene, pick_text
from cold_to_gold.scenario.spec import OUT_OF_TIME

# Choice ids such as `trigger` cannot become methods of the machine's model;
# transitions logs that it skips them. The run always fires by name, so it is noise.
logging.getLogger("transitions").setLevel(logging.ERROR)

_TIME_IS_UP = "time is up"  # a trigger name no choice id can take (ids have no spaces)


class RunError(Exception):
    """A choice that cannot be made; the message says why, in the trainee's words."""


class UnknownChoice(RunError):
    pass


class ChoiceLocked(RunError):
    pass


class RunFinished(RunError):
    pass


@dataclass(frozen=True)
class Option:
    """A choice as offered now: available, or locked with the reason."""

    number: int
    choice: Choice
    reason: str | None

    @property
    def available(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Step:
    """One choice made: where, which, the states around it, and the feedback shown."""

    scene: str
    choice: Choice
    before: RunState
    after: RunState
    changes: tuple[Change, ...]
    feedback: str | None = None  # the variant shown; None when the choice has none


class _Position:
    """The model the machine moves; it holds only the current state's id."""

    state: str
    trigger: Any


class Run:
    """One play through a scenario; the host API of the engine."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.rules = rules_for(scenario)
        self.state = self.rules.start()
        self._paid = self.state
        self.steps: list[Step] = []
        self._position = _Position()
        self.machine = Machine(
            model=self._position,
            states=self._state_names(),
            initial=scenario.start,
            transitions=self._transitions(),
            auto_transitions=False,
            send_event=True,
            after_state_change=self._arrive,
        )
        self._end_if_stuck()

    def _state_names(self) -> list[str]:
        names = [*self.scenario.scenes, *self.scenario.endings]
        return names if OUT_OF_TIME in names else [*names, OUT_OF_TIME]

    def _transitions(self) -> list[dict[str, Any]]:
        transitions = []
        for scene_id, moves in self.rules.moves.items():
            for move in moves:
                transitions.append(
                    {
                        "trigger": move.choice.id,
                        "source": scene_id,
                        "dest": move.choice.goto,
                        "conditions": [lambda _event, move=move: self._can(move)],
                        "before": [lambda _event, move=move: self._pay(move)],
                    }
                )
        transitions.append(
            {"trigger": _TIME_IS_UP, "source": list(self.scenario.scenes), "dest": OUT_OF_TIME}
        )
        return transitions

    # --- machine callbacks ----------------------------------------------

    def _can(self, move: Move) -> bool:
        return self.rules.available(self.state, move)

    def _pay(self, move: Move) -> None:
        self.state = self._paid = self.rules.pay(self.state, move)

    def _arrive(self, event: EventData) -> None:
        self.state = self.rules.arrive(self.state, event.transition.dest)

    def _end_if_stuck(self) -> None:
        if self.scene is not None and not self.rules.available_moves(self.state):
            self._position.trigger(_TIME_IS_UP)

    # --- what the run is showing ------------------------------------------

    @property
    def at(self) -> str:
        """The id of the current scene, or of the ending once finished."""
        return self._position.state

    @property
    def scene(self) -> Scene | None:
        return self.scenario.scenes.get(self.at)

    @property
    def ending(self) -> Ending | None:
        return None if self.at in self.scenario.scenes else self.scenario.ending(self.at)

    @property
    def scene_text(self) -> str | None:
        """The current scene's text: the first variant that held on arrival."""
        scene = self.scene
        if scene is None:
            return None
        return pick_text(scene.variants, self._holds, scene.text)

    @property
    def ending_text(self) -> str | None:
        """The ending's text, once the run has ended: the first variant that holds."""
        ending = self.ending
        if ending is None:
            return None
        return pick_text(ending.variants, self._holds, ending.text)

    def _holds(self, guard: Guard, state: RunState | None = None) -> bool:
        return self.rules.holds(guard, self.state if state is None else state)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def path(self) -> list[str]:
        """The choice ids made so far."""
        return [step.choice.id for step in self.steps]

    @property
    def minutes_left(self) -> int | None:
        budget = self.scenario.time_budget
        return None if budget is None else budget - self.state.minutes_spent

    def options(self) -> list[Option]:
        """The current scene's choices, numbered from 1 in file order, locked ones with why."""
        return [
            Option(number, move.choice, self.rules.lock_reason(self.state, move))
            for number, move in enumerate(self.rules.moves.get(self.at, ()), start=1)
        ]

    # --- acting -----------------------------------------------------------

    def choose(self, choice_id: str) -> Step:
        """Make a choice in the current scene; raises a `RunError` saying why not."""
        scene = self.scene
        if scene is None:
            raise RunFinished(f"the run has already ended at '{self.at}'")
        move = next((m for m in self.rules.moves[scene.id] if m.choice.id == choice_id), None)
        if move is None:
            known = ", ".join(choice.id for choice in scene.choices)
            raise UnknownChoice(f"scene '{scene.id}' has no choice '{choice_id}' (it has {known})")
        reason = self.rules.lock_reason(self.state, move)
        if reason is not None:
            raise ChoiceLocked(f"choice '{choice_id}' is locked: {reason}")
        before = self.state
        if not self._position.trigger(choice_id):
            raise ChoiceLocked(f"choice '{choice_id}' is locked")
        choice, paid = move.choice, self._paid
        # Feedback follows steps 1-4 and comes before the move: visits do not count it yet.
        feedback = pick_text(
            choice.feedback_variants, lambda guard: self._holds(guard, paid), choice.feedback
        )
        step = Step(
            scene.id,
            choice,
            before,
            self.state,
            changes_between(self.scenario, before, self.state),
            feedback or None,
        )
        self.steps.append(step)
        self._end_if_stuck()
        return step

    def undo(self) -> Step | None:
        """Take back the last choice; returns it, or None at the start."""
        if not self.steps:
            return None
        step = self.steps.pop()
        self.state = step.before
        self.machine.set_state(step.scene, model=self._position)
        return step

    def rewind(self, steps_kept: int) -> None:
        """Go back to just after the first `steps_kept` choices."""
        while len(self.steps) > max(0, steps_kept):
            self.undo()

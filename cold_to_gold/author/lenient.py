"""Lint code `lenient`: a choice marked `mistake` after which the top grade is still reachable.

For each choice marked `mistake: true`, the highest final score of any complete
run that takes it and ends with an outcome the top grade allows; the top grade
is still reachable after it when that score's percent reaches the top grade's
threshold. One walk over the run states (merged on `state_key`, like the
best-run search and lint's exploration) finds it for every marked choice at
once: per state, the best gain to an allowed ending, and the best gain through
each marked choice still ahead. Bounded like the exploration: past `limit`
states, or past the work and memory its `Meter` allows, it gives up (None), and
lint says the check was not made.
"""

from __future__ import annotations

from collections.abc import Hashable

from cold_to_gold.engine.best import Best
from cold_to_gold.engine.expand import Expander
from cold_to_gold.engine.rules import rules_for
from cold_to_gold.engine.scoring import Scorer, percent
from cold_to_gold.engine.state import RunState
from cold_to_gold.engine.work import Meter, TooMuchWork
from cold_to_gold.scenario.model import Number, Scenario

Marked = tuple[str, str]  # (scene id, choice id)
_NONE = None  # no allowed ending lies ahead


def lenient_choices(
    scenario: Scenario, best: Best, limit: int, meter: Meter | None = None
) -> list[Marked] | None:
    """The marked choices after which some complete run still earns the top grade.

    None when the walk would pass `limit` run states, or the work or memory `meter` allows.
    """
    try:
        return _walk(scenario, best, limit, meter or Meter())
    except TooMuchWork:
        return None


def _walk(scenario: Scenario, best: Best, limit: int, meter: Meter) -> list[Marked] | None:
    marked = {
        (scene.id, choice.id)
        for scene in scenario.scenes.values()
        for choice in scene.choices
        if choice.mistake
    }
    if not marked:
        return []
    top = scenario.scoring.grades[0]
    rules = rules_for(scenario)
    scorer = Scorer(scenario)
    expander = Expander(rules, scorer)
    key_of = expander.key_of
    # key -> (best gain to an allowed ending or None, {marked choice: best gain through it})
    memo: dict[Hashable, tuple[Number | None, dict[Marked, Number]]] = {}

    def ends_allowed(state: RunState) -> bool:
        ending = scenario.ending(state.at)
        outcome = scenario.out_of_time.outcome if ending is None else ending.outcome
        return top.allows(outcome)

    start = rules.start()
    stack: list[tuple[Hashable, RunState, list, int]] = []
    opened: set[Hashable] = set()  # the keys on the stack

    def open_state(state: RunState, key: Hashable) -> None:
        if state.at not in scenario.scenes:
            memo[key] = (0 if ends_allowed(state) else _NONE, {})
            return
        children = expander.children(state)
        meter.spend(1 + 4 * len(children))
        if not children:  # out of choices: the run ends out of time
            memo[key] = (0 if ends_allowed(state) else _NONE, {})
            return
        stack.append((key, state, children, 0))
        opened.add(key)

    open_state(start, key_of(start))
    while stack:
        if len(memo) + len(stack) > limit:
            return None
        key, state, children, index = stack[-1]
        if index < len(children):
            _, after, child_key, _ = children[index]
            if child_key not in memo:
                if child_key in opened:
                    return None  # a state it has left: cannot happen in a valid scenario
                open_state(after, child_key)
                if stack[-1][0] != key:
                    continue
            stack[-1] = (key, state, children, index + 1)
            continue
        stack.pop()
        opened.discard(key)
        best_gain: Number | None = _NONE
        through: dict[Marked, Number] = {}
        for move, _, child_key, gain in children:
            after_gain, after_through = memo[child_key]
            if after_gain is not _NONE:
                total = gain + after_gain
                best_gain = total if best_gain is _NONE else max(best_gain, total)
                here = (state.at, move.choice.id)
                if here in marked:
                    through[here] = max(through.get(here, total), total)
            for choice, value in after_through.items():
                through[choice] = max(through.get(choice, gain + value), gain + value)
        memo[key] = (best_gain, through)
        meter.hold(200 + 100 * len(through))  # the memo entry and its marked choices
    base = scorer.score(start)
    _, through = memo[key_of(start)]
    return sorted(
        choice
        for choice, gain in through.items()
        if percent(base + gain, best.score) >= top.threshold
    )

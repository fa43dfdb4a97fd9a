"""What the debrief shows beyond the score: where the value came from, and the best path."""

from __future__ import annotations

from dataclasses import dataclass

from cold_to_gold.engine.best import Best
from cold_to_gold.engine.playthrough import play
from cold_to_gold.engine.run import Run, Step
from cold_to_gold.engine.scoring import Scorer
from cold_to_gold.scenario.model import Number
from cold_to_gold.scenario.spec import CHANNELS


@dataclass(frozen=True)
class ChannelUse:
    """How much one channel was used in a run, and what it was worth."""

    channel: str
    count: int
    minutes: int
    value: Number  # the score the run's choices of this channel added


def channel_mix(run: Run) -> list[ChannelUse]:
    """All four channels, in ladder order, with their use and value in this run."""
    scorer = Scorer(run.scenario)
    totals: dict[str, list] = {channel: [0, 0, 0] for channel in CHANNELS}
    for step in run.steps:
        total = totals[step.choice.channel]
        total[0] += 1
        total[1] += step.choice.minutes
        total[2] += scorer.score(step.after) - scorer.score(step.before)
    return [ChannelUse(channel, *totals[channel]) for channel in CHANNELS]


def best_steps(run: Run, best: Best) -> list[Step]:
    """The steps of the scenario's best path, played out."""
    return play(run.scenario, best.path).steps

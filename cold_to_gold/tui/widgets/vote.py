"""The room's vote in presenter mode: the prompt over the scene (with the discussion's
countdown, when one is set) and the words for a tally once the choice is revealed."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Static

from cold_to_gold.engine import Step
from cold_to_gold.scenario.model import Scene
from cold_to_gold.store.tally import Tally
from cold_to_gold.tui.channels import badge, channel_share, room_share

VOTE_PROMPT = "Discuss, then vote — press the number the room chose"


class VotePrompt(Static):
    """'Discuss, then vote …', or 'Discuss — 1:30 left, then vote' while a countdown runs.

    The time left is read from `clock` on each tick, so a late or skipped tick (a busy
    machine) never makes the countdown run slow; tests give it a clock of their own.
    """

    clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, **kwargs) -> None:
        super().__init__(VOTE_PROMPT, **kwargs)
        self.timer: Timer | None = None
        self.seconds_left = 0
        self.ends_at = 0.0

    @property
    def counting(self) -> bool:
        return self.timer is not None

    def start(self, seconds: int | None) -> None:
        """A new scene: the plain prompt, or `seconds` of discussion counted down."""
        self.stop()
        if not seconds:
            self.update(VOTE_PROMPT)
            return
        self.seconds_left = int(seconds)
        self.ends_at = self.clock() + self.seconds_left
        self.timer = self.set_interval(1, self.tick)
        self.show_time()

    def tick(self) -> None:
        self.seconds_left = max(0, round(self.ends_at - self.clock()))
        self.show_time()
        if self.seconds_left <= 0:
            self.stop()
            self.app.bell()

    def show_time(self) -> None:
        minutes, seconds = divmod(max(0, self.seconds_left), 60)
        if self.seconds_left > 0:
            self.update(f"Discuss — {minutes}:{seconds:02} left, then vote")
        else:
            self.update("Time to vote: press the number the room chose")

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def counted(self, hands: int) -> None:
        """The tally is in: said where the room looks (unless the countdown still runs)."""
        if not self.counting:
            self.update(f"{hands} hands counted — press the number the room chose")


def vote_line(vote: Tally, step: Step, scene: Scene) -> str:
    """'63% of the room posted · 2 ✉ email 25% · 3 ☎ call 13% — 8 hands'.

    The headline counts every choice of the channel taken; when the scene has several,
    the share of the one taken follows it: '80% of the room emailed (48% this one)'."""
    share = channel_share(vote, scene, step.choice.channel)
    if share is None:
        return "The room's vote: no hands counted."
    headline = room_share(share, step.choice.channel)
    if sum(choice.channel == step.choice.channel for choice in scene.choices) > 1:
        headline += f" ({vote.share(step.choice.id)}% this one)"
    others = [
        f"{number} {badge(choice.channel)} {vote.share(choice.id)}%"
        for number, choice in enumerate(scene.choices, start=1)
        if choice.id != step.choice.id and vote.hands.get(choice.id)
    ]
    return " · ".join([headline, *others]) + f" — {vote.total} hands"

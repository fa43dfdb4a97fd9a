"""How channels look on screen: an icon and a name, so meaning never rests on colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cold_to_gold.scenario.model import Scene
    from cold_to_gold.store.tally import Tally

ICONS = {"post": "◉", "email": "✉", "call": "☎", "meet": "⚇"}

DESCRIPTIONS = {
    "post": "to everyone: they know you a little; you learn nothing",
    "email": "to one person: a little on both sides",
    "call": "a conversation: both sides grow, trust starts",
    "meet": "face to face: the most time, the most of everything",
}


def badge(channel: str) -> str:
    """'☎ call' — the icon and the channel's name."""
    return f"{ICONS.get(channel, '•')} {channel}"


VERBS = {"post": "posted", "email": "emailed", "call": "called", "meet": "chose to meet"}


def room_share(percent: int, channel: str) -> str:
    """'62% of the room posted' — the room's vote for the channel that was taken (the sum
    over the scene's choices of that channel). No space before '%': a line never wraps
    between a number and its sign."""
    return f"{percent}% of the room {VERBS.get(channel, 'chose ' + channel)}"


def channel_share(vote: Tally, scene: Scene, channel: str) -> int | None:
    """The percent of the room's hands that went to any choice of `channel` in `scene`."""
    return vote.share_of(choice.id for choice in scene.choices if choice.channel == channel)

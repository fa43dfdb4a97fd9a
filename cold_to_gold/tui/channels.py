"""How channels look on screen: an icon and a name, so meaning never rests on colour."""

from __future__ import annotations

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
    """'62 % of the room posted' — the room's vote for the choice that was taken."""
    return f"{percent} % of the room {VERBS.get(channel, 'chose ' + channel)}"

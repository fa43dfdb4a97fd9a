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

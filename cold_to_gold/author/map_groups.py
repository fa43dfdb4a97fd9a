"""How a branch map groups its scenes: by the days or acts the scenario names.

A scenario "says so" when its scene titles or ids start with a part of a story
("Day 2: the follow-up", "Act II", "Monday - ...", `day1_call`, `act-2-...`) and
those parts cover at least half of the scenes with at least two different
parts. The groups follow the story: ordered by how near the start their first
scene is.

Otherwise there are no groups, and the map's own top-down order shows the
distance from the start. Boxes (or rows) around the scenes one, two, three...
choices from the start were tried and measured with `benchmarks/map_print.py`:
they fight Graphviz's layout, and on a printed page they shrank the labels of
five of the eight bundled maps, down to a third (small-group: 8.7 pt to 2.8 pt),
for no gain on the others.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from cold_to_gold.scenario.model import Scenario

_NUMBER = r"\d+|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten"
_WORD = r"day|act|part|week|chapter|round|phase"
_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# "Day 2: ...", "Act II - ...", "Monday, ..." - a part, then a separator, then more words.
_TITLE = re.compile(rf"^(?P<part>(?:{_WORD})\s+(?:{_NUMBER})|{_WEEKDAY})\b\s*[:.,\-–—·]\s*\S", re.I)
# day1_call, act-2-arrival, monday_morning
_ID = re.compile(rf"^(?:(?P<word>{_WORD})[-_]?(?P<number>{_NUMBER})|(?P<day>{_WEEKDAY}))(?:[-_]|$)")


@dataclass(frozen=True)
class SceneGroup:
    label: str  # "Day 1", "Act II", "Step 3"
    scenes: tuple[str, ...]  # scene ids, in the story's order


def scene_groups(scenario: Scenario) -> list[SceneGroup]:
    """The groups of scenes to draw (none when the scenario names no parts)."""
    steps = steps_from_start(scenario)
    order = sorted(scenario.scenes, key=lambda scene_id: steps.get(scene_id, len(steps)))
    return _named_parts(scenario, order)


def part_of(scene_id: str, title: str) -> str | None:
    """The day or act a scene names at the start of its title or id ('Day 2'), if any."""
    found = _TITLE.match(title)
    if found:
        words = found["part"].split()
        return " ".join([words[0].capitalize(), *(_number(word) for word in words[1:])])
    found = _ID.match(scene_id)
    if found is None:
        return None
    if found["day"]:
        return found["day"].capitalize()
    return f"{found['word'].capitalize()} {_number(found['number'])}"


def _number(word: str) -> str:
    """Roman numerals in capitals ('ii' -> 'II'), other words as written."""
    return word.upper() if re.fullmatch(r"[ivxIVX]+", word) else word


def _named_parts(scenario: Scenario, order: list[str]) -> list[SceneGroup]:
    parts: dict[str, list[str]] = {}  # by the part's key, in the order of the story
    labels: dict[str, str] = {}
    for scene_id in order:
        part = part_of(scene_id, scenario.scenes[scene_id].title)
        if part is not None:
            key = part.casefold()
            labels.setdefault(key, part)
            parts.setdefault(key, []).append(scene_id)
    covered = sum(len(ids) for ids in parts.values())
    if len(parts) < 2 or 2 * covered < len(scenario.scenes):
        return []
    return [SceneGroup(labels[key], tuple(ids)) for key, ids in parts.items()]


def steps_from_start(scenario: Scenario) -> dict[str, int]:
    """Each scene reachable by following choices, with the fewest choices it takes from the start.

    A choice can lead at most one step further: every other choice leads back or sideways.
    """
    steps = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        scene_id = queue.popleft()
        for choice in scenario.scenes[scene_id].choices:
            if choice.goto in scenario.scenes and choice.goto not in steps:
                steps[choice.goto] = steps[scene_id] + 1
                queue.append(choice.goto)
    return steps

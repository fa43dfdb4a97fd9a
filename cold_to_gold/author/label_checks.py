"""Lint codes `position` and `superset-label`: answers a room can read off the buttons.

- `position`: on the best path, among the decisions with three or more
  available choices, the best choice sits at the same place (first, or last)
  in more than half of them;
- `superset-label`: one label of a scene is another's whole label followed by
  more words ("Call Victor to thank him" / "Call Victor to thank him, and ask
  who else…"): the longer one gets picked for being longer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cold_to_gold.engine.best import Best
from cold_to_gold.engine.run import Run
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import Where

Add = Callable[[Where, str, str], None]

_END_PUNCTUATION = ".!?…"
# What follows the shorter label: a space or a clause's punctuation, then a word
# ("Call Victor's assistant" is another person, not more words).
_MORE_WORDS = re.compile(r"[\s,;:.!?…—–(-]+\W*\w", re.UNICODE)


def check_position(scenario: Scenario, best: Best, add: Add) -> None:
    run = Run(scenario)
    first = last = counted = 0
    for choice_id in best.path:
        available = [option.choice.id for option in run.options() if option.available]
        if len(available) >= 3:
            counted += 1
            first += available[0] == choice_id
            last += available[-1] == choice_id
        run.choose(choice_id)
    for count, place in ((first, "first"), (last, "last")):
        if counted and 2 * count > counted:
            add(
                scenario.where("start"),
                "position",
                f"the best choice is the {place} one in {count} of the {counted} decisions "
                "with three or more choices on the best path: a room can guess it by its place",
            )


def extends(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter`'s whole label followed by more words.

    Compared without case and with runs of spaces as one; the shorter label's
    closing full stop (or ! ? …) does not count, so "Call him." / "Call him,
    and ask" extend too. "Call" / "Caller" does not: more words, not more letters;
    nor does "Call Victor" / "Call Victor's assistant".
    """
    short = _plain(shorter).rstrip(_END_PUNCTUATION).rstrip()
    long = _plain(longer)
    if not short or not long.startswith(short):
        return False
    rest = long[len(short) :]
    return _MORE_WORDS.match(rest) is not None


def _plain(label: str) -> str:
    return " ".join(label.split()).casefold()


def check_labels(scenario: Scenario, add: Add) -> None:
    for scene in scenario.scenes.values():
        choices = scene.choices
        for j, second in enumerate(choices):
            for first in choices[:j]:
                if extends(second.label, first.label):
                    longer, shorter = second, first
                elif extends(first.label, second.label):
                    longer, shorter = first, second
                else:
                    continue
                add(
                    second.where,
                    "superset-label",
                    f"the label of '{longer.id}' is the label of '{shorter.id}' with more "
                    "words: the longer one is picked for being longer",
                )
                break  # one finding per choice is enough

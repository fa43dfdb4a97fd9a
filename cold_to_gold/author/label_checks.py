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
    return _extends(_plain(longer), _short(shorter))


def _extends(long: str, short: str) -> bool:
    """`extends`, given the longer label's plain form and the shorter one's short form."""
    if not short or not long.startswith(short):
        return False
    return _MORE_WORDS.match(long, len(short)) is not None


def _plain(label: str) -> str:
    return " ".join(label.split()).casefold()


def _short(label: str) -> str:
    return _plain(label).rstrip(_END_PUNCTUATION).rstrip()


# Pairs of labels compared in one lint, at most: a scene of n choices has n(n-1)/2 pairs
# (a 5,000-choice scene took 26 s). Far past any hand-written scene, and the same
# limit on every machine, so the same file always gets the same findings.
PAIR_LIMIT = 2_000_000


def check_labels(scenario: Scenario, add: Add) -> None:
    compared = 0
    for scene in scenario.scenes.values():
        choices = scene.choices
        plain = [_plain(choice.label) for choice in choices]
        short = [_short(choice.label) for choice in choices]
        for j, second in enumerate(choices):
            if compared + j > PAIR_LIMIT:
                add(
                    scene.where,
                    "too-large",
                    f"superset-label: the labels of scene '{scene.id}' were compared only "
                    f"up to its choice {j} (of {len(choices)}), and no later scene's: more "
                    f"than {PAIR_LIMIT:,} pairs of labels",
                )
                return
            compared += j
            for i in range(j):
                if _extends(plain[j], short[i]):
                    longer, shorter = second, choices[i]
                elif _extends(plain[i], short[j]):
                    longer, shorter = choices[i], second
                else:
                    continue
                add(
                    second.where,
                    "superset-label",
                    f"the label of '{longer.id}' is the label of '{shorter.id}' with more "
                    "words: the longer one is picked for being longer",
                )
                break  # one finding per choice is enough

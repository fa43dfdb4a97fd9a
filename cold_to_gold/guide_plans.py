"""Session plans that add up, and slots sized for the scenarios they play.

A session plan (`facilitator_guide/session-*.md`) states its length on a line
`Length: **N minutes**` and lays out its blocks in tables whose rows start
`| H:MM | minutes | what | how |`. The plan adds up when each block starts
where the last one ended, the first at 0:00 and the last ending at the stated
length, and it keeps at least one buffer (a block whose *what* says Buffer).

A block that plays a scenario names it in backticks in its *what*; its minutes
must cover the scenario's best run at the pace of the room: `VOTE_MINUTES` a
decision when the room votes (presenter mode or a live class in together
pace), `PAIR_MINUTES` when pairs or people play on their own. The sizing table
(`sizing`) says the same to the facilitator, from the engine's numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from cold_to_gold.engine.result import best_for
from cold_to_gold.guide_keys import decision_range
from cold_to_gold.scenario.model import Scenario

VOTE_MINUTES = 2.5  # read aloud, discuss, vote, reveal, one remark
PAIR_MINUTES = 1.0  # read, agree in the pair, choose, read the feedback
_LENGTH = re.compile(r"^Length: \*\*(\d+) minutes\*\*", re.M)
_ROW = re.compile(r"^\|\s*(\d+):(\d\d)\s*\|\s*(\d+)\s*\|([^|]*)\|(.*)\|\s*$", re.M)
_PLAYED = re.compile(r"`([a-z0-9][a-z0-9-]*)`")
_PART = re.compile(r"^## (.*?)\((\d+) minutes", re.M)  # a part of a plan that states its length
_VOTED = ("presenter", "vote", "live class")


@dataclass(frozen=True)
class Block:
    start: int  # minutes from the start of the session
    minutes: int
    what: str
    how: str

    @property
    def voted(self) -> bool:
        """The room decides together: a show of hands or a live class's reveal."""
        text = (self.what + self.how).lower()
        return any(word in text for word in _VOTED)


def blocks(text: str) -> list[Block]:
    """The timed rows of a plan, in page order."""
    return [
        Block(int(h) * 60 + int(m), int(minutes), what.strip(), how.strip())
        for h, m, minutes, what, how in _ROW.findall(text)
    ]


def played(text: str) -> list[str]:
    """The scenarios a plan's timed blocks play, in page order, each once."""
    found: list[str] = []
    for row in blocks(text):
        found += [sid for sid in _PLAYED.findall(row.what) if sid not in found]
    return found


def plan_title(text: str) -> str:
    """A plan's name from its first heading: "Session plan: 60 minutes" gives "60 minutes"."""
    heading = next((line[2:] for line in text.splitlines() if line.startswith("# ")), "")
    return heading.split(": ", 1)[-1].strip()


def stated_length(text: str) -> int | None:
    found = _LENGTH.search(text)
    return int(found[1]) if found else None


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def needed(scenario: Scenario, voted: bool) -> int:
    """Minutes a block needs to play the scenario's best run at the room's pace."""
    pace = VOTE_MINUTES if voted else PAIR_MINUTES
    return math.ceil(len(best_for(scenario).path) * pace)


def problems(text: str, scenarios: dict[str, Scenario]) -> list[str]:
    """What does not add up in a plan; empty when it does."""
    length = stated_length(text)
    rows = blocks(text)
    if length is None:
        return ["no line 'Length: **N minutes**'"]
    if not rows:
        return ["no timed rows (| H:MM | minutes | what | how |)"]
    found = []
    at = 0
    for row in rows:
        if row.start != at:
            found.append(f"'{_short(row.what)}' starts at {clock(row.start)}, not {clock(at)}")
        at = row.start + row.minutes
        for scenario_id in _PLAYED.findall(row.what):
            scenario = scenarios.get(scenario_id)
            if scenario is not None and row.minutes < needed(scenario, row.voted):
                pace = "a room that votes" if row.voted else "pairs"
                found.append(
                    f"'{_short(row.what)}' gives {row.minutes} minutes to {scenario_id}; its best "
                    f"run needs {needed(scenario, row.voted)} with {pace}"
                )
    total = sum(row.minutes for row in rows)
    if total != length:
        found.append(f"the blocks add up to {total} minutes, the plan says {length}")
    elif at != length:
        found.append(f"the last block ends at {clock(at)}, the plan says {length} minutes")
    found += _parts_that_do_not_add_up(text)
    if not any("buffer" in row.what.lower() for row in rows):
        found.append("no buffer: give one block the word Buffer in its 'what'")
    return found


def _parts_that_do_not_add_up(text: str) -> list[str]:
    """Each part heading '## Part 2 — … (63 minutes' whose blocks add up to something else."""
    found = []
    heads = list(_PART.finditer(text))
    for number, head in enumerate(heads):
        end = heads[number + 1].start() if number + 1 < len(heads) else len(text)
        section = text[head.start() : end].split("\n## ", 1)[0]
        total = sum(row.minutes for row in blocks(section))
        if total != int(head[2]):
            name = head[1].strip(" —-")
            found.append(f"'{name}' says {head[2]} minutes, its blocks add up to {total}")
    return found


def _short(what: str, limit: int = 60) -> str:
    """A block's *what* as plain words, cut at a word when it is long."""
    plain = re.sub(r"[*`\[\]]|\(.*?\)", "", what).strip()
    return plain if len(plain) <= limit else plain[:limit].rsplit(" ", 1)[0] + "…"


def plan_pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("session-*.md"))


SIZING_BEGIN = "<!-- sizing: written by `python -m cold_to_gold.guide`; do not edit by hand -->"
SIZING_END = "<!-- end of sizing -->"


def sizing(scenarios: list[Scenario]) -> str:
    """The block of the guide that says how long each scenario takes, by the engine's numbers."""
    lines = [
        SIZING_BEGIN,
        "",
        "| scenario | decisions: best run (any run) | a room that votes | pairs at a laptop |",
        "|---|---|---|---|",
    ]
    for scenario in scenarios:
        span = decision_range(scenario)
        many = f" ({span[0]}–{span[1]})" if span else ""
        lines.append(
            f"| `{scenario.id}` | {len(best_for(scenario).path)}{many} "
            f"| {needed(scenario, True)} min | {needed(scenario, False)} min |"
        )
    lines += ["", SIZING_END]
    return "\n".join(lines)

"""A copy of one run written elsewhere, for when the progress file cannot take it.

The copy is JSON a person can read: the scenario, every choice with when it
was made, the room's votes (presenter mode), the transcript once the run has
ended, and the command that plays the same run again
(`cold-to-gold play FILE --choose a,b,c`).
"""

from __future__ import annotations

import json
import shlex
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cold_to_gold.store.records import RunRecord

FORMAT = "cold-to-gold-run/1"


def suggested_path(record: RunRecord, folder: Path | None = None) -> Path:
    """Where to offer to write the copy: the home folder, named after the scenario and time."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if folder is None:
        try:
            folder = Path.home()
        except (RuntimeError, KeyError):  # no home folder known: where the app was started
            folder = Path.cwd()
    return folder / f"cold-to-gold-{record.scenario_id}-{stamp}.json"


def as_json(record: RunRecord) -> dict[str, Any]:
    """The copy's content."""
    choices = [choice for _, choice, _ in record.choices]
    replay = f"cold-to-gold play {shlex.quote(record.scenario_path)}"
    if choices:
        replay += f" --choose {shlex.quote(','.join(choices))}"
    return {
        "format": FORMAT,
        "scenario": record.scenario_id,
        "scenario_path": record.scenario_path,
        "title": record.title,
        "presenter": record.presenter,
        "started_at": record.started_at,
        "choices": [
            {"scene": scene, "choice": choice, "made_at": made_at}
            for scene, choice, made_at in record.choices
        ],
        "votes": [tally.as_json() for tally in record.votes],
        "replay": replay,
        "transcript": record.transcript,
    }


def write_copy(record: RunRecord, target: Path) -> Path:
    """Write the copy to `target` (never over an existing file); raises `OSError`."""
    target = target.expanduser()
    text = json.dumps(as_json(record), indent=2, ensure_ascii=False) + "\n"
    with target.open("x", encoding="utf-8") as file:
        file.write(text)
    return target

"""The authoring guide's revision-B section is true: each before/after pair does what it says.

Every **after** is a verbatim piece of the whole file printed at the end of the
section; putting the **before** back in its place makes lint report the code
the pair names (or, for `weight`, makes the manager's email grade gold), and
the whole file lints clean. The commands shown print what the guide shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cold_to_gold.author.lint import lint
from cold_to_gold.cli import main
from cold_to_gold.engine import play, result_of
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_text
from cold_to_gold.scenario.model import DEFAULT_SCORING_2

GUIDE = bundled_dir("facilitator_guide") / "authoring.md"
HEADING = "## Revision B: say what you meant, and prove the numbers agree"


def section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(HEADING)
    return text[start : text.index("\n## ", start + 1)]


def whole_file() -> str:
    (found,) = re.findall(
        r"<!-- the whole file: the-coffee.yaml -->\n\n```yaml\n(.*?)```", section(), re.S
    )
    return found


def pairs() -> list[tuple[str, str, str]]:
    """(what the pair shows, before, after), each before with the next after."""
    blocks = re.findall(r"<!-- (before: \S+|after) -->\n\n```yaml\n(.*?)```", section(), re.S)
    found, waiting = [], []
    for marker, text in blocks:
        if marker == "after":
            found += [(what, before, text) for what, before in waiting]
            waiting = []
        else:
            waiting.append((marker.removeprefix("before: "), text))
    assert not waiting
    return found


def test_the_section_has_a_pair_for_each_addition() -> None:
    shown = {what for what, _, _ in pairs()}
    assert shown == {"inversion", "none", "lenient", "weight", "position", "superset-label"}


def test_the_whole_file_lints_clean_and_writes_out_the_default_grades() -> None:
    scenario = load_text(whole_file(), "the-coffee.yaml")
    assert lint(scenario).findings == ()
    assert scenario.scoring.grades == DEFAULT_SCORING_2.grades
    assert scenario.people[1].weight == 0


@pytest.mark.parametrize("index", range(6))
def test_each_pair_does_what_the_guide_says(index: int) -> None:
    what, before, after = pairs()[index]
    whole = whole_file()
    assert whole.count(after) == 1, f"the 'after' of {what} is not a piece of the whole file"
    drafted = load_text(whole.replace(after, before), "draft.yaml")
    codes = {finding.code for finding in lint(drafted).findings}
    if what == "weight":
        assert result_of(play(drafted, ["tell-dev", "ask-who"])).grade == "gold"
        now = load_text(whole, "the-coffee.yaml")
        assert result_of(play(now, ["tell-dev", "ask-who"])).grade == "warm"
    elif what == "none":
        assert "lenient" not in codes  # nothing is marked yet: lint cannot check the words
        assert "mistake" not in yaml.safe_load(before)[0]
    else:
        assert what in codes


def test_the_commands_print_what_the_guide_shows(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "the-coffee.yaml").write_text(whole_file())
    transcripts = re.findall(r"```\n\$ (.*?)```", section(), re.S)
    assert transcripts
    for block in transcripts:
        for command_and_output in ("$ " + block).split("\n$ "):
            lines = command_and_output.removeprefix("$ ").splitlines()
            command, shown = lines[0].split(), [line for line in lines[1:] if line != "..."]
            main(command[1:])
            out = capsys.readouterr().out.splitlines()
            for line in shown:
                assert line in out, f"{' '.join(command)}: {line!r} not in {out}"

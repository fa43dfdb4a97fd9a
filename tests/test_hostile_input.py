"""Input built to hurt is refused with a located message: never a traceback, never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from cold_to_gold.library.load import load_scenario, load_text
from cold_to_gold.scenario import ScenarioInvalid

ALIAS_BOMB = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def refusal(path: Path) -> str:
    with pytest.raises(ScenarioInvalid) as caught:
        load_scenario(path)
    problems = caught.value.problems
    assert len(problems) == 1
    return str(problems[0])


def write(tmp_path: Path, data: bytes | str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, ALIAS_BOMB))
    assert "more than 60,000 values once aliases are expanded (an alias bomb?)" in message
    assert message.startswith(str(tmp_path / "s.yaml") + ":")


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    assert "refers to itself" in refusal(write(tmp_path, "a: &r [*r]\n"))


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}")])
def test_20000_deep_nesting_is_refused(tmp_path: Path, opener: str, closer: str) -> None:
    text = "a: " + opener * 20_000 + "1" + closer * 20_000 + "\n"
    assert "nesting is too deep" in refusal(write(tmp_path, text))


def test_moderately_deep_nesting_is_refused_by_the_depth_limit(tmp_path: Path) -> None:
    text = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert "more than 64 levels" in refusal(write(tmp_path, text))


def test_file_over_1_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "# " + "x" * (1024 * 1024) + "\n")
    message = refusal(path)
    assert message.endswith("file is larger than 1 MB (1,048,579 bytes)")
    assert ":1:1:" in message


def test_binary_file_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, b"format: x\n\x00\x01\x02"))
    assert message.endswith(":2:1: binary file (contains a NUL byte)")


def test_non_utf8_file_names_the_line_and_byte(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "format: x\ntitle: caf\xe9\n".encode("latin-1")))
    assert message.endswith(":2:11: file is not UTF-8 text (byte 0xe9)")


def test_utf8_with_bom_is_read(tmp_path: Path) -> None:
    from conftest import MINIMAL

    path = write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_scenario(path).id == "t"


def test_control_character_is_located(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "format: cold\x07\n"))
    assert ":1:13:" in message
    assert "not allowed" in message


def test_several_documents_are_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "a: 1\n---\nb: 2\n"))
    assert ":2:1:" in message
    assert "more than one YAML document" in message


def test_tab_indentation_is_a_located_syntax_error(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "format: cold-to-gold/1\n\tid: x\n"))
    assert ":2:1: YAML syntax error" in message


def test_missing_file_is_a_located_problem(tmp_path: Path) -> None:
    message = refusal(tmp_path / "nope.yaml")
    assert "cannot read file" in message


def test_a_folder_is_not_a_scenario(tmp_path: Path) -> None:
    assert "cannot read file" in refusal(tmp_path)


def test_a_flood_of_values_is_refused_before_parsing() -> None:
    text = "a: [" + ",".join(["1"] * 210_000) + "]\n"
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text)
    assert "file has 210,000 lines and commas" in str(caught.value)


def test_a_flood_of_nested_values_stops_while_parsing() -> None:
    text = ("- " * 40 + "x\n") * 3000  # 3,000 lines, 123,000 values, no commas
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text)
    assert "file has more than 60,000 values" in str(caught.value)


def test_python_tags_are_never_constructed() -> None:
    from conftest import MINIMAL

    text = "format: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text)
    assert str(caught.value) == (
        "<text>:1:9: the tag !!python/object/apply:os.system is not allowed on a list in a scenario"
    )
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(MINIMAL.replace("title: T", "title: !!python/object:os.system hello"))
    assert str(caught.value).startswith(
        "<text>:3:8: the tag !!python/object:os.system is not allowed in a scenario"
    )


# Each case: the line of the minimal scenario to change, what it becomes, the line the
# problem is reported at, how the character is shown, and what the message says of it.
CONTROL = "control character"
REORDERS = "another order"
REFUSED_CASES = {
    "escape in the title": ("title: T", 'title: "T\\e]0;pwned\\a"', 3, "\\x1b", CONTROL),
    "bell in a label": ("label: Call", 'label: "Call\\a"', 12, "\\x07", CONTROL),
    "CSI (C1) in a name": ("name: Ann", 'name: "Ann\\x9b2J"', 5, "\\x9b", CONTROL),
    "NUL in a scene text": (
        "text: A\n    choices",
        'text: "A\\0"\n    choices',
        10,
        "\\x00",
        CONTROL,
    ),
    "carriage return inside an ending": ("text: W,", 'text: "W\\rX",', 14, "\\r", CONTROL),
    "DEL in a guard": (
        "goto: win}",
        'goto: win, when: "trust >= 0\\x7f"}',
        12,
        "\\x7f",
        CONTROL,
    ),
    "an override in a label": ("label: Call", 'label: "Call \u202eliame"', 12, "U+202E", REORDERS),
    "an isolate in a title": ("title: T", 'title: "T\u2066x\u2069"', 3, "U+2066", REORDERS),
    "a line separator in a name": ("name: Ann", 'name: "Ann\u2028Lee"', 5, "U+2028", REORDERS),
}


@pytest.mark.parametrize("case", list(REFUSED_CASES))
def test_control_and_reordering_characters_in_text_are_refused_where_they_are(
    case: str,
) -> None:
    from conftest import MINIMAL

    old, new, line, shown, says = REFUSED_CASES[case]
    assert old in MINIMAL
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(MINIMAL.replace(old, new, 1), "c.yaml")
    (problem,) = caught.value.problems
    assert problem.line == line
    assert says in problem.message and shown in problem.message
    assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in str(problem))
    assert not any(0x2028 <= ord(char) <= 0x2069 for char in str(problem))


def test_right_to_left_text_without_direction_controls_is_accepted() -> None:
    from conftest import MINIMAL

    scenario = load_text(MINIMAL.replace("name: Ann", "name: \u05d3\u05e0\u05d4", 1), "c.yaml")
    assert scenario.people[0].name == "\u05d3\u05e0\u05d4"


def test_line_breaks_and_tabs_stay_allowed_in_text() -> None:
    from conftest import MINIMAL

    scenario = load_text(MINIMAL.replace("text: A\n", 'text: "One\\tTwo\\nThree"\n', 1))
    assert scenario.scenes["a"].text == "One\tTwo\nThree"


def test_list_never_prints_a_raw_escape_from_a_file_or_its_name(tmp_path: Path, capsys) -> None:
    from conftest import MINIMAL

    from cold_to_gold.cli import main

    write(tmp_path, MINIMAL, "good\x1b[2J.yaml")
    write(tmp_path, MINIMAL.replace("title: T", 'title: "T\\e]0;x\\a"'), "bad\x1b]0;y\x07.yaml")
    assert main(["list", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "good\\x1b[2J.yaml" in out and "INVALID" in out and "control character" in out


def test_scores_too_fine_to_add_up_exactly_are_refused_at_start(tmp_path: Path) -> None:
    """1e-15 beside 1e15 needs 31 digits: past Decimal's 28, no run can be scored exactly."""
    text = """format: cold-to-gold/2
id: fine
title: Fine
time_budget: 5
people:
  - {id: ana, name: Ana}
start: s
scenes:
  s:
    title: S
    text: T
    choices:
      - {id: a, channel: email, label: A, goto: s, minutes: 1,
         effects: {trust: 0.000000000000001, you_know_them: 999999999999999.9}}
      - {id: b, channel: meet, label: B, goto: won, when: trust > you_know_them}
endings:
  won: {title: W, text: W, outcome: won}
"""
    message = refusal(write(tmp_path, text))
    assert message.startswith(f"{tmp_path / 's.yaml'}:7:1: start: ")
    assert "28 digits" in message

"""YAML mistakes get one located line each: syntax errors where the fix is, tags that do not
fit, numbers YAML 1.1 and 1.2 read differently, values that span lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, problems

from cold_to_gold.cli import main
from cold_to_gold.library.load import load_text
from cold_to_gold.scenario import ScenarioInvalid
from cold_to_gold.scenario.guards import GuardError, Names, parse_guard

FIFTY_LINES = "\n".join(f"key{n}: value" for n in range(1, 51)) + "\n"


def refusal(text: str) -> str:
    with pytest.raises(ScenarioInvalid) as caught:
        load_text(text, "s.yaml")
    [problem] = caught.value.problems
    return str(problem)


def with_line(number: int, line: str) -> str:
    lines = FIFTY_LINES.splitlines()
    lines[number - 1] = line
    return "\n".join(lines) + "\n"


# --- syntax errors, where the fix is -------------------------------------------


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    message = refusal(with_line(13, 'key13: "an unclosed quote'))
    assert message == (
        "s.yaml:13:8: YAML syntax error: the quote here is not closed "
        "(found unexpected end of stream at line 51, column 1)"
    )


def test_an_unclosed_bracket_is_reported_where_it_opens() -> None:
    message = refusal(with_line(13, "key13: [one, two"))
    assert message.startswith("s.yaml:13:8: YAML syntax error: the '[' here is not closed (")
    assert "at line 14, column" in message


def test_an_unclosed_bracket_at_the_end_of_the_file() -> None:
    message = refusal(FIFTY_LINES + "key51: {a: 1,\n  b: [2,\n")
    assert message.startswith("s.yaml:52:6: YAML syntax error: the '[' here is not closed (")


def test_a_bad_indent_is_reported_at_its_line() -> None:
    message = refusal("people:\n  - id: ann\n    name: Ann\n   role: x\n")
    assert message.startswith("s.yaml:4:4: YAML syntax error: ")
    assert "indentation" in message


def test_a_tab_is_reported_at_its_line_with_what_to_do() -> None:
    message = refusal("format: cold-to-gold/1\nscenes:\n\ta: 1\n")
    assert message.startswith("s.yaml:3:1: YAML syntax error: ")
    assert message.endswith("(a tab: indent with spaces)")


def test_a_key_without_its_colon_is_reported_at_the_key() -> None:
    message = refusal(with_line(20, "key20 value"))
    assert message.startswith("s.yaml:20:1: YAML syntax error: this key has no ':' after it")


# --- tags ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ("!!bool 1", "'1' is not true or false, as its tag !!bool says"),
        ("!!int many", "'many' is not a whole number, as its tag !!int says"),
        ("!!float x", "'x' is not a number, as its tag !!float says"),
        ("!!null x", "'x' is not empty (null), as its tag !!null says"),
        ("!!timestamp soon", "'soon' is not a date, as its tag !!timestamp says"),
        ("!mine x", "the tag !mine is not allowed in a scenario"),
        ("!!python/tuple [1, 2]", "the tag !!python/tuple is not allowed on a list in a scenario"),
        ("!<tag:example.com,2024:x> y", "the tag !<tag:example.com,2024:x> is not allowed"),
    ],
)
def test_a_tag_the_value_does_not_fit_is_located(value: str, message: str) -> None:
    found = refusal(MINIMAL.replace("format: cold-to-gold/1", f"format: {value}"))
    assert found.startswith(f"s.yaml:1:9: {message}")


def test_a_fitting_tag_is_read() -> None:
    scenario = load_text(MINIMAL.replace("title: T", "title: !!str 12"))
    assert scenario.title == "12"


def test_format_bool_1_on_the_command_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL.replace("format: cold-to-gold/1", "format: !!bool 1"))
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{path}:1:9: '1' is not true or false, as its tag !!bool says\n"
    assert err == ""


# --- numbers YAML 1.1 and 1.2 read differently -----------------------------------


def minutes(value: str) -> str:
    text = MINIMAL.replace(
        "{channel: call, label: Call,", f"{{channel: call, minutes: {value}, label: Call,"
    )
    [problem] = problems(text)
    return problem.message


def test_a_leading_zero_is_ambiguous_in_a_number() -> None:
    assert minutes("010") == (
        "scenes.a.choices[0].minutes: '010' is ambiguous: YAML 1.1 reads it as 8 "
        "(a leading 0 means octal), YAML 1.2 as 10; write the number you mean"
    )


def test_base_60_is_ambiguous_in_a_number() -> None:
    assert "'1:30' is ambiguous: YAML 1.1 reads it as 90 (base 60), YAML 1.2 as text" in minutes(
        "1:30"
    )


def test_a_yaml_12_number_says_what_to_write() -> None:
    assert minutes("1e2").endswith(
        "expected a whole number, got '1e2' (YAML 1.2 reads it as 100; this YAML 1.1 reader, "
        "as text: write 100)"
    )
    assert minutes("0o17").endswith("write 15)")


def test_text_fields_keep_what_was_written() -> None:
    scenario = load_text(MINIMAL.replace("title: T", "title: 010").replace("text: A", "text: 1:30"))
    assert scenario.title == "010"
    assert scenario.scenes["a"].text == "1:30"


# --- one line per message ------------------------------------------------------------


def test_values_that_span_lines_are_escaped_and_shortened() -> None:
    long_key = '"' + "line one\\nline two " * 20 + '"'
    text = MINIMAL.replace("title: T", f"title: T\n{long_key}: 1").replace(
        "channel: call", 'channel: "ca\\nll"'
    )
    found = problems(text)
    assert len(found) == 2
    for problem in found:
        assert "\n" not in str(problem) and len(str(problem).splitlines()) == 1
    assert "unknown key 'line one\\nline two line one\\nline two" in found[0].message
    assert "…'" in found[0].message
    assert "unknown channel 'ca\\nll'" in found[1].message


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.yaml"
    path.write_text("format: 1\n")
    with pytest.raises(ScenarioInvalid) as caught:
        from cold_to_gold.library.load import load_scenario

        load_scenario(path)
    assert all(len(str(problem).splitlines()) == 1 for problem in caught.value.problems)


# --- guards ---------------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["١٢", "１２", "²"])
def test_guard_numbers_are_ascii_digits(digits: str) -> None:
    with pytest.raises(GuardError) as caught:
        parse_guard(f"trust >= {digits}", Names(["ann"], ["a"]), "ann")
    assert caught.value.message == f"unexpected character '{digits[0]}'"
    assert caught.value.offset == 9


# --- very long ids ---------------------------------------------------------------------


def test_new_with_a_300_character_id(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new", "a" * 300, "--dir", str(tmp_path)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is 300 characters long; an id has at most 64" in err
    assert not list(tmp_path.glob("*.yaml"))


@pytest.mark.parametrize("command", ["validate", "play", "lint", "list", "graph"])
def test_a_path_too_long_for_the_system_is_a_usage_error(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "x" * 300 + ".yaml"])
    assert exited.value.code == 2
    assert "File name too long" in capsys.readouterr().err


# --- the authoring guide shows real messages -------------------------------------------


def test_the_guide_shows_the_messages_these_mistakes_give() -> None:
    guide = (Path(__file__).parent.parent / "facilitator_guide" / "authoring.md").read_text()
    whole_lines = [  # shown as they are printed
        with_line(13, 'key13: "an unclosed quote'),
        with_line(13, "key13: [a, b"),
        "format: cold-to-gold/1\nscenes:\n\ta: 1\n",
    ]
    for text in whole_lines:
        assert refusal(text) in guide
    quoted_in_the_text = [  # the message after its location
        MINIMAL.replace(
            "{channel: call, label: Call,", "{channel: call, minutes: 010, label: Call,"
        ),
        MINIMAL.replace("format: cold-to-gold/1", "format: !!bool 1"),
    ]
    for text in quoted_in_the_text:
        message = refusal(text).split(": ", 1)[1]
        assert message.split(": ", 1)[-1] in guide, message


@pytest.mark.parametrize("value", ["1.0e+999999", "-1.0e+99", "99999999999999999999"])
def test_a_number_too_large_to_add_up_is_refused(value: str) -> None:
    text = MINIMAL.replace("goto: win}", f"goto: win, effects: {{trust: {value}}}}}")
    [problem] = problems(text)
    assert problem.message == (
        f"scenes.a.choices[0].effects.trust: '{value}' is too large (at most 10^15 either way)"
    )


@pytest.mark.parametrize(
    "value",
    ["9" * 5000, "1e999999999", "-1e400", "0o" + "7" * 6000],
    ids=["5000 digits", "1e999999999", "-1e400", "6000 octal digits"],
)
def test_a_number_too_large_to_spell_is_refused_at_once(value: str) -> None:
    """Python will not turn a 4,300-digit number into text, nor 1e999999999 into an int."""
    message = minutes(value)
    assert message.startswith("scenes.a.choices[0].minutes: expected a whole number, got '")
    assert "too large" in message and len(message) < 300

"""The branch map: what it says (edges, whom, locks, timeouts, groups) and how `graph` writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CONTRACT_EXAMPLE, DATA, dedent

from cold_to_gold.author import render as render_module
from cold_to_gold.author.branch_map import CHOICE, LOCKED, TIMEOUT, branch_map, choice_lines
from cold_to_gold.author.graph import dot, mermaid
from cold_to_gold.author.map_groups import part_of, scene_groups
from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.cli import main
from cold_to_gold.library.load import load_scenario, load_text

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))
ALL = [*SCENARIOS, CONTRACT_EXAMPLE]
LOOPS_WEEK = DATA / "loops-week.yaml"  # eight choices that lead back to one scene

TWO_DAYS = dedent(
    """
    format: cold-to-gold/1
    id: two-days
    title: 'Two "Days" <of> #selling & more'
    time_budget: 200
    people:
      - {id: ann, name: Ann Lee}
      - {id: bob, name: Bob Stone}
      - {id: ann2, name: Ann Park}
    start: day1_morning
    scenes:
      day1_morning:
        title: "Day 1: the morning"
        text: T
        choices:
          - {channel: post, label: P, goto: day1_morning}
          - {id: post-again, channel: post, label: P, goto: day1_morning}
          - {channel: call, with: bob, label: C, goto: day2_visit}
          - {id: call-ann, channel: call, label: C, goto: day2_visit}
      day2_visit:
        title: Day 2 - the visit
        text: T
        choices:
          - {channel: meet, with: ann2, label: M, when: trust >= 1, goto: won}
          - {channel: email, label: E, goto: won}
    endings:
      won: {title: Won, text: W, outcome: won}
    """
)


def two_days():
    return load_text(TWO_DAYS, "two-days.yaml")


# --- what the map says ----------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=[path.stem for path in ALL])
def test_every_choice_is_on_exactly_one_edge_and_no_scene_loops_twice(path: Path) -> None:
    scenario = load_scenario(path)
    drawn = branch_map(scenario)
    choices = [edge for edge in drawn.edges if edge.kind != TIMEOUT]
    assert sum(edge.count for edge in choices) == sum(
        len(s.choices) for s in scenario.scenes.values()
    )
    loops = [edge.source for edge in drawn.edges if edge.source == edge.target]
    assert len(loops) == len(set(loops))
    pairs = [(edge.source, edge.target, edge.kind) for edge in drawn.edges]
    assert len(pairs) == len(set(pairs))  # repeated choices between two places are one edge
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            line = choice_lines(scenario, choice)[0]
            assert any(line in edge_line for edge in choices for edge_line in edge.lines), line


def test_eight_loops_are_one_edge_with_a_count() -> None:
    scenario = load_scenario(LOOPS_WEEK)
    drawn = branch_map(scenario)
    (loop,) = [edge for edge in drawn.edges if edge.source == edge.target]
    assert loop.count == 8 and loop.kind == CHOICE  # some of them have no condition
    assert loop.lines[0] == "8 choices (* with a condition)"
    assert "post everyone · 30 min" in loop.lines
    assert "close-ada: meet Ada · 60 min *" in loop.lines
    assert dot(scenario).count("s_the_week -> s_the_week") == 1


def test_labels_say_whom_a_choice_reaches_and_when_it_is_open() -> None:
    drawn = branch_map(two_days())
    lines = {edge.target: edge for edge in drawn.edges if edge.kind == CHOICE}
    (loop,) = [edge for edge in drawn.edges if edge.source == edge.target]
    loop_lines = ("2 choices", "post everyone · 30 min", "post-again: post everyone · 30 min")
    assert loop.lines == loop_lines
    # two people called Ann get their whole names; the id is left out when it says no more
    assert lines["s_day2_visit"].lines == (
        "2 choices",
        "call Bob · 20 min",
        "call Ann Lee · 20 min",
    )
    (locked,) = [edge for edge in drawn.edges if edge.kind == LOCKED]
    assert locked.lines == ("meet Ann Park · 90 min", "only when trust >= 1")
    (timeout,) = [edge for edge in drawn.edges if edge.kind == TIMEOUT]
    assert timeout.source == "s_day2_visit" and timeout.lines == ()


def test_a_long_condition_is_wrapped_into_short_lines() -> None:
    scenario = load_scenario(LOOPS_WEEK)
    friday = scenario.scenes["the_week"].choice("visit-ada")
    lines = choice_lines(scenario, friday)
    assert lines[0] == "visit-ada: meet Ada · 90 min"
    assert " ".join(lines[1:]) == "only when ada_calls >= 1 and ada_visits < 1"
    assert all(len(line) <= 40 for line in lines)


def test_locked_choices_and_timeouts_are_drawn_apart_in_both_formats() -> None:
    scenario = two_days()
    drawn_dot = dot(scenario)
    assert re.search(r's_day2_visit -> e_won \[label="meet Ann Park[^]]*style=dashed\]', drawn_dot)
    assert re.search(r"s_day2_visit -> t_day2_visit \[[^]]*style=dotted, arrowhead=tee", drawn_dot)
    assert "{rank=same; s_day2_visit; t_day2_visit}" in drawn_dot  # the mark sits beside it
    drawn = mermaid(scenario)
    links = [
        line.strip()
        for line in drawn.splitlines()
        if re.match(r"\s+\w+ (-->|-\.->|---|-\.-)", line)
    ]
    locked = [number for number, link in enumerate(links) if "-.->" in link]
    assert locked and f"linkStyle {','.join(map(str, locked))} stroke-dasharray:6 4" in drawn
    assert 's_day2_visit["Day 2 - the visit<br>(may run out of time)"]' in drawn
    assert "class s_day2_visit timeout" in drawn
    assert "t_day2_visit" not in drawn  # Mermaid says it in the scene's box instead


def test_a_loop_goes_through_a_note_in_mermaid() -> None:
    drawn = mermaid(two_days())
    assert "s_day1_morning --- l_s_day1_morning" in drawn
    assert "l_s_day1_morning --> s_day1_morning" in drawn
    assert "s_day1_morning -->|" not in drawn.split("l_s_day1_morning -->")[0].split("start -->")[1]


def test_the_map_has_a_title_in_both_formats() -> None:
    scenario = two_days()
    assert mermaid(scenario).startswith('---\ntitle: "Two \\"Days\\" <of> #selling & more"\n')
    assert "<B>Two &quot;" not in dot(scenario)  # HTML-like labels keep quotes as they are
    assert '<B>Two "Days" &lt;of&gt; #selling &amp; more</B>' in dot(scenario)
    assert "Two #quot;Days#quot; #lt;of#gt; #35;selling & more" in mermaid(scenario)


def chain_of(scenes: int) -> str:
    """A scenario whose scenes follow one another, two choices each, the last to an ending."""
    names = [f"item{number}" for number in range(1, scenes + 1)]
    listed = "".join(
        f"""
      {name}:
        title: {name}
        text: T
        choices:
          - {{channel: email, label: A, goto: {following}}}
          - {{channel: call, label: B, goto: {following}}}"""
        for name, following in zip(names, [*names[1:], "done"], strict=True)
    )
    return (
        dedent(
            """
        format: cold-to-gold/1
        id: chain
        title: A chain
        time_budget: 500
        people: [{id: ann, name: Ann Lee}]
        start: item1
        scenes:"""
        )
        + listed
        + "\nendings:\n  done: {title: Done, text: D, outcome: won}\n"
    )


def test_a_long_chain_of_scenes_is_folded_into_two_columns() -> None:
    text = dot(load_text(chain_of(8), "chain.yaml"))
    rows = re.findall(r"\{rank=same; (\w+); (\w+)\}", text)
    assert rows == [(f"s_item{n}", f"s_item{n + 4}") for n in range(1, 5)]
    unconstrained = re.findall(r"(\w+) -> (\w+) \[constraint=false", text)
    assert unconstrained == [("s_item4", "s_item5")]  # the arrow up to the second column
    assert "constraint" not in dot(load_text(chain_of(5), "chain.yaml"))  # short: one column
    assert "constraint" not in dot(two_days())  # not a chain


def test_scenes_are_grouped_by_the_days_the_scenario_names() -> None:
    scenario = two_days()
    assert [(group.label, group.scenes) for group in scene_groups(scenario)] == [
        ("Day 1", ("day1_morning",)),
        ("Day 2", ("day2_visit",)),
    ]
    assert 'subgraph cluster_1 { label="Day 1";' in dot(scenario)
    assert '  subgraph g_2 ["Day 2"]\n    s_day2_visit[' in mermaid(scenario)
    assert 'label="Endings"' in dot(scenario)


@pytest.mark.parametrize(
    ("scene_id", "title", "part"),
    [
        ("a", "Day 2: the follow-up", "Day 2"),
        ("a", "Act II - the pitch", "Act II"),
        ("a", "Monday, nine o'clock", "Monday"),
        ("day1_call", "A call", "Day 1"),
        ("act-3-close", "The close", "Act 3"),
        ("friday", "Friday afternoon", "Friday"),  # from the id; the title alone would not say
        ("a", "Friday afternoon", None),  # a weekday with no separator is just a title
        ("a", "Daylight", None),
        ("days_end", "The end", None),
    ],
)
def test_part_of_reads_days_and_acts_from_titles_and_ids(scene_id, title, part) -> None:
    assert part_of(scene_id, title) == part


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_bundled_scenarios_name_no_parts_so_only_the_endings_are_grouped(path: Path) -> None:
    drawn = branch_map(load_scenario(path))
    assert [group.label for group in drawn.groups] == ["Endings"]


def test_graph_shapes_endings_by_outcome_and_fades_what_no_run_reaches() -> None:
    text = CONTRACT_EXAMPLE.read_text().replace(
        "endings:", "  island:\n    title: Island\n    text: I\n"
        "    choices: [{channel: meet, label: M, goto: gold}]\nendings:"
    )  # fmt: skip
    scenario = load_text(text, "x.yaml")
    drawn = mermaid(scenario)
    assert 'e_gold(["From cold to gold<br>(won)"])' in drawn
    assert 'e_out_of_time{{"The week ran out<br>(lost, out of time)"}}' in drawn
    assert "class s_island unreachable" in drawn
    assert 's_island [label="Island", shape="box", style="rounded,dashed", color="gray"' in dot(
        scenario
    )


# --- the command ----------------------------------------------------------------


def test_graph_command_writes_markdown_with_a_mermaid_fence(tmp_path: Path, capsys) -> None:
    target = tmp_path / "map.md"
    assert main(["graph", str(CONTRACT_EXAMPLE), "--output", str(target)]) == 0
    text = target.read_text()
    assert text.startswith('# The First Call\n\n```mermaid\n---\ntitle: "The First Call"\n')
    assert main(["graph", "first-steps", "--format", "dot"]) == 0
    assert capsys.readouterr().out.count("digraph") == 1


@pytest.fixture
def fake_graphviz(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Graphviz replaced by a recorder: the command's plumbing, on machines without it."""
    calls: list[tuple[str, str]] = []

    def render(dot_text: str, picture: str) -> bytes:
        calls.append((dot_text, picture))
        return b"<svg/>" if picture == "svg" else b"\x89PNG"

    monkeypatch.setattr(render_module, "render", render)
    return calls


def test_graph_picks_the_picture_format_from_the_output_suffix(
    tmp_path: Path, capsys, fake_graphviz
) -> None:
    assert main(["graph", "first-steps", "--output", str(tmp_path / "map.svg")]) == 0
    assert main(["graph", "first-steps", "--output", str(tmp_path / "map.png")]) == 0
    assert main(["graph", "first-steps", "--output", str(tmp_path / "map.gv")]) == 0
    assert [picture for _, picture in fake_graphviz] == ["svg", "png"]
    assert fake_graphviz[0][0].startswith('digraph "first-steps"')
    assert (tmp_path / "map.svg").read_bytes() == b"<svg/>"
    assert (tmp_path / "map.png").read_bytes() == b"\x89PNG"
    assert (tmp_path / "map.gv").read_text().startswith("digraph")
    assert main(["graph", "first-steps", "--format", "svg"]) == 0
    assert capsys.readouterr().out.endswith("<svg/>")


def test_graph_without_graphviz_says_how_to_get_it(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` anywhere
    target = tmp_path / "map.svg"
    assert main(["graph", "first-steps", "--output", str(target)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert "needs Graphviz's `dot` program: install Graphviz" in error
    assert "or use --format dot or mermaid" in error
    assert not target.exists()


def test_a_png_is_not_printed_on_a_terminal(monkeypatch, capsys, fake_graphviz) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    with pytest.raises(SystemExit) as caught:
        main(["graph", "first-steps", "--format", "png"])
    assert caught.value.code == 2
    assert "give --output FILE" in capsys.readouterr().err
    assert fake_graphviz == []


def test_graphviz_failing_is_one_clear_line(monkeypatch, capsys, tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["graph", "first-steps", "--format", "svg"]) == 1
    assert capsys.readouterr().err == (
        "cold-to-gold: Graphviz failed: Error: syntax error in line 1\n"
    )

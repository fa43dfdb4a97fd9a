"""Property tests: whatever a mutated scenario looks like, validation never raises.

Every outcome is either a valid scenario (which then plays and scores) or a
list of located errors.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CONTRACT_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cold_to_gold.engine import Run, SearchTooLarge, find_best
from cold_to_gold.library.load import load_text
from cold_to_gold.scenario import ScenarioInvalid

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [CONTRACT_EXAMPLE.read_text()] + [
    path.read_text() for path in sorted((ROOT / "scenarios").glob("*.yaml"))
]
# Hundreds of mutated scenarios, each validated and searched: in the slow set (`pytest -m slow`).
pytestmark = pytest.mark.slow

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_BITS = st.sampled_from(
    [":", "- ", "{", "}", "[", "]", "&a ", "*a", "<<: ", "!!", "#", "'", '"', "\n", "  ", "\t",
     "~", "null", "true", "-1", "0.5", "1e9", "goto: ", "when: ", "trust >= ", "out_of_time",
     "\x00", "\x07", "é", "|\n", ">-\n", "---\n", "..."]
)  # fmt: skip


def check(text: str) -> None:
    """The property: a valid scenario that plays, or located errors; nothing else."""
    try:
        scenario = load_text(text, "m.yaml")
    except ScenarioInvalid as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message.strip()
            assert str(problem).startswith("m.yaml:")
        return
    run = Run(scenario)
    for _ in range(50):
        options = [option for option in run.options() if option.available]
        if run.finished or not options:
            break
        run.choose(options[0].choice.id)
    with contextlib.suppress(SearchTooLarge):
        find_best(scenario, limit=20_000)


@SETTINGS
@given(
    source=st.sampled_from(SOURCES),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 12), st.one_of(YAML_BITS, st.text(max_size=6))),
        min_size=1,
        max_size=4,
    ),
)
def test_text_mutations_never_crash(source: str, edits: list[tuple[float, int, str]]) -> None:
    text = source
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    check(text)


@SETTINGS
@given(
    source=st.sampled_from(SOURCES),
    picks=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=3),
)
def test_line_shuffles_never_crash(source: str, picks: list[tuple[float, float]]) -> None:
    lines = source.splitlines(keepends=True)
    for a, b in picks:
        i, j = int(a * (len(lines) - 1)), int(b * (len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        if a < 0.3:
            del lines[i]
        elif a > 0.7:
            lines.insert(j, lines[i])
    check("".join(lines))


REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.decimals(-10, 10, places=2).map(float),
    st.text(max_size=12),
    st.sampled_from(["call", "meet", "post", "email", "gold", "out_of_time", "trust >= 2", "dana"]),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(
        st.sampled_from(["trust", "title", "goto", "x"]), st.integers(0, 3), max_size=2
    ),
)


def paths_in(tree: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += paths_in(value, (*prefix, index))
    return found


@SETTINGS
@given(
    source=st.sampled_from(SOURCES),
    changes=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(["replace", "delete", "rename"]), REPLACEMENTS),
        min_size=1,
        max_size=3,
    ),
)
def test_tree_mutations_never_crash(source: str, changes: list[tuple[float, str, Any]]) -> None:
    tree = yaml.safe_load(source)
    for where, action, value in changes:
        places = [path for path in paths_in(tree) if path]
        path = places[int(where * (len(places) - 1))]
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if action == "replace":
            parent[last] = value
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[str(value) + "x"] = parent.pop(last)
    check(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False))
